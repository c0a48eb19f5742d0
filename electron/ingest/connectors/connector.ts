// Runs in main. The contract between a provider connector and the sync job: fetch one page of usage
// since a cursor and map its records to NormalizedEvents. Connectors never touch the ledger.
//
// Sync loop (the job side):
//   let cursor = saved ?? null;
//   do { page = await c.fetchPage(ctx, cursor); commit(page.events, page.rejected, page.resumeCursor) in ONE
//        transaction; cursor = page.nextCursor } while (cursor !== null)
// If fetchPage throws, nothing of that page is committed and the saved cursor still points at it, so the
// job can be resumed (or retried) exactly there.
import type { ZodType } from 'zod';
import type { Logger } from '../../services/logger';
import type { RetryOverrides } from '../http/request-json';
import type { NormalizedEvent, RejectedRecord } from '../types';

export interface ConnectorContext {
  /** global fetch in production; tests may wrap it */
  fetch: typeof fetch;
  /** decrypted secrets and identifiers, keyed by credentialFields[].key */
  credentials: Record<string, string>;
  /** the provider account's connector settings, validated by the connector's configSchema */
  config: Record<string, unknown>;
  /** aborts the request in flight and any backoff wait */
  signal: AbortSignal;
  now: () => Date;
  /** never receives secrets */
  log: Logger;
  /** optional retry-policy overrides (tests inject sleep/random; a scheduler may shorten timeouts) */
  http?: RetryOverrides;
}

export interface Page {
  events: NormalizedEvent[];
  rejected: RejectedRecord[];
  /** opaque JSON text for the next fetchPage call of this sync; null = caught up */
  nextCursor: string | null;
  /**
   * The cursor to persist with this page (same transaction). While more pages remain it equals nextCursor;
   * when caught up it is where the NEXT sync starts: after the newest call seen, or back at the first bucket
   * that the provider may still revise (those are re-read and replace earlier versions by externalId).
   */
  resumeCursor: string;
  /** usage records read from the provider for this page, including those skipped or rejected (0 for bookkeeping pages such as Twilio's account list) */
  fetched: number;
}

export interface CredentialField {
  key: string;
  label: string;
  /** true = stored encrypted, shown masked, never logged */
  secret: boolean;
  help: string;
  /** may be left empty (e.g. a Basic-auth username a token-only setup does not need) */
  optional?: boolean;
}

export type TestResult = { ok: true; detail: string } | { ok: false; message: string };

export interface Connector {
  /** ProviderKind: twilio, openai, vapi, retell, elevenlabs, generic_rest */
  kind: string;
  label: string;
  /** the provider documentation the connector was written from (null for the generic connector) */
  docsUrl: string | null;
  credentialFields: CredentialField[];
  configSchema: ZodType;
  fetchPage(ctx: ConnectorContext, cursor: string | null): Promise<Page>;
  /** one cheap authenticated request; never throws */
  testConnection(ctx: ConnectorContext): Promise<TestResult>;
}
