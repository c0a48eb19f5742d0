// Runs in the renderer. Shape check for an untrusted Result envelope (HTTP bodies, IPC replies).
import { ERROR_CODES, type Result } from '../../../shared/contract/result';

const CODES: ReadonlySet<string> = new Set(ERROR_CODES);

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isStringMap(v: unknown): v is Record<string, string> {
  return isRecord(v) && Object.values(v).every((s) => typeof s === 'string');
}

/**
 * True when `body` is `{ ok: true, data }` or `{ ok: false, error: { code, message, field?, fields? } }`.
 * The data itself is trusted: the main process validated it against the contract's output schema.
 */
export function isResult(body: unknown): body is Result<unknown> {
  if (!isRecord(body)) return false;
  if (body.ok === true) return 'data' in body;
  if (body.ok !== false || !isRecord(body.error)) return false;
  const e = body.error;
  return (
    typeof e.code === 'string' &&
    CODES.has(e.code) &&
    typeof e.message === 'string' &&
    (e.field === undefined || typeof e.field === 'string') &&
    (e.fields === undefined || isStringMap(e.fields))
  );
}
