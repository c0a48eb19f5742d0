// Runs in main. Period close: one draft invoice per billable client, as a cancellable, resumable job.
//
// A run walks the billable clients in id order, drafting a chunk of them per transaction, and records in that same
// transaction how far it got (last_client_id), so drafts and progress commit together.
// Cancelled or interrupted (the process died: its owner pid is gone) runs are resumed by starting the same
// period again: they continue after the last client done. Drafting a client is idempotent (an existing
// draft is re-rated, an issued invoice is skipped), so a client done twice after a crash is harmless. The clients
// still to do are rated in one batch when a run starts or resumes (dashboard/statement-batch.ts).

import { DateTime } from 'luxon';
import { processAlive } from '../../db/ingest-jobs';
import { ratePeriod } from '../dashboard/statement-batch';
import type { CloseRun, ClosePreview } from '../../../shared/domain/invoice';
import type { ClientStatement } from '../../../shared/domain/pricing';
import type { CloseRunsTable } from '../../db/schema';
import type { Selectable } from 'kysely';
import type { AppContextDeps } from '../app-deps';
import { AppError, notFound } from '../errors';
import type { InvoicesService } from './invoices-service';

type RunRow = Selectable<CloseRunsTable>;
type Failure = CloseRun['failures'][number];

const jobId = (runId: number) => `close:${runId}`;
/** clients drafted per transaction: one commit each (fsync), progress saved with them; a cancel waits at most one */
const CHUNK = 25;

/** Calendar bounds of a period label, for choosing billable clients ("2026-10" → 2026-10-01 .. 2026-11-01). */
function labelBounds(period: string): { start: string; end: string } {
  if (!period.includes('-')) return { start: `${period}-01-01`, end: `${Number(period) + 1}-01-01` };
  const start = DateTime.fromISO(`${period}-01`, { zone: 'UTC' });
  return { start: start.toISODate()!, end: start.plus({ months: 1 }).toISODate()! };
}

export class CloseService {
  constructor(
    private readonly deps: AppContextDeps,
    private readonly invoices: InvoicesService,
  ) {}

  private get db() {
    return this.deps.ledger.db;
  }

  /** Non-archived clients with a subscription overlapping the period (a month either side for anchored plans). */
  async billableClients(period: string): Promise<Array<{ id: number; name: string; currency: string }>> {
    const { start, end } = labelBounds(period);
    const from = DateTime.fromISO(start).minus({ months: 1 }).toISODate()!;
    return this.db
      .selectFrom('clients as c')
      .select(['c.id', 'c.name', 'c.currency'])
      .where('c.archived_at', 'is', null)
      .where(({ exists, selectFrom }) =>
        exists(
          selectFrom('subscriptions as s')
            .select('s.id')
            .whereRef('s.client_id', '=', 'c.id')
            .where('s.start_date', '<', end)
            .where((eb) => eb.or([eb('s.end_date', 'is', null), eb('s.end_date', '>', from)])),
        ),
      )
      .orderBy('c.id')
      .execute();
  }

  async preview(period: string): Promise<ClosePreview> {
    const clients = await this.billableClients(period);
    const invoices = await this.db
      .selectFrom('invoices')
      .select(['id', 'client_id', 'status', 'number'])
      .where('period_label', '=', period)
      .where('kind', '=', 'invoice')
      .where('status', '<>', 'void')
      .execute();
    const byClient = new Map(invoices.map((i) => [i.client_id, i]));
    const last = await this.db.selectFrom('close_runs').selectAll().where('period_label', '=', period).orderBy('id', 'desc').limit(1).executeTakeFirst();
    return {
      period,
      clients: clients
        .map((c) => {
          const inv = byClient.get(c.id);
          return { clientId: c.id, clientName: c.name, currency: c.currency, invoice: inv ? { id: inv.id, status: inv.status, number: inv.number } : null };
        })
        .sort((a, b) => a.clientName.localeCompare(b.clientName)),
      lastRun: last ? this.view(await this.settle(last)) : null,
    };
  }

  /** Starts the period's close, or resumes its cancelled or interrupted run. Returns at once; progress as job.progress. */
  async start(period: string): Promise<CloseRun> {
    const now = this.deps.clock.now().toISOString();
    const latest = await this.db.selectFrom('close_runs').selectAll().where('period_label', '=', period).orderBy('id', 'desc').limit(1).executeTakeFirst();
    const settled = latest ? await this.settle(latest) : null;
    if (settled?.status === 'running') return this.view(settled);
    const clients = await this.billableClients(period);
    if (clients.length === 0) throw new AppError('invalid_input', `No client has a plan for ${period}: assign plans to clients first.`, { field: 'period' });
    let run: RunRow;
    if (settled && (settled.status === 'cancelled' || settled.status === 'interrupted')) {
      run = await this.db
        .updateTable('close_runs')
        .set({ status: 'running', owner_pid: process.pid, finished_at: null, total: clients.length })
        .where('id', '=', settled.id)
        .returningAll()
        .executeTakeFirstOrThrow();
    } else {
      run = await this.db
        .insertInto('close_runs')
        .values({ period_label: period, status: 'running', total: clients.length, owner_pid: process.pid, started_at: now })
        .returningAll()
        .executeTakeFirstOrThrow();
    }
    this.launch(run);
    this.deps.bus.changed('close_runs');
    return this.view(run);
  }

