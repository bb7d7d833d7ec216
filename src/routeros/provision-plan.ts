// From what a router has (a snapshot of the menus we care about) and what Warganet wants (the spec) to an ordered
// list of changes, each with its API operation and a sentence for the operator. Pure: reading the router and
// applying the changes happen elsewhere. What Warganet owns is marked on the router itself (comment=warganet, or
// the on-login marker on user profiles, which have no comment), and only that is ever edited or removed — apart
// from the few settings the hotspot needs on the profile the operator's hotspot server uses.
import type {
  ChangeArea,
  ProvisionChange,
  ProvisionNote,
  ProvisionSpec,
  UserProfileSpec,
} from '../services/routers/router-gateway.js';
import type { MenuPath, Props } from './commands.js';
import type { RouterOsRow } from './connection.js';
import { msg } from './provision-messages.js';
import { parseBool, parseList, parseRosDuration, versionAtLeast } from './values.js';

export const OWNER_COMMENT = 'warganet';
/** A RouterOS script comment: runs as nothing, and tells people (and us) who manages the profile. */
export const PROFILE_MARKER = '# warganet: dikelola otomatis dari paket Warganet';
export const OWN_HOTSPOT_PROFILE = 'warganet';
export const PAGE_DIRECTORY = 'warganet';
export const UPLINK_QUEUE = 'warganet-uplink';
/** What our RADIUS server expects of MAC authentication: the MAC as user name and as password, AA:BB:… form. */
export const MAC_AUTH_MODE = 'mac-as-username-and-password';
export const MAC_FORMAT = 'XX:XX:XX:XX:XX:XX';
const LOGIN_METHODS = ['mac', 'http-chap'];

export interface RouterSnapshot {
  readonly version: string;
  readonly radius: readonly RouterOsRow[];
  readonly radiusIncoming: RouterOsRow;
  readonly hotspotServers: readonly RouterOsRow[];
  readonly hotspotProfiles: readonly RouterOsRow[];
  readonly userProfiles: readonly RouterOsRow[];
  /** Our entries only (comment=warganet). */
  readonly walledGarden: readonly RouterOsRow[];
  readonly walledGardenIp: readonly RouterOsRow[];
  /** Names of our page files present on the router. */
  readonly pageFiles: ReadonlySet<string>;
  /** Queues named UPLINK_QUEUE. */
  readonly uplinkQueues: readonly RouterOsRow[];
  /** How many router-local hotspot users (/ip/hotspot/user: Mikhmon's vouchers, User Manager-less setups). */
  readonly localUsers?: number;
}

export type Operation =
  | { readonly kind: 'add'; readonly menu: MenuPath; readonly props: Props }
  | { readonly kind: 'set'; readonly menu: MenuPath; readonly id: string | undefined; readonly props: Props }
  | { readonly kind: 'remove'; readonly menu: MenuPath; readonly id: string }
  | { readonly kind: 'fetch'; readonly url: string; readonly dstPath: string };

export interface PlannedStep {
  readonly change: ProvisionChange;
  readonly op: Operation;
}

export interface ProvisionPlan {
  readonly steps: PlannedStep[];
  readonly notes: ProvisionNote[];
}

export function planProvisioning(spec: ProvisionSpec, snap: RouterSnapshot): ProvisionPlan {
  const plan: ProvisionPlan = { steps: [], notes: [] };
  planRadius(plan, spec, snap);
  planIncoming(plan, spec, snap);
  const userProfiles = planUserProfiles(spec.userProfiles, snap.userProfiles, { removeOthers: true });
  plan.steps.push(...userProfiles.steps);
  plan.notes.push(...userProfiles.notes);
  const hotspot = resolveHotspot(plan, spec, snap);
  const pagesReady = spec.portal ? planPortal(plan, spec, snap) : false;
  if (!spec.portal) plan.notes.push({ level: 'warning', message: msg.noPortal() });
  if (hotspot) planHotspotProfile(plan, hotspot, pagesReady);
  planUplink(plan, spec, snap, hotspot);
  noteLocalUsers(plan, snap, hotspot);
  return plan;
}

/**
 * Says, in plain words, that what the village already runs keeps working: RouterOS checks its own user table
 * before RADIUS, our login page keeps a username/password form, and nothing of Mikhmon's is touched.
 */
