// Runs in the CLI. `meterbook import FILE --mapping NAME [--dry-run] [--unassigned]`: imports a usage file
// with a saved mapping (whose provider account is the target), in-process, with live progress on stderr.
import path from 'node:path';
import type { ImportMappingInput } from '../../../shared/domain/import-mapping';
import type { IngestJob } from '../../../shared/domain/ingest';
import type { AppContext } from '../../services/app-context';
import { CliFailure, EXIT, stringOption, UsageError, type CliCommand, type Invocation } from '../command';
import { withAppContext } from '../context';

const MAX_LISTED_REJECTIONS = 20;
const PROGRESS_EVERY_MS = 1000;

const n = (value: number) => value.toLocaleString('en-US');

export const importCommand: CliCommand = {
  name: 'import',
  args: 'FILE --mapping NAME [--dry-run] [--unassigned]',
  summary: 'Import usage from a CSV or JSON-lines file with a saved mapping',
  details: [
    '--mapping NAME  a mapping saved in the app (see: meterbook call importMappings.list); its provider account receives the usage',
    '--dry-run       count new / duplicate / rejected rows without importing anything',
    '--unassigned    keep rows whose client key maps to no client as unassigned usage (default: reject them)',
    'Prints progress on stderr and a summary with up to 20 rejected rows on stdout. Exit code 0 when the import ran',
    '(even with rejected rows), 1 when it could not run or did not finish, 2 for a wrong command line.',
    'Importing the same file again is safe: events already in the ledger are counted as duplicates, never twice.',
  ],
  options: { mapping: { type: 'string', short: 'm' }, 'dry-run': { type: 'boolean' }, unassigned: { type: 'boolean' } },
  async run(inv) {
    if (inv.positionals.length === 0) throw new UsageError('Name the file to import.');
    if (inv.positionals.length > 1) throw new UsageError(`import takes one file (got ${inv.positionals.length}: ${inv.positionals.join(' ')}).`);
    const mappingName = stringOption(inv.values, 'mapping')?.trim();
    if (mappingName === undefined || mappingName === '') throw new UsageError('Choose a saved mapping with --mapping NAME.');
    const file = path.resolve(inv.cwd, inv.positionals[0]!);
    const dryRun = inv.values['dry-run'] === true;
    const unknownClient = inv.values.unassigned === true ? 'unassigned' : 'reject';
    // listen for Ctrl+C from the start: it cancels the import, keeping what is committed
    const shutdown = inv.waitForShutdown();
    return withAppContext(inv, 'cli', (ctx) => runImport(inv, ctx, { file, mappingName, dryRun, unknownClient, shutdown }));
  },
};

interface ImportArgs {
  file: string;
  mappingName: string;
  dryRun: boolean;
  unknownClient: 'reject' | 'unassigned';
  shutdown: Promise<string>;
}

async function runImport(inv: Invocation, ctx: AppContext, args: ImportArgs): Promise<number> {
  const { files, mappings } = ctx.services.import;
  const saved = await mappings.findByName(args.mappingName);
  if (saved === null) {
    const names = (await mappings.list({})).map((m) => `"${m.name}"`);
    throw new CliFailure(`There is no saved mapping "${args.mappingName}". ${names.length > 0 ? `Saved mappings: ${names.join(', ')}.` : 'Save one in the app first.'}`);
  }
  // through the dispatcher, as the app calls it: the saved mapping is validated again on the way in
  const result = await ctx.dispatch('import.start', {
    file: { path: args.file },
    providerAccountId: saved.providerAccountId,
    mapping: saved.mapping as ImportMappingInput,
    dryRun: args.dryRun,
    unknownClient: args.unknownClient,
  });
  if (!result.ok) {
    const where = result.error.field?.startsWith('mapping') ? ` (the saved mapping "${saved.name}" needs editing in the app)` : '';
    throw new CliFailure(`${result.error.message}${where}`);
  }
  const started = result.data;
  const label = path.basename(args.file);
  let lastLine = 0;
  const stop = ctx.bus.subscribe((name, payload) => {
    const p = payload as { jobId?: string; done?: boolean; current?: number; total?: number | null; counters?: Record<string, number> };
    if (name !== 'job.progress' || p.jobId !== started.jobId || p.done || !p.counters) return;
    const now = Date.now();
    if (now - lastLine < PROGRESS_EVERY_MS) return;
    lastLine = now;
    const c = p.counters;
    const percent = p.total ? ` (${Math.min(100, Math.floor(((p.current ?? 0) / p.total) * 100))}%)` : '';
    inv.io.err(`${label}: ${n(c.rows ?? 0)} rows${percent}, ${n(c.inserted ?? 0)} new, ${n(c.duplicates ?? 0)} duplicates, ${n(c.rejected ?? 0)} rejected\n`);
  });
  let finished = false;
  void args.shutdown.then(() => {
    if (finished) return;
    inv.io.err('Stopping: rows committed so far are kept.\n');
    files.cancel(started.jobId);
  });
  try {
    await files.wait(started.jobId);
  } finally {
    finished = true;
    stop();
  }

  const { job, rejections } = ctx.services.sync.detail({ id: started.id, rejectionsLimit: MAX_LISTED_REJECTIONS });
  inv.io.out(`${summary(job, args.dryRun)}\n`);
  for (const r of rejections) inv.io.out(`${r.reason}\n`);
  if (job.rejected > rejections.length) {
    inv.io.out(`… and ${n(job.rejected - rejections.length)} more rejected rows (all of them: meterbook call sync.job '{"id":${job.id},"rejectionsLimit":1000}').\n`);
  }
  if (job.status === 'succeeded') return EXIT.ok;
  inv.io.err(`meterbook import: ${job.error ?? `the ${args.dryRun ? 'dry run' : 'import'} ended as ${job.status}.`}\n`);
  return EXIT.failed;
}

function summary(job: IngestJob, dryRun: boolean): string {
  const counts = `${n(job.inserted)} new, ${n(job.duplicates)} ${job.duplicates === 1 ? 'duplicate' : 'duplicates'}, ${n(job.rejected)} rejected (of ${n(job.fetched)} rows).`;
  if (dryRun) return `Dry run: ${counts} Nothing was imported.`;
  return `Imported ${counts}`;
}
