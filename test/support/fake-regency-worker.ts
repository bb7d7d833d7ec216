// A stand-in for the regency Worker in the village node's tests: a Hono app on 127.0.0.1 that checks what the
// real one checks (signature with verifyIngest, clock skew, a replayed nonce, the wire schema, personal data,
// the token's village) and keeps days idempotently by (village, day): a resend changes nothing, a later
// computedAt replaces. It can be stopped and started again on the same port (an uplink cut), and made to store
// a send but answer 500 (the answer lost on the way back).

import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import {
  INGEST_HEADERS,
  MAX_CLOCK_SKEW_S,
  personalDataIn,
  type RegencyDay,
  regencyPayloadSchema,
} from '../../src/domain/regency-payload.js';
import { verifyIngest } from '../../src/services/regency/ingest-signature.js';

export type DayStatus = 'stored' | 'replaced' | 'unchanged' | 'stale';

export interface FakeWorker {
  readonly url: string;
  /** Raw bodies of every request that reached the ingest (accepted or not). */
  readonly bodies: string[];
  /** Days kept, by `village/day`. */
  readonly days: Map<string, RegencyDay>;
  /** Every day's answer, in order. */
  readonly answers: Array<{ day: string; status: DayStatus }>;
  /** Answers refused, with the status code. */
  readonly refusals: Array<{ status: number; reason: string }>;
  /** Store the next N sends but answer 500. */
  loseAnswers: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startFakeWorker(opts: {
  tokens: Record<string, string>;
  /** Epoch ms of the Worker's clock (the test's clock). */
  now: () => number;
}): Promise<FakeWorker> {
  const seenNonces = new Set<string>();
  const worker: FakeWorker = {
    url: '',
    bodies: [],
    days: new Map(),
    answers: [],
    refusals: [],
    loseAnswers: 0,
    stop: async () => {},
    start: async () => {},
  };
  const refuse = (status: number, reason: string) => {
    worker.refusals.push({ status, reason });
    return new Response(JSON.stringify({ error: reason }), { status });
  };

  const app = new Hono();
  app.post('/api/v1/ingest', async (c) => {
    const body = await c.req.text();
    worker.bodies.push(body);
    const village = c.req.header(INGEST_HEADERS.village) ?? '';
    const timestamp = Number(c.req.header(INGEST_HEADERS.timestamp));
    const nonce = c.req.header(INGEST_HEADERS.nonce) ?? '';
    const signature = c.req.header(INGEST_HEADERS.signature) ?? '';
    const token = opts.tokens[village];
    if (!token) return refuse(401, 'unknown village');
    if (!Number.isFinite(timestamp) || Math.abs(opts.now() / 1000 - timestamp) > MAX_CLOCK_SKEW_S)
      return refuse(401, 'clock skew');
    if (!(await verifyIngest(token, timestamp, nonce, body, signature))) return refuse(401, 'bad signature');
    if (seenNonces.has(nonce)) return refuse(409, 'replayed nonce');
    seenNonces.add(nonce);
    const parsed = regencyPayloadSchema.safeParse(JSON.parse(body));
    if (!parsed.success) return refuse(422, parsed.error.issues[0]?.path.join('.') ?? 'schema');
    const personal = personalDataIn(parsed.data);
    if (personal.length > 0) return refuse(422, personal.join(','));
    if (parsed.data.village !== village) return refuse(403, 'village mismatch');
    const out: Array<{ day: string; status: DayStatus }> = [];
    for (const day of parsed.data.days) {
      const key = `${village}/${day.day}`;
      const had = worker.days.get(key);
      let status: DayStatus;
      if (!had) status = 'stored';
      else if (JSON.stringify(had) === JSON.stringify(day)) status = 'unchanged';
      else if (Date.parse(day.computedAt) > Date.parse(had.computedAt)) status = 'replaced';
      else status = 'stale';
      if (status === 'stored' || status === 'replaced') worker.days.set(key, day);
      out.push({ day: day.day, status });
    }
    worker.answers.push(...out);
    if (worker.loseAnswers > 0) {
      worker.loseAnswers--;
      return c.json({ error: 'lost' }, 500);
    }
    return c.json({ days: out });
  });

  let server: Server | undefined;
  let port = 0;
  worker.start = async () => {
    server = await new Promise<Server>((resolve) => {
      const s = serve({ fetch: app.fetch, port, hostname: '127.0.0.1' }, () =>
        resolve(s as Server),
      ) as Server;
    });
    port = (server.address() as AddressInfo).port;
    (worker as { url: string }).url = `http://127.0.0.1:${port}`;
  };
  worker.stop = async () => {
    const s = server;
    server = undefined;
    if (!s) return;
    s.closeAllConnections();
    await new Promise<void>((resolve) => s.close(() => resolve()));
  };
  await worker.start();
  return worker;
}
