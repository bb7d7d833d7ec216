// The menus the virtual router knows, with their properties, defaults and keys, taken from the RouterOS CLI
// reference for the parts Warganet touches, plus the menus an operator's own setup (Mikhmon) uses. A property
// the router does not know is refused, as RouterOS refuses it, so a typo in our provisioning fails in tests.

export type PropType = 'string' | 'bool' | 'duration' | 'list' | 'int';

export interface PropSpec {
  readonly type: PropType;
  /** Shown when unset; an unset property without a default is left out of `print`, as RouterOS does. */
  readonly default?: string | ((version: string) => string);
  /** Members a list may hold, in the order RouterOS prints them. */
  readonly members?: readonly string[];
  /** First RouterOS version that has the property. */
  readonly since?: string;
  /** Computed by the router; `add`/`set` refuse it. */
  readonly readOnly?: boolean;
}

export interface MenuSpec {
  readonly path: string;
  readonly kind: 'table' | 'singleton';
  readonly props: Readonly<Record<string, PropSpec>>;
  /** Unique property: a second `add` with the same value traps, and `=.id=` may name the item by it. */
  readonly key?: string;
  readonly canAdd?: boolean;
  readonly canSet?: boolean;
  readonly canRemove?: boolean;
}

const str = (d?: string): PropSpec => (d === undefined ? { type: 'string' } : { type: 'string', default: d });
const bool = (d: boolean): PropSpec => ({ type: 'bool', default: String(d) });
const dur = (d?: string): PropSpec =>
  d === undefined ? { type: 'duration' } : { type: 'duration', default: d };
const int = (d?: string): PropSpec => (d === undefined ? { type: 'int' } : { type: 'int', default: d });
const ro = (p: PropSpec): PropSpec => ({ ...p, readOnly: true });
const common = { comment: str(), disabled: bool(false) };

const LOGIN_BY = ['mac', 'cookie', 'http-chap', 'https', 'http-pap', 'trial', 'mac-cookie'];
const RADIUS_SERVICES = ['ppp', 'login', 'hotspot', 'wireless', 'dhcp', 'ipsec', 'dot1x'];

const table = (path: string, props: Record<string, PropSpec>, key?: string): MenuSpec => ({
  path,
  kind: 'table',
  props,
  ...(key ? { key } : {}),
  canAdd: true,
  canSet: true,
  canRemove: true,
});

