// Runs in the renderer. The client's prepaid wallet: balance, top-up, correction, movements, rule and the
// auto reloads waiting for payment. Money stays decimal text end to end.
import { useState, type FormEvent } from 'react';
import type { WalletMovementKind, WalletRule } from '../../../../../shared/domain/wallet';
import { useMutation, useQuery } from '../../../api';
import { useAgency } from '../../../app/agency-context';
import { Badge } from '../../../components/badge';
import { Dialog } from '../../../components/dialog';
import { EmptyState } from '../../../components/empty-state';
import { ErrorNotice } from '../../../components/error-notice';
import { Loading } from '../../../components/loading';
import { formatDateTime } from '../../../format/dates';
import { exactMoney, formatCount, formatMoney } from '../../../format/numbers';
import { useFieldIds } from '../../../forms/use-field-ids';
import { PlanInput } from '../../plans/plan-fields';
import { formatCalendarDate } from '../../statements/statement-format';
import type { AccountClient } from './account-client';
import { todayIn, useFormErrors } from './form-state';
import { CheckboxField } from '../../../components/input-field';
import { GeneralError, SubHeading, Success } from './shared-ui';

const TABLES = ['wallet_movements', 'wallet_actions', 'wallet_rules', 'clients'] as const;
const PAGE = 25;

export const KIND_LABELS: Record<WalletMovementKind, string> = {
  top_up: 'Top-up',
  invoice_debit: 'Invoice',
  refund: 'Refund',
  adjustment: 'Adjustment',
  reload: 'Auto reload',
};

