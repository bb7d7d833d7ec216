// Finding 2 against real peers: a phone behind the virtual MikroTik hotspot registers on the portal (HTTP through
// the hotspot, as its browser would), with the `mac` in the link and the form changed to another phone's. The
// login page's ticket goes to the router, the router sends its own Access-Request over UDP, and our RADIUS
// server binds the MAC the router reports: the phone that is really there, never the one the form named.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { VirtualHotspot } from '../src/sim/hotspot-server.js';
import { makeKk, makeNik } from './fixtures/roster.js';
import { createTestDatabase, databaseKinds, type TestDatabase } from './support/databases.js';
import { seedPlan, seedRosterResident, seedRouter, testKeyring } from './support/radius-fixtures.js';
import {
  phoneBrowser as browser,
  hiddenFields as fields,
  type HotspotVillage,
  PORTAL_HOST,
  startHotspotVillage,
} from './support/virtual-hotspot.js';

const SECRET = 'rahasia-radius-desa';
const ATTACKER = { mac: '5C:1A:2B:00:40:01', ip: '10.5.50.41' };
const VICTIM_MAC = '5C:1A:2B:00:40:02';
const PERSON = { nik: makeNik('1990-05-05', 1, 141), kk: makeKk(541), pin: '730164' };

describe.each(databaseKinds)('a ticket binds the phone the router reports (%s)', (kind) => {
  let tdb: TestDatabase;
  let village: HotspotVillage;
  let hotspot: VirtualHotspot;

  beforeAll(async () => {
    tdb = await createTestDatabase(kind);
    const keyring = await testKeyring();
    await seedRouter(tdb.db, keyring, { nasIp: '127.0.0.1', secret: SECRET, hotspotAddress: '10.5.50.1' });
    await seedPlan(tdb.db, { is_default: 1 });
    await seedRosterResident(tdb.db, keyring, PERSON);
    village = await startHotspotVillage(tdb, { secret: SECRET, loginPages: 'fetch' });
    ({ hotspot } = village);
  });
  afterAll(async () => {
    await village?.stop();
    await tdb?.close();
  });

  it("registers naming another phone's MAC, and the router's Access-Request binds the phone that is there", async () => {
    const phone = browser((await hotspot.addClient(ATTACKER)).proxyUrl);
    // The router's login page hands the browser to the portal with its variables; the MAC is rewritten.
    const routerPage = await phone('http://10.5.50.1/login?dst=http%3A%2F%2Fexample.com%2F');
    const hs: Record<string, string> = { ...fields(routerPage.body), mac: VICTIM_MAC };
    expect(hs['link-login-only']).toBe('http://10.5.50.1/login');
    expect(hs['chap-challenge']).toMatch(/^(\\[0-7]{3}){16}$/);
    const form = await phone(`http://${PORTAL_HOST}/daftar?${new URLSearchParams(hs)}`);
    const csrf = /name="csrf" value="([^"]+)"/.exec(form.body)![1]!;
    const login = await phone(`http://${PORTAL_HOST}/daftar`, {
      ...hs,
      csrf,
      nik: PERSON.nik,
      kk: PERSON.kk,
      pin: PERSON.pin,
      pin2: PERSON.pin,
      consent: '1',
      label: 'HP saya',
    });
    expect(login.body).toContain('<form id="login" method="post" action="http://10.5.50.1/login">');
    const posted = fields(login.body);
    expect(posted.username).toMatch(/^wt-/);
    expect(await tdb.db.selectFrom('devices').select('mac').execute()).toEqual([]);

    // What the page's script does: post the ticket to the router, which asks RADIUS.
    const done = await phone('http://10.5.50.1/login', {
      username: posted.username!,
      password: posted.password!,
      dst: posted.dst!,
    });
    expect(done.body).toContain('HP Anda sudah terhubung');
    expect(hotspot.accessRequests.at(-1)).toMatchObject({ userName: posted.username, outcome: 'accept' });
    expect(hotspot.activeFor(ATTACKER.mac)).toMatchObject({ loginBy: 'http-chap' });
    const devices = await tdb.db.selectFrom('devices').select(['mac', 'label']).execute();
    expect(devices).toEqual([{ mac: ATTACKER.mac, label: 'HP saya' }]);
  });
});
