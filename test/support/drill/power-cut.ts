// Drill 4: a power cut during a roster import. `warganet residents import` runs in a child process and is
// SIGKILLed at random moments; after each cut the database must pass PRAGMA integrity_check (SQLite: the WAL is
// replayed on open) and hold either the roster before the import or the one after it, never a mix.
// The same cut during `warganet backup`: backup-cut.ts.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { sql } from 'kysely';
import { makePerson, sheetRows, toCsv } from '../../fixtures/roster.js';
import { cli } from '../cli.js';
import { prepareDrillDatabase, withDatabase } from './accounting-check.js';
import { cliInChild } from './cli-child.js';

export interface PowerCutOptions {
  readonly dataDir: string;
  readonly databaseUrl?: string | undefined;
  readonly residents: number;
  readonly cuts: number;
}

export interface RosterState {
  readonly integrity: string;
  readonly residents: number;
  readonly active: number;
  /** Active residents carrying the second roster's names. */
  readonly renamed: number;
}

export interface PowerCutResult {
  readonly before: RosterState;
  readonly after: RosterState;
  /** The state found after each cut. */
  readonly cuts: readonly RosterState[];
  readonly cutsDuringImport: number;
  readonly importSeconds: number;
}

async function rosterState(o: PowerCutOptions): Promise<RosterState> {
  return withDatabase(o, async (db) => {
    let integrity = 'ok';
    if (!o.databaseUrl) {
      const { rows } = await sql<{ integrity_check: string }>`pragma integrity_check`.execute(db);
      integrity = rows.map((r) => r.integrity_check).join('; ');
    }
    const row = await db
      .selectFrom('residents')
      .select((eb) => [
        eb.fn.countAll<number>().as('n'),
        eb.fn.sum<number>(eb.case().when('active', '=', 1).then(1).else(0).end()).as('active'),
        eb.fn
          .sum<number>(
            eb
              .case()
              .when(eb.and([eb('name', 'like', 'PINDAH %'), eb('active', '=', 1)]))
              .then(1)
              .else(0)
              .end(),
          )
          .as('renamed'),
      ])
      .executeTakeFirstOrThrow();
    return {
      integrity,
      residents: Number(row.n),
      active: Number(row.active ?? 0),
      renamed: Number(row.renamed ?? 0),
    };
  });
}

/** The second roster's import in a child, cut after `killAfterMs` when given. */
function importInChild(o: PowerCutOptions, file: string, killAfterMs?: number) {
  return cliInChild(
    o,
    ['residents', 'import', file, '--json', '--confirm-deactivate', String(o.residents / 10)],
    killAfterMs,
  );
}

/**
 * The first roster imported in-process: `first` on an empty database, `back` over the second one (which
 * deactivates the tenth the second roster added, hence the confirmation).
 */
async function importFirstRoster(o: PowerCutOptions, file: string, when: 'first' | 'back') {
  const confirm = when === 'back' ? ['--confirm-deactivate', String(o.residents / 10)] : [];
  const run = await cli(o, ['residents', 'import', file, '--json', ...confirm]);
  if (run.code !== 0) throw new Error(run.stderr);
}

export async function runPowerCutDrill(o: PowerCutOptions): Promise<PowerCutResult> {
  if (o.residents % 10 !== 0) throw new Error('residents: a multiple of 10');
  await prepareDrillDatabase(o, []);
  const first = Array.from({ length: o.residents }, (_, i) => makePerson(i));
  // The second roster: everyone renamed (a marker), a tenth gone, as many new people: updates, deactivations
  // and inserts in one import.
  const second = [
    ...first.filter((_, i) => i % 10 !== 0).map((p, i) => ({ ...p, nama: `PINDAH ${i}` })),
    ...Array.from({ length: Math.floor(o.residents / 10) }, (_, i) =>
      makePerson(o.residents + i, { nama: `PINDAH BARU ${i}` }),
    ),
  ];
  const files = { first: join(o.dataDir, 'roster-1.csv'), second: join(o.dataDir, 'roster-2.csv') };
  writeFileSync(files.first, toCsv(sheetRows(first), { delimiter: ';' }));
  writeFileSync(files.second, toCsv(sheetRows(second), { delimiter: ';' }));
  await importFirstRoster(o, files.first, 'first');

  // How long the second import takes whole (start-up included), to place the cuts within it.
  const timing = await importInChild(o, files.second);
  // That run completed: put the first roster back, so every cut below starts from `before`.
  await importFirstRoster(o, files.first, 'back');
  // Every cut starts from here: the first roster active, the second's newcomers known but inactive.
  const before = await rosterState(o);

  const cuts: RosterState[] = [];
  let cutsDuringImport = 0;
  for (let k = 0; k < o.cuts; k++) {
    // Within the middle of the measured run (start-up first, the commit last); a run that ends before its cut
    // still counts (the state after it is checked the same way).
    const at = (0.15 + 0.6 * Math.random()) * timing.seconds * 1000;
    const r = await importInChild(o, files.second, at);
    if (r.cut) cutsDuringImport++;
    const state = await rosterState(o);
    cuts.push(state);
    // Completed before the cut came: back to the first roster for the next round.
    if (!r.cut || state.renamed > 0) await importFirstRoster(o, files.first, 'back');
  }
  const finalRun = await importInChild(o, files.second);
  if (finalRun.cut) throw new Error('the last import was cut');
  const after = await rosterState(o);
  return { before, after, cuts, cutsDuringImport, importSeconds: timing.seconds };
}
