// One way for the admin web to end the live sessions of access it takes away (suspend, remove a device, take an
// account back, erase, a plan change): the router work port's disconnectors where the runtime has one (RADIUS
// Disconnect first, then the RouterOS API for a router whose /radius incoming is off; the same list the sessions
// page's kick and the CLI use), and the services' own list where it has none (Workers).
import type { LiveSessionControl } from '../services/radius/live-sessions.js';
import type { AdminDeps } from './admin-deps.js';

/** Runs `work` with the disconnectors; the RouterOS connections it opened are closed after it. */
export function withDisconnectors<T>(
  deps: AdminDeps,
  work: (disconnectors: readonly LiveSessionControl[]) => Promise<T>,
): Promise<T> {
  const routerWork = deps.routerWork;
  return routerWork ? routerWork((ops) => work(ops.disconnectors)) : work(deps.services.liveSessionControls);
}

type Lifecycle = AdminDeps['services']['accountLifecycle'];

/**
 * The account lifecycle with every call's operator context (its last argument) given those disconnectors, so a
 * route cannot forget them: pages and API call this instead of the service itself.
 */
export function sessionEndingLifecycle(deps: AdminDeps): Lifecycle {
  const lifecycle = deps.services.accountLifecycle;
  const wrapped: Record<string, unknown> = {};
  for (const [name, member] of Object.entries(lifecycle)) {
    if (typeof member !== 'function') continue;
    const fn = member as (...args: unknown[]) => Promise<unknown>;
    wrapped[name] = (...args: unknown[]) => {
      const op = args.at(-1) as { actor?: unknown } | undefined;
      if (!op || typeof op !== 'object' || typeof op.actor !== 'string') return fn(...args);
      return withDisconnectors(deps, (disconnectors) => fn(...args.slice(0, -1), { ...op, disconnectors }));
    };
  }
  return wrapped as Lifecycle;
}
