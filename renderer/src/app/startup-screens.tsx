// Runs in the renderer. What shows before app.info answers, and when it cannot.
import type { CommandError } from '../../../shared/contract/result';
import { Loading } from '../components/loading';
import { Logo } from './logo';

export function StartupLoading() {
  return (
    <main className="startup">
      <div className="startup-card">
        <Logo />
        <Loading label="Starting Meterbook…" />
      </div>
    </main>
  );
}

export function StartupError({ error, retrying, onRetry }: { error: CommandError; retrying: boolean; onRetry: () => void }) {
  return (
    <main className="startup">
      <div className="startup-card" role="alert">
        <Logo />
        <h1 className="startup-title">Meterbook could not start</h1>
        <p className="startup-text">{error.message}</p>
        <button type="button" className="btn btn-primary" onClick={onRetry} disabled={retrying} aria-busy={retrying || undefined}>
          {retrying ? 'Retrying…' : 'Retry'}
        </button>
      </div>
    </main>
  );
}
