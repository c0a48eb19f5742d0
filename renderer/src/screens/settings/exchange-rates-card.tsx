// Runs in the renderer. Settings card: the agency's own exchange rates, used to count provider costs billed
// in one currency in the margin of a client billed in another. Meterbook never fetches rates.
import { useMemo, useState, type FormEvent } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { ExchangeRate } from '../../../../shared/domain/exchange-rates';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { columnsFor, DataTable } from '../../components/data-table';
import { ErrorNotice } from '../../components/error-notice';
import { InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { TimeAgo } from '../../components/time-ago';
import { formatQuantity } from '../../format/numbers';
import { ErrorSummary } from '../../forms/error-summary';
import { SelectField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, summarize, type FieldErrors } from '../../forms/field-errors';
import { currencyOptions } from '../../forms/options';
import { useFieldIds } from '../../forms/use-field-ids';
import '../../styles/settings.css';

const TABLES = ['settings'] as const;
const FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['from', 'From'],
  ['to', 'To'],
  ['rate', 'Rate'],
];

const col = columnsFor<ExchangeRate>();
const pair = (r: { from: string; to: string }) => `${r.from}→${r.to}`;

function buildColumns(locale: string, onEdit: (r: ExchangeRate) => void, onRemove: (r: ExchangeRate) => void, removing: string | null) {
  return col.columns([
    col.accessor('from', { header: 'From', meta: { cellClassName: 'mono' } }),
    col.accessor('to', { header: 'To', meta: { cellClassName: 'mono' } }),
    col.accessor('rate', {
      header: 'Rate',
      cell: (info) => `1 ${info.row.original.from} = ${formatQuantity(info.getValue(), locale)} ${info.row.original.to}`,
    }),
    col.accessor('updatedAt', { header: 'Updated', cell: (info) => <TimeAgo iso={info.getValue()} short /> }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end' },
      cell: (info) => {
        const r = info.row.original;
        return (
          <span className="fx-row-actions">
            <button type="button" className="btn btn-small btn-ghost" aria-label={`Edit rate ${pair(r)}`} onClick={() => onEdit(r)}>
              Edit
            </button>
            <button
              type="button"
              className="btn btn-small btn-ghost"
              aria-label={`Remove rate ${pair(r)}`}
              disabled={removing === pair(r)}
              aria-busy={removing === pair(r) || undefined}
              onClick={() => onRemove(r)}
            >
              Remove
            </button>
          </span>
        );
      },
    }),
  ]);
}

interface FormValues {
  from: string;
  to: string;
  rate: string;
}

export function ExchangeRatesCard() {
  const { currency, locale } = useAgency();
  const idFor = useFieldIds();
  const rates = useQuery('exchangeRates.list', {}, { tables: TABLES });
  const save = useMutation('exchangeRates.set');
  const remove = useMutation('exchangeRates.set');
  const [values, setValues] = useState<FormValues>(() => {
    return { from: 'USD', to: currency === 'USD' ? 'EUR' : currency, rate: '' };
  });
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [attempt, setAttempt] = useState(0);
  const [notice, setNotice] = useState<string | null>(null);
  const [removing, setRemoving] = useState<string | null>(null);
  const set = (key: keyof FormValues) => (v: string) => setValues((s) => ({ ...s, [key]: v }));

  const columns = useMemo(
    () =>
      buildColumns(
        locale,
        (r) => {
          setValues({ from: r.from, to: r.to, rate: r.rate });
          setErrors(NO_ERRORS);
          setGeneral(null);
          document.getElementById(idFor('rate'))?.focus();
        },
        (r) => {
          setNotice(null);
          setRemoving(pair(r));
          void remove.run({ from: r.from, to: r.to, rate: null }).then((res) => {
            setRemoving(null);
            if (res.ok) {
              setNotice(`The rate ${pair(r)} was removed.`);
              void rates.reload();
            }
          });
        },
        removing,
      ),
    // remove.run and rates.reload are stable for this query
    [locale, idFor, removing, remove.run, rates.reload],
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    setNotice(null);
    const res = await save.run({ from: values.from, to: values.to, rate: values.rate.trim() });
    if (res.ok) {
      setErrors(NO_ERRORS);
      setGeneral(null);
      setNotice(`Saved: 1 ${values.from} = ${formatQuantity(values.rate.trim(), locale)} ${values.to}.`);
      setValues((s) => ({ ...s, rate: '' }));
      void rates.reload();
    } else {
      const fields = commandFieldErrors(res.error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length > 0 ? null : res.error);
      setAttempt((n) => n + 1);
    }
  };

  const list = rates.data;
  return (
    <section className="card" aria-labelledby="exchange-rates-title">
      <div className="card-header">
        <h2 id="exchange-rates-title" className="card-title">
          Exchange rates
        </h2>
        {list ? <span className="card-meta">{list.length === 1 ? '1 rate' : `${list.length} rates`}</span> : null}
      </div>
      <div className="card-body fx-body">
        <p className="muted">
          Provider costs billed in another currency count in a client&apos;s margin at these rates. Meterbook never fetches rates: enter your own, e.g. from your bank.
        </p>
        <div role="status" className="fx-status">
          {notice ? <p className="notice notice-success">{notice}</p> : null}
        </div>
        {remove.error ? <ErrorNotice title="The rate was not removed" error={remove.error} /> : null}
        {rates.error && !list ? (
          <ErrorNotice title="Exchange rates could not be loaded" error={rates.error} onRetry={() => void rates.reload()} />
        ) : list === null ? (
          <Loading label="Loading exchange rates…" />
        ) : list.length === 0 ? (
          <p className="fx-empty muted">No exchange rates yet.</p>
        ) : (
          <DataTable label="Exchange rates" columns={columns} data={list} getRowId={pair} />
        )}
        <form className="form fx-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-label="Currency conversion">
          <ErrorSummary title="The rate was not saved." items={summarize(errors, FIELD_LABELS)} error={general} idFor={idFor} attempt={attempt} />
          <div className="fx-grid">
            <SelectField id={idFor('from')} label="From" value={values.from} onChange={set('from')} options={currencyOptions()} error={errors.from} required />
            <SelectField id={idFor('to')} label="To" value={values.to} onChange={set('to')} options={currencyOptions()} error={errors.to} required />
            <InputField
              id={idFor('rate')}
              label="Rate"
              value={values.rate}
              onChange={set('rate')}
              inputMode="decimal"
              placeholder="0.92"
              error={errors.rate}
              hint="Units of the second currency for one unit of the first"
              required
              inputClassName="mono"
            />
          </div>
          <div className="form-actions">
            <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
              {save.running ? 'Saving…' : 'Save rate'}
            </button>
          </div>
        </form>
      </div>
    </section>
  );
}
