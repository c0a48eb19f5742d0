// Runs in the renderer. The live panel of one sync: step, counters and an indeterminate bar while it
// runs; the outcome (and what to do about it) once it ends.
import { useAgency } from '../../app/agency-context';
import { ProgressBar } from '../../components/progress-bar';
import { counterItems, jobOutcome, progressValueText, type JobProgress } from './job-model';
import { JobStatusBadge } from './job-status-badge';
import type { IngestJob } from '../../../../shared/domain/ingest';

export interface SyncProgressPanelProps {
  accountName: string;
  progress: JobProgress | null;
  job: IngestJob | null;
  finished: boolean;
  onDismiss: () => void;
}

const SHOWN = ['pages', 'fetched', 'inserted', 'duplicates', 'replaced', 'rejected', 'unassigned'];

function countersOf(progress: JobProgress | null, job: IngestJob | null, finished: boolean): Record<string, number> {
  // The row is authoritative once the job ended; while it runs, the events are newer.
  if (job && (finished || !progress?.counters)) {
    const unassigned = progress?.counters?.unassigned;
    return {
      pages: job.pages,
      fetched: job.fetched,
      inserted: job.inserted,
      duplicates: job.duplicates,
      replaced: job.replaced,
      rejected: job.rejected,
      ...(unassigned !== undefined ? { unassigned } : {}),
    };
  }
  return progress?.counters ?? { pages: 0, fetched: 0, inserted: 0, duplicates: 0, rejected: 0 };
}

export function SyncProgressPanel({ accountName, progress, job, finished, onDismiss }: SyncProgressPanelProps) {
  const { locale } = useAgency();
  const counters = countersOf(progress, job, finished);
  const items = counterItems(
    Object.fromEntries(Object.entries(counters).filter(([k, v]) => SHOWN.includes(k) && (v > 0 || !['replaced', 'unassigned'].includes(k)))),
    locale,
  );
  const status = finished ? (job && job.status !== 'running' ? job.status : progress?.error ? 'failed' : 'succeeded') : 'running';
  const outcome = finished ? jobOutcome('sync', status, job?.error ?? progress?.error ?? null) : null;
  const summary = items.map((c) => `${c.value} ${c.label}`).join(', ');

  return (
    <section className={`card sync-panel sync-panel-${outcome?.tone ?? 'running'}`} aria-labelledby="sync-panel-title">
      <div className="card-header">
        <h2 id="sync-panel-title" className="card-title">
          {finished ? 'Last sync' : `Syncing ${accountName}`}
        </h2>
        <div className="card-tools">
          <JobStatusBadge status={status} />
          {finished ? (
            <button type="button" className="btn btn-small btn-ghost" onClick={onDismiss}>
              Dismiss
            </button>
          ) : null}
        </div>
      </div>
      <div className="card-body sync-panel-body">
        {!finished ? (
          <ProgressBar
            label="Sync progress"
            value={progress?.current ?? 0}
            max={null}
            valueText={progress ? progressValueText(progress, locale, 'records') : 'Starting…'}
            detail={progress?.step ?? 'Starting…'}
          />
        ) : null}
        <dl className="counter-strip" aria-label="Counters">
          {items.map((c) => (
            <div key={c.key} className="counter">
              <dt>{c.label}</dt>
              <dd>{c.value}</dd>
            </div>
          ))}
        </dl>
        {/* Announced once at the start and once at the end, not on every page. */}
        <p role="status" className="visually-hidden">
          {finished ? `${outcome?.title ?? ''} ${summary}` : `Sync of ${accountName} started.`}
        </p>
        {outcome && outcome.tone !== 'success' && outcome.tone !== 'info' ? (
          <div className={`notice notice-${outcome.tone === 'danger' ? 'error' : 'warning'}`} role="alert">
            <div>
              <p className="notice-title">{outcome.title}</p>
              {outcome.advice ? <p>{outcome.advice}</p> : null}
            </div>
          </div>
        ) : outcome ? (
          <p className={`notice notice-${outcome.tone === 'success' ? 'success' : 'info'}`}>
            {outcome.title} {summary ? `${summary}.` : null}
          </p>
        ) : null}
      </div>
    </section>
  );
}
