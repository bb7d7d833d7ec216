// Lazily opens the application for a command, so `--help` and argument errors never touch the database.
import { type AppContext, openAppContext } from '../app-context.js';
import { type Config, parseConfig } from '../config.js';
import { createLogger } from '../logger.js';
import { printableText } from './format.js';
import { CliError, type CliIO } from './io.js';

export interface CliContext {
  readonly io: CliIO;
  config(): Config;
  /** Opens the application; only `create` (migrate, init) may make a new data directory and database. */
  open(opts?: { create?: boolean }): Promise<AppContext>;
  /** `--data-dir`: overrides WARGANET_DATA_DIR for this run. */
  setDataDir(dir: string): void;
  /** Prints a line (or JSON when `json` is set) to stdout. */
  print(text: string): void;
  printJson(value: unknown): void;
  close(): Promise<void>;
}

export function createCliContext(io: CliIO): CliContext {
  let config: Config | undefined;
  let app: Promise<AppContext> | undefined;
  let dataDir: string | undefined;
  const ctx: CliContext = {
    io,
    config() {
      if (config) return config;
      const parsed = parseConfig(dataDir === undefined ? io.env : { ...io.env, WARGANET_DATA_DIR: dataDir });
      if (!parsed.ok) throw new CliError(`konfigurasi tidak valid:\n  ${parsed.errors.join('\n  ')}`);
      config = parsed.config;
      return config;
    },
    open(opts = {}) {
      if (!app) {
        const cfg = ctx.config();
        // A command speaks to the operator in its own words; the JSON log is the server's (`start`). It can be
        // turned on for a command that needs looking into.
        const level = io.env.WARGANET_CLI_LOG_LEVEL ?? 'silent';
        app = openAppContext(cfg, createLogger(level), {
          create: opts.create === true,
        });
      }
      return app;
    },
    setDataDir(dir) {
      dataDir = dir;
      config = undefined;
    },
    print(text) {
      io.stdout.write(`${printableText(text)}\n`);
    },
    printJson(value) {
      io.stdout.write(`${JSON.stringify(value, null, 2)}\n`);
    },
    async close() {
      if (app) await (await app).close();
    },
  };
  return ctx;
}
