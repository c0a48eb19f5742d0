// Runs in main (and the CLI / browser-mode bridge). Kysely's view of the ledger.
// Timestamps of records are ISO 8601 UTC text; usage times are integer Unix milliseconds (compact, fast to range-scan).
// Money is exact decimal text, never REAL. Quantities are integers in the metric's base unit.
import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

export interface AgencyTable {
  id: ColumnType<1, 1 | undefined, never>;
  name: string;
  contact_name: string | null;
  email: string | null;
  phone: string | null;
  website: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  tax_id: string | null;
  currency: string;
  time_zone: string;
  locale: string;
  created_at: string;
  updated_at: string;
}

export interface SettingsTable {
  key: string;
  /** JSON */
  value: string;
  updated_at: string;
}

export interface ClientsTable {
  id: Generated<number>;
  name: string;
  /** lower-cased, whitespace-collapsed name; unique so "Acme" and " acme " cannot both exist */
  name_key: string;
  contact_name: string | null;
  billing_email: string | null;
  phone: string | null;
  address_line1: string | null;
  address_line2: string | null;
  city: string | null;
  region: string | null;
  postal_code: string | null;
  country: string | null;
  tax_id: string | null;
  currency: string;
  time_zone: string | null;
  status: 'active' | 'trial' | 'paused';
  notes: string | null;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProviderAccountsTable {
  id: Generated<number>;
  kind: string;
  name: string;
  name_key: string;
  currency: string;
  /** encrypted credentials (see electron/services/secrets); never sent to the renderer */
  credentials: Uint8Array | null;
  credentials_hint: string | null;
  /** JSON: connector configuration and rate card reference */
  config: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface ClientMappingsTable {
  id: Generated<number>;
  provider_account_id: number;
  /** what the provider-side id is: sub_account, assistant, agent, project, api_key, phone_number, key */
  external_kind: string;
  external_id: string;
  client_id: number;
  created_at: string;
}

export interface MetricsTable {
  id: Generated<number>;
  key: string;
  name: string;
  unit: string;
  aggregation: 'count' | 'sum' | 'max' | 'unique_count' | 'time_weighted' | 'session_blocks';
  /** JSON: aggregation options, e.g. { blockMinutes: 15, excludeSegments: ["human_agent"] } */
  config: string;
  built_in: number;
  created_at: string;
}

export interface UsageEventsTable {
  id: Generated<number>;
  provider_account_id: number;
  /** idempotency key within the provider account */
  external_id: string;
  /** null while unassigned */
  client_id: number | null;
  /** the provider-side id the client was resolved from (kind:id), kept so unassigned usage can be assigned later */
  client_key: string | null;
  metric_id: number;
  quantity: number;
  /** Unix ms, UTC */
  occurred_at: number;
  /** provider's cost of this event, exact decimal text in the account's currency; null = derive from the rate card */
  cost: string | null;
  /** JSON: attributes some aggregations need (phone number, segments...) */
  attrs: string | null;
  source: 'api' | 'import' | 'demo' | 'manual';
  ingested_at: number;
}

export interface AuditLogTable {
  id: Generated<number>;
  at: string;
  actor: string;
  action: string;
  entity: string;
  entity_id: string | null;
  /** JSON */
  details: string | null;
}

export interface UsageRollupsTable {
  /** 0 = unassigned */
  client_id: number;
  metric_id: number;
  provider_account_id: number;
  /** floor(occurred_at / 900000) */
  slot: number;
  events: number;
  quantity: number;
  uncosted_quantity: number;
  /** exact decimal text */
  cost: string;
  max_quantity: number;
}

export interface SyncStateTable {
  provider_account_id: number;
  cursor: string | null;
  schedule_minutes: Generated<number>;
  enabled: Generated<number>;
  last_success_at: string | null;
  last_attempt_at: string | null;
  next_run_at: string | null;
  consecutive_failures: Generated<number>;
}

export interface IngestJobsTable {
  id: Generated<number>;
  kind: 'sync' | 'import' | 'dry_run';
  provider_account_id: number | null;
  source: string | null;
  status: 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted' | 'waiting';
  started_at: string;
  finished_at: string | null;
  pages: Generated<number>;
  fetched: Generated<number>;
  inserted: Generated<number>;
  duplicates: Generated<number>;
  replaced: Generated<number>;
  rejected: Generated<number>;
  checkpoint: string | null;
  error: string | null;
  owner_pid: number | null;
}

export interface IngestRejectionsTable {
  id: Generated<number>;
  job_id: number;
  position: number;
  external_id: string | null;
  reason: string;
}

export interface UsageRevisionsTable {
  id: Generated<number>;
  event_id: number;
  job_id: number | null;
  old_quantity: number;
  old_cost: string | null;
  new_quantity: number;
  new_cost: string | null;
  revised_at: string;
}

export interface ImportMappingsTable {
  id: Generated<number>;
  name: string;
  name_key: string;
  provider_account_id: number;
  /** JSON ImportMapping */
  mapping: string;
  created_at: string;
  updated_at: string;
}

export interface PlansTable {
  id: Generated<number>;
  /** mirrors the latest version's definition name */
  name: string;
  /** unique (see electron/services/name-key.ts) */
  name_key: string;
  /** mirrors the latest version's definition currency */
  currency: string;
  archived_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PlanVersionsTable {
  id: Generated<number>;
  plan_id: number;
  /** 1, 2, 3... per plan */
  version: number;
  /** JSON PlanDefinition (shared/pricing/plan-schema.ts), normalized by the schema */
  definition: string;
  created_at: string;
  updated_at: string;
}

export interface SubscriptionsTable {
  id: Generated<number>;
  client_id: number;
  plan_version_id: number;
  /** first day, YYYY-MM-DD in the client's time zone */
  start_date: string;
  /** exclusive end day; null = open */
  end_date: string | null;
  status: ColumnType<'active' | 'trial' | 'paused' | 'cancelled', 'active' | 'trial' | 'paused' | 'cancelled' | undefined>;
  trial_end: string | null;
  notes: string | null;
  created_at: string;
  updated_at: string;
  /** 0006: null = assigned; 'immediate' | 'next_cycle' = a plan change */
  change_mode: ColumnType<'immediate' | 'next_cycle' | null, 'immediate' | 'next_cycle' | null | undefined>;
  /** 0006: JSON { metricKey: decimal text } */
  trial_free_units: ColumnType<string | null, string | null | undefined>;
  /** 0006: 1 = usage beyond the trial's free units is billed */
  trial_bill_beyond: ColumnType<number | null, number | null | undefined>;
}

/** 0006: manual licenses (reference/004 "Days or Minutes", with remarks) */
export interface LicensesTable {
  id: Generated<number>;
  client_id: number;
  kind: 'units' | 'days';
  metric_key: string | null;
  /** decimal text > 0 */
  quantity: string;
  period_label: string;
  remark: string;
  created_at: string;
  revoked_at: string | null;
  revoke_reason: string | null;
}

/** 0006: pauses, client-local days, end exclusive, null = open */
export interface PausesTable {
  id: Generated<number>;
  client_id: number;
  start_date: string;
  end_date: string | null;
  reason: string | null;
  created_at: string;
  updated_at: string;
}

/** Append-only: the wallet balance is the exact sum of a client's movements. */
export interface WalletMovementsTable {
  id: Generated<number>;
  client_id: number;
  kind: 'top_up' | 'invoice_debit' | 'refund' | 'adjustment' | 'reload';
  /** signed decimal text in the client's currency, with its minor digits */
  amount: string;
  currency: string;
  /** YYYY-MM-DD */
  occurred_on: string;
  reference: string | null;
  note: string | null;
  invoice_id: number | null;
  /** unique when set */
  idempotency_key: string | null;
  created_at: string;
}

export interface WalletRulesTable {
  client_id: number;
  low_balance_threshold: string | null;
  reload_threshold: string | null;
  reload_amount: string | null;
  enabled: number;
  updated_at: string;
}

export interface WalletActionsTable {
  id: Generated<number>;
  client_id: number;
  kind: 'auto_reload';
  amount: string;
  currency: string;
  status: ColumnType<'pending' | 'done' | 'failed' | 'cancelled', 'pending' | 'done' | 'failed' | 'cancelled' | undefined>;
  idempotency_key: string;
  movement_id: number | null;
  created_at: string;
  updated_at: string;
}

/** A client's own limit per metric and billing period (decimal text >= 0); overrides the plan's `limits`. */
export interface ClientLimitsTable {
  id: Generated<number>;
  client_id: number;
  metric_key: string;
  monthly_limit: string;
  created_at: string;
  updated_at: string;
}

/** Per-client alert settings; no row = the defaults. */
export interface AlertSettingsTable {
  client_id: number;
  /** JSON number[]: whole percentages, unique, ascending */
  thresholds: string;
  projected_enabled: ColumnType<number, number | undefined>;
  spike_enabled: ColumnType<number, number | undefined>;
  spike_factor: ColumnType<string, string | undefined>;
  updated_at: string;
}

export type AlertKind = 'threshold' | 'limit' | 'projected' | 'spike' | 'low_balance';

/** Raised alerts; dedupe_key is unique (once per client, kind, metric, period and threshold). */
export interface AlertsTable {
  id: Generated<number>;
  client_id: number | null;
  kind: AlertKind;
  metric_key: string | null;
  period_label: string | null;
  threshold: number | null;
  dedupe_key: string;
  title: string;
  body: string;
  /** JSON: what triggered it */
  data: string;
  created_at: string;
  read_at: string | null;
}

/** 0007: invoices and credit notes (money text; dates YYYY-MM-DD; snapshot JSON frozen at issue) */
export interface InvoicesTable {
  id: Generated<number>;
  kind: 'invoice' | 'credit_note';
  status: 'draft' | 'issued' | 'paid' | 'void';
  client_id: number;
  period_label: string | null;
  period_start: string | null;
  period_end: string | null;
  currency: string;
  plan_name: string | null;
  number: string | null;
  sequence_key: string | null;
  sequence_no: number | null;
  issue_date: string | null;
  due_date: string | null;
  note: string | null;
  snapshot: string | null;
  total: Generated<string>;
  paid_from_balance: Generated<string>;
  amount_due: Generated<string>;
  credit_of: number | null;
  credit_reason: string | null;
  credit_spec: string | null;
  paid_on: string | null;
  payment_method: string | null;
  payment_reference: string | null;
  void_reason: string | null;
  voided_at: string | null;
  generated_at: string | null;
  statement_notes: string | null;
  close_run_id: number | null;
  issued_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InvoiceLinesTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  source: 'statement' | 'manual';
  kind: string;
  description: string;
  metric_key: string | null;
  quantity: string;
  unit: string;
  unit_price: string | null;
  amount: string;
  note: string | null;
}

export interface InvoiceDiscountsTable {
  id: Generated<number>;
  invoice_id: number;
  position: number;
  description: string;
  kind: 'fixed' | 'percent';
  value: string;
}

export interface InvoiceSequencesTable {
  key: string;
  last_no: number;
}

export interface ClientBillingTable {
  client_id: number;
  payment_terms_days: number | null;
  reverse_charge: Generated<number>;
  apply_wallet: Generated<number>;
  /** JSON [{ name, rate }] */
  tax_rates: Generated<string>;
  updated_at: string;
}

export interface AssetsTable {
  sha256: string;
  mime: string;
  bytes: Buffer;
  created_at: string;
}

export interface CloseRunsTable {
  id: Generated<number>;
  period_label: string;
  status: 'running' | 'done' | 'cancelled' | 'interrupted';
  total: Generated<number>;
  done: Generated<number>;
  created: Generated<number>;
  updated: Generated<number>;
  skipped: Generated<number>;
  failures: Generated<string>;
  last_client_id: Generated<number>;
  owner_pid: number | null;
  started_at: string;
  finished_at: string | null;
}

/** 0008: Stripe outbox (remote effects, sent in order per client), customer links, pushed invoices */
export interface StripeOutboxTable {
  id: Generated<number>;
  client_id: number;
  kind: 'customer.create' | 'customer.update' | 'invoice.push' | 'invoice.void' | 'invoice.paid' | 'credit_note.push' | 'wallet.reload';
  subject_id: number;
  status: Generated<'pending' | 'sent' | 'failed' | 'cancelled'>;
  attempts: Generated<number>;
  /** part of the idempotency keys (meterbook-<id>[.g<n>]-<step>): raised after a 5xx and on a user retry */
  key_generation: Generated<number>;
  next_attempt_at: string | null;
  last_error: string | null;
  remote_id: string | null;
  payload: string | null;
  created_at: string;
  updated_at: string;
  sent_at: string | null;
}

export interface StripeCustomersTable {
  client_id: number;
  customer_id: string | null;
  livemode: number;
  linked_at: string;
  last_synced_at: string | null;
}

export interface StripeInvoicesTable {
  invoice_id: number;
  remote_id: string;
  remote_status: string | null;
  hosted_url: string | null;
  livemode: number;
  last_polled_at: string | null;
  created_at: string;
}

export interface Database {
  agency: AgencyTable;
  settings: SettingsTable;
  clients: ClientsTable;
  provider_accounts: ProviderAccountsTable;
  client_mappings: ClientMappingsTable;
  metrics: MetricsTable;
  usage_events: UsageEventsTable;
  audit_log: AuditLogTable;
  usage_rollups: UsageRollupsTable;
  sync_state: SyncStateTable;
  ingest_jobs: IngestJobsTable;
  ingest_rejections: IngestRejectionsTable;
  usage_revisions: UsageRevisionsTable;
  import_mappings: ImportMappingsTable;
  plans: PlansTable;
  plan_versions: PlanVersionsTable;
  subscriptions: SubscriptionsTable;
  licenses: LicensesTable;
  pauses: PausesTable;
  wallet_movements: WalletMovementsTable;
  wallet_rules: WalletRulesTable;
  wallet_actions: WalletActionsTable;
  client_limits: ClientLimitsTable;
  alert_settings: AlertSettingsTable;
  alerts: AlertsTable;
  invoices: InvoicesTable;
  invoice_lines: InvoiceLinesTable;
  invoice_discounts: InvoiceDiscountsTable;
  invoice_sequences: InvoiceSequencesTable;
  client_billing: ClientBillingTable;
  assets: AssetsTable;
  close_runs: CloseRunsTable;
  stripe_outbox: StripeOutboxTable;
  stripe_customers: StripeCustomersTable;
  stripe_invoices: StripeInvoicesTable;
}

export type ClientRow = Selectable<ClientsTable>;
export type NewClientRow = Insertable<ClientsTable>;
export type ClientRowUpdate = Updateable<ClientsTable>;
export type AgencyRow = Selectable<AgencyTable>;
