// Runs in the renderer. "Provider mappings" of one client, for the client detail screen: which
// provider-side ids (sub-accounts, assistants, API keys) are billed to this client, with add and delete.
// Drop-in: <ClientMappingsCard clientId={c.id} archived={c.archived} />
import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '../../api';
import { useAgency } from '../../app/agency-context';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { TimeAgo } from '../../components/time-ago';
import { SelectField } from '../../forms/field';
import { useFieldIds } from '../../forms/use-field-ids';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import '../../styles/ingest.css';
import { AddMappingButton, deleteColumn, DeleteMappingDialog, keyColumn, mappingColumns, MappingFormStatus, useMappingEditor, type Mapping } from './mapping-editor';

function buildColumns(onDelete: (m: Mapping) => void, canEdit: boolean) {
  return mappingColumns.columns([
    mappingColumns.accessor('providerName', {
      header: 'Provider',
      meta: { className: 'col-w-28' },
      cell: (info) => <Link to={{ name: 'provider', id: info.row.original.providerAccountId }}>{info.getValue()}</Link>,
    }),
    keyColumn('col-w-40'),
    mappingColumns.accessor('createdAt', { header: 'Mapped', meta: { className: 'col-w-15' }, cell: (info) => <TimeAgo iso={info.getValue()} short /> }),
    deleteColumn(onDelete, canEdit),
  ]);
}

export function ClientMappingsCard({ clientId, archived = false }: { clientId: number; archived?: boolean }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const mappings = useQuery('mappings.list', { clientId }, { tables: ['client_mappings', 'provider_accounts'] });
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts'] });
  const editor = useMappingEditor();
  const { errors } = editor;
  const [accountId, setAccountId] = useState('');
  const [clientKey, setClientKey] = useState('');
  const columns = useMemo(() => buildColumns(editor.startDelete, !archived), [editor.startDelete, archived]);
  const accountOptions = useMemo(
    () => [
      { value: '', label: providers.data ? 'Choose a provider account…' : 'Loading…' },
      ...(providers.data ?? []).filter((p) => !p.archived).map((p) => ({ value: String(p.id), label: p.name })),
    ],
    [providers.data],
  );

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!accountId) local.providerAccountId = 'Choose the provider account the id belongs to.';
    if (!clientKey.trim()) local.clientKey = 'Enter the provider-side id as kind:id (e.g. sub_account:AC123, assistant:asst_1).';
    void editor.submit(
      local,
      () => ({ providerAccountId: Number(accountId), clientKey: clientKey.trim(), clientId }),
      (data) => {
        const n = data.reassignedEvents;
        return `Mapped ${data.mapping.clientKey} on ${data.mapping.providerName}. ${formatCount(n, locale)} unassigned ${n === 1 ? 'event was' : 'events were'} re-attributed.`;
      },
      () => setClientKey(''),
    );
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
            <AddMappingButton editor={editor} />
          </div>
          <MappingFormStatus editor={editor} />
        </form>
      )}
      <DeleteMappingDialog editor={editor} successMessage={(m) => `${m.clientKey} is no longer mapped. Usage already attributed stays with this client.`}>
        {(m) => <p>Usage already attributed to this client stays here. New usage from {m.clientKey} will wait in Unassigned usage.</p>}
      </DeleteMappingDialog>
    </section>
  );
}
