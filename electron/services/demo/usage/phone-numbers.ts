// Runs in main. Daily inventory of provisioned phone numbers (one event per number per UTC day, at
// 00:00 UTC), so a unique count of numbers works over any billing period. Priced by the rate card.
import { utcDays } from '../demo-calendar';
import type { ProviderKey, Tenant } from '../demo-types';
import type { EventSink } from '../event-sink';

export function generateNumberInventory(
  provider: ProviderKey,
  tenant: Tenant,
  numbers: readonly { readonly number: string; readonly addedDaysAgo?: number }[],
  sink: EventSink,
): void {
  const { startsDaysAgo } = tenant.shape.spec;
  for (const day of utcDays(sink.window)) {
    if (startsDaysAgo !== undefined && day.daysBeforeEnd > startsDaysAgo) continue;
    for (const { number, addedDaysAgo } of numbers) {
      if (addedDaysAgo !== undefined && day.daysBeforeEnd > addedDaysAgo) continue;
      sink.push({
        provider,
        externalId: `pn_${number}_${day.date}`,
        client: tenant.client,
        clientKey: `phone_number:${number}`,
        metric: 'phone_numbers',
        quantity: 1,
        occurredAt: day.startMs,
        cost: null,
        attrs: JSON.stringify({ phoneNumber: number }),
      });
    }
  }
}
