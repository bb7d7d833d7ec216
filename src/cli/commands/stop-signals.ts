// When the server should stop: SIGTERM or SIGINT (systemd, Ctrl-C, `kill`), or, when a package manager's script
// started it (`npm start`), that wrapper going away: a wrapper killed without passing the signal on would otherwise
// leave the server running, orphaned, holding its ports. Started any other way (systemd, `nohup warganet start &`
// from a shell that then exits) the parent may go and the server stays. A second signal while stopping ends at once.

/** How often the parent is checked; orphaned servers stop within this long. */
const PARENT_CHECK_MS = 1000;

export type StopReason = 'SIGTERM' | 'SIGINT' | 'parent-exited';

/** Run by an npm/pnpm/yarn script: they set npm_lifecycle_event for the scripts they run. */
export const startedByPackageManager = (env: NodeJS.ProcessEnv = process.env) =>
  env.npm_lifecycle_event !== undefined;

export function untilStopRequested(
  opts: { parentPid?: number; watchParent?: boolean } = {},
): Promise<StopReason> {
  const parentPid = opts.parentPid ?? process.ppid;
  const watchParent = opts.watchParent ?? startedByPackageManager();
  return new Promise((resolve) => {
    let timer: NodeJS.Timeout | undefined;
    const stop = (reason: StopReason) => {
      if (timer) clearInterval(timer);
      process.removeListener('SIGTERM', onTerm);
      process.removeListener('SIGINT', onInt);
      // Stopping waits for open connections and the database; a second signal means "now".
      const force = (signal: NodeJS.Signals) => process.exit(signal === 'SIGINT' ? 130 : 143);
      process.once('SIGTERM', force);
      process.once('SIGINT', force);
      resolve(reason);
    };
    const onTerm = () => stop('SIGTERM');
    const onInt = () => stop('SIGINT');
    process.once('SIGTERM', onTerm);
    process.once('SIGINT', onInt);
    // Started by init (pid 1: systemd, a container) there is no wrapper to outlive.
    if (watchParent && parentPid > 1) {
      timer = setInterval(() => {
        if (!isAlive(parentPid)) stop('parent-exited');
      }, PARENT_CHECK_MS);
      timer.unref();
    }
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: it exists but belongs to someone else (the pid was reused): not our parent any more either,
    // but a live process all the same; only ESRCH says for sure it is gone.
    return (err as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
