// The demo village's people, as OpenSID would export them (the penduduk sheet as CSV, OpenSID's column names):
// households with a head, a spouse and children, in four dusun with their RW and RT, NIK and KK numbers that pass
// the same checks as real ones, a few residents who died or moved away. Made up, and the same on every run.

/** A resident as the demo knows them (the NIK and KK in clear, to register with; never stored by the product). */
export interface DemoResident {
  readonly index: number;
  readonly name: string;
  readonly nik: string;
  readonly kk: string;
  readonly birthDate: string;
  readonly sex: 1 | 2;
  readonly dusun: string;
  readonly household: number;
  /** status_dasar 1 (HIDUP): still in the village. */
  readonly living: boolean;
}

export const DEMO_DUSUN = ['KRAJAN', 'SOCO', 'NGEPON', 'TEGALREJO'] as const;

const MEN = [
  'Ahmad',
  'Budi',
  'Eko',
  'Slamet',
  'Agus',
  'Joko',
  'Heru',
  'Imam',
  'Rudi',
  'Wahyu',
  'Sugeng',
  'Bambang',
];
const WOMEN = [
  'Siti',
  'Dewi',
  'Sri',
  'Nur',
  'Wati',
  'Lestari',
  'Aminah',
  'Yuni',
  'Rina',
  'Endang',
  'Sulastri',
];
const FAMILY = [
  'Santoso',
  'Prasetyo',
  'Hidayat',
  'Wibowo',
  'Susanto',
  'Rahayu',
  'Fauzi',
  'Hartono',
  'Setiawan',
];

/** OpenSID's penduduk columns the importer reads, in OpenSID's order (the rest of its 43 are left out). */
const COLUMNS = [
  'alamat',
  'dusun',
  'rw',
  'rt',
  'nama',
  'no_kk',
  'nik',
  'sex',
  'tempatlahir',
  'tanggallahir',
  'agama_id',
  'pendidikan_kk_id',
  'pekerjaan_id',
  'status_kawin',
  'kk_level',
  'warganegara_id',
  'status_dasar',
] as const;

/** A small deterministic generator (mulberry32), so every run builds the same village. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width = 2) => String(n).padStart(width, '0');

/** The first six digits of a NIK issued in the village's kecamatan (Kemendagri code `35.23.12.2002`). */
export function kecamatanDigits(villageCode: string): string {
  return villageCode.replace(/\D/g, '').slice(0, 6);
}

function nikFor(area: string, birth: string, sex: 1 | 2, serial: number): string {
  const [y, m, d] = birth.split('-') as [string, string, string];
  return `${area}${pad(Number(d) + (sex === 2 ? 40 : 0))}${m}${y.slice(2)}${pad(serial, 4)}`;
}

function kkFor(area: string, household: number): string {
  const recorded = new Date(Date.UTC(2012, 0, 1) + (household % 3650) * 86_400_000);
  const [y, m, d] = recorded.toISOString().slice(0, 10).split('-') as [string, string, string];
  return `${area}${d}${m}${y.slice(2)}${pad((household % 9999) + 1, 4)}`;
}

function birthDate(random: () => number, minAge: number, maxAge: number, year: number): string {
  const age = minAge + random() * (maxAge - minAge);
  const at = Date.UTC(year, 6, 1) - age * 365.25 * 86_400_000;
  return new Date(at).toISOString().slice(0, 10);
}

export interface VillageRoster {
  readonly residents: readonly DemoResident[];
  /** The OpenSID export as a CSV file. */
  readonly csv: Uint8Array;
  readonly fileName: string;
}

/** About `size` residents in households of one to six, seeded. */
export function villageRoster(opts: { size: number; villageCode: string; seed?: number }): VillageRoster {
  const random = seededRandom(opts.seed ?? 2002);
  const area = kecamatanDigits(opts.villageCode);
  const year = new Date().getUTCFullYear();
  const residents: DemoResident[] = [];
  const rows: string[][] = [];
  let household = 0;
  while (residents.length < opts.size) {
    household++;
    const dusunIndex = Math.floor(random() * DEMO_DUSUN.length);
    const dusun = DEMO_DUSUN[dusunIndex]!;
    const rw = pad(dusunIndex + 1, 3);
    const rt = pad(1 + Math.floor(random() * 4), 3);
    const family = FAMILY[Math.floor(random() * FAMILY.length)]!;
    const kk = kkFor(area, household);
    const members = 1 + Math.floor(random() * 5.5);
    for (let m = 0; m < members && residents.length < opts.size; m++) {
      const index = residents.length;
      // The head, a spouse, then children: ages to match.
      const sex: 1 | 2 = m === 0 ? (random() < 0.85 ? 1 : 2) : m === 1 ? 2 : random() < 0.5 ? 1 : 2;
      const birth = m < 2 ? birthDate(random, 24, 75, year) : birthDate(random, 0, 30, year);
      const given = (sex === 1 ? MEN : WOMEN)[Math.floor(random() * (sex === 1 ? MEN : WOMEN).length)]!;
      const name = `${given} ${family}`.toUpperCase();
      const living = random() > 0.02;
      const nik = nikFor(area, birth, sex, (index % 9999) + 1);
      residents.push({ index, name, nik, kk, birthDate: birth, sex, dusun, household, living });
      rows.push([
        `DUSUN ${dusun} RT ${rt} RW ${rw}`,
        dusun,
        rw,
        rt,
        name,
        kk,
        nik,
        String(sex),
        'TUBAN',
        birth,
        '1',
        String(1 + Math.floor(random() * 9)),
        String(1 + Math.floor(random() * 88)),
        m < 2 ? '2' : '1',
        m === 0 ? '1' : m === 1 ? '3' : '4',
        '1',
        living ? '1' : random() < 0.5 ? '2' : '3',
      ]);
    }
  }
  const text = [[...COLUMNS], ...rows].map((r) => r.join(',')).join('\n');
  return {
    residents,
    csv: new TextEncoder().encode(`${text}\n`),
    fileName: 'penduduk-desa-demo.csv',
  };
}
