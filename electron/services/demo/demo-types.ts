// Runs in main. Shapes shared by the parts of the demo generator.
import type { ZoneCalendar } from './demo-calendar';
import type { VolumeShape } from './volume-shape';

/** The demo's provider accounts, by role (each becomes one provider_accounts row). */
export type ProviderKey = 'agentclara' | 'closebot' | 'voice' | 'vapi' | 'twilio' | 'openai';

/** Built-in metric keys the demo writes (see migration 0001). */
export type MetricKey =
  | 'interactions'
  | 'messages'
  | 'call_seconds'
  | 'usage_sessions'
  | 'voice_sessions'
  | 'alert_sessions'
  | 'seats'
  | 'storage'
  | 'ai_tokens'
  | 'sms'
  | 'phone_numbers';

/** One usage event before ids are known: accounts and clients are named by their demo keys. */
export interface DemoEvent {
  provider: ProviderKey;
  externalId: string;
  /** demo key of the client, or null for usage no client is mapped to */
  client: string | null;
  /** the provider-side id it was resolved from, "kind:id" */
  clientKey: string;
  metric: MetricKey;
  /** positive integer in the metric's base unit */
  quantity: number;
  occurredAt: number;
  /** provider-reported cost, canonical decimal text; null when the rate card prices it */
  cost: string | null;
  /** JSON text or null */
  attrs: string | null;
}

/** Whoever generates usage: a client, or a provider-side id nobody mapped yet. */
export interface Tenant {
  /** demo key of the client; null = unassigned usage */
  readonly client: string | null;
  /** stream label for the PRNG */
  readonly label: string;
  readonly calendar: ZoneCalendar;
  readonly shape: VolumeShape;
}
