// Rows the RADIUS tests and benchmark need, inserted directly (the plan/router/account/device services belong
// to other modules): a router with its encrypted secret, plans, residents, accounts and devices.
import { randomBytes } from 'node:crypto';
import type { Insertable, Kysely } from 'kysely';
import type { Database, PlanTable } from '../../db/schema.js';
import { AcctStatusType, Attr, Code, VENDOR_MIKROTIK } from '../../radius/dictionary.js';
import { int, ip, type OutAttribute, str, vsaString } from '../../radius/packet.js';
import {
  chapResponse,
  encodeAccessRequest,
  encodeSignedRequest,
  encryptPapPassword,
} from '../../radius/signing.js';
import type { AccountingRecord } from '../../src/domain/accounting-session.js';
import { Keyring } from '../../src/services/keyring.js';
import type { AccountingOp } from '../../src/services/radius/accounting.js';
import { TEST_SECRET_KEY } from './cli.js';

export const testKeyring = () => Keyring.fromHex(TEST_SECRET_KEY);

/**
 * An accounting record as the RADIUS server hands it to the accounting service, for tests that submit records
 * straight to the service: what they do not set (MAC, framed IP, NAS port, Class, device, terminate cause) is null.
 */
export const accountingRecord = (
  r: Pick<
    AccountingRecord,
    | 'routerId'
    | 'acctSessionId'
    | 'status'
    | 'at'
    | 'username'
    | 'inputBytes'
    | 'outputBytes'
    | 'sessionTimeS'
  > &
    Partial<AccountingRecord>,
): AccountingOp => ({
  kind: 'record',
  record: {
    mac: null,
    framedIp: null,
    nasPort: null,
    className: null,
    deviceId: null,
    terminateCause: null,
    ...r,
  },
});

const T0 = Date.UTC(2026, 10, 1);

