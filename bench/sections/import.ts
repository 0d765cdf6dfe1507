import { actorOf } from '../lib/app';
import type { BenchSection } from '../lib/context';
import { buildRosterFile } from '../lib/roster-file';

export const IMPORT_ROWS = 10_000;

/**
 * The roster import of a whole agency: a 10,000-row .xlsx in the template's layout, into one branch,
 * through RosterService.import (parse, validate every row, check duplicates against the installation,
 * bulk insert, audit). A dry run first gives the cost of reading and checking alone.
 */
export const importSection: BenchSection = {
  id: 'import',
  title: `Roster import — ${IMPORT_ROWS.toLocaleString('en-US')}-row .xlsx into one branch (RosterService.import)`,
  async app(ctx, rec) {
    const target = ctx.fixtures.importTarget;
    const { value: file } = await rec.once('build the .xlsx (exceljs, not part of the import)', () =>
      buildRosterFile(IMPORT_ROWS, Math.floor(Date.now() / 1000)),
    );
    rec.figure('file size', file.length / 1024 / 1024, 'MB');
    const admin = await actorOf(ctx.bench, 'admin');
    const roster = ctx.bench.services.roster;
    const dry = await rec.once('dry run (read + validate + duplicate checks)', () =>
      roster.import(admin, target.id, file, true),
    );
    if (dry.value.rows !== IMPORT_ROWS) throw new Error(`dry run saw ${dry.value.rows} rows`);
    const real = await rec.once(`import into “${target.name}”`, () =>
      roster.import(admin, target.id, file, false),
    );
    if (real.value.imported !== IMPORT_ROWS) throw new Error(`imported ${real.value.imported} rows`);
    rec.figure('import rate', IMPORT_ROWS / real.seconds, 'rows/s');
    rec.figure('dry-run rate', IMPORT_ROWS / dry.seconds, 'rows/s');
  },
};
