// The attributes Warganet reads or writes: RFC 2865/2866/2869/3579/5176 numbers, and the MikroTik (14988) and
// WISPr (14122) vendor attributes. radius/dictionaries/ ships the same vendor sets in FreeRADIUS format for
// radclient and other tools; a test keeps the two in step.

export const Code = {
  AccessRequest: 1,
  AccessAccept: 2,
  AccessReject: 3,
  AccountingRequest: 4,
  AccountingResponse: 5,
  AccessChallenge: 11,
  StatusServer: 12,
  DisconnectRequest: 40,
  DisconnectAck: 41,
  DisconnectNak: 42,
  CoaRequest: 43,
  CoaAck: 44,
  CoaNak: 45,
} as const;

export const Attr = {
  UserName: 1,
  UserPassword: 2,
  ChapPassword: 3,
  NasIpAddress: 4,
  NasPort: 5,
  ServiceType: 6,
  FramedIpAddress: 8,
  ReplyMessage: 18,
  State: 24,
  Class: 25,
  VendorSpecific: 26,
  SessionTimeout: 27,
  IdleTimeout: 28,
  CalledStationId: 30,
  CallingStationId: 31,
  NasIdentifier: 32,
  ProxyState: 33,
  AcctStatusType: 40,
  AcctDelayTime: 41,
  AcctInputOctets: 42,
  AcctOutputOctets: 43,
  AcctSessionId: 44,
  AcctSessionTime: 46,
  AcctInputPackets: 47,
  AcctOutputPackets: 48,
  AcctTerminateCause: 49,
  AcctInputGigawords: 52,
  AcctOutputGigawords: 53,
  EventTimestamp: 55,
  ChapChallenge: 60,
  NasPortType: 61,
  PortLimit: 62,
  MessageAuthenticator: 80,
  AcctInterimInterval: 85,
  NasPortId: 87,
  ErrorCause: 101,
} as const;

export const AcctStatusType = {
  Start: 1,
  Stop: 2,
  InterimUpdate: 3,
  AccountingOn: 7,
  AccountingOff: 8,
} as const;

export const VENDOR_MIKROTIK = 14988;
export const VENDOR_WISPR = 14122;

export const Mikrotik = {
  RecvLimit: 1,
  XmitLimit: 2,
  Group: 3,
  RateLimit: 8,
  Realm: 9,
  HostIp: 10,
  MarkId: 11,
  RecvLimitGigawords: 14,
  XmitLimitGigawords: 15,
  TotalLimit: 17,
  TotalLimitGigawords: 18,
  AddressList: 19,
} as const;

export type AttrType = 'string' | 'octets' | 'integer' | 'ipaddr' | 'date';

export interface AttrDef {
  readonly name: string;
  readonly vendor: number;
  readonly code: number;
  readonly type: AttrType;
}

const def = (vendor: number, type: AttrType) => (name: string, code: number) => ({
  name,
  vendor,
  code,
  type,
});