function noteLocalUsers(plan: ProvisionPlan, snap: RouterSnapshot, hotspot: HotspotChoice | undefined): void {
  const count = snap.localUsers ?? 0;
  const foreignProfiles = snap.userProfiles.filter((r) => !ownsProfile(r) && !parseBool(r.default)).length;
  const oldPages = hotspot?.profile?.['html-directory'];
  if (count > 0 || foreignProfiles > 0)
    plan.notes.push({ level: 'info', message: msg.localUsersKept(count, foreignProfiles) });
  if (oldPages && oldPages !== PAGE_DIRECTORY)
    plan.notes.push({ level: 'info', message: msg.oldPagesKept(oldPages, PAGE_DIRECTORY) });
}

/** Creates or updates user profiles; with `removeOthers`, also removes our profiles that no plan needs. */
export function planUserProfiles(
  profiles: readonly UserProfileSpec[],
  rows: readonly RouterOsRow[],
  opts: { removeOthers: boolean },
): ProvisionPlan {
  const plan: ProvisionPlan = { steps: [], notes: [] };
  const menu = '/ip/hotspot/user/profile';
  for (const p of profiles) {
    const row = rows.find((r) => r.name === p.name);
    const desired = { 'rate-limit': p.rateLimit, 'shared-users': String(p.sharedUsers) };
    if (!row) {
      const props = { name: p.name, ...desired, 'on-login': PROFILE_MARKER };
      step(
        plan,
        'user-profile',
        { kind: 'add', menu, props },
        msg.add(msg.userProfile(p.name), props, ['on-login']),
      );
    } else if (!ownsProfile(row)) {
      plan.notes.push({ level: 'problem', message: msg.foreignUserProfile(p.name) });
    } else {
      const diff = differences(row, desired);
      if (diff)
        step(plan, 'user-profile', setOp(menu, row, diff), msg.set(msg.userProfile(p.name), row, diff));
    }
  }
  if (opts.removeOthers) {
    for (const row of rows) {
      if (!ownsProfile(row) || profiles.some((p) => p.name === row.name)) continue;
      step(plan, 'user-profile', removeOp(menu, row), msg.remove(msg.userProfile(row.name ?? '')));
    }
  }
  return plan;
}

export function ownsProfile(row: RouterOsRow): boolean {
  return (row['on-login'] ?? '').startsWith(PROFILE_MARKER);
}

function planRadius(plan: ProvisionPlan, spec: ProvisionSpec, snap: RouterSnapshot): void {
  const menu = '/radius';
  const r = spec.radius;
  const desired: Record<string, string> = {
    service: 'hotspot',
    address: r.address,
    secret: r.secret,
    'authentication-port': String(r.authPort),
    'accounting-port': String(r.acctPort),
    timeout: r.timeout,
  };
  if (versionAtLeast(snap.version, '7.15')) {
    desired['require-message-auth'] = r.requireMessageAuth ? 'yes-for-request-resp' : 'no';
  } else if (r.requireMessageAuth) {
    // Not a mere warning: Warganet requires Message-Authenticator from this router and drops every packet
    // without it, so the hotspot would be left silently unable to log anyone in.
    plan.notes.push({
      level: 'problem',
      message: msg.noMessageAuth(snap.version, spec.routerName ?? 'NAMA'),
    });
  }
  const owned = snap.radius.filter(ownedByComment);
  const [mine, ...extra] = owned;
  if (!mine) {
    const props = { ...desired, comment: OWNER_COMMENT };
    step(plan, 'radius', { kind: 'add', menu, props }, msg.add(msg.radiusClient(r.address), props));
  } else {
    const diff = differences(mine, { ...desired, disabled: 'no' });
    if (diff) step(plan, 'radius', setOp(menu, mine, diff), msg.set(msg.radiusClient(r.address), mine, diff));
  }
  for (const row of extra)
    step(plan, 'radius', removeOp(menu, row), msg.remove(msg.radiusClient(row.address ?? '')));
  for (const row of snap.radius) {
    if (ownedByComment(row) || !parseList(row.service).includes('hotspot') || parseBool(row.disabled))
      continue;
    plan.notes.push({ level: 'warning', message: msg.otherRadius(row.address ?? '?') });
  }
}

function planIncoming(plan: ProvisionPlan, spec: ProvisionSpec, snap: RouterSnapshot): void {
  const diff = differences(snap.radiusIncoming, { accept: 'yes', port: String(spec.coaPort) });
  if (!diff) return;
  const op: Operation = { kind: 'set', menu: '/radius/incoming', id: undefined, props: diff };
  step(plan, 'radius-incoming', op, msg.set(msg.radiusIncoming(), snap.radiusIncoming, diff));
}

interface HotspotChoice {
  /** The profile row to edit, or undefined when ours must be created. */
  readonly profile: RouterOsRow | undefined;
  readonly profileName: string;
  /** The interface of the hotspot server using it, when there is one. */
  readonly interface: string | undefined;
}

