// `warganet account erase`: a resident's erasure request from the CLI, through the same service as the admin
// web's: asks first, then leaves only aggregates (daily usage, session totals) and an `account.erase` audit row.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createStores } from '../db/stores/index.js';
import { createServices } from '../src/compose.js';
import { Keyring } from '../src/services/keyring.js';
import { type ResidentVillage, seedResidentVillage } from './fixtures/admin-residents.js';
import { cli, TEST_SECRET_KEY } from './support/cli.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';

describe.each(databaseKinds)('warganet account erase (%s)', (kind) => {
  let t: TestDatabase;
  let v: ResidentVillage;
  beforeEach(async () => {
    t = await createTestDatabase(kind);
    const keyring = await Keyring.fromHex(TEST_SECRET_KEY);
    const services = createServices({
      stores: createStores(t.db),
      keyring,
      now: Date.now,
      villageCode: '35.23.12.2002',
      timeZone: 'Asia/Jakarta',
    });
    v = await seedResidentVillage(t, services, keyring, Date.now());
  });
  afterEach(async () => {
    await t.close();
  });
  const run = (args: string[], stdin?: string) => cli({ dataDir: t.dir, databaseUrl: t.url }, args, stdin);

  it('asks, then erases everything that names the resident, keeping the aggregates', async () => {
    const declined = await run(['account', 'erase', v.nik.head], 'tidak\n');
    expect(declined.code).toBe(8);
    expect(await t.db.selectFrom('devices').selectAll().execute()).toHaveLength(2);
    const r = await run(['account', 'erase', v.nik.head, '--json'], 'ya\n');
    expect(r.code).toBe(0);
    const out = JSON.parse(r.stdout.slice(r.stdout.indexOf('{')));
    expect(out).toMatchObject({ devices: 2, sessions_scrubbed: 2, auth_log_scrubbed: 2 });
    expect(r.stdout).not.toContain(v.nik.head);
    expect(await t.db.selectFrom('devices').selectAll().execute()).toEqual([]);
    const sessions = await t.db.selectFrom('sessions').select(['mac', 'framed_ip', 'device_id']).execute();
    expect(sessions).toEqual([
      { mac: null, framed_ip: null, device_id: null },
      { mac: null, framed_ip: null, device_id: null },
    ]);
    expect(await t.db.selectFrom('usage_daily').selectAll().execute()).toHaveLength(2);
    const audit = await t.db
      .selectFrom('audit_log')
      .select(['action', 'actor'])
      .where('action', '=', 'account.erase')
      .execute();
    expect(audit).toEqual([{ action: 'account.erase', actor: 'cli' }]);
    const again = await run(['account', 'erase', v.nik.head, '--yes']);
    expect(again.code).not.toBe(0);
  });
});