/** Vendor attributes, as listed in radius/dictionaries/dictionary.{mikrotik,wispr}. */
export const VENDOR_ATTRIBUTES: readonly AttrDef[] = [
  ...(
    [
      ['Mikrotik-Recv-Limit', 1, 'integer'],
      ['Mikrotik-Xmit-Limit', 2, 'integer'],
      ['Mikrotik-Group', 3, 'string'],
      ['Mikrotik-Wireless-Forward', 4, 'integer'],
      ['Mikrotik-Wireless-Skip-Dot1x', 5, 'integer'],
      ['Mikrotik-Wireless-Enc-Algo', 6, 'integer'],
      ['Mikrotik-Wireless-Enc-Key', 7, 'string'],
      ['Mikrotik-Rate-Limit', 8, 'string'],
      ['Mikrotik-Realm', 9, 'string'],
      ['Mikrotik-Host-IP', 10, 'ipaddr'],
      ['Mikrotik-Mark-Id', 11, 'string'],
      ['Mikrotik-Advertise-URL', 12, 'string'],
      ['Mikrotik-Advertise-Interval', 13, 'integer'],
      ['Mikrotik-Recv-Limit-Gigawords', 14, 'integer'],
      ['Mikrotik-Xmit-Limit-Gigawords', 15, 'integer'],
      ['Mikrotik-Wireless-PSK', 16, 'string'],
      ['Mikrotik-Total-Limit', 17, 'integer'],
      ['Mikrotik-Total-Limit-Gigawords', 18, 'integer'],
      ['Mikrotik-Address-List', 19, 'string'],
      ['Mikrotik-Wireless-MPKey', 20, 'string'],
      ['Mikrotik-Wireless-Comment', 21, 'string'],
      ['Mikrotik-Delegated-IPv6-Pool', 22, 'string'],
      ['Mikrotik-DHCP-Option-Set', 23, 'string'],
      ['Mikrotik-DHCP-Option-Param-STR1', 24, 'string'],
      ['Mikrotik-DHCP-Option-Param-STR2', 25, 'string'],
      ['Mikrotik-Wireless-VLANID', 26, 'integer'],
      ['Mikrotik-Wireless-VLANID-Type', 27, 'integer'],
      ['Mikrotik-Wireless-Minsignal', 28, 'string'],
      ['Mikrotik-Wireless-Maxsignal', 29, 'string'],
      ['Mikrotik-Switching-Filter', 30, 'string'],
    ] as const
  ).map(([n, c, t]) => def(VENDOR_MIKROTIK, t)(n, c)),
  ...(
    [
      ['WISPr-Location-ID', 1, 'string'],
      ['WISPr-Location-Name', 2, 'string'],
      ['WISPr-Logoff-URL', 3, 'string'],
      ['WISPr-Redirection-URL', 4, 'string'],
      ['WISPr-Bandwidth-Min-Up', 5, 'integer'],
      ['WISPr-Bandwidth-Min-Down', 6, 'integer'],
      ['WISPr-Bandwidth-Max-Up', 7, 'integer'],
      ['WISPr-Bandwidth-Max-Down', 8, 'integer'],
      ['WISPr-Session-Terminate-Time', 9, 'string'],
      ['WISPr-Session-Terminate-End-Of-Day', 10, 'string'],
      ['WISPr-Billing-Class-Of-Service', 11, 'string'],
    ] as const
  ).map(([n, c, t]) => def(VENDOR_WISPR, t)(n, c)),
];

/** Standard attributes by number, for describing packets (logs, tests). */
export const STANDARD_ATTRIBUTES: readonly AttrDef[] = (
  [
    ['User-Name', 1, 'string'],
    ['User-Password', 2, 'octets'],
    ['CHAP-Password', 3, 'octets'],
    ['NAS-IP-Address', 4, 'ipaddr'],
    ['NAS-Port', 5, 'integer'],
    ['Service-Type', 6, 'integer'],
    ['Framed-IP-Address', 8, 'ipaddr'],
    ['Filter-Id', 11, 'string'],
    ['Reply-Message', 18, 'string'],
    ['State', 24, 'octets'],
    ['Class', 25, 'octets'],
    ['Session-Timeout', 27, 'integer'],
    ['Idle-Timeout', 28, 'integer'],
    ['Called-Station-Id', 30, 'string'],
    ['Calling-Station-Id', 31, 'string'],
    ['NAS-Identifier', 32, 'string'],
    ['Proxy-State', 33, 'octets'],
    ['Acct-Status-Type', 40, 'integer'],
    ['Acct-Delay-Time', 41, 'integer'],
    ['Acct-Input-Octets', 42, 'integer'],
    ['Acct-Output-Octets', 43, 'integer'],
    ['Acct-Session-Id', 44, 'string'],
    ['Acct-Authentic', 45, 'integer'],
    ['Acct-Session-Time', 46, 'integer'],
    ['Acct-Input-Packets', 47, 'integer'],
    ['Acct-Output-Packets', 48, 'integer'],
    ['Acct-Terminate-Cause', 49, 'integer'],
    ['Acct-Input-Gigawords', 52, 'integer'],
    ['Acct-Output-Gigawords', 53, 'integer'],
    ['Event-Timestamp', 55, 'date'],
    ['CHAP-Challenge', 60, 'octets'],
    ['NAS-Port-Type', 61, 'integer'],
    ['Port-Limit', 62, 'integer'],
    ['Message-Authenticator', 80, 'octets'],
    ['Acct-Interim-Interval', 85, 'integer'],
    ['NAS-Port-Id', 87, 'string'],
    ['Error-Cause', 101, 'integer'],
  ] as const
).map(([n, c, t]) => def(0, t)(n, c));
