// Runs in main. What an alert is before it is stored, and the extension point other domains plug into.
import type { AlertKind } from '../../../shared/domain/alerts';

/** An alert to raise; stored at most once per dedupe key (client|kind|metric|period|threshold). */
export interface AlertCandidate {
  kind: AlertKind;
  metricKey: string | null;
  /** billing period label ("2026-10"), a local day for spikes ("2026-10-14"), or another per-source window */
  periodLabel: string | null;
  threshold: number | null;
  title: string;
  body: string;
  /** what triggered it (stored as JSON) */
  data: Record<string, unknown>;
}

export function dedupeKey(clientId: number | null, c: Pick<AlertCandidate, 'kind' | 'metricKey' | 'periodLabel' | 'threshold'>): string {
  return [clientId ?? 'agency', c.kind, c.metricKey ?? '', c.periodLabel ?? '', c.threshold ?? ''].join('|');
}

/**
 * Extension point: another domain's alerts, evaluated with the built-in rules after every sync and import,
 * in the same per-client transaction and with the same dedupe. The wallet's low-balance check plugs in here
 * (kind "low_balance", periodLabel e.g. the day or the movement that made the balance low).
 */
export interface AlertSource {
  readonly name: string;
  candidates(input: { clientId: number; clientName: string; now: Date }): Promise<AlertCandidate[]> | AlertCandidate[];
}
