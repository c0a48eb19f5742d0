import { afterEach, describe, expect, it } from 'vitest';
import { openTempContext, type TempContext } from '../../test/helpers/temp-context';
import { IngestJobs } from './ingest-jobs';

let ctx: TempContext | undefined;
afterEach(async () => ctx?.dispose());

describe('IngestJobs.markInterrupted', () => {
  it("marks jobs of dead processes interrupted with a message for their kind, and leaves a live process's jobs alone", async () => {
    ctx = await openTempContext();
    const raw = ctx.ledger.raw;
    const jobs = new IngestJobs(raw);
    const now = new Date('2026-10-15T12:00:00Z');
    const sync = jobs.create({ kind: 'sync', providerAccountId: null, source: 'user', now });
    const imp = jobs.create({ kind: 'import', providerAccountId: null, source: 'usage.csv', now });
    const other = jobs.create({ kind: 'sync', providerAccountId: null, source: 'user', now });
    raw.prepare('update ingest_jobs set owner_pid = ? where id in (?, ?)').run(2 ** 22 + 12345, sync, imp); // no such process
    raw.prepare('update ingest_jobs set owner_pid = ? where id = ?').run(process.ppid, other); // alive: our parent
    expect(jobs.markInterrupted(now)).toBe(2);
    expect(jobs.get(sync)).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/next sync continues/) });
    expect(jobs.get(imp)).toMatchObject({ status: 'interrupted', error: expect.stringMatching(/import the same file again/) });
    expect(jobs.get(other)?.status).toBe('running');
  });
});
