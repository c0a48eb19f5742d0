// Runs in main. Collects generated usage events: keeps only those inside the window, guarantees
// external ids are unique per provider account, and yields them in a stable order.
import { sampleMsOfDay } from './activity-profiles';
import { inWindow, type DemoWindow, type LocalDay } from './demo-calendar';
import type { DemoEvent, ProviderKey, Tenant } from './demo-types';
import type { Rng } from './prng';
import type { Spike } from './volume-shape';

export class EventSink {
  private readonly events: DemoEvent[] = [];
  private readonly ids = new Map<ProviderKey, Set<string>>();

  constructor(readonly window: DemoWindow) {}

  accepts(occurredAt: number): boolean {
    return inWindow(this.window, occurredAt);
  }

  /** A fresh external id for `provider` (claimed by the `push` that follows): `make` is called again on a clash. */
  newId(provider: ProviderKey, make: () => string): string {
    const seen = this.ids.get(provider);
    for (;;) {
      const id = make();
      if (!seen?.has(id)) return id;
    }
  }

  /** Adds the event if it falls inside the window. */
  push(event: DemoEvent): void {
    if (!this.accepts(event.occurredAt)) return;
    if (!Number.isSafeInteger(event.quantity) || event.quantity <= 0) {
      throw new Error(`Demo event ${event.externalId} has quantity ${event.quantity}`);
    }
    let seen = this.ids.get(event.provider);
    if (!seen) this.ids.set(event.provider, (seen = new Set()));
    // natural keys (`storage_src_x_2026-10-31`) are unique by construction: a clash is a generator bug
    if (seen.has(event.externalId)) throw new Error(`Duplicate demo external id ${event.provider}/${event.externalId}`);
    seen.add(event.externalId);
    this.events.push(event);
  }

  /** All events ordered by time, then account and external id (a total, locale-free order). */
  sorted(): DemoEvent[] {
    return [...this.events].sort(
      (a, b) =>
        a.occurredAt - b.occurredAt ||
        (a.provider < b.provider ? -1 : a.provider > b.provider ? 1 : 0) ||
        (a.externalId < b.externalId ? -1 : a.externalId > b.externalId ? 1 : 0),
    );
  }
}

/**
 * Runs the tenant's activity as a Poisson process: each local day gets a random number of events
 * around the shape's mean for `perMonth`, each at a time drawn from the tenant's hours, and `emit`
 * receives those that fall inside the window.
 */
export function forEachOccurrence(
  tenant: Tenant,
  sink: EventSink,
  rng: Rng,
  perMonth: number,
  emit: (occurredAt: number, day: LocalDay) => void,
  spike?: Spike,
): void {
  const { calendar, shape } = tenant;
  for (const day of calendar.days) {
    const n = rng.poisson(shape.mean(day, perMonth, spike));
    for (let i = 0; i < n; i++) {
      const at = calendar.toUtcMs(day, sampleMsOfDay(rng, shape.profile));
      if (sink.accepts(at)) emit(at, day);
    }
  }
}
