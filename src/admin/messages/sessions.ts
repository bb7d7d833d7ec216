// The words of the sessions page (/admin/sesi): live and past hotspot sessions, filters, kicking one.
import type { Catalogue } from '../../web/messages/common.js';

const id = {
  title: 'Sesi',
  intro: 'Sesi hotspot dari accounting RADIUS, terbaru dulu.',
  filter: {
    state: 'Tampilkan',
    live: 'Hanya yang aktif',
    all: 'Aktif dan selesai',
    router: 'Router',
    anyRouter: 'Semua router',
    mac: 'MAC perangkat',
    resident: 'Warga (nama atau NIK)',
    residentHint: 'Nama (min. 3 huruf), NIK, atau NIK tersamar.',
  },
  none: 'Tidak ada sesi yang cocok.',
  col: {
    resident: 'Warga',
    device: 'Perangkat',
    mac: 'MAC',
    ip: 'IP',
    router: 'Router',
    started: 'Mulai',
    last: 'Terakhir',
    up: 'Unggah',
    down: 'Unduh',
    state: 'Status',
    action: 'Tindakan',
  },
  state: { active: 'Aktif', stopped: 'Selesai', closed: 'Ditutup' } as Record<string, string>,
  kick: 'Putuskan',
  kickTitle: 'Putuskan sesi?',
  kickConfirm: (who: string, router: string) =>
    `Putuskan ${who} dari router ${router}? Perangkat bisa masuk lagi bila masih berhak.`,
  kickConfirmId: (id: number) =>
    `Putuskan sesi #${id} dari routernya? Perangkat bisa masuk lagi bila masih berhak.`,
  kicked: (id: number, via: string) => `Sesi ${id} diputus (${via}).`,
  kickNotFound: (id: number) => `Sesi ${id} tidak ditemukan.`,
  kickNotActive: (id: number) => `Sesi ${id} sudah tidak aktif.`,
  kickFailed: (id: number, detail: string) => `Sesi ${id} gagal diputus: ${detail}`,
  unknownDevice: 'perangkat tak dikenal',
};

export type SessionMessages = typeof id;

const en: SessionMessages = {
  title: 'Sessions',
  intro: 'Hotspot sessions from RADIUS accounting, newest first.',
  filter: {
    state: 'Show',
    live: 'Live only',
    all: 'Live and ended',
    router: 'Router',
    anyRouter: 'All routers',
    mac: 'Device MAC',
    resident: 'Resident (name or NIK)',
    residentHint: 'Name (3+ letters), NIK, or masked NIK.',
  },
  none: 'No matching sessions.',
  col: {
    resident: 'Resident',
    device: 'Device',
    mac: 'MAC',
    ip: 'IP',
    router: 'Router',
    started: 'Started',
    last: 'Last',
    up: 'Upload',
    down: 'Download',
    state: 'State',
    action: 'Action',
  },
  state: { active: 'Live', stopped: 'Ended', closed: 'Closed' },
  kick: 'Disconnect',
  kickTitle: 'Disconnect this session?',
  kickConfirm: (who, router) =>
    `Disconnect ${who} from router ${router}? The device can log in again while it is still allowed.`,
  kickConfirmId: (id) =>
    `Disconnect session #${id} from its router? The device can log in again while it is still allowed.`,
  kicked: (id, via) => `Session ${id} disconnected (${via}).`,
  kickNotFound: (id) => `Session ${id} not found.`,
  kickNotActive: (id) => `Session ${id} is no longer live.`,
  kickFailed: (id, detail) => `Session ${id} could not be disconnected: ${detail}`,
  unknownDevice: 'unknown device',
};

export const sessionMessages: Catalogue<SessionMessages> = { id, en };
