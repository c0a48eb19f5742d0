// Runs in main. The HTTP client every provider connector uses: one JSON request with a timeout,
// retries with exponential backoff and full jitter, Retry-After honoured on 429/503, prompt
// cancellation, and errors a user can act on. A body cut mid-stream is an error, never a partial page.
import type { Logger } from '../../services/logger';
import { ConnectorError, type ConnectorErrorKind } from './connector-error';
import { parseJsonText, type ParsedJson } from './json-text';
import { backoffDelay, humanDelay, parseRetryAfter, RETRY_AFTER_STATUSES, RETRYABLE_STATUSES } from './retry-policy';
import { abortableSleep, type Sleep } from './sleep';

/** Knobs of the retry policy. Connectors pass some; a context may override them (tests inject sleep and random). */
export interface RetryOverrides {
  /** per attempt, headers and body included; default 30 s */
  timeoutMs?: number;
  /** total attempts including the first; default 5 */
  maxAttempts?: number;
  /** first backoff ceiling; default 500 ms, doubled per attempt */
  baseDelayMs?: number;
  /** backoff ceiling; default 30 s */
  maxDelayMs?: number;
  /** the longest Retry-After we wait in-process; longer asks end the page with a rate_limited error; default 10 min */
  maxRetryAfterMs?: number;
  sleep?: Sleep;
  /** uniform [0, 1); default Math.random */
  random?: () => number;
}

/** What the client needs from its caller; a ConnectorContext satisfies it. */
export interface HttpContext {
  fetch: typeof fetch;
  signal: AbortSignal;
  log: Logger;
  now?: () => Date;
  http?: RetryOverrides;
}

export interface RequestOptions extends RetryOverrides {
  /** the provider's name as the user knows it: "Twilio" */
  provider: string;
  /** what is being fetched, for messages: "page 3", "the account list" */
  what?: string;
  /** completes "Twilio rejected the credentials (401): …", e.g. "check the Account SID and Auth Token" */
  authHint?: string;
}

export interface JsonResponse {
  status: number;
  headers: Headers;
  /** the parsed body */
  body: unknown;
  /** exact source text of the number at holder[key] (see json-text.ts) */
  numberText: ParsedJson['numberText'];
}

const DEFAULTS = {
  timeoutMs: 30_000,
  maxAttempts: 5,
  baseDelayMs: 500,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 10 * 60_000,
  sleep: abortableSleep,
  random: Math.random,
} satisfies Required<RetryOverrides>;

