// Runs in the renderer. "Start empty", after the agency profile: a stepper through the first provider account,
// the first client and the first plan (assigned to that client). Each step reuses the app's own dialog or form and
// can be skipped; progress is kept in localStorage (setup-model.ts) so a reload resumes where it was.
import { useEffect, useRef, useState, type ReactNode } from 'react';
import { useQuery } from '../../api';
import { Stepper } from '../../components/stepper';
import { Logo } from '../../app/logo';
import { ErrorNotice } from '../../components/error-notice';
import { Link } from '../../router/link';
import { DEFAULT_ROUTE } from '../../router/routes';
import { navigate } from '../../router/use-route';
import { ClientFormDialog } from '../clients/client-form-dialog';
import { ProviderFormDialog } from '../providers/provider-form-dialog';
import { FirstPlanForm } from './first-plan-form';
import { completeStep, loadSetup, saveSetup, SETUP_STEP_LABELS, SETUP_STEPS, skipStep, startSetup, stepNumber, type SetupProgress, type StepResult } from './setup-model';

const storage = (): Storage | null => (typeof window !== 'undefined' ? window.localStorage : null);

/** Begins a fresh walkthrough (called when the agency profile is saved). */
export function beginSetup(): void {
  const s = storage();
  if (s) saveSetup(s, startSetup());
}

export function SetupScreen() {
  const [progress, setProgress] = useState<SetupProgress>(() => {
    const s = storage();
    return (s && loadSetup(s)) ?? startSetup();
  });
  const headingRef = useRef<HTMLHeadingElement>(null);
  const first = useRef(true);

  const update = (p: SetupProgress) => {
    setProgress(p);
    const s = storage();
    if (s) saveSetup(s, p);
  };
  const complete = (r: StepResult) => update(completeStep(progress, r));
  const skip = () => update(skipStep(progress));
  const finish = () => {
    const s = storage();
    if (s) saveSetup(s, null);
    navigate(DEFAULT_ROUTE);
  };

  // Each new step takes the focus, so keyboard and screen-reader users start at its heading.
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    headingRef.current?.focus();
  }, [progress.step]);

  useEffect(() => {
    document.title = 'Set up — Meterbook';
  }, []);

  const skipButton = (
    <button type="button" className="btn btn-ghost" onClick={skip}>
      Skip this step
    </button>
  );

  return (
    <main className="onboarding onboarding-wide">
      <div className="onboarding-card">
        <div className="onboarding-top">
          <Logo />
          {progress.step !== 'done' ? (
            <button type="button" className="btn btn-ghost btn-small" onClick={finish}>
              Finish later
            </button>
          ) : null}
        </div>
        <SetupStepper progress={progress} />
        {progress.step === 'provider' ? (
          <ProviderStep headingRef={headingRef} onDone={(id) => complete({ providerId: id })} actions={skipButton} />
        ) : progress.step === 'client' ? (
          <ClientStep headingRef={headingRef} onDone={(c) => complete({ client: { id: c.id, name: c.name, currency: c.currency } })} actions={skipButton} />
        ) : progress.step === 'plan' ? (
          <StepBody headingRef={headingRef} title="Create your first plan" lead="A plan is what you charge a client: a base fee now, usage charges later in the plan editor.">
            <FirstPlanForm client={progress.client} onCreated={(planId, assigned) => complete({ planId, assigned })} actions={skipButton} />
          </StepBody>
        ) : (
          <StepBody headingRef={headingRef} title="You're set up" lead="Here is what you added. Anything you skipped can be done from the sidebar at any time.">
            <ul className="setup-summary">
              <li>{progress.providerId ? <Link to={{ name: 'provider', id: progress.providerId }} onClick={clearSetup}>Provider account added</Link> : 'Provider account skipped — add one under Providers'}</li>
              <li>{progress.client ? <Link to={{ name: 'client', id: progress.client.id }} onClick={clearSetup}>Client {progress.client.name} added</Link> : 'Client skipped — add one under Clients'}</li>
              <li>
                {progress.planId ? (
                  <Link to={{ name: 'plan', id: progress.planId }} onClick={clearSetup}>
                    Plan added{progress.assigned && progress.client ? ` and assigned to ${progress.client.name}` : ''}
                  </Link>
                ) : (
                  'Plan skipped — create one under Plans'
                )}
              </li>
            </ul>
            <div className="setup-actions">
              <button type="button" className="btn btn-primary" onClick={finish}>
                Open Meterbook
              </button>
            </div>
          </StepBody>
        )}
      </div>
    </main>
  );
}

function clearSetup(): void {
  const s = storage();
  if (s) saveSetup(s, null);
}

function SetupStepper({ progress }: { progress: SetupProgress }) {
  return (
    <Stepper
      label="Setup steps"
      steps={SETUP_STEPS.map((step) => SETUP_STEP_LABELS[step])}
      current={stepNumber(progress.step)}
      skipped={(i) => progress.skipped.includes(SETUP_STEPS[i]!)}
    />
  );
}

function StepBody({ headingRef, title, lead, children }: { headingRef: React.RefObject<HTMLHeadingElement | null>; title: string; lead: string; children: ReactNode }) {
  return (
    <section className="setup-step" aria-labelledby="setup-step-title">
      <h1 id="setup-step-title" className="onboarding-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h1>
      <p className="onboarding-lead">{lead}</p>
      {children}
    </section>
  );
}

function ProviderStep({ headingRef, onDone, actions }: { headingRef: React.RefObject<HTMLHeadingElement | null>; onDone: (id: number) => void; actions: ReactNode }) {
  const kinds = useQuery('providers.kinds', {}, { tables: [] });
  const [open, setOpen] = useState(false);
  return (
    <StepBody headingRef={headingRef} title="Add your first provider account" lead="The AI platform account you pay: Meterbook pulls its usage per client and prices it with its rate card.">
      {kinds.error ? <ErrorNotice title="Provider kinds could not be loaded" error={kinds.error} onRetry={() => void kinds.reload()} /> : null}
      <div className="setup-actions">
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)} disabled={!kinds.data}>
          Add provider account
        </button>
        {actions}
      </div>
      {open && kinds.data ? <ProviderFormDialog kinds={kinds.data} account={null} onClose={() => setOpen(false)} onSaved={(a) => onDone(a.id)} /> : null}
    </StepBody>
  );
}

function ClientStep({ headingRef, onDone, actions }: { headingRef: React.RefObject<HTMLHeadingElement | null>; onDone: (c: { id: number; name: string; currency: string }) => void; actions: ReactNode }) {
  const [open, setOpen] = useState(false);
  return (
    <StepBody headingRef={headingRef} title="Add your first client" lead="A customer you resell to: their currency, time zone and billing email. You map provider ids to them later.">
      <div className="setup-actions">
        <button type="button" className="btn btn-primary" onClick={() => setOpen(true)}>
          Add client
        </button>
        {actions}
      </div>
      {open ? <ClientFormDialog client={null} onClose={() => setOpen(false)} onSaved={onDone} /> : null}
    </StepBody>
  );
}
