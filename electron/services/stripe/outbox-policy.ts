// Runs in main. The outbox's two rules that must never drift: how an item's idempotency keys are made, and when
// an item that failed for a passing reason (offline, 429, 5xx) is tried again.
import type { OutboxRow } from './outbox';

/** First retry after 30 s, doubling per attempt, never more than an hour apart. */
export const BACKOFF_BASE_MS = 30_000;
export const BACKOFF_CAP_MS = 3_600_000;

/**
 * Delay before attempt `attempts + 1`: 30 s · 2^(attempts − 1), capped at 1 h, plus up to 10 % jitter. The
 * jitter comes from the item id (not Math.random), so items that failed together spread out, and tests that
 * move an injected clock know exactly when an item is due.
 *
 * @example backoffMs(1, 7) // 30 s + jitter; backoffMs(12, 7) // 1 h + jitter
 */
export function backoffMs(attempts: number, itemId: number): number {
  const base = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, attempts - 1));
  const jitter = ((itemId * 2_654_435_761) % 1000) / 10_000;
  return Math.round(base * (1 + jitter));
}

/**
 * The Stripe idempotency key of one step of an outbox item: `meterbook-<outbox id>-<step>`, or
 * `meterbook-<outbox id>.g<n>-<step>` once the item's key generation was raised (after a 5xx, whose answer
 * Stripe would replay for 24 h, and on a user's retry of a failed item, whose refusal it would replay too).
 * A new generation is safe because every step looks its object up by metadata before it creates anything.
 */
export function idempotencyKey(row: Pick<OutboxRow, 'id' | 'key_generation'>, step: string): string {
  return `meterbook-${row.id}${row.key_generation > 0 ? `.g${row.key_generation}` : ''}-${step}`;
}
