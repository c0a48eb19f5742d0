// Runs in the renderer. Provider accounts (with their sync state, "Sync now" and "Add provider account")
// and the metrics Meterbook counts.
import { useCallback, useMemo, useState } from 'react';
import type { CommandError } from '../../../../shared/contract/result';
import type { ProviderDetail } from '../../../../shared/domain/ingest';
import type { ProviderAccount } from '../../../../shared/domain/provider';
import { call, useQuery } from '../../api';
import { EmptyState } from '../../components/empty-state';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { Segmented } from '../../components/segmented';
import { Link } from '../../router/link';
import '../../styles/ingest.css';
import { MetricsCard } from './metrics-card';
import { ProviderFormDialog } from './provider-form-dialog';
import { ProvidersTable, type ProviderRow } from './providers-table';

type Show = 'current' | 'archived' | 'all';
const SHOW_OPTIONS: ReadonlyArray<readonly [Show, string]> = [
  ['current', 'Current'],
  ['archived', 'Archived'],
  ['all', 'All'],
];
const EMPTY: ProviderAccount[] = [];

type Notice = { kind: 'created'; account: ProviderDetail } | { kind: 'sync'; id: number; name: string } | { kind: 'sync-error'; name: string; error: CommandError };

export function ProvidersScreen() {
  const providers = useQuery('providers.list', {}, { tables: ['provider_accounts', 'client_mappings', 'sync_state', 'ingest_jobs'] });
  const kinds = useQuery('providers.kinds', {}, { tables: [] });
  const [show, setShow] = useState<Show>('current');
  const [adding, setAdding] = useState(false);
  const [notice, setNotice] = useState<Notice | null>(null);
  const [starting, setStarting] = useState<ReadonlySet<number>>(() => new Set());

  const all = providers.data ?? EMPTY;
  const visible = useMemo(() => all.filter((p) => (show === 'all' ? true : show === 'archived' ? p.archived : !p.archived)), [all, show]);
  const rows: ProviderRow[] = useMemo(
    () =>
      visible.map((p) => ({
        ...p,
        info: kinds.data?.find((k) => k.kind === p.kind) ?? null,
        starting: starting.has(p.id),
      })),
    [visible, kinds.data, starting],
  );

  const onSync = useCallback((row: ProviderRow) => {
    setStarting((s) => new Set(s).add(row.id));
    setNotice(null);
    void call('sync.start', { providerAccountId: row.id }).then((res) => {
      setStarting((s) => {
        const next = new Set(s);
        next.delete(row.id);
        return next;
      });
      setNotice(res.ok ? { kind: 'sync', id: row.id, name: row.name } : { kind: 'sync-error', name: row.name, error: res.error });
    });
  }, []);

  const addButton = (
    <button type="button" className="btn btn-primary" onClick={() => setAdding(true)} disabled={!kinds.data}>
      <svg width="14" height="14" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
        <path d="M7 2v10M2 7h10" stroke="currentColor" strokeWidth="1.7" strokeLinecap="round" />
      </svg>
      Add provider account
    </button>
  );

  return (
    <div className="ingest-screen">
      <PageHeader title="Providers" description="The platforms you pay wholesale, and what Meterbook counts on them." actions={addButton} />

      <div role="status" className="live-slot">
        {notice?.kind === 'created' ? (
          <p className="notice notice-success">
            <span>
              “{notice.account.name}” was added.{' '}
              <Link to={{ name: 'provider', id: notice.account.id }}>Open {notice.account.name}</Link>
            </span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        ) : null}
        {notice?.kind === 'sync' ? (
          <p className="notice notice-success">
            <span>
              Sync of {notice.name} started. <Link to={{ name: 'provider', id: notice.id }}>Watch progress</Link>
            </span>
            <button type="button" className="icon-button" aria-label="Dismiss" onClick={() => setNotice(null)}>
              ×
            </button>
          </p>
        ) : null}
      </div>
      {notice?.kind === 'sync-error' ? <ErrorNotice title={`The sync of ${notice.name} did not start`} error={notice.error} /> : null}
      {kinds.error ? <ErrorNotice title="Provider kinds could not be loaded" error={kinds.error} onRetry={() => void kinds.reload()} /> : null}

      <section className="card" aria-labelledby="accounts-title">
        <div className="card-header">
          <h2 id="accounts-title" className="card-title">
            Provider accounts
          </h2>
          <div className="card-tools">
            <Segmented name="provider-show" legend="Show" options={SHOW_OPTIONS} value={show} onChange={setShow} small />
            {providers.data ? <span className="card-meta">{visible.length}</span> : null}
          </div>
        </div>
        <div className="card-body card-body-flush">
          {providers.error ? (
            <div className="card-pad">
              <ErrorNotice title="Provider accounts could not be loaded" error={providers.error} onRetry={() => void providers.reload()} />
            </div>
          ) : providers.data === null ? (
            <div className="card-pad">
              <Loading label="Loading provider accounts…" />
            </div>
          ) : all.length === 0 ? (
            <EmptyState title="No provider accounts yet" level={3} action={addButton}>
              <p>Add each platform account you pay (Vapi, Twilio, OpenAI, or any platform that exports usage files) to pull its usage in.</p>
            </EmptyState>
          ) : rows.length === 0 ? (
            <EmptyState title={show === 'archived' ? 'No archived provider accounts' : 'No current provider accounts'} level={3} />
          ) : (
            <ProvidersTable rows={rows} onSync={onSync} />
          )}
        </div>
      </section>

      <MetricsCard />

      {adding && kinds.data ? (
        <ProviderFormDialog
          kinds={kinds.data}
          account={null}
          onClose={() => setAdding(false)}
          onSaved={(account) => {
            setAdding(false);
            setNotice({ kind: 'created', account });
          }}
        />
      ) : null}
    </div>
  );
}
