// `npm run bench:import`: a realistic 5,000-row OpenSID export (all 43 columns) as .xlsx and .csv, imported
// through the CLI into a fresh SQLite data directory (and a fresh PostgreSQL database when WARGANET_TEST_PG_URL
// is set): time and rows/s for the first import and for a re-import of the same file, and the peak RSS.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { makeNik, makePerson, sheetRows, toCsv, toXlsx } from '../test/fixtures/roster.js';
import { cli } from '../test/support/cli.js';
import { createTestDatabase, databaseKinds } from '../test/support/databases.js';

const ROWS = Number(process.env.BENCH_ROWS ?? 5000);

function village(n: number) {
  // Like a real village: a few people registered elsewhere, a few who died or moved, one typo.
  return Array.from({ length: n }, (_, i) =>
    makePerson(i, {
      ...(i % 97 === 0 ? { nik: makeNik('1979-05-06', i % 2 === 0 ? 1 : 2, (i % 9999) + 1, '352313') } : {}),
      ...(i % 211 === 0 ? { status_dasar: i % 2 === 0 ? 2 : 3 } : {}),
      ...(i === 1234 ? { nik: '35231205' } : {}),
    }),
  );
}

async function main() {
  const work = mkdtempSync(join(tmpdir(), 'warganet-bench-'));
  try {
    const t0 = performance.now();
    const rows = sheetRows(village(ROWS));
    const files = {
      xlsx: join(work, 'penduduk.xlsx'),
      csv: join(work, 'penduduk.csv'),
    };
    writeFileSync(files.xlsx, await toXlsx([{ name: 'Data Penduduk', rows }]));
    writeFileSync(files.csv, toCsv(rows, { delimiter: ';', bom: true, crlf: true }));
    console.log(
      `generated ${ROWS} rows (.xlsx and .csv) in ${ms(performance.now() - t0)}; RSS now ${mb(process.memoryUsage().rss)}`,
    );
    console.log('database  format  run         time      rows/s   added  updated  deactivated  rejected');

    for (const kind of databaseKinds) {
      for (const format of ['xlsx', 'csv'] as const) {
        const db = await createTestDatabase(kind);
        try {
          for (const run of ['first', 're-import'] as const) {
            const start = performance.now();
            const r = await cli({ dataDir: db.dir, databaseUrl: db.url }, [
              'residents',
              'import',
              files[format],
              '--json',
            ]);
            const elapsed = performance.now() - start;
            if (r.code !== 0) throw new Error(`import failed: ${r.stderr}`);
            const s = JSON.parse(r.stdout) as {
              added: number;
              updated: number;
              deactivated: number;
              rejected: unknown[];
            };
            console.log(
              [
                kind.padEnd(9),
                format.padEnd(6),
                run.padEnd(10),
                ms(elapsed).padStart(8),
                String(Math.round(ROWS / (elapsed / 1000))).padStart(9),
                String(s.added).padStart(6),
                String(s.updated).padStart(8),
                String(s.deactivated).padStart(12),
                String(s.rejected.length).padStart(9),
              ].join('  '),
            );
          }
        } finally {
          await db.close();
        }
      }
    }
    // maxRSS covers the whole process, generation of the files included.
    console.log(`peak RSS: ${mb(process.resourceUsage().maxRSS * 1024)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function mb(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(0)} MB`;
}

function ms(n: number): string {
  return `${n.toFixed(0)} ms`;
}

await main();