function resolveHotspot(
  plan: ProvisionPlan,
  spec: ProvisionSpec,
  snap: RouterSnapshot,
): HotspotChoice | undefined {
  const servers = snap.hotspotServers;
  let server: RouterOsRow | undefined;
  if (spec.hotspot.server) {
    server = servers.find((s) => s.name === spec.hotspot.server);
    if (!server) {
      plan.notes.push({ level: 'problem', message: msg.serverMissing(spec.hotspot.server) });
      return undefined;
    }
  } else if (servers.length === 1) {
    server = servers[0];
  }
  let profileName = spec.hotspot.profile ?? server?.profile;
  if (!profileName) {
    if (servers.length > 1) {
      plan.notes.push({ level: 'problem', message: msg.manyServers(servers.map((s) => s.name ?? '?')) });
      return undefined;
    }
    profileName = OWN_HOTSPOT_PROFILE;
    plan.notes.push({ level: 'warning', message: msg.noServer(profileName) });
  }
  server ??= servers.find((s) => s.profile === profileName);
  const profile = snap.hotspotProfiles.find((p) => p.name === profileName);
  if (!profile && profileName !== OWN_HOTSPOT_PROFILE) {
    plan.notes.push({ level: 'problem', message: msg.profileMissing(profileName) });
    return undefined;
  }
  return { profile, profileName, interface: server?.interface || undefined };
}

/**
 * Where the router serves its hotspot login pages, as its hotspot profile says: `dns-name` when set (RouterOS
 * then names it in `link-login-only`), else `hotspot-address`. Undefined when the profile names neither.
 */
export function hotspotAddressOf(spec: ProvisionSpec, snap: RouterSnapshot): string | undefined {
  const quiet: ProvisionPlan = { steps: [], notes: [] };
  const profile = resolveHotspot(quiet, spec, snap)?.profile;
  const address = profile?.['dns-name'] || profile?.['hotspot-address'];
  return address || undefined;
}

function planHotspotProfile(plan: ProvisionPlan, choice: HotspotChoice, pagesReady: boolean): void {
  const menu = '/ip/hotspot/profile';
  const desired: Record<string, string> = {
    'use-radius': 'yes',
    'radius-accounting': 'yes',
    'mac-auth-mode': MAC_AUTH_MODE,
    'radius-mac-format': MAC_FORMAT,
  };
  if (pagesReady) desired['html-directory'] = PAGE_DIRECTORY;
  const what = msg.hotspotProfile(choice.profileName);
  if (!choice.profile) {
    const props = { name: choice.profileName, ...desired, 'login-by': LOGIN_METHODS.join(',') };
    step(plan, 'hotspot-profile', { kind: 'add', menu, props }, msg.add(what, props));
    return;
  }
  // login-by is a set the operator may have widened (cookie, https): ours are added, theirs kept.
  const have = parseList(choice.profile['login-by']);
  const missing = LOGIN_METHODS.filter((m) => !have.includes(m));
  const diff = { ...differences(choice.profile, desired) };
  if (missing.length > 0) diff['login-by'] = [...have, ...missing].join(',');
  if (Object.keys(diff).length === 0) return;
  step(plan, 'hotspot-profile', setOp(menu, choice.profile, diff), msg.set(what, choice.profile, diff));
}

/** Walled garden and login pages; true when every page is (or will be) on the router. */
function planPortal(plan: ProvisionPlan, spec: ProvisionSpec, snap: RouterSnapshot): boolean {
  const portal = spec.portal!;
  const isIp = /^[\d.]+$/.test(portal.host) || portal.host.includes(':');
  const port = String(portal.port);
  const http = { 'dst-host': portal.host, action: 'allow', comment: OWNER_COMMENT };
  const ip = {
    action: 'accept',
    protocol: 'tcp',
    'dst-port': port,
    ...(isIp ? { 'dst-address': portal.host } : { 'dst-host': portal.host }),
    comment: OWNER_COMMENT,
  };
  ensureOwnedEntries(plan, '/ip/hotspot/walled-garden', snap.walledGarden, [http], () =>
    msg.walledGardenHttp(portal.host),
  );
  ensureOwnedEntries(plan, '/ip/hotspot/walled-garden/ip', snap.walledGardenIp, [ip], () =>
    msg.walledGardenIp(portal.host, port),
  );
  for (const page of spec.pages) {
    const dstPath = `${PAGE_DIRECTORY}/${page.file}`;
    if (snap.pageFiles.has(dstPath)) continue;
    step(
      plan,
      'login-page',
      { kind: 'fetch', url: page.url, dstPath },
      msg.fetch(page.file, page.url, dstPath),
    );
  }
  return spec.pages.length > 0;
}

