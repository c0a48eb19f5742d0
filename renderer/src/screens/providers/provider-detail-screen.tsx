// Runs in the renderer. One provider account: sync now / cancel, test connection, edit, archive or
// restore, import a file; live sync progress; client mappings; sync history; rate card.
import { useEffect, useState, type ReactNode } from 'react';
import type { ProviderDetail } from '../../../../shared/domain/ingest';
import { useMutation, useQuery } from '../../api';
import { Badge } from '../../components/badge';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorNotice } from '../../components/error-notice';
import { Loading } from '../../components/loading';
import { PageHeader } from '../../components/page-header';
import { TimeAgo } from '../../components/time-ago';
import { Link } from '../../router/link';
import '../../styles/ingest.css';
import { ClientMappingsSection } from './client-mappings-section';
import { PROVIDER_KIND_LABELS } from './labels';
import { ProviderFormDialog } from './provider-form-dialog';
import { editableConfig } from './provider-form-model';
import { RateCardSection } from './rate-card-section';
import { ReplaceCredentialsDialog } from './replace-credentials-dialog';
import { SyncHistorySection } from './sync-history-section';
import { SyncProgressPanel } from './sync-progress-panel';
import { TestConnectionResult, type TestResult } from './test-connection';
import { useJobWatch, type JobRef } from './use-job-watch';

const back = (
  <Link to={{ name: 'providers' }} className="back-link">
    <span aria-hidden="true">← </span>Provider accounts
  </Link>
);

function Row({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="dl-row">
      <dt>{label}</dt>
      <dd>{children ?? <span className="muted">—</span>}</dd>
    </div>
  );
}

