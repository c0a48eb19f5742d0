// Runs in the renderer (pure). Field-level errors keyed by dotted path ("address.country"),
// the same keys the main process puts in `error.fields`.
import type { z } from 'zod';
import type { CommandError } from '../../../shared/contract/result';

export type FieldErrors = Readonly<Record<string, string>>;

export const NO_ERRORS: FieldErrors = Object.freeze({});

/** First message per path, like the main process's dispatcher. */
export function zodFieldErrors(error: z.ZodError): FieldErrors {
  const out: Record<string, string> = {};
  for (const issue of error.issues) {
    const path = issue.path.map(String).join('.');
    if (!(path in out)) out[path] = issue.message;
  }
  return out;
}

/** The per-field messages of a command error (`fields`, else `field` + `message`). */
export function commandFieldErrors(error: CommandError | null | undefined): FieldErrors {
  if (!error) return NO_ERRORS;
  if (error.fields && Object.keys(error.fields).length > 0) return error.fields;
  if (error.field) return { [error.field]: error.message };
  return NO_ERRORS;
}

/** Checks `input` against the contract schema before sending; the main process re-checks and is the authority. */
export function preValidate(schema: z.ZodType, input: unknown): FieldErrors {
  const res = schema.safeParse(input);
  return res.success ? NO_ERRORS : zodFieldErrors(res.error);
}

export interface SummaryItem {
  path: string;
  /** the form's label for the path, or null when the form has no such field */
  label: string | null;
  message: string;
}

/** Orders the errors as the form lays out its fields; errors for paths the form lacks come last. */
export function summarize(errors: FieldErrors, labels: ReadonlyArray<readonly [path: string, label: string]>): SummaryItem[] {
  const known = new Map(labels);
  const items: SummaryItem[] = [];
  for (const [path, label] of labels) {
    const message = errors[path];
    if (message !== undefined) items.push({ path, label, message });
  }
  for (const [path, message] of Object.entries(errors)) {
    if (!known.has(path)) items.push({ path, label: null, message });
  }
  return items;
}