/** Makes our entries of a list menu exactly `wanted`: missing ones added, stale ones removed, disabled enabled. */
function ensureOwnedEntries(
  plan: ProvisionPlan,
  menu: MenuPath,
  rows: readonly RouterOsRow[],
  wanted: readonly Props[],
  describe: () => string,
): void {
  const used = new Set<RouterOsRow>();
  for (const props of wanted) {
    const row = rows.find((r) => !used.has(r) && differences(r, props) === undefined);
    if (!row) {
      step(plan, 'walled-garden', { kind: 'add', menu, props }, msg.add(describe(), props));
      continue;
    }
    used.add(row);
    if (parseBool(row.disabled)) {
      const diff = { disabled: 'no' };
      step(plan, 'walled-garden', setOp(menu, row, diff), msg.set(describe(), row, diff));
    }
  }
  for (const row of rows) {
    if (used.has(row)) continue;
    const what = `walled garden ${row['dst-host'] ?? row['dst-address'] ?? ''}`.trim();
    step(plan, 'walled-garden', removeOp(menu, row), msg.remove(what));
  }
}

function planUplink(
  plan: ProvisionPlan,
  spec: ProvisionSpec,
  snap: RouterSnapshot,
  hotspot: HotspotChoice | undefined,
): void {
  const menu = '/queue/simple';
  const row = snap.uplinkQueues[0];
  if (row && !ownedByComment(row)) {
    if (spec.uplink) plan.notes.push({ level: 'warning', message: msg.foreignQueue(UPLINK_QUEUE) });
    return;
  }
  if (!spec.uplink) {
    if (row) step(plan, 'uplink', removeOp(menu, row), msg.remove(msg.uplink(UPLINK_QUEUE)));
    return;
  }
  if (!hotspot?.interface) {
    plan.notes.push({ level: 'warning', message: msg.noUplinkTarget() });
    return;
  }
  const desired = { target: hotspot.interface, 'max-limit': `${spec.uplink.up}/${spec.uplink.down}` };
  if (!row) {
    const props = { name: UPLINK_QUEUE, ...desired, comment: OWNER_COMMENT };
    step(plan, 'uplink', { kind: 'add', menu, props }, msg.add(msg.uplink(UPLINK_QUEUE), props));
    return;
  }
  const diff = differences(row, { ...desired, disabled: 'no' });
  if (diff) step(plan, 'uplink', setOp(menu, row, diff), msg.set(msg.uplink(UPLINK_QUEUE), row, diff));
}

function step(plan: ProvisionPlan, area: ChangeArea, op: Operation, description: string): void {
  const action = op.kind;
  const menu = op.kind === 'fetch' ? '/tool/fetch' : op.menu;
  plan.steps.push({ change: { action, area, menu, description }, op });
}

function setOp(menu: MenuPath, row: RouterOsRow, props: Props): Operation {
  return { kind: 'set', menu, id: row['.id'], props };
}

function removeOp(menu: MenuPath, row: RouterOsRow): Operation {
  return { kind: 'remove', menu, id: row['.id'] ?? '' };
}

function ownedByComment(row: RouterOsRow): boolean {
  return row.comment === OWNER_COMMENT;
}

const DURATION_PROPS = new Set(['timeout']);
const NUMBER_PROPS = new Set(['authentication-port', 'accounting-port', 'port', 'shared-users', 'dst-port']);
const BOOL_PROPS = new Set(['use-radius', 'radius-accounting', 'accept', 'disabled']);
const LIST_PROPS = new Set(['service']);

/** The desired properties whose value on the router differs (compared as RouterOS means them), or undefined. */
export function differences(row: RouterOsRow, desired: Props): Record<string, string> | undefined {
  const out: Record<string, string> = {};
  for (const [prop, want] of Object.entries(desired)) {
    // A router that hides the secret from this API user cannot be compared; leave it as it is.
    if (prop === 'secret' && !('secret' in row)) continue;
    if (!same(prop, row[prop], want)) out[prop] = want;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}

function same(prop: string, have: string | undefined, want: string): boolean {
  if (BOOL_PROPS.has(prop)) return (parseBool(have) ?? false) === parseBool(want);
  if (DURATION_PROPS.has(prop)) return parseRosDuration(have) === parseRosDuration(want);
  if (NUMBER_PROPS.has(prop)) return have !== undefined && have !== '' && Number(have) === Number(want);
  if (LIST_PROPS.has(prop)) {
    const [a, b] = [parseList(have), parseList(want)];
    return a.length === b.length && a.every((x) => b.includes(x));
  }
  return (have ?? '') === want;
}
