// Runs in the renderer. A dry run or an import in progress (bytes read of the file), then its result:
// New / Duplicates / Rejected and the rejected rows.
import { useAgency } from '../../app/agency-context';
import { ProgressBar } from '../../components/progress-bar';
import { formatCount } from '../../format/numbers';
import { jobOutcome, progressValueText } from '../providers/job-model';
import { JobStatusBadge } from '../providers/job-status-badge';
import { RejectionsTable } from '../providers/rejections-table';
import type { useJobWatch } from '../providers/use-job-watch';

export interface JobRunViewProps {
  watch: ReturnType<typeof useJobWatch>;
  dryRun: boolean;
  fileName: string;
  fileSize: number;
}

export function JobRunView({ watch, dryRun, fileName, fileSize }: JobRunViewProps) {
  const { locale } = useAgency();
  const { progress, job, settled, finished, rejections } = watch;
  const what = dryRun ? 'Dry run' : 'Import';

  if (!settled) {
    const p = progress ?? { step: finished ? 'Finishing…' : 'Starting…', current: 0, total: fileSize, counters: undefined };
    return (
      <div className="run-progress">
        <ProgressBar label={`${what} of ${fileName}`} value={p.current} max={p.total ?? fileSize} valueText={progressValueText(p, locale, 'bytes')} detail={p.step} />
        <p role="status" className="visually-hidden">
          {`${what} started.`}
        </p>
      </div>
    );
  }

  if (!job) return null;
  const unassigned = progress?.counters?.unassigned;
  const outcome = jobOutcome(job.kind, job.status, job.error);
  const counts: Array<[string, number]> = [
    ['New', job.inserted],
    ['Duplicates', job.duplicates],
    ['Rejected', job.rejected],
    ...(unassigned ? ([['Unassigned', unassigned]] as Array<[string, number]>) : []),
  ];
  const summary = `${formatCount(job.inserted, locale)} new, ${formatCount(job.duplicates, locale)} duplicates, ${formatCount(job.rejected, locale)} rejected`;
  return (
    <div className="run-result">
      {job.status === 'succeeded' ? (
        <p role="status" className="notice notice-success">
          {dryRun ? `Dry run finished, nothing was written: ${summary}.` : `Import finished: ${summary}.`}
        </p>
      ) : (
        <div className={`notice ${outcome.tone === 'danger' ? 'notice-error' : outcome.tone === 'warning' ? 'notice-warning' : 'notice-info'}`} role="alert">
          <div>
            <p className="notice-title">
              <JobStatusBadge status={job.status} /> {outcome.title}
            </p>
            {outcome.advice ? <p>{outcome.advice}</p> : null}
          </div>
        </div>
      )}
      <dl className="counter-strip counter-strip-large" aria-label={`${what} counts`}>
        {counts.map(([label, n]) => (
          <div key={label} className={`counter${label === 'Rejected' && n > 0 ? ' counter-danger' : ''}`}>
            <dt>{label}</dt>
            <dd>{formatCount(n, locale)}</dd>
          </div>
        ))}
      </dl>
      {rejections.length > 0 ? (
        <section className="wizard-section" aria-labelledby={`${job.kind}-rejections`}>
          <h3 id={`${job.kind}-rejections`} className="subsection-title">
            Rejected rows
          </h3>
          <p className="muted">
            {job.rejected > rejections.length
              ? `The first ${formatCount(rejections.length, locale)} of ${formatCount(job.rejected, locale)} rejected rows.`
              : 'Fix these rows in the file (or the mapping) and import it again; rows already imported are skipped as duplicates.'}
          </p>
          <RejectionsTable rejections={rejections} positionLabel="Row" label={dryRun ? 'Rows the dry run rejected' : 'Rows the import rejected'} />
        </section>
      ) : null}
    </div>
  );
}
