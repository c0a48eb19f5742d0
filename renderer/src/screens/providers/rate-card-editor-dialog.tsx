// Runs in the renderer. Edits a provider account's rate card as JSON, in the engine's RateCard format.
// The text is checked here with the same validateRateCard the main process runs; the main process
// re-checks and is the authority. Every problem is listed with its path inside the card.
import { useId, useState, type FormEvent } from 'react';
import type { MetricDefinition } from '../../../../shared/pricing/metrics';
import { useMutation } from '../../api';
import { Dialog } from '../../components/dialog';
import { CodeField } from '../../components/input-field';
import { useFieldIds } from '../../forms/use-field-ids';
import { checkRateCardText, rateCardText, serverProblems, type RateCardProblem } from './rate-card-view';

export interface RateCardEditorDialogProps {
  account: { id: number; name: string; currency: string };
  /** the stored card, if any */
  card: unknown;
  metrics: readonly MetricDefinition[];
  onClose: () => void;
  onSaved: () => void;
}

export function RateCardEditorDialog({ account, card, metrics, onClose, onSaved }: RateCardEditorDialogProps) {
  const idFor = useFieldIds();
  const save = useMutation('providers.setRateCard');
  const [text, setText] = useState(() => rateCardText(card, account.currency));
  const [problems, setProblems] = useState<RateCardProblem[]>([]);
  const summaryId = useId();
  const fieldId = idFor('rateCard');

  const onSubmit = async (e: FormEvent) => {
    e.preventDefault();
    if (save.running) return;
    const checked = checkRateCardText(text, { currency: account.currency, metrics });
    if (!checked.ok) {
      setProblems(checked.problems);
      document.getElementById(summaryId)?.focus();
      return;
    }
    setProblems([]);
    const res = await save.run({ id: account.id, rateCard: checked.card as unknown as Record<string, unknown> });
    if (res.ok) onSaved();
    else setProblems(serverProblems(res.error.fields ?? (res.error.field ? { [res.error.field]: res.error.message } : {}), res.error.message));
  };

  const metricKeys = metrics.map((m) => m.key);
  return (
    <Dialog title="Edit rate card" onClose={onClose} size="large" initialFocus="textarea">
      <form className="dialog-form" onSubmit={onSubmit} noValidate>
        <div className="dialog-body">
          <div id={summaryId} tabIndex={-1} className={problems.length ? 'error-summary' : 'visually-hidden'} role="alert">
            {problems.length ? (
              <>
                <p className="error-summary-title">The rate card was not saved.</p>
                <ul className="problem-list">
                  {problems.map((p, i) => (
                    <li key={`${p.path}-${i}`}>
                      {p.path ? <code className="problem-path">{p.path}</code> : null} {p.message}
                    </li>
                  ))}
                </ul>
              </>
            ) : null}
          </div>
          <p className="muted">
            What {account.name} charges you per metric, in {account.currency}. Each charge uses a plan charge model (per_unit, graduated, volume, package, percentage,
            allowance) or <code>reported</code> when the provider states each event’s cost. Prices are decimal text, e.g. <code>"0.0069"</code>.
          </p>
          <CodeField
            id={fieldId}
            label="Rate card (JSON)"
            value={text}
            onChange={(v) => {
              setText(v);
              if (problems.length) setProblems([]);
            }}
            rows={16}
            error={problems.length ? `${problems.length === 1 ? '1 problem' : `${problems.length} problems`} — see the list above.` : undefined}
            hint={
              <>
                Metric keys: <span className="mono">{metricKeys.join(', ')}</span>
              </>
            }
          />
        </div>
        <div className="dialog-footer">
          <button type="button" className="btn" onClick={onClose}>
            Cancel
          </button>
          <button type="submit" className="btn btn-primary" disabled={save.running} aria-busy={save.running || undefined}>
            Save rate card
          </button>
        </div>
      </form>
    </Dialog>
  );
}
