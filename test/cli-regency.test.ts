// `warganet regency join|status|push|leave` as an operator types them, against a fake Worker, on both databases:
// a URL that does not answer is one clear line and saves nothing; the token can come from stdin; status and
// push speak JSON for scripts; leave forgets the link.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { type FakeWorker, startFakeWorker } from './support/fake-regency-worker.js';

const VILLAGE = '3523122002';
const TOKEN = 'cli-village-token-0123456789';

describe.each(databaseKinds)('warganet regency (%s)', (kind) => {
  let t: TestDatabase;
  let worker: FakeWorker;
  beforeAll(async () => {
    t = await createTestDatabase(kind);
    worker = await startFakeWorker({ tokens: { [VILLAGE]: TOKEN }, now: Date.now });
  });
  afterAll(async () => {
    await worker?.stop();
    await t?.close();
  });
  const run = (args: string[], stdin?: string) =>
    cli({ dataDir: t.dir, databaseUrl: t.url, env: { WARGANET_VILLAGE_CODE: '35.23.12.2002' } }, args, stdin);

  it('refuses a URL that does not answer or a wrong token with one line, and saves nothing', async () => {
    const down = await run(['regency', 'join', 'http://127.0.0.1:9', TOKEN]);
    expect(down.code).toBe(7);
    expect(down.stderr).toMatch(
      /^warganet: server kabupaten di http:\/\/127\.0\.0\.1:9 tidak menerima kiriman/,
    );
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    const wrong = await run(['regency', 'join', worker.url, 'another-token-0123456789']);
    expect(wrong.code).toBe(7);
    expect(wrong.stderr).toContain('HTTP 401');
    const bad = await run(['regency', 'join', 'ftp://x', TOKEN]);
    expect(bad.code).toBe(1);
    const status = await run(['regency', 'status', '--json']);
    expect(JSON.parse(status.stdout)).toEqual({ joined: false, waitingDays: 0 });
  });

  it('joins with the token from stdin, then shows the status, pushes and leaves', async () => {
    const joined = await run(['regency', 'join', worker.url, '-', '--json'], `${TOKEN}\n`);
    expect(joined.stderr).toBe('');
    expect(JSON.parse(joined.stdout)).toEqual({
      joined: true,
      url: worker.url,
      village: VILLAGE,
      checked: true,
    });

    const pushed = await run(['regency', 'push', '--json']);
    expect(pushed.code).toBe(0);
    const result = JSON.parse(pushed.stdout);
    expect(result).toMatchObject({ today: true, waiting: 0 });
    expect(result.sent).toHaveLength(1); // yesterday, closed at the first push

    const status = JSON.parse((await run(['regency', 'status', '--json'])).stdout);
    expect(status).toMatchObject({ joined: true, url: worker.url, village: VILLAGE, waitingDays: 0 });
    expect(status.lastSuccessAt).toBeGreaterThan(0);
    const text = await run(['regency', 'status']);
    expect(text.stdout).toContain(`Server kabupaten: ${worker.url}`);
    expect(text.stdout).toContain('Hari menunggu kiriman: 0');
    expect(text.stdout).not.toContain(TOKEN);

    await worker.stop();
    const failed = await run(['regency', 'push']);
    expect(failed.code).toBe(7);
    expect(failed.stdout).toContain('Gagal: tidak terhubung');
    const after = await run(['regency', 'status']);
    expect(after.stdout).toMatch(/Galat terakhir .*tidak terhubung/);
    await worker.start();

    expect(JSON.parse((await run(['regency', 'leave', '--json'])).stdout)).toEqual({ left: true });
    expect((await run(['regency', 'status'])).stdout).toContain('Belum terhubung');
  });
});
