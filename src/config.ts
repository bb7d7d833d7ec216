// Configuration from environment variables, validated once at start. Every problem is reported, one line each.
import { z } from 'zod';

export const ROLES = ['http', 'radius', 'agent'] as const;
export type Role = (typeof ROLES)[number];

const port = (fallback: number) =>
  z.coerce
    .number({ error: 'harus nomor port 1–65535' })
    .int('harus nomor port 1–65535')
    .min(1, 'harus nomor port 1–65535')
    .max(65535, 'harus nomor port 1–65535')
    .default(fallback);

// A port to listen on: 0 asks the system for a free one (tests).
const listenPort = (fallback: number) =>
  z.coerce
    .number({ error: 'harus nomor port 0–65535' })
    .int('harus nomor port 0–65535')
    .min(0, 'harus nomor port 0–65535')
    .max(65535, 'harus nomor port 0–65535')
    .default(fallback);

const seconds = (fallback: number, max: number) =>
  z.coerce
    .number({ error: 'harus bilangan detik' })
    .int('harus bilangan detik')
    .min(1, 'minimal 1 detik')
    .max(max, `maksimal ${max} detik`)
    .default(fallback);

const count = (fallback: number, min: number, max: number) =>
  z.coerce
    .number({ error: 'harus bilangan bulat' })
    .int('harus bilangan bulat')
    .min(min, `minimal ${min}`)
    .max(max, `maksimal ${max}`)
    .default(fallback);

