// Runs in the renderer. The answer of "Sync now", dismissible; lives in an always-present live region.
import type { SyncNow } from './use-sync-now';

export function SyncNotice({ sync }: { sync: SyncNow }) {
  const r = sync.result;
  return (
    <div className="stripe-live" role="status">
      {r ? (
        <p className={`notice ${r.tone === 'success' ? 'notice-success' : 'notice-error'}`}>
          <span>{r.text}</span>
          <button type="button" className="icon-button" aria-label="Dismiss" onClick={sync.clear}>
            ×
          </button>
        </p>
      ) : null}
    </div>
  );
}

export function SyncNowButton({ sync, primary = true, small = false }: { sync: SyncNow; primary?: boolean; small?: boolean }) {
  return (
    <button
      type="button"
      className={`btn${primary ? ' btn-primary' : ''}${small ? ' btn-small' : ''}`}
      onClick={() => void sync.run()}
      disabled={sync.running}
      aria-busy={sync.running || undefined}
    >
      {sync.running ? 'Syncing…' : 'Sync now'}
    </button>
  );
}
