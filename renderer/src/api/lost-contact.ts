// Runs in the renderer. The one failure a transport itself can produce (the main process or the
// loopback server did not answer with a Result).
import type { Result } from '../../../shared/contract/result';

export function lostContact(detail: string): Result<never> {
  return { ok: false, error: { code: 'internal', message: `Lost contact with Meterbook (${detail}). Try again; if it keeps happening, restart Meterbook.` } };
}

/** A short human description of whatever was thrown. */
export function describeThrown(err: unknown): string {
  if (err instanceof Error && err.message) return err.message;
  if (typeof err === 'string' && err) return err;
  return 'no answer';
}
