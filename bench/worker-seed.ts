// The regency data set of bench:worker and bench:worker-profile: VILLAGES villages × DAYS days seeded straight by
// SQL (the same rows an ingest writes, rollups included), so the two benches measure the same database.
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

export const ROOT = resolve(import.meta.dirname, '..');
export const DAYS = 365;
export const FIRST_DAY = '2025-11-30';

/** The D1 migrations' statements, in order. */
export function migrations(): string[] {
  const dir = join(ROOT, 'db/d1-migrations');
  return readdirSync(dir)
    .filter((f) => f.endsWith('.sql'))
    .sort()
    .flatMap((f) =>
      readFileSync(join(dir, f), 'utf8')
        .replace(/--.*$/gm, '')
        .split(';')
        .map((s) => s.trim())
        .filter(Boolean),
    );
}

/** The rollups' backfill (the INSERTs of migration 0002), replacing rows an ingest already wrote. */
function rollupBackfill(): string[] {
  return readFileSync(join(ROOT, 'db/d1-migrations/0002_regency_rollups.sql'), 'utf8')
    .replace(/--.*$/gm, '')
    .split(';')
    .map((s) => s.trim())
    .filter((s) => s.startsWith('INSERT INTO'))
    .map((s) => s.replace('INSERT INTO', 'INSERT OR REPLACE INTO'));
}

/** Seeds `villages` villages (every 50th stopped 10 days ago), skipping `skip` (the ingest bench's village). */
export function seedStatements(villages: number, skip: string): string[] {
  return [
    `INSERT INTO villages (code, name, kecamatan, token_salt, created_at, last_day)
     WITH RECURSIVE n(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM n WHERE i < ${villages - 1})
     SELECT printf('3523%06d', i), 'Desa ' || i, 'Kecamatan ' || (i / 15), 'x', 0,
            CASE WHEN i % 50 = 7 THEN date('${FIRST_DAY}', '+${DAYS - 10} days') ELSE date('${FIRST_DAY}', '+${DAYS - 1} days') END
     FROM n`,
    `INSERT INTO village_days
     WITH RECURSIVE d(k) AS (SELECT 0 UNION ALL SELECT k + 1 FROM d WHERE k < ${DAYS - 1})
     SELECT v.code, date('${FIRST_DAY}', '+' || d.k || ' days'), 1, 0, 0, 40000000 + d.k, 4000000, 120, 60, 45,
            200, 150, 5, 3, 1, 15000
     FROM villages v, d WHERE v.code <> '${skip}'`,
    `INSERT INTO village_usage
     WITH k(dim, key) AS (VALUES ('router','Balai Desa'),('router','Masjid'),('router','Sekolah'),('router','Polindes'),
                                 ('dusun','Dusun 0'),('dusun','Dusun 1'),('dusun','Dusun 2'),('plan','Gratis'))
     SELECT d.village, d.day, k.dim, k.key, 10000000, 1000000, 30, 15, 12 FROM village_days d, k
     WHERE d.village <> '${skip}'`,
    `INSERT INTO village_hourly
     WITH RECURSIVE h(hour) AS (SELECT 0 UNION ALL SELECT hour + 1 FROM h WHERE hour < 23)
     SELECT d.village, d.day, h.hour, 1000000, 5 FROM village_days d, h WHERE d.village <> '${skip}'`,
    `INSERT INTO village_uptime
     WITH r(router) AS (VALUES ('Balai Desa'),('Masjid'),('Sekolah'),('Polindes'))
     SELECT d.village, d.day, r.router, 86000000, 400000, 20 FROM village_days d, r WHERE d.village <> '${skip}'`,
    `INSERT INTO village_coverage
     WITH RECURSIVE c(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM c WHERE i < 29)
     SELECT v.code, v.last_day, 'Dusun ' || (c.i % 4), printf('%03d', c.i / 8 + 1), printf('%03d', c.i + 1),
            90, 40, 30, 18
     FROM villages v, c WHERE v.code <> '${skip}'`,
    ...rollupBackfill(),
  ];
}
