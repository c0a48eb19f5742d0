// Runs in main. AgentClara: one event per interaction (a customer message and Clara's response, a
// call answered, a booking confirmed or an automated follow-up). Priced by the rate card, so no cost.
import type { UsageSpec } from '../demo-clients';
import type { Tenant } from '../demo-types';
import { forEachOccurrence, type EventSink } from '../event-sink';
import type { Rng } from '../prng';

const CHANNELS = ['conversation', 'voice_call', 'appointment_booking', 'follow_up'] as const;
const CHANNEL_WEIGHTS = [0.6, 0.15, 0.15, 0.1];

export function generateAgentClara(
  tenant: Tenant,
  spec: NonNullable<UsageSpec['agentclara']>,
  subAccount: string,
  spikeDaysAgo: number,
  sink: EventSink,
  rng: Rng,
): void {
  const clientKey = `sub_account:${subAccount}`;
  const spike = spec.spikeFactor !== undefined ? { daysAgo: spikeDaysAgo, factor: spec.spikeFactor } : undefined;
  forEachOccurrence(
    tenant,
    sink,
    rng,
    spec.interactionsPerMonth,
    (occurredAt) => {
      const channel = CHANNELS[rng.weighted(CHANNEL_WEIGHTS)]!;
      sink.push({
        provider: 'agentclara',
        externalId: sink.newId('agentclara', () => `int_${rng.base62(16)}`),
        client: tenant.client,
        clientKey,
        metric: 'interactions',
        quantity: 1,
        occurredAt,
        cost: null,
        attrs: JSON.stringify({ channel }),
      });
    },
    spike,
  );
}
