// Runs in the renderer. Close step 2: the run's live progress with Cancel, then what it did (created,
// updated, skipped) and which clients failed and why; a cancelled or interrupted run can be resumed.
import type { CloseRun } from '../../../../shared/domain/invoice';
import type { CommandError } from '../../../../shared/contract/result';
import { ErrorNotice } from '../../components/error-notice';
import { ProgressBar } from '../../components/progress-bar';
import { formatCount } from '../../format/numbers';
import { Link } from '../../router/link';
import { canResume, runOutcome, runProgressText } from './close-model';

export interface RunStepProps {
  run: CloseRun;
  step: string | null;
  crash: string | null;
  locale: string;
  cancelling: boolean;
  cancelError: CommandError | null;
  onCancel: () => void;
  resuming: boolean;
  resumeError: CommandError | null;
  onResume: () => void;
  onBack: () => void;
  onNext: () => void;
}

export function CloseRunStep({ run, step, crash, locale, cancelling, cancelError, onCancel, resuming, resumeError, onResume, onBack, onNext }: RunStepProps) {
  if (run.status === 'running') {
    return (
      <div className="wizard-body">
        <div className="inv-run">
          <ProgressBar
            label={`Closing ${run.period}`}
            value={run.done}
            max={run.total > 0 ? run.total : null}
            valueText={runProgressText(run, locale)}
            detail={step ? `${runProgressText(run, locale)} · ${step}` : runProgressText(run, locale)}
          />
          <p role="status" className="visually-hidden">
            Close of {run.period} started.
          </p>
        </div>
        {cancelError ? <ErrorNotice title="The close was not cancelled" error={cancelError} /> : null}
        <div className="wizard-actions">
          <span className="muted">Drafts appear in the invoice list as they are made.</span>
          <button type="button" className="btn" onClick={onCancel} disabled={cancelling} aria-busy={cancelling || undefined}>
            {cancelling ? 'Cancelling…' : 'Cancel'}
          </button>
        </div>
      </div>
    );
  }

  const outcome = runOutcome(run, locale);
  const counts: Array<[string, number]> = [
    ['Created', run.created],
    ['Updated', run.updated],
    ['Skipped', run.skipped],
    ['Failed', run.failures.length],
  ];
  return (
    <div className="wizard-body">
      <div className="inv-run">
        <div className={`notice ${outcome.tone === 'success' ? 'notice-success' : outcome.tone === 'danger' ? 'notice-error' : 'notice-warning'}`} role={outcome.tone === 'success' ? 'status' : 'alert'}>
          <div>
            <p className="notice-title">{outcome.title}</p>
            <p>{outcome.text}</p>
            {crash ? <p>{crash}</p> : null}
          </div>
          {canResume(run) ? (
            <button type="button" className="btn btn-small" onClick={onResume} disabled={resuming} aria-busy={resuming || undefined}>
              Resume
            </button>
          ) : null}
        </div>
        <dl className="counter-strip counter-strip-large" aria-label="Close counts">
          {counts.map(([label, n]) => (
            <div key={label} className={`counter${label === 'Failed' && n > 0 ? ' counter-danger' : ''}`}>
              <dt>{label}</dt>
              <dd>{formatCount(n, locale)}</dd>
            </div>
          ))}
        </dl>
        {run.failures.length > 0 ? (
          <section className="wizard-section" aria-labelledby="close-failures">
            <h3 id="close-failures" className="subsection-title">
              Clients that failed
            </h3>
            <div className="table-wrap">
              <table className="table table-compact" aria-label="Clients that failed">
                <thead>
                  <tr>
                    <th scope="col">Client</th>
                    <th scope="col">What went wrong</th>
                  </tr>
                </thead>
                <tbody>
                  {run.failures.map((f) => (
                    <tr key={f.clientId}>
                      <td>
                        <Link to={{ name: 'client', id: f.clientId }}>{f.clientName}</Link>
                      </td>
                      <td className="wrap">{f.message}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ) : null}
        {resumeError ? <ErrorNotice title="The close did not resume" error={resumeError} /> : null}
      </div>
      <div className="wizard-actions">
        <button type="button" className="btn" onClick={onBack}>
          Back to the period
        </button>
        <button type="button" className="btn btn-primary" onClick={onNext} disabled={run.status !== 'done' && run.created + run.updated === 0}>
          Review drafts
        </button>
      </div>
    </div>
  );
}
