// Runs in the renderer. Which provider-side ids (sub-accounts, assistants, API keys...) of this account
// belong to which client; adding one re-attributes the usage that was waiting unassigned.
import { useMemo, useState, type FormEvent } from 'react';
import type { CommandOutput } from '../../../../shared/contract/commands';
import type { CommandError } from '../../../../shared/contract/result';
import { useMutation, useQuery } from '../../api';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { columnsFor, DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { commandFieldErrors, NO_ERRORS, type FieldErrors } from '../../forms/field-errors';
import { useFieldIds } from '../../forms/use-field-ids';
import { useAgency } from '../../app/agency-context';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import { ClientSelect } from '../usage/client-select';

type Mapping = CommandOutput<'mappings.list'>[number];
const col = columnsFor<Mapping>();

function buildColumns(onDelete: (m: Mapping) => void) {
  return col.columns([
    col.accessor('clientKey', {
      header: 'Provider-side id',
      meta: { className: 'col-w-43' },
      cell: (info) => (
        <code className="key-cell" title={info.getValue()}>
          {info.getValue()}
        </code>
      ),
    }),
    col.accessor('clientName', {
      header: 'Client',
      meta: { className: 'col-w-40' },
      cell: (info) => (
        <Link to={{ name: 'client', id: info.row.original.clientId }} title={`${info.getValue()} — mapped ${info.row.original.createdAt.slice(0, 10)}`}>
          {info.getValue()}
        </Link>
      ),
    }),
    col.display({
      id: 'actions',
      header: () => <span className="visually-hidden">Actions</span>,
      meta: { align: 'end', className: 'col-w-17' },
      cell: (info) => (
        <button type="button" className="btn btn-small btn-ghost" aria-label={`Delete mapping ${info.row.original.clientKey}`} onClick={() => onDelete(info.row.original)}>
          Delete
        </button>
      ),
    }),
  ]);
}

export function ClientMappingsSection({ accountId, archived }: { accountId: number; archived: boolean }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const mappings = useQuery('mappings.list', { providerAccountId: accountId }, { tables: ['client_mappings', 'clients'] });
  const unassigned = useQuery('usage.unassigned', { providerAccountId: accountId }, { tables: ['usage_events', 'client_mappings'] });
  const create = useMutation('mappings.create');
  const remove = useMutation('mappings.delete');
  const [clientKey, setClientKey] = useState('');
  const [clientId, setClientId] = useState('');
  const [errors, setErrors] = useState<FieldErrors>(NO_ERRORS);
  const [general, setGeneral] = useState<CommandError | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [deleting, setDeleting] = useState<Mapping | null>(null);

  const columns = useMemo(
    () =>
      buildColumns((m) => {
        remove.reset();
        setDeleting(m);
      }),
    // remove.reset is stable
    [remove.reset],
  );
  const suggestions = useMemo(() => [...new Set((unassigned.data ?? []).map((g) => g.clientKey).filter((k): k is string => k !== null))], [unassigned.data]);
  const listId = `${idFor('clientKey')}-suggestions`;

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (create.running) return;
    setResult(null);
    const local: Record<string, string> = {};
    if (!clientKey.trim()) local.clientKey = 'Enter the provider-side id as kind:id (e.g. sub_account:AC123, assistant:asst_1).';
    if (!clientId) local.clientId = 'Choose the client this id belongs to.';
    if (Object.keys(local).length) {
      setErrors(local);
      setGeneral(null);
      return;
    }
    const res = await create.run({ providerAccountId: accountId, clientKey: clientKey.trim(), clientId: Number(clientId) });
    if (res.ok) {
      const n = res.data.reassignedEvents;
      setResult(
        `Mapped ${res.data.mapping.clientKey} to ${res.data.mapping.clientName}. ${n === 0 ? 'No unassigned events were waiting for it.' : `${formatCount(n, locale)} unassigned ${n === 1 ? 'event was' : 'events were'} re-attributed.`}`,
      );
      setErrors(NO_ERRORS);
      setGeneral(null);
      setClientKey('');
      setClientId('');
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
      setResult(`${deleting.clientKey} is no longer mapped. Usage already attributed to ${deleting.clientName} stays with them.`);
      setDeleting(null);
    }
  };

  return (
    <section className="card" aria-labelledby="mappings-title">
      <div className="card-header">
        <h2 id="mappings-title" className="card-title">
          Client mappings
        </h2>
        {mappings.data ? <span className="card-meta">{mappings.data.length}</span> : null}
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
          <EmptyState title="No mappings yet" level={3}>
            <p>Map each sub-account, assistant or API key to the client it belongs to. Usage of unmapped ids waits in Unassigned usage.</p>
          </EmptyState>
        ) : (
          <div className="table-tight">
            <DataTable label="Client mappings" columns={columns} data={mappings.data} getRowId={(m) => String(m.id)} fixed />
          </div>
        )}
      </div>
      {archived ? null : (
        <form className="card-footer-form" onSubmit={onSubmit} noValidate aria-labelledby="add-mapping-title">
          <h3 id="add-mapping-title" className="subsection-title">
            Add mapping
          </h3>
          <div className="inline-form">
            <InputField
              id={idFor('clientKey')}
              label="Provider-side id"
              placeholder="sub_account:AC123"
              required
              value={clientKey}
              onChange={setClientKey}
              error={errors.clientKey}
              list={suggestions.length ? listId : undefined}
              hint={suggestions.length ? `${suggestions.length} unassigned ${suggestions.length === 1 ? 'id is' : 'ids are'} suggested as you type.` : 'kind:id, as the provider names it'}
              inputClassName="mono"
            />
            {suggestions.length ? (
              <datalist id={listId}>
                {suggestions.map((k) => (
                  <option key={k} value={k} />
                ))}
              </datalist>
            ) : null}
            <ClientSelect id={idFor('clientId')} value={clientId} onChange={setClientId} error={errors.clientId} />
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
          <p>
            Usage already attributed to {deleting.clientName} stays with them. New usage from {deleting.clientKey} will wait in Unassigned usage until it is mapped
            again.
          </p>
        </ConfirmDialog>
      ) : null}
    </section>
  );
}
