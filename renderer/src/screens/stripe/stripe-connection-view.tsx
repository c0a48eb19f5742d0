// Runs in the renderer. Settings › Stripe while connected: the account, its key hint, the sync state, the mode,
// and Test connection / Sync now / Disconnect.
import { useState } from 'react';
import type { StripeMode, StripeStatus } from '../../../../shared/domain/stripe';
import { useMutation } from '../../api';
import { useAgency } from '../../app/agency-context';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { TimeAgo } from '../../components/time-ago';
import { formatDateTime } from '../../format/dates';
import { Link } from '../../router/link';
import { GeneralError } from '../clients/account-controls/shared-ui';
import { TestConnectionResult, type TestResult } from '../providers/test-connection';
import { disconnectText, MODE_LABELS, queueSummary } from './stripe-model';
import { StripeModeField } from './stripe-mode-field';
import { SyncNotice, SyncNowButton } from './sync-notice';
import { useSyncNow } from './use-sync-now';

export interface StripeConnectionViewProps {
  status: StripeStatus;
  reload: () => Promise<void>;
  onDisconnected: () => void;
}

export function StripeConnectionView({ status, reload, onDisconnected }: StripeConnectionViewProps) {
  const { locale, timeZone } = useAgency();
  const [test, setTest] = useState<TestResult | null>(null);
  const [modeSaved, setModeSaved] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const testRun = useMutation('stripe.test');
  const setMode = useMutation('stripe.setMode');
  const disconnect = useMutation('stripe.disconnect');
  const sync = useSyncNow(() => void reload());

  const onTest = async () => {
    setTest(null);
    const res = await testRun.run({});
    setTest(res.ok ? { ok: res.data.ok, message: res.data.message } : { ok: false, error: res.error });
    void reload();
  };
  const onMode = async (mode: StripeMode) => {
    setModeSaved(null);
    const res = await setMode.run({ mode });
    if (res.ok) setModeSaved(`Mode saved: ${MODE_LABELS[mode]}. It applies to invoices sent from now on.`);
  };
  const onDisconnect = async () => {
    const res = await disconnect.run({});
    if (res.ok) {
      setConfirming(false);
      onDisconnected();
    }
  };

  const { outbox } = status;
  return (
    <div className="stripe-connected">
      <dl className="dl stripe-facts">
        <div className="dl-row">
          <dt>Account</dt>
          <dd>
            {status.accountName ?? <span className="muted">No name</span>}
            {status.accountId ? <span className="muted mono"> · {status.accountId}</span> : null}
          </dd>
        </div>
        <div className="dl-row">
          <dt>Key</dt>
          <dd>
            <span className="mono">{status.keyHint}</span>
            {status.connectedAt ? <span className="muted"> · connected {formatDateTime(status.connectedAt, locale, timeZone)}</span> : null}
          </dd>
        </div>
        <div className="dl-row">
          <dt>Last sync</dt>
          <dd>
            <TimeAgo iso={status.lastSyncAt} empty="Never" />
            <span className="muted">
              {' '}
              · payments checked <TimeAgo iso={status.lastPollAt} empty="never" />
            </span>
          </dd>
        </div>
        <div className="dl-row">
          <dt>Queue</dt>
          <dd>
            {queueSummary(outbox)} ·{' '}
            <Link to={{ name: 'stripe', status: outbox.failed > 0 ? 'failed' : 'all' }}>{outbox.failed > 0 ? 'See failures in Stripe sync' : 'Open Stripe sync'}</Link>
          </dd>
        </div>
      </dl>

      {status.lastError ? (
        <div className="notice notice-error" role="alert">
          <div>
            <p className="notice-title">Last contact with Stripe failed</p>
            <p>{status.lastError}</p>
          </div>
        </div>
      ) : null}

      <div className="stripe-live" role="status">
        {modeSaved ? <p className="notice notice-success">{modeSaved}</p> : null}
      </div>
      <StripeModeField value={status.mode} onChange={(m) => void onMode(m)} disabled={setMode.running} />
      <GeneralError error={setMode.error} />

      {test ? <TestConnectionResult result={test} onDismiss={() => setTest(null)} /> : null}
      <SyncNotice sync={sync} />

      <div className="form-actions stripe-actions">
        <button type="button" className="btn btn-danger-outline" onClick={() => setConfirming(true)}>
          Disconnect
        </button>
        <span className="stripe-actions-spacer" />
        <button type="button" className="btn" onClick={() => void onTest()} disabled={testRun.running} aria-busy={testRun.running || undefined}>
          {testRun.running ? 'Testing…' : 'Test connection'}
        </button>
        <SyncNowButton sync={sync} />
      </div>

      {confirming ? (
        <ConfirmDialog
          title="Disconnect Stripe?"
          confirmLabel="Disconnect"
          busyLabel="Disconnecting…"
          danger
          busy={disconnect.running}
          error={disconnect.error}
          onConfirm={() => void onDisconnect()}
          onCancel={() => {
            disconnect.reset();
            setConfirming(false);
          }}
        >
          <p>{disconnectText(outbox)}</p>
        </ConfirmDialog>
      ) : null}
    </div>
  );
}