  async cancel(runId: number): Promise<CloseRun> {
    const row = await this.row(runId);
    if (row.status !== 'running') return this.view(await this.settle(row));
    if (!this.deps.jobs.cancel(jobId(runId))) {
      // running in another process (or a dead one): only that process can stop it
      const settled = await this.settle(row);
      if (settled.status === 'running') throw new AppError('conflict', `The close of ${row.period_label} runs in another Meterbook process (pid ${row.owner_pid}); cancel it there.`);
      return this.view(settled);
    }
    await this.deps.jobs.wait(jobId(runId));
    return this.view(await this.row(runId));
  }

  async get(runId: number): Promise<CloseRun> {
    return this.view(await this.settle(await this.row(runId)));
  }

  /** Resolves when the run's job (in this process) has finished. */
  async wait(runId: number): Promise<CloseRun> {
    await this.deps.jobs.wait(jobId(runId));
    return this.get(runId);
  }

  // ---- internals

  private launch(run: RunRow): void {
    const period = run.period_label;
    this.deps.jobs.start(jobId(run.id), 'close', async (ctl) => {
      const clients = (await this.billableClients(period)).filter((c) => c.id > run.last_client_id);
      let done = run.done;
      const total = done + clients.length;
      const counters = { created: run.created, updated: run.updated, skipped: run.skipped };
      const failures = JSON.parse(run.failures) as Failure[];
      const publish = (step: string) => ctl.progress({ step, current: done, total, counters: { ...counters, failed: failures.length } });
      publish('rating');
      // every remaining client rated in one batch (the same statements as statements.get, without its per-client
      // reads of the whole agency's usage)
      const rating = new Map((await ratePeriod(this.deps, period, { clientIds: clients.map((c) => c.id) })).clients.map((r) => [r.client.id, r]));
      publish('drafting');
      // drafted CHUNK clients per transaction (one commit instead of two per client), progress in the same one
      for (let at = 0; at < clients.length; at += CHUNK) {
        if (ctl.signal.aborted) {
          await this.finish(run.id, 'cancelled');
          return { step: 'cancelled', current: done, total, counters: { ...counters, failed: failures.length } };
        }
        const chunk = clients.slice(at, at + CHUNK);
        const rateable: Array<{ client: (typeof chunk)[number]; statement: ClientStatement }> = [];
        for (const client of chunk) {
          const rated = rating.get(client.id);
          if (rated?.statement) rateable.push({ client, statement: rated.statement });
          else failures.push({ clientId: client.id, clientName: client.name, message: rated?.problem?.message ?? `${client.name} was archived or removed during the close.` });
        }
        await this.invoices.draftMany(
          period,
          run.id,
          rateable.map((r) => r.statement),
          async (trx, outcomes) => {
            outcomes.forEach((o, i) => {
              if (o instanceof AppError) failures.push({ clientId: rateable[i]!.client.id, clientName: rateable[i]!.client.name, message: o.message });
              else counters[o] += 1;
            });
            done += chunk.length;
            await trx
              .updateTable('close_runs')
              .set({ done, total, ...counters, failures: JSON.stringify(failures), last_client_id: chunk[chunk.length - 1]!.id })
              .where('id', '=', run.id)
              .execute();
          },
        );
        publish('drafting');
        // let cancel requests and other work in (drafting is synchronous SQLite work)
        await new Promise((resolve) => setImmediate(resolve));
      }
      await this.finish(run.id, 'done');
      return { step: 'done', current: done, total, counters: { ...counters, failed: failures.length } };
    });
  }

  private async finish(runId: number, status: 'done' | 'cancelled') {
    await this.db.updateTable('close_runs').set({ status, finished_at: this.deps.clock.now().toISOString(), owner_pid: null }).where('id', '=', runId).execute();
    this.deps.bus.changed('close_runs');
  }

  /** A 'running' run whose process is gone is interrupted (resumable). */
  private async settle(row: RunRow): Promise<RunRow> {
    if (row.status !== 'running') return row;
    if (this.deps.jobs.isRunning(jobId(row.id))) return row;
    if (row.owner_pid !== null && row.owner_pid !== process.pid && processAlive(row.owner_pid)) return row;
    return this.db
      .updateTable('close_runs')
      .set({ status: 'interrupted', owner_pid: null })
      .where('id', '=', row.id)
      .where('status', '=', 'running')
      .returningAll()
      .executeTakeFirst()
      .then((r) => r ?? this.row(row.id));
  }

  private async row(runId: number): Promise<RunRow> {
    const row = await this.db.selectFrom('close_runs').selectAll().where('id', '=', runId).executeTakeFirst();
    if (!row) throw notFound('Close run', runId);
    return row;
  }

  private view(r: RunRow): CloseRun {
    return {
      id: r.id,
      period: r.period_label,
      status: r.status,
      total: r.total,
      done: r.done,
      created: r.created,
      updated: r.updated,
      skipped: r.skipped,
      failures: JSON.parse(r.failures) as Failure[],
      startedAt: r.started_at,
      finishedAt: r.finished_at,
      jobId: jobId(r.id),
    };
  }
}
