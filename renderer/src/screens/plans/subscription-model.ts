// Runs in the renderer (pure). Which of a client's subscriptions is in force on a day.
import type { Subscription } from '../../../../shared/domain/pricing';

/**
 * The subscription in force on `today` (YYYY-MM-DD in the client's zone; start inclusive, end exclusive), and the
 * next one to start after it.
 */
export function currentSubscription(subs: readonly Subscription[], today: string): { current: Subscription | null; next: Subscription | null } {
  const current = subs.find((s) => s.startDate <= today && (s.endDate === null || today < s.endDate)) ?? null;
  const upcoming = subs.filter((s) => s.startDate > today).sort((a, b) => a.startDate.localeCompare(b.startDate));
  return { current, next: upcoming[0] ?? null };
}
