// Runs in the renderer. One sync or import job: its counters and the first 200 rejected records.
import type { ReactNode } from 'react';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Dialog } from '../../components/dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatDateTime } from '../../format/dates';
import { formatCount } from '../../format/numbers';
import { JOB_KIND_LABELS } from './job-model';
import { JobStatusBadge } from './job-status-badge';
import { RejectionsTable } from './rejections-table';

export const REJECTIONS_SHOWN = 200;

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

export function JobDetailDialog({ id, onClose }: { id: number; onClose: () => void }) {
  const { locale, timeZone } = useAgency();
  const q = useQuery('sync.job', { id, rejectionsLimit: REJECTIONS_SHOWN }, { tables: ['ingest_jobs'] });
  const job = q.data?.job;
  const positionLabel = job && job.kind !== 'sync' ? 'Row' : 'Position';
  const n = (v: number) => formatCount(v, locale);

  return (
    <Dialog title={job ? `${JOB_KIND_LABELS[job.kind]} #${job.id}` : 'Job details'} onClose={onClose} size="large">
      <div className="dialog-body">
        {q.error ? (
          <ErrorNotice title="This job could not be loaded" error={q.error} onRetry={() => void q.reload()} />
        ) : !q.data || !job ? (
          <Loading label="Loading job…" />
        ) : (
          <>
            <dl className="dl dl-columns">
              <Row label="Status">
                <JobStatusBadge status={job.status} />
              </Row>
              <Row label="Started">{formatDateTime(job.startedAt, locale, timeZone)}</Row>
              <Row label="Finished">{job.finishedAt ? formatDateTime(job.finishedAt, locale, timeZone) : null}</Row>
              <Row label={job.kind === 'sync' ? 'Started by' : 'File'}>
                {job.kind === 'sync' ? (job.source === 'schedule' ? 'Schedule' : job.source === 'user' ? 'You (Sync now)' : job.source) : job.source}
              </Row>
              <Row label="Pages">{n(job.pages)}</Row>
              <Row label="Fetched">{n(job.fetched)}</Row>
              <Row label="New">{n(job.inserted)}</Row>
              <Row label="Duplicates">{n(job.duplicates)}</Row>
              <Row label="Revised">{n(job.replaced)}</Row>
              <Row label="Rejected">{n(job.rejected)}</Row>
            </dl>
            {job.error ? (
              <p className="notice notice-error">
                <span>{job.error}</span>
              </p>
            ) : null}
            <h3 className="subsection-title">Rejected records</h3>
            {q.data.rejections.length === 0 ? (
              <p className="muted">No record was rejected.</p>
            ) : (
              <>
                <p className="muted">
                  {job.rejected > q.data.rejections.length
                    ? `Showing the first ${n(q.data.rejections.length)} of ${n(job.rejected)} rejected records.`
                    : `${n(q.data.rejections.length)} rejected ${q.data.rejections.length === 1 ? 'record' : 'records'}.`}
                </p>
                <RejectionsTable rejections={q.data.rejections} positionLabel={positionLabel} />
              </>
            )}
          </>
        )}
      </div>
      <div className="dialog-footer">
        <button type="button" className="btn" onClick={onClose}>
          Close
        </button>
      </div>
    </Dialog>
  );
}
