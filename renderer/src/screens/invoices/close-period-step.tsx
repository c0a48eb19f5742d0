// Runs in the renderer. Close step 1: the period, and what closing it will do for each billable client
// (invoices.closePreview); a cancelled or interrupted run of that period can be resumed.
import { useId } from 'react';
import type { ClosePreview } from '../../../../shared/domain/invoice';
import type { CommandError } from '../../../../shared/contract/result';
import { useQuery } from '../../api';
import { Badge } from '../../components/badge';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { Link } from '../../router/link';
import { parsePeriodLabel, periodLabelText, shiftPeriod } from '../statements/statement-format';
import { canResume, previewCounts, previewSummary, runOutcome } from './close-model';
import { STATUS_LABELS, STATUS_TONES } from './invoice-labels';
import { INVOICE_TABLES } from './invoice-status';

export interface PeriodStepProps {
  period: string;
  locale: string;
  onPeriod: (period: string) => void;
  starting: boolean;
  startError: CommandError | null;
  onStart: () => void;
  onShowRun: (preview: ClosePreview) => void;
  onReview: () => void;
}

export function ClosePeriodStep({ period, locale, onPeriod, starting, startError, onStart, onShowRun, onReview }: PeriodStepProps) {
  const id = useId();
  const preview = useQuery('invoices.closePreview', { period }, { tables: [...INVOICE_TABLES, 'close_runs', 'subscriptions'], keepPrevious: true });
  const p = preview.data;
  const counts = p ? previewCounts(p) : null;
  const last = p && !preview.stale ? p.lastRun : null;
  const running = last?.status === 'running';
  const resumable = canResume(last);

  return (
    <div className="wizard-body">
      <div className="toolbar period-picker">
        <button type="button" className="btn btn-small" onClick={() => onPeriod(shiftPeriod(period, -1))}>
          <span aria-hidden="true">←</span> Previous month
        </button>
        <div className="period-field">
          <label htmlFor={id}>Period</label>
          <input
            id={id}
            className="input input-compact"
            type="month"
            value={period}
            onChange={(e) => {
              const v = parsePeriodLabel(e.target.value);
              if (v) onPeriod(v);
            }}
          />
        </div>
        <button type="button" className="btn btn-small" onClick={() => onPeriod(shiftPeriod(period, 1))}>
          Next month <span aria-hidden="true">→</span>
        </button>
        {preview.loading && p ? <span className="spinner" role="status" aria-label="Updating" /> : null}
      </div>

      <p>
        Closing {periodLabelText(period, locale)} rates each billable client&rsquo;s usage and creates one draft invoice per client. Drafts that exist are refreshed;
        issued invoices are left alone. Nothing is sent or numbered until you issue.
      </p>

      {preview.error ? <ErrorNotice title="The period could not be previewed" error={preview.error} onRetry={() => void preview.reload()} /> : null}

      {last && running ? (
        <div className="notice notice-info" role="status">
          <span>A close of this period is running.</span>
          <button type="button" className="btn btn-small" onClick={() => p && onShowRun(p)}>
            Show progress
          </button>
        </div>
      ) : last && resumable ? (
        <div className="notice notice-warning" role="status">
          <div>
            <p className="notice-title">{runOutcome(last, locale).title}</p>
            <p>{runOutcome(last, locale).text}</p>
          </div>
        </div>
      ) : null}

      {p === null ? (
        preview.error ? null : <Loading label="Looking for billable clients…" />
      ) : p.clients.length === 0 ? (
        <EmptyState title={`Nothing to bill for ${period}`} level={3} action={<Link to={{ name: 'plans' }}>Go to Plans</Link>}>
          <p>A client is billable for a period when it has a plan for it. Assign plans to clients, or pick another period.</p>
        </EmptyState>
      ) : (
        <section className="wizard-section" aria-labelledby={`${id}-preview`}>
          <h3 id={`${id}-preview`} className="subsection-title">
            Billable clients
          </h3>
          <p className="muted" aria-live="polite">
            {counts ? previewSummary(counts, locale) : null}
          </p>
          <div className="table-wrap">
            <table className="table table-compact" aria-label="Billable clients" aria-busy={preview.stale || undefined}>
              <thead>
                <tr>
                  <th scope="col">Client</th>
                  <th scope="col">Currency</th>
                  <th scope="col">Now</th>
                  <th scope="col">When closed</th>
                </tr>
              </thead>
              <tbody>
                {p.clients.map((c) => (
                  <tr key={c.clientId}>
                    <td>
                      <Link to={{ name: 'client', id: c.clientId }}>{c.clientName}</Link>
                    </td>
                    <td className="mono">{c.currency}</td>
                    <td>
                      {c.invoice ? (
                        <span className="badges">
                          <Badge tone={STATUS_TONES[c.invoice.status]}>{STATUS_LABELS[c.invoice.status]}</Badge>
                          <Link to={{ name: 'invoice', id: c.invoice.id }}>{c.invoice.number ?? 'Open draft'}</Link>
                        </span>
                      ) : (
                        <span className="muted">No invoice</span>
                      )}
                    </td>
                    <td>{c.invoice === null ? 'New draft' : c.invoice.status === 'draft' ? 'Draft refreshed' : <span className="muted">Left as it is</span>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      )}

      {startError ? <ErrorNotice title="The close did not start" error={startError} /> : null}

      <div className="wizard-actions">
        {counts && counts.clients > counts.toCreate ? (
          <button type="button" className="btn" onClick={onReview}>
            Review and issue
          </button>
        ) : (
          <span />
        )}
        <button type="button" className="btn btn-primary" onClick={onStart} disabled={starting || running || !p || p.clients.length === 0} aria-busy={starting || undefined}>
          {starting ? 'Starting…' : resumable ? 'Resume close' : 'Create drafts'}
        </button>
      </div>
    </div>
  );
}
