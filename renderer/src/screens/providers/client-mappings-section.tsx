// Runs in the renderer. Which provider-side ids (sub-accounts, assistants, API keys...) of this account
// belong to which client; adding one re-attributes the usage that was waiting unassigned.
import { useMemo, useState, type FormEvent } from 'react';
import { useQuery } from '../../api';
import { DataTable } from '../../components/data-table';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { InputField } from '../../components/input-field';
import { Loading } from '../../components/loading';
import { useFieldIds } from '../../forms/use-field-ids';
import { useAgency } from '../../app/agency-context';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import { ClientSelect } from '../usage/client-select';
import { AddMappingButton, deleteColumn, DeleteMappingDialog, keyColumn, mappingColumns, MappingFormStatus, useMappingEditor, type Mapping } from '../usage/mapping-editor';

function buildColumns(onDelete: (m: Mapping) => void) {
  return mappingColumns.columns([
    keyColumn('col-w-43'),
    mappingColumns.accessor('clientName', {
      header: 'Client',
      meta: { className: 'col-w-40' },
      cell: (info) => (
        <Link to={{ name: 'client', id: info.row.original.clientId }} title={`${info.getValue()} — mapped ${info.row.original.createdAt.slice(0, 10)}`}>
          {info.getValue()}
        </Link>
      ),
    }),
    deleteColumn(onDelete),
  ]);
}

export function ClientMappingsSection({ accountId, archived }: { accountId: number; archived: boolean }) {
  const { locale } = useAgency();
  const idFor = useFieldIds();
  const mappings = useQuery('mappings.list', { providerAccountId: accountId }, { tables: ['client_mappings', 'clients'] });
  const unassigned = useQuery('usage.unassigned', { providerAccountId: accountId }, { tables: ['usage_events', 'client_mappings'] });
  const editor = useMappingEditor();
  const { errors } = editor;
  const [clientKey, setClientKey] = useState('');
  const [clientId, setClientId] = useState('');

  const columns = useMemo(() => buildColumns(editor.startDelete), [editor.startDelete]);
  const suggestions = useMemo(() => [...new Set((unassigned.data ?? []).map((g) => g.clientKey).filter((k): k is string => k !== null))], [unassigned.data]);
  const listId = `${idFor('clientKey')}-suggestions`;

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const local: Record<string, string> = {};
    if (!clientKey.trim()) local.clientKey = 'Enter the provider-side id as kind:id (e.g. sub_account:AC123, assistant:asst_1).';
    if (!clientId) local.clientId = 'Choose the client this id belongs to.';
    void editor.submit(
      local,
      () => ({ providerAccountId: accountId, clientKey: clientKey.trim(), clientId: Number(clientId) }),
      (data) => {
        const n = data.reassignedEvents;
        return `Mapped ${data.mapping.clientKey} to ${data.mapping.clientName}. ${n === 0 ? 'No unassigned events were waiting for it.' : `${formatCount(n, locale)} unassigned ${n === 1 ? 'event was' : 'events were'} re-attributed.`}`;
      },
      () => {
        setClientKey('');
        setClientId('');
      },
    );
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
            <AddMappingButton editor={editor} />
          </div>
          <MappingFormStatus editor={editor} />
        </form>
      )}
      <DeleteMappingDialog editor={editor} successMessage={(m) => `${m.clientKey} is no longer mapped. Usage already attributed to ${m.clientName} stays with them.`}>
        {(m) => (
          <p>
            Usage already attributed to {m.clientName} stays with them. New usage from {m.clientKey} will wait in Unassigned usage until it is mapped again.
          </p>
        )}
      </DeleteMappingDialog>
    </section>
  );
}