export async function seedRouter(
  db: Kysely<Database>,
  keyring: Keyring,
  opts: {
    name?: string;
    nasIp?: string;
    secret?: string;
    requireMessageAuth?: boolean;
    /** Where its hotspot's login pages are (the portal posts logins only there). */
    hotspotAddress?: string;
  } = {},
): Promise<number> {
  const r = await db
    .insertInto('routers')
    .values({
      name: opts.name ?? 'balai-desa',
      nas_ip: opts.nasIp ?? '127.0.0.1',
      radius_secret_enc: await keyring.encrypt(opts.secret ?? 'testing123'),
      require_message_auth: opts.requireMessageAuth === false ? 0 : 1,
      hotspot_address: opts.hotspotAddress ?? null,
      created_at: T0,
      updated_at: T0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/**
 * A roster resident who can register on the portal with this NIK and KK (as the roster import stores them: blind
 * indexes, masked numbers); `active: false` is one who left the roster (status_dasar 3).
 */
export async function seedRosterResident(
  db: Kysely<Database>,
  keyring: Keyring,
  person: { nik: string; kk: string; active?: boolean },
): Promise<void> {
  const active = person.active ?? true;
  await db
    .insertInto('residents')
    .values({
      nik_index: await keyring.blindIndex('nik', person.nik),
      nik_masked: '3523**********00',
      kk_index: await keyring.blindIndex('kk', person.kk),
      kk_masked: '3523**********00',
      name: 'WARGA',
      dusun: 'KRAJAN',
      rw: '001',
      rt: '001',
      status_dasar: active ? 1 : 3,
      active: active ? 1 : 0,
      created_at: Date.now(),
      updated_at: Date.now(),
    })
    .execute();
}

export async function seedPlan(
  db: Kysely<Database>,
  plan: Partial<Insertable<PlanTable>> = {},
): Promise<number> {
  const r = await db
    .insertInto('plans')
    .values({
      name: 'Warga',
      profile_name: 'warga',
      down_rate: 5_000_000,
      up_rate: 2_000_000,
      daily_quota_bytes: 2_000_000_000,
      devices_allowed: 2,
      session_timeout_s: null,
      idle_timeout_s: 900,
      created_at: T0,
      updated_at: T0,
      ...plan,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

let residentSeq = 0;

export interface SubscriberOptions {
  /** The resident's name; `Warga N` by default. */
  readonly name?: string;
  readonly planId?: number | null;
  readonly accountStatus?: 'pending' | 'active' | 'suspended';
  readonly residentActive?: boolean;
}

/** A resident of Krajan RT 002 (NIK masked `3523**********01`) with an account, active by default. */
export async function seedAccount(db: Kysely<Database>, opts: SubscriberOptions = {}): Promise<number> {
  const n = ++residentSeq;
  const resident = await db
    .insertInto('residents')
    .values({
      nik_index: `nik-${process.pid}-${n}-${Math.random()}`,
      nik_masked: '3523**********01',
      kk_index: `kk-${n}`,
      kk_masked: '3523**********02',
      name: opts.name ?? `Warga ${n}`,
      dusun: 'Krajan',
      rw: '001',
      rt: '002',
      status_dasar: 1,
      active: opts.residentActive === false ? 0 : 1,
      created_at: T0,
      updated_at: T0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  const account = await db
    .insertInto('accounts')
    .values({
      resident_id: resident.id,
      status: opts.accountStatus ?? 'active',
      plan_id: opts.planId ?? null,
      created_at: T0,
      updated_at: T0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return account.id;
}

export async function seedDevice(
  db: Kysely<Database>,
  keyring: Keyring,
  opts: { accountId: number; mac: string; username: string; secret: string; revoked?: boolean },
): Promise<number> {
  const r = await db
    .insertInto('devices')
    .values({
      account_id: opts.accountId,
      mac: opts.mac,
      username: opts.username,
      secret_enc: await keyring.encrypt(opts.secret),
      revoked_at: opts.revoked ? T0 : null,
      created_at: T0,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return r.id;
}

/** A resident with an account and one device. */
export async function seedSubscriber(
  db: Kysely<Database>,
  keyring: Keyring,
  device: { mac: string; username: string; secret: string; revoked?: boolean },
  opts: SubscriberOptions = {},
): Promise<{ accountId: number; deviceId: number }> {
  const accountId = await seedAccount(db, opts);
  const deviceId = await seedDevice(db, keyring, { accountId, ...device });
  return { accountId, deviceId };
}

export const macFor = (i: number) =>
  [0x02, 0x57, (i >> 24) & 0xff, (i >> 16) & 0xff, (i >> 8) & 0xff, i & 0xff]
    .map((b) => b.toString(16).padStart(2, '0').toUpperCase())
    .join(':');
export const usernameFor = (i: number) => `wn-${i.toString(16).padStart(8, '0')}`;
export const secretFor = (i: number) => `rahasia-${i}`;

/** `count` residents, each with an active account on `planId` and one device (bench scale: 10,000). */
export async function seedManyDevices(
  db: Kysely<Database>,
  keyring: Keyring,
  count: number,
  planId: number,
): Promise<void> {
  const CHUNK = 500;
  for (let start = 0; start < count; start += CHUNK) {
    const ids = Array.from({ length: Math.min(CHUNK, count - start) }, (_, k) => start + k);
    await db.transaction().execute(async (trx) => {
      const residents = await trx
        .insertInto('residents')
        .values(
          ids.map((i) => ({
            nik_index: `bench-nik-${i}`,
            nik_masked: '3523**********01',
            kk_index: `bench-kk-${i}`,
            kk_masked: '3523**********02',
            name: `Warga ${i}`,
            dusun: 'Krajan',
            rw: '001',
            rt: '001',
            status_dasar: 1,
            active: 1,
            created_at: T0,
            updated_at: T0,
          })),
        )
        .returning(['id', 'nik_index'])
        .execute();
      const residentId = new Map(residents.map((r) => [r.nik_index, r.id]));
      const accounts = await trx
        .insertInto('accounts')
        .values(
          ids.map((i) => ({
            resident_id: residentId.get(`bench-nik-${i}`)!,
            status: 'active',
            plan_id: planId,
            created_at: T0,
            updated_at: T0,
          })),
        )
        .returning(['id', 'resident_id'])
        .execute();
      const accountOf = new Map(accounts.map((a) => [a.resident_id, a.id]));
      const secrets = await Promise.all(ids.map((i) => keyring.encrypt(secretFor(i))));
      await trx
        .insertInto('devices')
        .values(
          ids.map((i, k) => ({
            account_id: accountOf.get(residentId.get(`bench-nik-${i}`)!)!,
            mac: macFor(i),
            username: usernameFor(i),
            secret_enc: secrets[k]!,
            created_at: T0,
          })),
        )
        .execute();
    });
  }
}

// --- packets, as a RouterOS 7.15+ hotspot sends them --------------------------------------------------

export interface AccessRequestOptions {
  readonly id?: number;
  readonly userName: string;
  readonly pap?: string;
  readonly chap?: string;
  readonly callingStationId?: string;
  readonly secret?: string;
  /** Message-Authenticator: RouterOS ≥ 7.15 puts it last; 'none' like older RouterOS. */
  readonly messageAuthenticator?: 'first' | 'last' | 'none';
  readonly extra?: readonly OutAttribute[];
  readonly authenticator?: Buffer;
}

export function accessRequest(o: AccessRequestOptions): Buffer {
  const secret = Buffer.from(o.secret ?? 'testing123');
  const authenticator = o.authenticator ?? randomBytes(16);
  const attributes: OutAttribute[] = [int(Attr.NasPortType, 19)];
  if (o.callingStationId !== undefined) attributes.push(str(Attr.CallingStationId, o.callingStationId));
  attributes.push(
    str(Attr.CalledStationId, 'hotspot1'),
    str(Attr.NasPortId, 'bridge-hotspot'),
    str(Attr.UserName, o.userName),
    int(Attr.NasPort, 0x80100014),
    str(Attr.AcctSessionId, '80100014'),
    ip(Attr.FramedIpAddress, '10.5.50.7'),
  );
  if (o.chap !== undefined) {
    const challenge = randomBytes(16);
    attributes.push(
      [Attr.ChapChallenge, challenge],
      [Attr.ChapPassword, chapResponse(0x34, Buffer.from(o.chap), challenge)],
    );
  }
  if (o.pap !== undefined) {
    attributes.push([Attr.UserPassword, encryptPapPassword(Buffer.from(o.pap), secret, authenticator)]);
  }
  attributes.push(
    int(Attr.ServiceType, 1),
    vsaString(14122, 3, 'http://10.5.50.1/logout'),
    str(Attr.NasIdentifier, 'MikroTik'),
    ip(Attr.NasIpAddress, '10.0.0.1'),
    ...(o.extra ?? []),
  );
  return encodeAccessRequest({
    code: Code.AccessRequest,
    identifier: o.id ?? 1,
    authenticator,
    attributes,
    secret,
    messageAuthenticator: o.messageAuthenticator ?? 'last',
  });
}

export interface AccountingRequestOptions {
  readonly id?: number;
  readonly status: 'start' | 'interim' | 'stop' | 'on' | 'off';
  readonly sessionId?: string;
  readonly userName?: string;
  readonly callingStationId?: string;
  readonly inputBytes?: number;
  readonly outputBytes?: number;
  readonly sessionTime?: number;
  readonly terminateCause?: number;
  readonly className?: string;
  readonly secret?: string;
  readonly extra?: readonly OutAttribute[];
}

const STATUS_CODE = {
  start: AcctStatusType.Start,
  interim: AcctStatusType.InterimUpdate,
  stop: AcctStatusType.Stop,
  on: AcctStatusType.AccountingOn,
  off: AcctStatusType.AccountingOff,
} as const;

export function accountingRequest(o: AccountingRequestOptions): Buffer {
  const attributes: OutAttribute[] = [int(Attr.AcctStatusType, STATUS_CODE[o.status])];
  if (o.status === 'stop') attributes.push(int(Attr.AcctTerminateCause, o.terminateCause ?? 1));
  if (o.status !== 'on' && o.status !== 'off') {
    attributes.push(
      int(Attr.NasPortType, 19),
      str(Attr.CallingStationId, o.callingStationId ?? 'BC:24:11:EB:56:4D'),
      str(Attr.CalledStationId, 'hotspot1'),
      str(Attr.UserName, o.userName ?? 'wn-00000001'),
      str(Attr.AcctSessionId, o.sessionId ?? '80100014'),
      ip(Attr.FramedIpAddress, '10.5.50.7'),
    );
    if (o.className !== undefined) attributes.push(str(Attr.Class, o.className));
    if (o.status !== 'start') {
      const split = (v: number) => [v % 2 ** 32, Math.floor(v / 2 ** 32)] as const;
      const [inLo, inHi] = split(o.inputBytes ?? 0);
      const [outLo, outHi] = split(o.outputBytes ?? 0);
      attributes.push(
        int(Attr.AcctInputOctets, inLo),
        int(Attr.AcctOutputOctets, outLo),
        int(Attr.AcctInputGigawords, inHi),
        int(Attr.AcctOutputGigawords, outHi),
        int(Attr.AcctSessionTime, o.sessionTime ?? 0),
      );
    }
  }
  attributes.push(
    str(Attr.NasIdentifier, 'MikroTik'),
    int(Attr.AcctDelayTime, 0),
    ip(Attr.NasIpAddress, '10.0.0.1'),
  );
  attributes.push(...(o.extra ?? []));
  return encodeSignedRequest({
    code: Code.AccountingRequest,
    identifier: o.id ?? 1,
    attributes,
    secret: Buffer.from(o.secret ?? 'testing123'),
    messageAuthenticator: false,
  });
}

export function statusServer(o: { id?: number; secret?: string } = {}): Buffer {
  return encodeAccessRequest({
    code: Code.StatusServer,
    identifier: o.id ?? 1,
    authenticator: randomBytes(16),
    attributes: [],
    secret: Buffer.from(o.secret ?? 'testing123'),
    messageAuthenticator: 'last',
  });
}

export { VENDOR_MIKROTIK };