export const MENU_SPECS: readonly MenuSpec[] = [
  table(
    '/ip/hotspot',
    {
      name: str(),
      interface: str(),
      'address-pool': str('none'),
      profile: str('default'),
      'idle-timeout': dur('5m'),
      'keepalive-timeout': dur('none'),
      'login-timeout': dur('none'),
      'addresses-per-mac': str('2'),
      disabled: bool(false),
      invalid: ro(bool(false)),
    },
    'name',
  ),
  table(
    '/ip/hotspot/profile',
    {
      name: str(),
      'hotspot-address': str(),
      'dns-name': str(),
      'html-directory': str('hotspot'),
      'html-directory-override': str(),
      'http-proxy': str('0.0.0.0:0'),
      'login-by': { type: 'list', members: LOGIN_BY, default: 'cookie,http-chap' },
      'http-cookie-lifetime': dur('3d'),
      'split-user-domain': bool(false),
      'use-radius': bool(false),
      'radius-accounting': bool(true),
      'radius-interim-update': str('received'),
      'radius-default-domain': str(),
      'radius-location-id': str(),
      'radius-location-name': str(),
      'radius-mac-format': str('XX:XX:XX:XX:XX:XX'),
      'mac-auth-mode': str('mac-as-username'),
      'mac-auth-password': str(),
      'nas-port-type': str('wireless-802.11'),
      'trial-uptime-limit': dur('30m'),
      'trial-uptime-reset': dur('1d'),
      'trial-user-profile': str('default'),
      'rate-limit': str(),
      'ssl-certificate': str('none'),
      'install-hotspot-queue': bool(false),
      default: ro(bool(false)),
    },
    'name',
  ),
  table(
    '/ip/hotspot/user/profile',
    {
      name: str(),
      'address-pool': str('none'),
      'idle-timeout': dur('none'),
      'keepalive-timeout': dur('2m'),
      'session-timeout': dur('0s'),
      'status-autorefresh': dur('1m'),
      'shared-users': str('1'),
      'rate-limit': str(),
      'transparent-proxy': bool(false),
      'open-status-page': str('always'),
      'on-login': str(),
      'on-logout': str(),
      'address-list': str(),
      'incoming-filter': str(),
      'outgoing-filter': str(),
      'incoming-packet-mark': str(),
      'outgoing-packet-mark': str(),
      'add-mac-cookie': bool(true),
      'mac-cookie-timeout': dur('3d'),
      'parent-queue': str('none'),
      'queue-type': str(),
      'insert-queue-before': str(),
      default: ro(bool(false)),
    },
    'name',
  ),
  table(
    '/ip/hotspot/user',
    {
      name: str(),
      password: str(),
      profile: str('default'),
      server: str('all'),
      'mac-address': str(),
      address: str(),
      email: str(),
      'limit-uptime': dur(),
      'limit-bytes-in': int(),
      'limit-bytes-out': int(),
      'limit-bytes-total': int(),
      routes: str(),
      ...common,
      uptime: ro(dur('0s')),
      'bytes-in': ro(int('0')),
      'bytes-out': ro(int('0')),
      dynamic: ro(bool(false)),
    },
    'name',
  ),
  {
    path: '/ip/hotspot/active',
    kind: 'table',
    canRemove: true,
    props: Object.fromEntries(
      [
        'server',
        'user',
        'domain',
        'address',
        'mac-address',
        'login-by',
        'uptime',
        'session-time-left',
        'idle-time',
        'idle-timeout',
        'keepalive-timeout',
        'bytes-in',
        'bytes-out',
        'packets-in',
        'packets-out',
        'limit-bytes-in',
        'limit-bytes-out',
        'limit-bytes-total',
        'radius',
        'blocked',
        'comment',
      ].map((p) => [p, ro(str())]),
    ),
  },
  table('/ip/hotspot/walled-garden', {
    action: str('allow'),
    'dst-host': str(),
    'dst-port': str(),
    path: str(),
    method: str(),
    server: str(),
    'src-address': str(),
    ...common,
    hits: ro(int('0')),
    'dst-address': ro(str()),
    dynamic: ro(bool(false)),
  }),
  table('/ip/hotspot/walled-garden/ip', {
    action: str('accept'),
    'dst-address': str(),
    'dst-host': str(),
    'dst-port': str(),
    protocol: str(),
    server: str(),
    'src-address': str(),
    'src-address-list': str(),
    'dst-address-list': str(),
    ...common,
    invalid: ro(bool(false)),
    dynamic: ro(bool(false)),
  }),
  table('/radius', {
    service: { type: 'list', members: RADIUS_SERVICES },
    address: str(),
    secret: str(),
    'authentication-port': int('1812'),
    'accounting-port': int('1813'),
    timeout: dur('300ms'),
    'accounting-backup': bool(false),
    realm: str(),
    'src-address': str('0.0.0.0'),
    'called-id': str(),
    domain: str(),
    protocol: { type: 'string', default: 'udp', since: '7.0' },
    certificate: { type: 'string', default: 'none', since: '7.0' },
    'require-message-auth': { type: 'string', default: 'yes-for-request-resp', since: '7.15' },
    ...common,
  }),
  {
    path: '/radius/incoming',
    kind: 'singleton',
    canSet: true,
    props: {
      accept: bool(false),
      // The documentation disagrees on the default (1700 or 3799); the older value keeps provisioning honest.
      port: int('1700'),
      vrf: { type: 'string', default: 'main', since: '7.0' },
    },
  },
  table(
    '/queue/simple',
    {
      name: str(),
      target: str(),
      dst: str(),
      'max-limit': str('0/0'),
      'limit-at': str('0/0'),
      'burst-limit': str('0/0'),
      'burst-threshold': str('0/0'),
      'burst-time': str('0s/0s'),
      parent: str('none'),
      priority: str('8/8'),
      queue: str('default-small/default-small'),
      'packet-marks': str(),
      time: str(),
      ...common,
      dynamic: ro(bool(false)),
    },
    'name',
  ),
  table(
    '/system/script',
    {
      name: str(),
      source: str(),
      owner: str('admin'),
      policy: str('ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon'),
      'dont-require-permissions': bool(false),
      comment: str(),
      'run-count': ro(int('0')),
    },
    'name',
  ),
  table(
    '/system/scheduler',
    {
      name: str(),
      'on-event': str(),
      interval: dur('0s'),
      'start-date': str(),
      'start-time': str('startup'),
      policy: str('ftp,reboot,read,write,policy,test,password,sniff,sensitive,romon'),
      ...common,
      'run-count': ro(int('0')),
      'next-run': ro(str()),
    },
    'name',
  ),
  table(
    '/file',
    {
      name: str(),
      type: ro(str('file')),
      size: ro(int('0')),
      'creation-time': ro(str()),
      contents: str(),
    },
    'name',
  ),
  table(
    '/interface',
    {
      name: str(),
      type: ro(str('ether')),
      mtu: str('1500'),
      running: ro(bool(true)),
      ...common,
    },
    'name',
  ),
  { path: '/system/identity', kind: 'singleton', canSet: true, props: { name: str('MikroTik') } },
  {
    path: '/system/resource',
    kind: 'singleton',
    props: Object.fromEntries(
      [
        'uptime',
        'version',
        'build-time',
        'factory-software',
        'free-memory',
        'total-memory',
        'cpu',
        'cpu-count',
        'cpu-frequency',
        'cpu-load',
        'free-hdd-space',
        'total-hdd-space',
        'architecture-name',
        'board-name',
        'platform',
      ].map((p) => [p, ro(str())]),
    ),
  },
];

export function findMenuSpec(path: string): MenuSpec | undefined {
  return MENU_SPECS.find((m) => m.path === path);
}
