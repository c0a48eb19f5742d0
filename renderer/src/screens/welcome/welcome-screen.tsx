// Runs in the renderer. First launch: load the demo agency, or start with an empty workspace.
import { useState } from 'react';
import type { EventPayload } from '../../../../shared/contract/events';
import { useEvent, useMutation } from '../../api';
import { Logo } from '../../app/logo';
import { ErrorNotice } from '../../components/error-notice';
import { navigate } from '../../router/use-route';

export function WelcomeScreen({ onDone }: { onDone: () => Promise<void> }) {
  const demo = useMutation('demo.load');
  const [progress, setProgress] = useState<EventPayload<'job.progress'> | null>(null);
  const [finishing, setFinishing] = useState(false);
  useEvent('job.progress', (p) => setProgress(p), demo.running);

  const busy = demo.running || finishing;
  const loadDemo = async () => {
    setProgress(null);
    const res = await demo.run({});
    if (res.ok) {
      setFinishing(true);
      await onDone();
    }
  };

  const percent = progress && progress.total ? Math.min(100, Math.round((progress.current / progress.total) * 100)) : null;

  return (
    <main className="onboarding">
      <div className="onboarding-card">
        <Logo />
        <h1 className="onboarding-title">Welcome to Meterbook</h1>
        <p className="onboarding-lead">
          See what each client used on the AI platforms you resell, what it cost you, and what to bill them — on this computer, online or
          not.
        </p>

        {demo.error ? <ErrorNotice title="The demo agency could not be loaded" error={demo.error} /> : null}

        <div className="choice-list">
          <div className="choice">
            <div className="choice-text">
              <h2 className="choice-title">Explore with sample data</h2>
              <p id="demo-desc">A made-up agency with provider accounts, clients and 90 days of usage, to explore every screen.</p>
            </div>
            <button type="button" className="btn btn-primary" onClick={loadDemo} disabled={busy} aria-busy={busy || undefined} aria-describedby="demo-desc">
              Load demo agency
            </button>
          </div>
          <div className="choice">
            <div className="choice-text">
              <h2 className="choice-title">Set up your own agency</h2>
              <p id="empty-desc">Enter your agency's details, then add your clients and provider accounts.</p>
            </div>
            <button type="button" className="btn" onClick={() => navigate({ name: 'welcome-agency' })} disabled={busy} aria-describedby="empty-desc">
              Start empty
            </button>
          </div>
        </div>

        {busy ? (
          <div className="progress-block" role="status">
            <p>
              <span className="spinner" aria-hidden="true" />
              {finishing ? 'Opening your clients…' : progress ? `Loading demo agency: ${progress.step}` : 'Loading demo agency…'}
            </p>
            {percent !== null ? (
              <progress className="progress" max={100} value={percent} aria-label="Demo agency progress">
                {percent}%
              </progress>
            ) : null}
          </div>
        ) : null}
      </div>
    </main>
  );
}
