// Runs in main (Node). What a failed Stripe call means for the outbox: try again later, give up, or ask the user
// for a working key. Messages never contain the API key (Stripe masks it in its own 401 message).
import Stripe from 'stripe';

export type StripeErrorKind = 'retry' | 'permanent' | 'auth';

export interface ClassifiedStripeError {
  kind: StripeErrorKind;
  /** for the user: Stripe's own message for API errors ("Your card was declined."), ours otherwise */
  message: string;
  /** Stripe's error code (card_declined, resource_missing, rate_limit...) or the gateway's own */
  code?: string;
  /** HTTP status, when Stripe answered */
  status?: number;
  /** Stripe's error type (card_error, idempotency_error...), when Stripe answered */
  type?: string;
  declineCode?: string;
  requestId?: string;
}

/** An error the gateway raises itself, before or instead of calling Stripe. */
export class StripeGatewayError extends Error {
  constructor(
    readonly kind: StripeErrorKind,
    message: string,
    readonly code?: string,
  ) {
    super(message);
    this.name = 'StripeGatewayError';
  }
}

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'ECONNABORTED']);

/**
 * Sorts any error from a gateway call:
 * - retry: no answer (offline, refused, reset, timeout: the request may or may not have run, so retry with the
 *   SAME idempotency key), 409 (a concurrent request holds the key or the object), 429, 424 and 5xx.
 * - auth: 401 (unknown, revoked or mistyped key) and 403 (a restricted key without the permission).
 * - permanent: every other 4xx — card errors (402), invalid or missing parameters and objects (400, 404) and
 *   idempotency_error (the key was reused with different parameters: a Meterbook bug, not a network state).
 */
export function classifyStripeError(err: unknown): ClassifiedStripeError {
  if (err instanceof StripeGatewayError) return { kind: err.kind, message: err.message, ...(err.code ? { code: err.code } : {}) };
  if (err instanceof Stripe.errors.StripeConnectionError) {
    const timedOut = /timeout/i.test(err.message);
    return {
      kind: 'retry',
      code: timedOut ? 'timeout' : 'connection',
      message: timedOut ? 'Stripe did not answer in time; Meterbook will try again.' : 'Could not reach Stripe; Meterbook will try again when online.',
    };
  }
  if (err instanceof Stripe.errors.StripeError) {
    const status = err.statusCode;
    const base = {
      message: err.message,
      ...(err.code ? { code: err.code } : {}),
      ...(status === undefined ? {} : { status }),
      ...(err.rawType ? { type: err.rawType } : {}),
      ...(err.decline_code ? { declineCode: err.decline_code } : {}),
      ...(err.requestId ? { requestId: err.requestId } : {}),
    };
    if (status === undefined) return { kind: 'retry', ...base }; // e.g. an unreadable answer: Stripe's side
    if (status === 401 || status === 403) return { kind: 'auth', ...base };
    if (status === 409 || status === 424 || status === 429 || status >= 500) return { kind: 'retry', ...base };
    return { kind: 'permanent', ...base };
  }
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && NETWORK_CODES.has(code)) {
    return { kind: 'retry', code: 'connection', message: 'Could not reach Stripe; Meterbook will try again when online.' };
  }
  if (err instanceof Error && err.name === 'AbortError') return { kind: 'retry', code: 'timeout', message: 'The call to Stripe was cut short; Meterbook will try again.' };
  return { kind: 'permanent', message: err instanceof Error ? err.message : String(err) };
}
