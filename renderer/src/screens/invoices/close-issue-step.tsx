// Runs in the renderer. Close step 3: the period's drafts (with per-currency totals), a link to review them
// in the list, and "Issue all drafts" (invoices.issueBatch: one transaction per draft) with its results.
import { useId, useState, type FormEvent } from 'react';
import type { IssueBatchResult } from '../../../../shared/domain/invoice';
import { useMutation, useQuery } from '../../api';
import { Dialog } from '../../components/dialog';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { formatCount } from '../../format/numbers';
import { useFieldIds } from '../../forms/use-field-ids';
import { Link } from '../../router/link';
import { useFormErrors } from '../clients/account-controls/form-state';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { PlanInput } from '../plans/plan-fields';
import { INVOICE_TABLES } from './invoice-status';
import { InvoiceTotals } from './invoice-totals';
import { InvoicesTable } from './invoices-table';

export interface IssueStepProps {
  period: string;
  locale: string;
  onBack: () => void;
  onNext: () => void;
}

export function CloseIssueStep({ period, locale, onBack, onNext }: IssueStepProps) {
  const drafts = useQuery('invoices.list', { status: 'draft', kind: 'invoice', period, limit: 200 }, { tables: INVOICE_TABLES, keepPrevious: true });
  const [confirming, setConfirming] = useState(false);
  const [result, setResult] = useState<IssueBatchResult | null>(null);
  const count = drafts.data?.total ?? 0;

  return (
    <div className="wizard-body">
      <p>
        Check the drafts before issuing: open one to add a line, a discount or a note, or to regenerate it from the latest usage.{' '}
        <Link to={{ name: 'invoices', filters: { status: 'draft', kind: 'all', clientId: null, period } }}>Review drafts in the invoice list</Link>
      </p>

      {result ? <BatchResult result={result} locale={locale} /> : null}
      {drafts.error ? <ErrorNotice title="The drafts could not be loaded" error={drafts.error} onRetry={() => void drafts.reload()} /> : null}

      {drafts.data === null ? (
        drafts.error ? null : <Loading label="Loading drafts…" />
      ) : drafts.data.items.length === 0 ? (
        <EmptyState title={result ? 'Every draft was issued' : `No drafts for ${period}`} level={3}>
          <p>{result ? 'Export the period for your accountant next.' : 'Create drafts first, or look at the issued invoices of the period in the list.'}</p>
        </EmptyState>
      ) : (
        <section className="wizard-section" aria-labelledby="close-drafts-title">
          <h3 id="close-drafts-title" className="subsection-title">
            {formatCount(count, locale)} {count === 1 ? 'draft' : 'drafts'} for {period}
          </h3>
          <InvoiceTotals totals={drafts.data.totals} locale={locale} />
          <InvoicesTable invoices={drafts.data.items} locale={locale} busy={drafts.stale} variant="drafts" label={`Drafts for ${period}`} />
        </section>
      )}

      <div className="wizard-actions">
        <button type="button" className="btn" onClick={onBack}>
          Back
        </button>
        <div className="wizard-inline-actions">
          <button type="button" className="btn" onClick={onNext}>
            Export
          </button>
          <button type="button" className="btn btn-primary" onClick={() => setConfirming(true)} disabled={count === 0}>
            Issue all drafts
          </button>
        </div>
      </div>

      {confirming ? (
        <IssueAllDialog
          period={period}
          count={count}
          locale={locale}
          onClose={() => setConfirming(false)}
          onDone={(r) => {
            setConfirming(false);
            setResult(r);
            void drafts.reload();
          }}
        />
      ) : null}
    </div>
  );
}

function BatchResult({ result, locale }: { result: IssueBatchResult; locale: string }) {
  const issued = result.issued.length;
  return (
    <div className="inv-run">
      <div className={`notice ${result.failed.length ? 'notice-warning' : 'notice-success'}`} role="status">
        <div>
          <p className="notice-title">
            {formatCount(issued, locale)} {issued === 1 ? 'invoice' : 'invoices'} issued
            {result.failed.length ? `, ${formatCount(result.failed.length, locale)} not issued` : ''}.
          </p>
          {result.failed.length ? <p>The drafts that failed are still drafts: fix what the message says and issue them again.</p> : null}
        </div>
      </div>
      {issued > 0 ? (
        <ul className="inv-result-list" aria-label="Issued invoices">
          {result.issued.map((i) => (
            <li key={i.id}>
              <Link to={{ name: 'invoice', id: i.id }}>{i.number}</Link> · {i.clientName}
            </li>
          ))}
        </ul>
      ) : null}
      {result.failed.length ? (
        <div className="table-wrap">
          <table className="table table-compact" aria-label="Drafts not issued">
            <thead>
              <tr>
                <th scope="col">Client</th>
                <th scope="col">Why</th>
              </tr>
            </thead>
            <tbody>
              {result.failed.map((f) => (
                <tr key={f.id}>
                  <td>
                    <Link to={{ name: 'invoice', id: f.id }}>{f.clientName}</Link>
                  </td>
                  <td className="wrap">{f.message}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      ) : null}
    </div>
  );
}

function IssueAllDialog({ period, count, locale, onClose, onDone }: { period: string; count: number; locale: string; onClose: () => void; onDone: (r: IssueBatchResult) => void }) {
  const idFor = useFieldIds();
  const bodyId = useId();
  const [issueDate, setIssueDate] = useState('');
  const batch = useMutation('invoices.issueBatch');
  const f = useFormErrors(['issueDate']);
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (batch.running) return;
    const res = await batch.run({ period, ...(issueDate ? { issueDate } : {}) });
    if (res.ok) onDone(res.data);
    else f.fail(res.error);
  };
  return (
    <Dialog title={`Issue ${formatCount(count, locale)} ${count === 1 ? 'draft' : 'drafts'}?`} onClose={onClose} role="alertdialog" describedBy={bodyId} initialFocus="[data-cancel]">
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p id={bodyId}>
            Every draft invoice of {period} gets the next number, in order, and is frozen. Prepaid balances are debited where the client pays from its balance. This
            cannot be undone; mistakes are corrected with credit notes.
          </p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('issueDate')} label="Issue date" type="date" value={issueDate} onChange={setIssueDate} errors={f.err('issueDate')} hint="Leave empty for today." />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" data-cancel onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={batch.running} aria-busy={batch.running || undefined}>
            {batch.running ? 'Issuing…' : 'Issue all drafts'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
