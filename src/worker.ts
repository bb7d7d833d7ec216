// Workers composition root: the regency view on Cloudflare Workers with D1. Builds the regency services over D1
// (through kysely-d1; atomic writes through D1's batch()), serves the Hono app, and runs the cron. It reaches no
// `node:` module and none of the village node's Node-only parts (test/worker-bundle.test.ts checks the bundle).
import type { ExecutionContext } from 'hono';
import { Kysely } from 'kysely';
import type { D1DialectConfig } from 'kysely-d1';
import { type D1Like, d1AtomicWrites } from '../db/atomic-writes.js';
import { countingD1 } from '../db/d1-counter.js';
import { RegencyD1Dialect } from '../db/d1-dialect.js';
import type { RegencyDatabase } from '../db/regency-schema.js';
import { createRegencyIngestStore } from '../db/stores/regency-ingest-store.js';
import { createRegencyOfficialStore } from '../db/stores/regency-official-store.js';
import { createRegencyReadStore } from '../db/stores/regency-read-store.js';
import { createRegencyApp } from './reports/regency/regency-app.js';
import { createAccessService } from './services/regency/regency-access.js';
import { createIngestService } from './services/regency/regency-ingest.js';
import { createRegencyMaintenance } from './services/regency/regency-maintenance.js';
import { createRegencyViewService } from './services/regency/regency-view.js';

/** The D1 binding, as much of it as this code uses (the Workers' global types stay out of the Node typecheck). */
export type D1Binding = D1Like;

export interface WorkerEnv {
  readonly DB: D1Binding;
  /** Bearer token of the regency admin (wrangler secret put WARGANET_REGENCY_ADMIN_TOKEN). */
  readonly WARGANET_REGENCY_ADMIN_TOKEN?: string;
  /** Key the village tokens are derived from (wrangler secret put WARGANET_REGENCY_TOKEN_SECRET). */
  readonly WARGANET_REGENCY_TOKEN_SECRET?: string;
  /** e.g. "Kabupaten Tuban" (a [vars] entry). */
  readonly WARGANET_REGENCY_NAME?: string;
  readonly WARGANET_TZ?: string;
}

/** The regency services over one request's D1 binding (counted, for the X-D1-Statements header). */
export function composeRegency(env: WorkerEnv, now: () => number = Date.now) {
  const adminToken = env.WARGANET_REGENCY_ADMIN_TOKEN ?? '';
  const tokenSecret = env.WARGANET_REGENCY_TOKEN_SECRET ?? '';
  if (tokenSecret.length < 32) throw new Error('WARGANET_REGENCY_TOKEN_SECRET must be set (32+ characters)');
  const counted = countingD1(env.DB);
  const db = new Kysely<RegencyDatabase>({
    dialect: new RegencyD1Dialect({ database: counted.d1 as unknown as D1DialectConfig['database'] }),
  });
  const villages = createRegencyIngestStore(db, d1AtomicWrites(counted.d1));
  const officials = createRegencyOfficialStore(db);
  const timeZone = env.WARGANET_TZ || 'Asia/Jakarta';
  return {
    ingest: createIngestService({ store: villages, tokenSecret, now }),
    access: createAccessService({ villages, officials, adminToken, tokenSecret, now }),
    view: createRegencyViewService({ store: createRegencyReadStore(db), now, timeZone }),
    maintenance: createRegencyMaintenance({ store: villages, now, timeZone }),
    regencyName: env.WARGANET_REGENCY_NAME || 'Kabupaten',
    timeZone,
    now,
    statements: counted.count,
  };
}

export default {
  async fetch(request: Request, env: WorkerEnv, ctx: ExecutionContext) {
    // One set of services per request: D1 bindings and the statement count belong to the request.
    return createRegencyApp(composeRegency(env)).fetch(request, env, ctx);
  },
  async scheduled(_controller: unknown, env: WorkerEnv, ctx: ExecutionContext) {
    ctx.waitUntil(composeRegency(env).maintenance.run());
  },
};
