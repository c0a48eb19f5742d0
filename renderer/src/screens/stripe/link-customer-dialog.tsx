// Runs in the renderer. "Link existing Stripe customer": search Stripe by email (the client's billing email
// first), or paste a cus_ id; a customer already linked to another client cannot be picked.
import { useEffect, useState, type FormEvent } from 'react';
import type { StripeCustomerCandidate, StripeCustomerLink } from '../../../../shared/domain/stripe';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { Dialog } from '../../components/dialog';
import { Loading } from '../../components/loading';
import { formatDate } from '../../format/dates';
import { describedBy } from '../../forms/field';
import { commandFieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { parseCustomerLookup } from './stripe-model';

export interface LinkCustomerDialogProps {
  clientId: number;
  clientName: string;
  onClose: () => void;
  onLinked: (link: StripeCustomerLink) => void;
}

export function LinkCustomerDialog({ clientId, clientName, onClose, onLinked }: LinkCustomerDialogProps) {
  const { locale, timeZone } = useAgency();
  const idFor = useFieldIds();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [results, setResults] = useState<{ email: string | null; items: StripeCustomerCandidate[] } | null>(null);
  const find = useMutation('stripe.findCustomers');
  const link = useMutation('stripe.linkCustomer');
  const id = idFor('lookup');

  const search = async (email: string | undefined) => {
    setProblem(null);
    link.reset();
    const res = await find.run(email === undefined ? { clientId } : { clientId, email });
    if (res.ok) setResults({ email: email ?? null, items: res.data });
    else setResults(null);
  };
  // the client's billing email first: most agencies created the customer with it
  useEffect(() => {
    void search(undefined);
    // once, on open
  }, []);

  const doLink = async (customerId: string) => {
    const res = await link.run({ clientId, customerId });
    if (res.ok) onLinked(res.data);
  };
  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    const q = parseCustomerLookup(text);
    if (q.kind === 'invalid') return setProblem(q.message);
    if (q.kind === 'id') {
      setProblem(null);
      return doLink(q.customerId);
    }
    return search(q.email);
  };

  const findFields = commandFieldErrors(find.error);
  const linkFields = commandFieldErrors(link.error);
  const fieldError = problem ?? findFields.email ?? linkFields.customerId ?? null;
  const general = (find.error && !findFields.email ? find.error : null) ?? (link.error && !linkFields.customerId ? link.error : null);
  const busy = find.running || link.running;

  return (
    <Dialog title="Link an existing Stripe customer" onClose={onClose} size="large">
      <form className="dialog-form" onSubmit={(e) => void onSubmit(e)} noValidate>
        <div className="dialog-body">
          <p>
            Pick the Stripe customer of {clientName}: Meterbook then copies this client’s name, email and address to it, and sends it the invoices issued from now
            on.
          </p>
          <div className={`field${fieldError ? ' field-invalid' : ''}`}>
            <div className="field-label-row">
              <label htmlFor={id}>Email or customer id</label>
            </div>
            <div className="stripe-search-row">
              <input
                id={id}
                className="input"
                value={text}
                onChange={(e) => {
                  setText(e.target.value);
                  setProblem(null);
                }}
                placeholder="billing@client.com or cus_…"
                autoComplete="off"
                spellCheck={false}
                aria-invalid={fieldError ? true : undefined}
                aria-describedby={describedBy(id, true, fieldError)}
              />
              <button type="submit" className="btn" disabled={busy}>
                {/^\s*cus_/.test(text) ? 'Link' : 'Search'}
              </button>
            </div>
            <p id={`${id}-hint`} className="field-hint">
              Search Stripe by email, or paste the customer’s id (cus_…) from the Stripe Dashboard to link it directly.
            </p>
            {fieldError ? (
              <p id={`${id}-error`} className="field-error">
                {fieldError}
              </p>
            ) : null}
          </div>
          <GeneralError error={general} />
          {find.running ? (
            <Loading label="Searching Stripe…" />
          ) : results ? (
            <CandidateList clientId={clientId} results={results} onLink={(c) => void doLink(c)} busy={busy} locale={locale} timeZone={timeZone} />
          ) : null}
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
        </div>
      </form>
    </Dialog>
  );
}

interface CandidateListProps {
  clientId: number;
  results: { email: string | null; items: StripeCustomerCandidate[] };
  onLink: (customerId: string) => void;
  busy: boolean;
  locale: string;
  timeZone: string;
}

function CandidateList({ clientId, results, onLink, busy, locale, timeZone }: CandidateListProps) {
  const where = results.email ? `with ${results.email}` : 'with the client’s billing email';
  if (results.items.length === 0) return <p className="muted stripe-candidates-empty">No Stripe customer {where}. Try another email, or create a new customer instead.</p>;
  return (
    <div className="stripe-candidates">
      <p className="stripe-candidates-title">
        {results.items.length === 1 ? '1 customer' : `${results.items.length} customers`} {where}
      </p>
      <ul aria-label="Stripe customers found">
        {results.items.map((c) => {
          const elsewhere = c.linkedClientId !== null && c.linkedClientId !== clientId;
          return (
            <li key={c.id} className="stripe-candidate">
              <span className="two-line">
                <span className="row-title">{c.name ?? c.email ?? c.id}</span>
                <span className="muted">
                  <span className="mono">{c.id}</span>
                  {c.email ? ` · ${c.email}` : ''} · created {formatDate(c.created, locale, timeZone)}
                </span>
              </span>
              {elsewhere ? (
                <span className="muted">Linked to another client</span>
              ) : (
                <button type="button" className="btn btn-small btn-primary" onClick={() => onLink(c.id)} disabled={busy} aria-label={`Link ${c.id}`}>
                  Link
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </div>
  );
}