export function WalletTab({ client }: { client: AccountClient }) {
  const { locale, timeZone } = useAgency();
  const zone = client.timeZone ?? timeZone;
  const [offset, setOffset] = useState(0);
  const q = useQuery('wallet.get', { clientId: client.id, limit: PAGE, offset }, { tables: TABLES, keepPrevious: true });
  const [dialog, setDialog] = useState<'topUp' | 'adjust' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);

  if (!q.data) {
    return q.error ? <ErrorNotice title="The wallet could not be loaded" error={q.error} onRetry={() => void q.reload()} /> : <Loading label="Loading wallet…" />;
  }
  const w = q.data;
  const money = (s: string) => formatMoney(s, w.currency, locale);
  const negative = w.balance.startsWith('-');

  return (
    <div className="ac-stack">
      <Success text={notice} />
      {q.error ? <ErrorNotice title="The wallet could not be refreshed" error={q.error} onRetry={() => void q.reload()} /> : null}
      <div className="ac-balance-row">
        <div>
          <p className="ac-balance-label">Balance</p>
          <p className={`ac-balance${negative ? ' ac-negative' : ''}`} title={exactMoney(w.balance, w.currency)}>
            {money(w.balance)}
          </p>
        </div>
        <div className="ac-actions">
          <button
            type="button"
            className="btn btn-primary"
            disabled={client.archived}
            title={client.archived ? 'Restore the client to top up its wallet' : undefined}
            onClick={() => {
              setNotice(null);
              setDialog('topUp');
            }}
          >
            Top up
          </button>
          <button
            type="button"
            className="btn"
            onClick={() => {
              setNotice(null);
              setDialog('adjust');
            }}
          >
            Adjust
          </button>
        </div>
      </div>

      {w.pendingActions.length > 0 ? (
        <div className="ac-section">
          <SubHeading>Pending actions</SubHeading>
          <ul className="ac-list" aria-label="Pending actions">
            {w.pendingActions.map((a) => (
              <li key={a.id}>
                <Badge tone="warning">{a.status === 'pending' ? 'Pending' : a.status}</Badge> Auto reload of {formatMoney(a.amount, a.currency, locale)}, recorded{' '}
                {formatDateTime(a.createdAt, locale, zone)}
              </li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="muted">No pending actions.</p>
      )}

      <div className="ac-section">
        <SubHeading>Wallet movements</SubHeading>
        {w.total === 0 ? (
          <EmptyState title="No movements yet" level={3}>
            <p>Top-ups, invoice debits and corrections appear here.</p>
          </EmptyState>
        ) : (
          <>
            <div className="table-wrap">
              <table className="table table-compact" aria-label="Wallet movements" aria-busy={q.stale || undefined}>
                <thead>
                  <tr>
                    <th scope="col">Date</th>
                    <th scope="col">Kind</th>
                    <th scope="col" className="num">
                      Amount
                    </th>
                    <th scope="col">Reference / note</th>
                  </tr>
                </thead>
                <tbody>
                  {w.movements.map((m) => (
                    <tr key={m.id}>
                      <td>{formatCalendarDate(m.occurredOn, locale)}</td>
                      <td>{KIND_LABELS[m.kind]}</td>
                      <td className={`num${m.amount.startsWith('-') ? ' ac-negative' : ' ac-positive'}`} title={exactMoney(m.amount, m.currency)}>
                        {m.amount.startsWith('-') ? '' : '+'}
                        {formatMoney(m.amount, m.currency, locale)}
                      </td>
                      <td className="ac-wrap">
                        {[m.reference, m.note].filter(Boolean).join(' · ') || <span className="muted">—</span>}
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
            {w.total > PAGE ? (
              <div className="ac-paging">
                <span>
                  Showing {formatCount(offset + 1, locale)}–{formatCount(offset + w.movements.length, locale)} of {formatCount(w.total, locale)}
                </span>
                <button type="button" className="btn btn-small" disabled={offset === 0} onClick={() => setOffset(Math.max(0, offset - PAGE))}>
                  Previous page
                </button>
                <button type="button" className="btn btn-small" disabled={offset + PAGE >= w.total} onClick={() => setOffset(offset + PAGE)}>
                  Next page
                </button>
              </div>
            ) : null}
          </>
        )}
      </div>

      <RuleForm key={client.id} clientId={client.id} currency={w.currency} rule={w.rule} onSaved={() => setNotice(null)} />

      {dialog === 'topUp' ? (
        <TopUpDialog
          client={client}
          currency={w.currency}
          zone={zone}
          onClose={() => setDialog(null)}
          onDone={(balance) => {
            setDialog(null);
            setOffset(0);
            setNotice(`Top-up added. The balance is ${money(balance)}.`);
          }}
        />
      ) : null}
      {dialog === 'adjust' ? (
        <AdjustDialog
          client={client}
          currency={w.currency}
          onClose={() => setDialog(null)}
          onDone={(balance) => {
            setDialog(null);
            setOffset(0);
            setNotice(`Adjustment saved. The balance is ${money(balance)}.`);
          }}
        />
      ) : null}
    </div>
  );
}

const TOP_UP_FIELDS = ['amount', 'date', 'reference', 'note'] as const;

function TopUpDialog({ client, currency, zone, onClose, onDone }: { client: AccountClient; currency: string; zone: string; onClose: () => void; onDone: (balance: string) => void }) {
  const idFor = useFieldIds();
  const [amount, setAmount] = useState('');
  const [date, setDate] = useState(() => todayIn(zone));
  const [reference, setReference] = useState('');
  const [note, setNote] = useState('');
  const f = useFormErrors(TOP_UP_FIELDS);
  const topUp = useMutation('wallet.topUp');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (topUp.running) return;
    if (amount.trim() === '') return f.setLocal({ amount: 'Enter the amount received, like 100.00.' });
    const res = await topUp.run({
      clientId: client.id,
      amount: amount.trim(),
      date,
      ...(reference.trim() ? { reference: reference.trim() } : {}),
      ...(note.trim() ? { note: note.trim() } : {}),
    });
    if (res.ok) onDone(res.data.balance);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Top up wallet" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>Money received from {client.name}, in {currency}.</p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('amount')} label="Amount" value={amount} onChange={setAmount} inputMode="decimal" suffix={currency} errors={f.err('amount')} required />
          <PlanInput id={idFor('date')} label="Date" type="date" value={date} onChange={setDate} errors={f.err('date')} required hint={`The day the money arrived, in ${zone}.`} />
          <PlanInput id={idFor('reference')} label="Reference" value={reference} onChange={setReference} errors={f.err('reference')} hint="A bank or payment reference (optional)." />
          <PlanInput id={idFor('note')} label="Note" value={note} onChange={setNote} errors={f.err('note')} />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={topUp.running} aria-busy={topUp.running || undefined}>
            Add top-up
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const ADJUST_FIELDS = ['amount', 'reason'] as const;

function AdjustDialog({ client, currency, onClose, onDone }: { client: AccountClient; currency: string; onClose: () => void; onDone: (balance: string) => void }) {
  const idFor = useFieldIds();
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const f = useFormErrors(ADJUST_FIELDS);
  const adjust = useMutation('wallet.adjust');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (adjust.running) return;
    const local: Record<string, string> = {};
    if (amount.trim() === '') local.amount = 'Enter the correction, like 25.00 or -25.00.';
    if (reason.trim() === '') local.reason = 'Enter the reason for the correction.';
    if (Object.keys(local).length > 0) return f.setLocal(local);
    const res = await adjust.run({ clientId: client.id, amount: amount.trim(), reason: reason.trim() });
    if (res.ok) onDone(res.data.balance);
    else f.fail(res.error);
  };

  return (
    <Dialog title="Adjust wallet" onClose={onClose}>
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <p>A correction is a new movement: a positive amount credits {client.name}&rsquo;s wallet, a negative one takes money out. Movements are never edited.</p>
          <GeneralError error={f.general} />
          <PlanInput id={idFor('amount')} label="Amount" value={amount} onChange={setAmount} inputMode="text" suffix={currency} errors={f.err('amount')} required hint="Signed, e.g. -25.00" />
          <PlanInput id={idFor('reason')} label="Reason" value={reason} onChange={setReason} errors={f.err('reason')} required />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={adjust.running} aria-busy={adjust.running || undefined}>
            Save adjustment
          </button>
        </div>
      </form>
    </Dialog>
  );
}

const RULE_FIELDS = ['lowBalanceThreshold', 'reloadThreshold', 'reloadAmount', 'enabled'] as const;

function RuleForm({ clientId, currency, rule, onSaved }: { clientId: number; currency: string; rule: WalletRule; onSaved: () => void }) {
  const idFor = useFieldIds();
  const [low, setLow] = useState(rule.lowBalanceThreshold ?? '');
  const [reloadBelow, setReloadBelow] = useState(rule.reloadThreshold ?? '');
  const [reloadAmount, setReloadAmount] = useState(rule.reloadAmount ?? '');
  const [enabled, setEnabled] = useState(rule.enabled);
  const [saved, setSaved] = useState(false);
  const f = useFormErrors(RULE_FIELDS);
  const save = useMutation('wallet.setRule');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    setSaved(false);
    const res = await save.run({ clientId, lowBalanceThreshold: low.trim() || null, reloadThreshold: reloadBelow.trim() || null, reloadAmount: reloadAmount.trim() || null, enabled });
    if (res.ok) {
      f.clear();
      setSaved(true);
      onSaved();
    } else f.fail(res.error);
  };

  return (
    <form className="ac-section ac-form" onSubmit={onSubmit} noValidate aria-labelledby={idFor('rule-title')}>
      <div className="ac-subhead">
        <h3 className="ac-subtitle" id={idFor('rule-title')}>
          Balance rule
        </h3>
      </div>
      <Success text={saved ? 'Balance rule saved.' : null} />
      <GeneralError error={f.general} />
      <div className="ac-grid">
        <PlanInput id={idFor('lowBalanceThreshold')} label="Low balance alert below" value={low} onChange={setLow} inputMode="decimal" suffix={currency} errors={f.err('lowBalanceThreshold')} hint="Empty: no alert." />
        <PlanInput id={idFor('reloadThreshold')} label="Auto-reload when below" value={reloadBelow} onChange={setReloadBelow} inputMode="decimal" suffix={currency} errors={f.err('reloadThreshold')} hint="Empty: no auto reload." />
        <PlanInput id={idFor('reloadAmount')} label="Reload amount" value={reloadAmount} onChange={setReloadAmount} inputMode="decimal" suffix={currency} errors={f.err('reloadAmount')} />
      </div>
      <CheckboxField id={idFor('enabled')} label="Enabled" checked={enabled} onChange={setEnabled} />
      <div className="ac-actions">
        <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
          Save rule
        </button>
      </div>
    </form>
  );
}