function definedOnly<T extends object>(o: T | undefined): Partial<T> {
  if (!o) return {};
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** Host and path only: query strings may carry keys (generic connectors), so they never reach a message or a log. */
export function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.host}${u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The provider's own explanation from an error body, short and single-line, or ''. */
function providerDetail(text: string): string {
  let detail = '';
  try {
    const b = JSON.parse(text) as unknown;
    const pick = (v: unknown): string | undefined => (typeof v === 'string' && v.trim() !== '' ? v : undefined);
    if (typeof b === 'object' && b !== null) {
      const o = b as Record<string, unknown>;
      const err = o['error'];
      const det = o['detail'];
      detail =
        pick(o['message']) ??
        (typeof err === 'object' && err !== null ? pick((err as Record<string, unknown>)['message']) : pick(err)) ??
        (typeof det === 'object' && det !== null ? pick((det as Record<string, unknown>)['message']) : pick(det)) ??
        pick(o['error_message']) ??
        '';
    }
  } catch {
    detail = '';
  }
  // eslint-disable-next-line no-control-regex
  detail = detail.replace(/[\u0000-\u001f]+/g, ' ').trim();
  return detail.length > 200 ? `${detail.slice(0, 197)}...` : detail;
}

function networkCode(err: unknown): string {
  const cause = (err as { cause?: { code?: unknown; message?: unknown } } | null)?.cause;
  if (cause && typeof cause.code === 'string') return cause.code;
  if (err instanceof Error && err.message) return err.message;
  return 'connection failed';
}

interface Attempt {
  error: ConnectorError;
  /** Retry-After in ms when the provider sent one we honour */
  retryAfterMs: number | null;
}

/**
 * Performs one logical JSON request. Returns the parsed 2xx body, or throws a ConnectorError.
 *
 * @example
 * const res = await requestJson(ctx, `${base}/v1/organization/costs?start_time=1730419200`,
 *   { headers: { Authorization: `Bearer ${key}` } }, { provider: 'OpenAI', what: 'page 2', authHint: 'check the admin key' });
 */
export async function requestJson(ctx: HttpContext, url: string, init: RequestInit, options: RequestOptions): Promise<JsonResponse> {
  const o = { ...DEFAULTS, ...definedOnly(options), ...definedOnly(ctx.http) };
  const provider = options.provider;
  const what = options.what ?? 'a page';
  const now = () => (ctx.now ? ctx.now().getTime() : Date.now());
  const cancelled = (cause?: unknown) =>
    new ConnectorError('cancelled', `The ${provider} sync was cancelled; nothing from ${what} was saved.`, { cause });

  for (let attempt = 1; ; attempt++) {
    if (ctx.signal.aborted) throw cancelled(ctx.signal.reason);
    const timeout = AbortSignal.timeout(o.timeoutMs);
    const signal = AbortSignal.any([ctx.signal, timeout]);
    let failure!: Attempt;

    let res: Response | undefined;
    try {
      res = await ctx.fetch(url, { ...init, signal });
    } catch (err) {
      if (ctx.signal.aborted) throw cancelled(err);
      failure = timeout.aborted
        ? { error: timeoutError(provider, what, o.timeoutMs, attempt, err), retryAfterMs: null }
        : {
            error: new ConnectorError(
              'network',
              `Could not reach ${provider} (${networkCode(err)}) after ${attempt} attempt${attempt === 1 ? '' : 's'}; check the internet connection. Nothing from ${what} was saved; the sync will retry later.`,
              { cause: err, attempts: attempt },
            ),
            retryAfterMs: null,
          };
    }

    if (res) {
      let text: string | undefined;
      let readError: unknown;
      try {
        text = await res.text();
      } catch (err) {
        readError = err;
      }
      if (text === undefined) {
        if (ctx.signal.aborted) throw cancelled(readError);
        failure = timeout.aborted
          ? { error: timeoutError(provider, what, o.timeoutMs, attempt, readError), retryAfterMs: null }
          : {
              error: new ConnectorError(
                'network',
                `The connection to ${provider} dropped while reading ${what} (${networkCode(readError)}, ${attempt} attempt${attempt === 1 ? '' : 's'}); nothing from that page was saved. The sync will retry it.`,
                { cause: readError, attempts: attempt, status: res.status },
              ),
              retryAfterMs: null,
            };
      } else if (res.ok) {
        try {
          const parsed = parseJsonText(text);
          return { status: res.status, headers: res.headers, body: parsed.value, numberText: parsed.numberText };
        } catch (err) {
          throw new ConnectorError(
            'bad_response',
            `${provider} answered with malformed JSON on ${what}; nothing from that page was saved. The sync will retry it.`,
            { cause: err, status: res.status, attempts: attempt },
          );
        }
      } else {
        const status = res.status;
        const detail = providerDetail(text);
        const said = detail ? ` ${provider} said: "${detail}"` : '';
        if (status === 401 || status === 403) {
          const hint = options.authHint ?? 'check the API key';
          throw new ConnectorError(
            'auth',
            status === 401
              ? `${provider} rejected the credentials (401): ${hint}.`
              : `${provider} refused access (403): ${hint}; the key may lack the permission to read usage.${said}`,
            { status, attempts: attempt },
          );
        }
        if (!RETRYABLE_STATUSES.has(status)) {
          throw new ConnectorError(
            'config',
            status === 404
              ? `${provider} answered 404 Not Found for ${describeUrl(url)}: check the base URL and the account or project identifiers in the connector settings.${said}`
              : `${provider} refused the request for ${what} (HTTP ${status}); check the connector settings.${said}`,
            { status, attempts: attempt },
          );
        }
        const retryAfterMs = RETRY_AFTER_STATUSES.has(status) ? parseRetryAfter(res.headers.get('retry-after'), now()) : null;
        const kind: ConnectorErrorKind = status === 429 ? 'rate_limited' : status === 408 ? 'timeout' : 'server';
        const message =
          status === 429
            ? `${provider} kept asking us to slow down (429) after ${attempt} attempts; nothing from ${what} was saved. The sync will retry later.`
            : `${provider} kept failing with HTTP ${status} after ${attempt} attempts; nothing from ${what} was saved. The sync will retry later.${said}`;
        failure = { error: new ConnectorError(kind, message, { status, attempts: attempt }), retryAfterMs };
      }
    }

    // Decide whether and how long to wait before the next attempt.
    const f = failure;
    if (f.retryAfterMs !== null && f.retryAfterMs > o.maxRetryAfterMs) {
      ctx.log.warn(`${provider} asked for a ${humanDelay(f.retryAfterMs)} pause; stopping this page`, { status: f.error.status, attempt });
      throw new ConnectorError(
        f.error.kind === 'server' ? 'server' : 'rate_limited',
        `${provider} asked us to wait ${humanDelay(f.retryAfterMs)} before the next request (HTTP ${f.error.status}); nothing from ${what} was saved. The sync will resume after that.`,
        { status: f.error.status, retryAfterMs: f.retryAfterMs, attempts: attempt },
      );
    }
    if (attempt >= o.maxAttempts) throw f.error;
    const waitMs = f.retryAfterMs ?? backoffDelay(attempt, o.baseDelayMs, o.maxDelayMs, o.random);
    ctx.log.warn(`${provider}: ${f.error.kind} on ${what}; retrying in ${waitMs} ms`, {
      attempt,
      status: f.error.status,
      retryAfter: f.retryAfterMs !== null,
      target: describeUrl(url),
    });
    try {
      await o.sleep(waitMs, ctx.signal);
    } catch (err) {
      throw cancelled(err);
    }
    if (ctx.signal.aborted) throw cancelled(ctx.signal.reason);
  }
}

function timeoutError(provider: string, what: string, timeoutMs: number, attempt: number, cause: unknown): ConnectorError {
  return new ConnectorError(
    'timeout',
    `${provider} did not answer within ${humanDelay(timeoutMs)} (${attempt} attempt${attempt === 1 ? '' : 's'}); nothing from ${what} was saved. The sync will retry later.`,
    { cause, attempts: attempt },
  );
}
