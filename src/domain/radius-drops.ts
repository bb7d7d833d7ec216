// Why a RADIUS packet got no answer, in the operator's words, with the likely fix. The router only sees a
// timeout ("RADIUS server is not responding"), so these lines are the only place an operator learns the cause.

/** Drops an operator can fix; the rest (malformed, unexpected code, internal errors) are counted in metrics. */
export type ReportedDrop =
  | 'unknown_nas'
  | 'bad_authenticator'
  | 'bad_message_authenticator'
  | 'missing_message_authenticator';

export const REPORTED_DROPS: readonly ReportedDrop[] = [
  'unknown_nas',
  'bad_authenticator',
  'bad_message_authenticator',
  'missing_message_authenticator',
];

export function isReportedDrop(reason: string): reason is ReportedDrop {
  return (REPORTED_DROPS as readonly string[]).includes(reason);
}

/** Short label for a table column. */
export const DROP_LABELS: Record<ReportedDrop, string> = {
  unknown_nas: 'dibuang: router tidak dikenal',
  bad_authenticator: 'dibuang: secret RADIUS tidak sama',
  bad_message_authenticator: 'dibuang: secret RADIUS tidak sama',
  missing_message_authenticator: 'dibuang: tanpa Message-Authenticator',
};

/** One sentence: what happened and what to do. */
export function dropHint(reason: ReportedDrop, where: { router: string | null; source: string }): string {
  const name = where.router ?? 'NAMA';
  switch (reason) {
    case 'unknown_nas':
      return (
        `paket RADIUS dari ${where.source} dibuang: router ini belum ditambahkan ` +
        `(warganet router add NAMA --nas-ip ${where.source}), atau --nas-ip router salah`
      );
    case 'bad_authenticator':
    case 'bad_message_authenticator':
      return (
        `paket RADIUS dari router ${name} (${where.source}) dibuang: secret RADIUS tidak sama ` +
        'di router (/radius) dan di Warganet; samakan keduanya'
      );
    case 'missing_message_authenticator':
      return (
        `paket RADIUS dari router ${name} (${where.source}) dibuang: tanpa Message-Authenticator. ` +
        'RouterOS di bawah 7.15 tidak mengirim Message-Authenticator: perbarui RouterOS, atau jalankan ' +
        `warganet router set ${name} --no-require-message-auth`
      );
  }
}
