// Runs in the renderer. "Provider mappings" of one client, for the client detail screen: which
// provider-side ids (sub-accounts, assistants, API keys) are billed to this client, with add and delete.
// Drop-in: <ClientMappingsCard clientId={c.id} archived={c.archived} />
import { useMemo, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../../shared/contract/commands';
import type { CommandError } from '../../../../shared/contract/result';
import { useMutation, useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { TimeAgo } from '../../components/time-ago';
import { SelectField } from '../../forms/field';
import { commandFieldErrors, NO_ERRORS, type FieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import '../../styles/ingest.css';

type Mapping = CommandOutput<'mappings.list'>[number];
const col = columnsFor<Mapping>();

function buildColumns(onDelete: (m: Mapping) => void, canEdit: boolean) {
  return col.columns([
    col.accessor('providerName', {
      header: 'Provider',
      meta: { className: 'col-w-28' },
      cell: (info) => <Link to={{ name: 'provider', id: info.row.original.providerAccountId }}>{info.getValue()}</Link>,
    }),
    col.accessor('clientKey', {
      header: 'Provider-side id',
      meta: { className: 'col-w-40' },
      cell: (info) => (
        <code className="key-cell" title={info.getValue()}>
          {info.getValue()}
        </code>
      ),
    }),
    col.accessor('createdAt', { header: 'Mapped', meta: { className: 'col-w-15' }, cell: (info) => <TimeAgo iso={info.getValue()} short /> }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end', className: 'col-w-17' },
      cell: (info) =>
        canEdit ? (
          <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete mapping ${info.row.original.clientKey}`} onClick={() => onDelete(info.row.original)}>
            Delete
          </button>
        ) : null,
    }),
  ]);
}

export function ClientMappingsCard({ clientId, archived = false }: { clientId: number; archived?: boolean }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const mappings = useQuery('mappings.list', { clientId }, { tables: ['client_mappings', 'provider_accounts'] });
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts'] });
  const create = useMutation('mappings.create');
  const remove = useMutation('mappings.delete');
  const [accountId, setAccountId] = useState('');
  const [clientKey, setClientKey] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Mapping | null>(null);
  const resetRemove = remove.reset;
  const columns = useMemo(
    () =>
      buildColumns((m) => {
        resetRemove();
        setDeleting(m);
      }, !archived),
    [resetRemove, archived],
  );
  const accountOptions = useMemo(
    () => [
      { value: '', label: providers.data ? 'Choose a provider account…' : 'Loading…' },
      ...(providers.data ?? []).filter((p) => !p.archived).map((p) => ({ value: String(p.id), label: p.name })),
    ],
    [providers.data],
  );

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (create.running) return;
    setResult(null);
    const local: Record<string, string> = {};
    if (!accountId) local.providerAccountId = 'Choose the provider account the id belongs to.';
    if (!clientKey.trim()) local.clientKey = 'Enter the provider-side id as kind:id (e.g. sub_account:AC123, assistant:asst_1).';
    if (Object.keys(local).length) {
      setErrors(local);
      setGeneral(null);
      return;
    }
    const res = await create.run({ providerAccountId: Number(accountId), clientKey: clientKey.trim(), clientId });
    if (res.ok) {
      const n = res.data.reassignedEvents;
      setResult(`Mapped ${res.data.mapping.clientKey} on ${res.data.mapping.providerName}. ${formatCount(n, locale)} unassigned ${n === 1 ? 'event was' : 'events were'} re-attributed.`);
      setErrors(NO_ERRORS);
      setGeneral(null);
      setClientKey('');
    } else {
      const fields = commandFieldErrors(res.error);
      setErrors(fields);
      setGeneral(Object.keys(fields).length ? null : res.error);
    }
  };

  const doDelete = async () => {
    if (!deleting) return;
    const res = await remove.run({ id: deleting.id });
    if (res.ok) {
      setResult(`${deleting.clientKey} is no longer mapped. Usage already attributed stays with this client.`);
      setDeleting(null);
    }
  };

  return (
    <section className="card ingest-card" aria-labelledby="client-mappings-title">
      <div className="card-header">
        <h2 id="client-mappings-title" className="card-title">
          Provider mappings
        </h2>
        <span className="card-meta">Provider-side ids billed to this client</span>
      </div>
      <div className="card-body card-body-flush">
        {mappings.error ? (
          <div className="card-pad">
            <ErrorNotice title="Mappings could not be loaded" error={mappings.error} onRetry={() => void mappings.reload()} />
          </div>
        ) : mappings.data === null ? (
          <div className="card-pad">
            <Loading label="Loading mappings…" />
          </div>
        ) : mappings.data.length === 0 ? (
          <EmptyState title="No provider-side ids are mapped to this client" level={3}>
            <p>Map a sub-account, assistant or API key to bill its usage here.</p>
          </EmptyState>
        ) : (
          <div className="table-tight">
            <DataTable label="Provider mappings" columns={columns} data={mappings.data} getRowId={(m) => String(m.id)} fixed />
          </div>
        )}
      </div>
      {archived ? null : (
        <form className="card-footer-form" onSubmit={onSubmit} noValidate aria-labelledby="client-add-mapping-title">
          <h3 id="client-add-mapping-title" className="subsection-title">
            Add a mapping
          </h3>
          <div className="inline-form">
            <SelectField id={idFor('providerAccountId')} label="Provider account" value={accountId} onChange={setAccountId} options={accountOptions} error={errors.providerAccountId} required />
            <InputField
              id={idFor('clientKey')}
              label="Provider-side id"
              placeholder="sub_account:AC123"
              required
              value={clientKey}
              onChange={setClientKey}
              error={errors.clientKey}
              inputClassName="mono"
            />
            <div className="inline-form-actions">
              <button type="submit" className="btn btn-primary" disabled={create.running} aria-busy={create.running || undefined}>
                Add mapping
              </button>
            </div>
          </div>
          {general ? <ErrorNotice title="The mapping was not added" error={general} /> : null}
          <p role="status" className={result ? 'notice notice-success' : 'visually-hidden'}>
            {result ?? ''}
          </p>
        </form>
      )}
      {deleting ? (
        <ConfirmDialog
          title={`Delete mapping ${deleting.clientKey}?`}
          confirmLabel="Delete mapping"
          busyLabel="Deleting…"
          danger
          busy={remove.running}
          error={remove.error}
          onConfirm={() => void doDelete()}
          onCancel={() => setDeleting(null)}
        >
          <p>Usage already attributed to this client stays here. New usage from {deleting.clientKey} will wait in Unassigned usage.</p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
