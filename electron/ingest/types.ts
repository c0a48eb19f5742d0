// Runs in main. The shapes every usage source (API connector or file) produces, before the ledger writer
// resolves clients and metrics and stores them idempotently.

/** One usage fact, normalized. Quantities are integers in the metric's base unit; money is decimal text. */
export interface NormalizedEvent {
  /**
   * Idempotency key within the provider account (call id, message id...). For bucketed APIs
   * (Twilio usage records, OpenAI usage buckets, ElevenLabs stats) it is the bucket's natural key
   * (e.g. `AC123|sms|2026-10-01`), and `replaceable` is true: a revised bucket replaces the earlier one.
   */
  externalId: string;
  /** The provider-side id the client is resolved from, as `kind:id` (`sub_account:AC123`, `assistant:asst_1`); null if none. */
  clientKey: string | null;
  /** Built-in or custom metric key (interactions, messages, call_seconds, ai_tokens, sms, characters...). */
  metricKey: string;
  /** Integer in the metric's base unit (seconds, tokens, messages...). Never negative except for explicit corrections. */
  quantity: number;
  /** Unix milliseconds, UTC. For buckets: the bucket start. */
  occurredAt: number;
  /** Provider's own cost as canonical decimal text in `costCurrency` (or the account currency); null = price from the rate card. */
  cost: string | null;
  /** ISO 4217 code of `cost` when the provider states it (e.g. OpenAI "usd"); null = the account's currency. */
  costCurrency?: string | null;
  /** Attributes some aggregations need: { phoneNumber }, { durationSeconds, segments: [{ kind, seconds }] }... */
  attrs?: Record<string, unknown> | null;
  /** true for bucket records that the provider may revise later (upsert by externalId, audit the replaced version). */
  replaceable?: boolean;
}

/** A record a source could not turn into an event, with where and why (shown to the user verbatim). */
export interface RejectedRecord {
  /** 1-based row number for files; record index within the page for APIs */
  position: number;
  /** the record's own id when it had one */
  externalId?: string;
  reason: string;
}
