// The words of the login log (/admin/log-masuk): why a phone cannot connect, in plain words, and what to do.
import { type AuthReason, REASON_LABELS } from '../../domain/auth-reasons.js';
import type { ReportedDrop } from '../../domain/radius-drops.js';
import type { Catalogue } from '../../web/messages/common.js';

const id = {
  title: 'Log masuk',
  intro:
    'Kenapa sebuah HP tidak bisa tersambung: setiap permintaan masuk dengan keputusan dan alasannya, juga paket yang dibuang router. Terbaru dulu.',
  search: 'Cari MAC, nama warga, atau NIK',
  searchHint: 'Contoh: AA:BB:CC:11:22:33, Siti, atau NIK (lengkap atau tersamar).',
  router: 'Router',
  anyRouter: 'Semua router',
  none: 'Tidak ada catatan yang cocok.',
  col: {
    when: 'Waktu',
    router: 'Router',
    resident: 'Warga',
    device: 'Perangkat',
    mac: 'MAC',
    decision: 'Keputusan',
    reason: 'Alasan',
    count: 'Kali',
  },
  decision: { accept: 'Diterima', reject: 'Ditolak', drop: 'Dibuang' } as Record<string, string>,
  reasons: REASON_LABELS as Record<AuthReason, string>,
  drops: {
    unknown_nas: 'router tidak dikenal',
    bad_authenticator: 'rahasia RADIUS tidak sama',
    bad_message_authenticator: 'rahasia RADIUS tidak sama',
    missing_message_authenticator: 'tanpa Message-Authenticator',
  } as Record<ReportedDrop, string>,
  phoneSaw: 'Yang tampil di HP',
  many: '(banyak)',
  unknownRouter: (source: string) => `tidak dikenal (${source})`,
  fixes: 'Paket yang dibuang dan cara membereskannya',
  fix: {
    unknown_nas: (source: string) =>
      `Paket dari ${source} dibuang karena router itu belum ditambahkan. Tambahkan router dengan IP ${source} di halaman Router, atau periksa IP router yang tersimpan.`,
    secret: (router: string) =>
      `Paket dari router ${router} dibuang: rahasia RADIUS di router (/radius) dan di Warganet tidak sama. Samakan keduanya (admin dapat mengubahnya di halaman router).`,
    messageAuth: (router: string) =>
      `Paket dari router ${router} dibuang: tanpa Message-Authenticator. Perbarui RouterOS ke 7.15 atau lebih baru, atau matikan "Wajibkan Message-Authenticator" di halaman router.`,
  },
};

export type AuthLogMessages = typeof id;

const en: AuthLogMessages = {
  title: 'Login log',
  intro:
    'Why a phone cannot connect: every login request with its decision and reason, and packets the server dropped. Newest first.',
  search: 'Search MAC, resident name or NIK',
  searchHint: 'E.g. AA:BB:CC:11:22:33, Siti, or a NIK (full or masked).',
  router: 'Router',
  anyRouter: 'All routers',
  none: 'Nothing matches.',
  col: {
    when: 'Time',
    router: 'Router',
    resident: 'Resident',
    device: 'Device',
    mac: 'MAC',
    decision: 'Decision',
    reason: 'Reason',
    count: 'Times',
  },
  decision: { accept: 'Accepted', reject: 'Refused', drop: 'Dropped' },
  reasons: {
    ok: 'accepted',
    throttled: 'accepted (speed limited, quota used up)',
    unknown_device: 'device not registered',
    bad_credentials: 'wrong password',
    device_revoked: 'device removed',
    not_in_roster: 'no longer in the roster',
    account_pending: 'account awaiting approval',
    account_suspended: 'account suspended',
    mac_mismatch: 'MAC does not match',
    no_plan: 'no plan set',
    too_many_devices: 'too many devices',
    quota_exhausted: 'daily quota used up',
    monthly_quota_exhausted: 'monthly quota used up',
    ticket_used: 'login ticket already used',
    ticket_expired: 'login ticket expired',
    ticket_no_mac: 'login ticket without a valid device MAC',
    mac_elsewhere: "MAC registered to another resident's account",
    mac_institution: "MAC is an institution's device",
    outside_window: "outside the plan's hours",
    stepped_down: "accepted (speed stepped down, today's use past the threshold)",
  },
  drops: {
    unknown_nas: 'unknown router',
    bad_authenticator: 'RADIUS secret differs',
    bad_message_authenticator: 'RADIUS secret differs',
    missing_message_authenticator: 'no Message-Authenticator',
  },
  phoneSaw: 'Shown on the phone',
  many: '(many)',
  unknownRouter: (source) => `unknown (${source})`,
  fixes: 'Dropped packets and how to fix them',
  fix: {
    unknown_nas: (source) =>
      `Packets from ${source} were dropped because that router has not been added. Add a router with IP ${source} on the Routers page, or check the stored router IP.`,
    secret: (router) =>
      `Packets from router ${router} were dropped: the RADIUS secret differs between the router (/radius) and Warganet. Make them the same (an admin can change it on the router's page).`,
    messageAuth: (router) =>
      `Packets from router ${router} were dropped: no Message-Authenticator. Upgrade RouterOS to 7.15 or later, or turn off "Require Message-Authenticator" on the router's page.`,
  },
};

export const authLogMessages: Catalogue<AuthLogMessages> = { id, en };
