// Runs in the renderer. Server field errors for a small form: the messages for the form's own fields go under
// those fields, anything else (a conflict, a field the form lacks) shows once at the top.
import { useCallback, useState } from 'react';
import type { CommandError } from '../../../../../shared/contract/result';
import { commandFieldErrors } from '../../../forms/field-errors';

export interface FormErrors {
  /** the messages of one field, for PlanInput / PlanSelect */
  err: (path: string) => string[] | undefined;
  general: CommandError | null;
  /** local checks before sending */
  setLocal: (errors: Record<string, string>) => void;
  fail: (error: CommandError) => void;
  clear: (path?: string) => void;
}

/** The part of a command error a form with `fields` shows under its fields, and what is left for the top. */
export function splitErrors(error: CommandError, fields: readonly string[]): { mine: Record<string, string>; general: CommandError | null } {
  const all = commandFieldErrors(error);
  const mine: Record<string, string> = {};
  const others: string[] = [];
  for (const [path, v] of Object.entries(all)) {
    // "thresholds.0" belongs under the "thresholds" field
    const k = fields.includes(path) ? path : (path.split('.')[0] ?? path);
    if (fields.includes(k)) mine[k] ??= v;
    else others.push(path);
  }
  const covered = Object.keys(mine).length > 0 && others.length === 0;
  return { mine, general: covered ? null : error };
}

export function useFormErrors(fields: readonly string[]): FormErrors {
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [general, setGeneral] = useState<CommandError | null>(null);
  const key = fields.join('|');
  const fail = useCallback(
    (error: CommandError) => {
      const split = splitErrors(error, key.split('|'));
      setErrors(split.mine);
      setGeneral(split.general);
    },
    [key],
  );
  const setLocal = useCallback((local: Record<string, string>) => {
    setErrors(local);
    setGeneral(null);
  }, []);
  const clear = useCallback((path?: string) => {
    if (path === undefined) {
      setErrors({});
      setGeneral(null);
    } else setErrors((s) => (s[path] ? { ...s, [path]: '' } : s));
  }, []);
  const err = (path: string) => (errors[path] ? [errors[path]] : undefined);
  return { err, general, setLocal, fail, clear };
}

/** "50, 75,90" -> [50, 75, 90]; null with a message when a part is not a whole number. */
export function parseThresholds(text: string): { ok: true; value: number[] } | { ok: false; message: string } {
  const parts = text
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s !== '');
  const out: number[] = [];
  for (const p of parts) {
    if (!/^\d+$/.test(p)) return { ok: false, message: `Thresholds are whole percentages separated by commas, like 50, 75, 90 (got "${p}").` };
    out.push(Number(p));
  }
  return { ok: true, value: out };
}

/** Today as YYYY-MM-DD in an IANA zone. */
export function todayIn(zone: string, now: Date = new Date()): string {
  try {
    return new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).format(now);
  } catch {
    return now.toISOString().slice(0, 10);
  }
}