const schema = z.object({
  WARGANET_DATA_DIR: z.string().trim().min(1).default('./data'),
  WARGANET_DATABASE_URL: z
    .string()
    .trim()
    .regex(/^postgres(ql)?:\/\/\S+$/, 'harus berupa URL postgres://… (kosongkan untuk SQLite)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WARGANET_SECRET_KEY: z
    .string()
    .trim()
    .regex(/^[0-9a-fA-F]{64}$/, 'harus 64 digit heksadesimal (32 byte)')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WARGANET_HTTP_PORT: listenPort(8080),
  WARGANET_HTTP_HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** Slow clients: time to send the headers, the whole request; idle keep-alive and idle sockets. */
  WARGANET_HTTP_HEADERS_TIMEOUT_S: seconds(10, 300),
  WARGANET_HTTP_REQUEST_TIMEOUT_S: seconds(30, 600),
  WARGANET_HTTP_KEEPALIVE_S: seconds(5, 300),
  WARGANET_HTTP_IDLE_TIMEOUT_S: seconds(30, 600),
  /** Open HTTP connections at most: below the 1,024 file descriptors systemd allows by default. */
  WARGANET_HTTP_MAX_CONNECTIONS: count(512, 1, 65_535),
  /**
   * PIN hashes (PBKDF2) run at once, and how many more may wait; past that the portal answers 503. Fewer at once
   * than libuv's 4 worker threads leaves threads for every other page's HMACs; waiting costs a parked request,
   * while a client turned away comes straight back (a 503 loop costs the event loop more than a wait does).
   */
  WARGANET_PIN_CHECKS: count(2, 1, 64),
  WARGANET_PIN_QUEUE: count(64, 0, 1024),
  WARGANET_RADIUS_AUTH_PORT: listenPort(1812),
  WARGANET_RADIUS_ACCT_PORT: listenPort(1813),
  WARGANET_RADIUS_HOST: z.string().trim().min(1).default('0.0.0.0'),
  /** This server's address as the routers reach it: what provisioning writes into their /radius entry. */
  WARGANET_RADIUS_ADDRESS: z
    .string()
    .trim()
    .regex(
      /^(\d{1,3}(\.\d{1,3}){3}|[0-9a-fA-F:]+)$/,
      'harus alamat IP server ini seperti yang dilihat router',
    )
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** The port of the routers' `/radius incoming` (CoA, Disconnect). */
  WARGANET_RADIUS_COA_PORT: port(3799),
  /** What RouterOS sends as the password in `mac-as-username` mode (its `mac-auth-password`; blank by default). */
  WARGANET_MAC_AUTH_PASSWORD: z.string().default(''),
  /**
   * For `npm run bench:radius` only: `off` leaves the reports' rollups out of the accounting path, to measure what
   * they cost per packet. The reports then miss that traffic: never set it on a village's server.
   */
  WARGANET_BENCH_REPORT_ROLLUPS: z.enum(['on', 'off']).default('on'),
  WARGANET_RADIUS_INTERIM_S: z.coerce
    .number({ error: 'harus bilangan detik' })
    .int('harus bilangan detik')
    .min(30, 'minimal 30 detik')
    .max(86_400, 'maksimal 86400 detik')
    .default(300),
  WARGANET_ROLES: z
    .string()
    .default('all')
    .transform((v, ctx) => {
      const parts = v
        .split(',')
        .map((s) => s.trim().toLowerCase())
        .filter(Boolean);
      if (parts.length === 0 || parts.includes('all')) return [...ROLES];
      const bad = parts.filter((p) => !(ROLES as readonly string[]).includes(p));
      if (bad.length > 0) {
        ctx.addIssue({
          code: 'custom',
          message: `peran tidak dikenal: ${bad.join(', ')} (pilih dari ${ROLES.join(', ')}, atau all)`,
        });
        return z.NEVER;
      }
      return [...new Set(parts)] as Role[];
    }),
  WARGANET_PUBLIC_URL: z
    .url({ protocol: /^https?$/, error: 'harus berupa URL http:// atau https://' })
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /**
   * Behind a TLS-terminating reverse proxy: believe its X-Forwarded-Proto and X-Forwarded-For (the cookies'
   * Secure flag, and which phone a status request comes from). Off by default: without a proxy these headers are
   * the browser's to forge.
   */
  WARGANET_TRUST_PROXY: z
    .enum(['', '0', '1', 'false', 'true', 'no', 'yes'], { error: 'pilih 1/true/yes atau 0/false/no' })
    .default('')
    .transform((v) => v === '1' || v === 'true' || v === 'yes'),
  /** `required`: users of the admin role must turn on two-factor (TOTP) before they can do anything else. */
  WARGANET_ADMIN_2FA: z
    .enum(['', 'optional', 'required'], { error: 'pilih optional atau required' })
    .default('')
    .transform((v) => v === 'required'),
  WARGANET_VILLAGE_CODE: z
    .string()
    .trim()
    .regex(/^\d{2}\.\d{2}\.\d{2}\.\d{4}$/, 'harus kode wilayah Kemendagri seperti 35.23.12.2002')
    .default('35.23.12.2002'),
  WARGANET_VILLAGE_NAME: z.string().trim().min(1).default('Desa Socorejo'),
  WARGANET_TZ: z
    .string()
    .trim()
    .default('Asia/Jakarta')
    .refine(isTimeZone, 'bukan zona waktu IANA yang dikenal (contoh: Asia/Jakarta)'),
  /** An image file (PNG, JPEG, SVG, WebP; at most 64 KB) shown on the captive portal. */
  WARGANET_PORTAL_LOGO: z
    .string()
    .trim()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** A UTF-8 text file replacing the portal's built-in privacy notice (UU PDP); its version follows its content. */
  WARGANET_PORTAL_TERMS: z
    .string()
    .trim()
    .optional()
    .or(z.literal('').transform(() => undefined)),
  /** Who residents ask about their data, named in the privacy notice; defaults to the village office. */
  WARGANET_PORTAL_CONTACT: z
    .string()
    .trim()
    .max(200, 'paling panjang 200 karakter')
    .optional()
    .or(z.literal('').transform(() => undefined)),
  WARGANET_MIN_AGE: z.coerce
    .number({ error: 'harus bilangan tahun' })
    .int('harus bilangan tahun')
    .min(10, 'minimal 10 tahun')
    .max(60, 'maksimal 60 tahun')
    .default(17),
  /** A registration that the roster does not confirm: refused, or kept waiting for an operator's approval. */
  WARGANET_UNVERIFIED_POLICY: z
    .enum(['refuse', 'pending'], { error: 'pilih refuse atau pending' })
    .default('refuse'),
  WARGANET_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  WARGANET_AUTH_LOG_RETENTION_DAYS: z.coerce.number().int().min(1).default(90),
  WARGANET_SESSION_RETENTION_DAYS: z.coerce.number().int().min(1).default(365),
  /** Daily backups the agent keeps in data/backups (SQLite); 0 turns them off. */
  WARGANET_BACKUP_KEEP: count(7, 0, 3650),
  /** Seals the key inside backups (the agent's daily ones, and `warganet backup --with-key` without a prompt). */
  WARGANET_BACKUP_PASSPHRASE: z.string().optional(),
  /** Logs: `pretty` lines for people, `json` for machines; by default pretty on a terminal, JSON otherwise. */
  WARGANET_LOG_FORMAT: z
    .enum(['', 'pretty', 'json'], { error: 'pilih pretty atau json' })
    .default('')
    .transform((v) => (v === '' ? undefined : v)),
});

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export interface Config {
  readonly dataDir: string;
  readonly databaseUrl: string | undefined;
  readonly secretKeyHex: string | undefined;
  readonly httpPort: number;
  readonly httpHost: string;
  readonly http: {
    readonly headersTimeoutMs: number;
    readonly requestTimeoutMs: number;
    readonly keepAliveTimeoutMs: number;
    readonly idleTimeoutMs: number;
    readonly maxConnections: number;
  };
  /** Slow PIN hashes at once, and how many more may wait. */
  readonly pinChecks: { readonly concurrency: number; readonly queue: number };
  readonly radiusAuthPort: number;
  readonly radiusAcctPort: number;
  readonly radiusHost: string;
  readonly radiusAddress: string | undefined;
  readonly radiusCoaPort: number;
  readonly macAuthPassword: string;
  /** Acct-Interim-Interval sent in Access-Accept, seconds. */
  readonly radiusInterimS: number;
  /** False only in bench:radius (WARGANET_BENCH_REPORT_ROLLUPS=off): accounting without the reports' rollups. */
  readonly reportRollups?: boolean;
  readonly roles: readonly Role[];
  readonly publicUrl: string | undefined;
  /** Believe X-Forwarded-Proto / X-Forwarded-For from a reverse proxy in front of the portal. */
  readonly trustProxy: boolean;
  /** WARGANET_ADMIN_2FA=required: two-factor is compulsory for the admin role. */
  readonly adminTwoFactorRequired: boolean;
  /** Kemendagri code, e.g. 35.23.12.2002. */
  readonly villageCode: string;
  readonly villageName: string;
  readonly timeZone: string;
  readonly logLevel: string;
  /** Paths of the portal's logo and privacy-notice files, when the village supplies its own. */
  readonly portalLogoFile: string | undefined;
  readonly portalTermsFile: string | undefined;
  readonly portalContact: string;
  /** Youngest age that may register on the portal. */
  readonly minAge: number;
  readonly unverifiedPolicy: 'refuse' | 'pending';
  readonly authLogRetentionDays: number;
  readonly sessionRetentionDays: number;
  /** Daily backups kept (0: none). */
  readonly backupKeep: number;
  readonly backupPassphrase: string | undefined;
  /** undefined: pretty on a terminal, JSON otherwise. */
  readonly logFormat: 'pretty' | 'json' | undefined;
}

export type ConfigResult = { ok: true; config: Config } | { ok: false; errors: string[] };

export function parseConfig(env: Readonly<Record<string, string | undefined>>): ConfigResult {
  const parsed = schema.safeParse(env);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`),
    };
  }
  const e = parsed.data;
  return {
    ok: true,
    config: {
      dataDir: e.WARGANET_DATA_DIR,
      databaseUrl: e.WARGANET_DATABASE_URL,
      secretKeyHex: e.WARGANET_SECRET_KEY,
      httpPort: e.WARGANET_HTTP_PORT,
      httpHost: e.WARGANET_HTTP_HOST,
      http: {
        headersTimeoutMs: e.WARGANET_HTTP_HEADERS_TIMEOUT_S * 1000,
        requestTimeoutMs: e.WARGANET_HTTP_REQUEST_TIMEOUT_S * 1000,
        keepAliveTimeoutMs: e.WARGANET_HTTP_KEEPALIVE_S * 1000,
        idleTimeoutMs: e.WARGANET_HTTP_IDLE_TIMEOUT_S * 1000,
        maxConnections: e.WARGANET_HTTP_MAX_CONNECTIONS,
      },
      pinChecks: { concurrency: e.WARGANET_PIN_CHECKS, queue: e.WARGANET_PIN_QUEUE },
      radiusAuthPort: e.WARGANET_RADIUS_AUTH_PORT,
      radiusAcctPort: e.WARGANET_RADIUS_ACCT_PORT,
      radiusHost: e.WARGANET_RADIUS_HOST,
      radiusAddress: e.WARGANET_RADIUS_ADDRESS,
      radiusCoaPort: e.WARGANET_RADIUS_COA_PORT,
      macAuthPassword: e.WARGANET_MAC_AUTH_PASSWORD,
      radiusInterimS: e.WARGANET_RADIUS_INTERIM_S,
      reportRollups: e.WARGANET_BENCH_REPORT_ROLLUPS === 'on',
      roles: e.WARGANET_ROLES,
      publicUrl: e.WARGANET_PUBLIC_URL,
      trustProxy: e.WARGANET_TRUST_PROXY,
      adminTwoFactorRequired: e.WARGANET_ADMIN_2FA,
      villageCode: e.WARGANET_VILLAGE_CODE,
      villageName: e.WARGANET_VILLAGE_NAME,
      timeZone: e.WARGANET_TZ,
      logLevel: e.WARGANET_LOG_LEVEL,
      portalLogoFile: e.WARGANET_PORTAL_LOGO,
      portalTermsFile: e.WARGANET_PORTAL_TERMS,
      portalContact: e.WARGANET_PORTAL_CONTACT ?? `Kantor ${e.WARGANET_VILLAGE_NAME}`,
      minAge: e.WARGANET_MIN_AGE,
      unverifiedPolicy: e.WARGANET_UNVERIFIED_POLICY,
      authLogRetentionDays: e.WARGANET_AUTH_LOG_RETENTION_DAYS,
      sessionRetentionDays: e.WARGANET_SESSION_RETENTION_DAYS,
      backupKeep: e.WARGANET_BACKUP_KEEP,
      backupPassphrase: e.WARGANET_BACKUP_PASSPHRASE || undefined,
      logFormat: e.WARGANET_LOG_FORMAT,
    },
  };
}