export function ProviderDetailScreen({ id }: { id: number }) {
  const q = useQuery('providers.get', { id }, { tables: ['provider_accounts', 'sync_state', 'ingest_jobs'] });
  const kinds = useQuery('providers.kinds', {}, { tables: [] });
  const latest = useQuery('sync.jobs', { providerAccountId: id, limit: 1 }, { tables: ['ingest_jobs'] });
  const start = useMutation('sync.start');
  const cancel = useMutation('sync.cancel');
  const test = useMutation('providers.test');
  const archive = useMutation('providers.archive');
  const restore = useMutation('providers.restore');
  const [watch, setWatch] = useState<JobRef | null>(null);
  const [testResult, setTestResult] = useState<TestResult | null>(null);
  const [dialog, setDialog] = useState<'edit' | 'credentials' | 'archive' | null>(null);
  const [notice, setNotice] = useState<string | null>(null);
  const w = useJobWatch(watch);

  // Follow a sync that runs already (started by the schedule, the list or another window).
  const newest = latest.data?.items[0];
  const runningRef = newest && newest.kind === 'sync' && newest.status === 'running' ? newest : null;
  useEffect(() => {
    if (runningRef && runningRef.jobId !== watch?.jobId) setWatch({ jobId: runningRef.jobId, id: runningRef.id });
  }, [runningRef, watch?.jobId]);

  const name = q.data?.name;
  useEffect(() => {
    if (name) document.title = `${name} — Meterbook`;
  }, [name]);

  if (!q.data) {
    return (
      <>
        <PageHeader before={back} title={q.error ? 'Provider account not found' : 'Provider account'} />
        {q.error ? (
          <ErrorNotice title="This provider account could not be loaded" error={q.error} onRetry={q.error.code === 'not_found' ? undefined : () => void q.reload()} />
        ) : (
          <Loading label="Loading provider account…" />
        )}
      </>
    );
  }

  const a: ProviderDetail = q.data;
  const info = kinds.data?.find((k) => k.kind === a.kind) ?? null;
  const hasApi = info?.hasApi ?? false;
  const running = watch !== null && !w.finished;
  const syncing = a.syncing || running || start.running;

  const doSync = async () => {
    setNotice(null);
    const res = await start.run({ providerAccountId: a.id });
    if (res.ok) setWatch(res.data);
  };
  const doTest = async () => {
    setTestResult(null);
    const res = await test.run({ id: a.id });
    setTestResult(res.ok ? res.data : { ok: false, error: res.error });
  };
  const doArchive = async () => {
    const res = await archive.run({ id: a.id });
    if (res.ok) {
      setDialog(null);
      setNotice(`${res.data.name} was archived. It no longer syncs; its usage is kept.`);
    }
  };
  const doRestore = async () => {
    const res = await restore.run({ id: a.id });
    if (res.ok) setNotice(`${res.data.name} was restored.`);
  };

  const kindLabel = info?.label ?? PROVIDER_KIND_LABELS[a.kind] ?? a.kind;
  const settings = editableConfig(a.config);

  return (
    <div className="ingest-screen">
      <PageHeader
        before={back}
        title={a.name}
        meta={
          <span className="badges">
            <Badge tone="info">{PROVIDER_KIND_LABELS[a.kind] ?? a.kind}</Badge>
            {hasApi ? null : <Badge>File import</Badge>}
            {a.archived ? <Badge>Archived</Badge> : null}
            {syncing ? <Badge tone="info">Syncing</Badge> : null}
            {hasApi && !a.syncEnabled && !a.archived ? <Badge tone="warning">Automatic sync off</Badge> : null}
          </span>
        }
        description={`${kindLabel} · billed in ${a.currency}`}
        actions={
          <>
            {hasApi && !a.archived ? (
              <button type="button" className="btn btn-primary" onClick={() => void doSync()} disabled={syncing} aria-busy={start.running || undefined}>
                Sync now
              </button>
            ) : null}
            {running && watch ? (
              <button type="button" className="btn" onClick={() => void cancel.run({ jobId: watch.jobId })} disabled={cancel.running} aria-busy={cancel.running || undefined}>
                Cancel sync
              </button>
            ) : null}
            {hasApi ? (
              <button type="button" className="btn" onClick={() => void doTest()} disabled={test.running} aria-busy={test.running || undefined}>
                {test.running ? 'Testing…' : 'Test connection'}
              </button>
            ) : null}
            {!a.archived ? (
              <Link to={{ name: 'import', accountId: a.id }} className="btn">
                Import file
              </Link>
            ) : null}
            <button type="button" className="btn" onClick={() => setDialog('edit')} disabled={!kinds.data}>
              Edit
            </button>
            {a.archived ? (
              <button type="button" className="btn" onClick={() => void doRestore()} disabled={restore.running} aria-busy={restore.running || undefined}>
                Restore
              </button>
            ) : (
              <button
                type="button"
                className="btn btn-danger-outline"
                onClick={() => {
                  archive.reset();
                  setDialog('archive');
                }}
              >
                Archive
              </button>
            )}
          </>
        }
      />

      <div role="status" className="live-slot">
        {notice ? <p className="notice notice-success">{notice}</p> : null}
      </div>
      {start.error ? <ErrorNotice title="The sync did not start" error={start.error} /> : null}
      {cancel.error ? <ErrorNotice title="The sync was not cancelled" error={cancel.error} /> : null}
      {restore.error ? <ErrorNotice title="The account was not restored" error={restore.error} /> : null}
      {testResult ? <TestConnectionResult result={testResult} onDismiss={() => setTestResult(null)} /> : null}

      {watch ? (
        <SyncProgressPanel
          accountName={a.name}
          progress={w.progress}
          job={w.job}
          finished={w.finished}
          onDismiss={() => setWatch(null)}
        />
      ) : null}

      <div className="detail-grid">
        <section className="card" aria-labelledby="account-title">
          <div className="card-header">
            <h2 id="account-title" className="card-title">
              Account
            </h2>
          </div>
          <div className="card-body">
            <dl className="dl">
              <Row label="Kind">{kindLabel}</Row>
              <Row label="Currency">{a.currency}</Row>
              {info && info.credentialFields.length > 0 ? (
                <Row label="Credentials">
                  <span className="stack">
                    {a.hasCredentials ? <span className="mono">{a.credentialsHint ?? 'Set'}</span> : <Badge tone="warning">Not set</Badge>}
                    {!a.archived ? (
                      <button type="button" className="btn btn-small" onClick={() => setDialog('credentials')}>
                        Replace credentials
                      </button>
                    ) : null}
                  </span>
                </Row>
              ) : null}
              {hasApi ? (
                <>
                  <Row label="Sync">{a.syncEnabled ? `Every ${a.scheduleMinutes} minutes` : 'Only when you press Sync now'}</Row>
                  <Row label="Last success">
                    <TimeAgo iso={a.lastSuccessAt} empty="Never" />
                  </Row>
                  <Row label="Last attempt">
                    <TimeAgo iso={a.lastAttemptAt} empty="Never" />
                  </Row>
                  <Row label="Next run">{a.archived ? null : <TimeAgo iso={a.nextRunAt} empty="Not scheduled" />}</Row>
                </>
              ) : (
                <Row label="Usage">Arrives by file import</Row>
              )}
              <Row label="Settings">
                {Object.keys(settings).length ? (
                  <pre className="json-view json-view-small" tabIndex={0} aria-label="Settings (JSON)">
                    {JSON.stringify(settings, null, 2)}
                  </pre>
                ) : null}
              </Row>
            </dl>
          </div>
        </section>
        <ClientMappingsSection accountId={a.id} archived={a.archived} />
      </div>

      <SyncHistorySection accountId={a.id} />
      <RateCardSection account={a} />

      {dialog === 'edit' && kinds.data ? (
        <ProviderFormDialog
          kinds={kinds.data}
          account={a}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setNotice('Changes saved.');
          }}
        />
      ) : null}
      {dialog === 'credentials' && info ? (
        <ReplaceCredentialsDialog
          account={a}
          info={info}
          onClose={() => setDialog(null)}
          onSaved={() => {
            setDialog(null);
            setTestResult(null);
            setNotice('Credentials replaced. Use Test connection to check them.');
          }}
        />
      ) : null}
      {dialog === 'archive' ? (
        <ConfirmDialog
          title={`Archive ${a.name}?`}
          confirmLabel="Archive provider account"
          busyLabel="Archiving…"
          danger
          busy={archive.running}
          error={archive.error}
          onConfirm={() => void doArchive()}
          onCancel={() => setDialog(null)}
        >
          <p>An archived account no longer syncs and is hidden from the current list. Its usage, mappings and history are kept; you can restore it at any time.</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
