// Runs in main. Helpers every connector shares: settings and credentials validation, cursor encoding,
// page labels, and testConnection's error-to-message mapping.
import { z } from 'zod';
import { ConnectorError, isConnectorError } from '../http/connector-error';
import type { ConnectorContext, TestResult } from './connector';

/** Parses ctx.config with the connector's schema; a bad setting is a 'config' error naming the field. */
export function readConfig<S extends z.ZodType>(provider: string, schema: S, config: Record<string, unknown>): z.infer<S> {
  const r = schema.safeParse(config);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const field = issue?.path.join('.') || '(settings)';
  throw new ConnectorError('config', `The ${provider} connector setting "${field}" is invalid: ${issue?.message ?? 'unknown problem'}.`);
}

/** Returns the named credential or throws a 'config' error telling the user which one to fill in. */
export function requireCredential(provider: string, ctx: ConnectorContext, key: string, label: string): string {
  const v = ctx.credentials[key]?.trim();
  if (!v) throw new ConnectorError('config', `${provider} needs the ${label}: add it to this provider account's credentials.`, { retryable: false });
  return v;
}

/** Cursor text is versioned JSON; an unreadable saved cursor is a 'config' error with a way out. */
export function decodeCursor<S extends z.ZodType>(provider: string, schema: S, text: string): z.infer<S> {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    raw = undefined;
  }
  const r = schema.safeParse(raw);
  if (!r.success) {
    throw new ConnectorError(
      'config',
      `The saved ${provider} sync position is unreadable (it may come from an older version); reset the sync position of this provider account to start again from the backfill date.`,
    );
  }
  return r.data;
}

export function encodeCursor(cursor: object): string {
  return JSON.stringify(cursor);
}

export function pageLabel(n: number): string {
  return `page ${n}`;
}

/** Wraps a testConnection body: any failure becomes { ok: false, message } with the user-facing text. */
export async function testWith(provider: string, run: () => Promise<string>): Promise<TestResult> {
  try {
    return { ok: true, detail: await run() };
  } catch (err) {
    if (isConnectorError(err)) return { ok: false, message: err.message };
    return { ok: false, message: `${provider} could not be checked: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Resolves a provider-supplied next-page link against the base URL, refusing any other origin (credentials go with it). */
export function sameOriginUrl(provider: string, baseUrl: string, link: string): string {
  let u: URL;
  try {
    u = new URL(link, baseUrl);
  } catch {
    throw new ConnectorError('bad_response', `${provider} returned a next-page link that is not a URL; nothing from that page was saved.`);
  }
  if (u.origin !== new URL(baseUrl).origin) {
    throw new ConnectorError(
      'bad_response',
      `${provider} returned a next-page link to another host (${u.host}); it was not followed so the credentials stay with ${new URL(baseUrl).host}.`,
    );
  }
  return u.toString();
}

export const baseUrlSchema = (defaultUrl: string) =>
  z
    .string()
    .url()
    .default(defaultUrl)
    .transform((s) => s.replace(/\/+$/, ''));

export const DAY_MS = 86_400_000;

/** Start of the UTC day containing ms. */
export function utcDayStart(ms: number): number {
  return Math.floor(ms / DAY_MS) * DAY_MS;
}

export function isoDay(ms: number): string {
  return new Date(ms).toISOString().slice(0, 10);
}
