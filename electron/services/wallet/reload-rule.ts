// Runs anywhere (pure). When does a balance change call for an auto reload?
import type { Dec } from '../../../shared/money/decimal';
import { dec } from '../../../shared/money/decimal';

export interface ReloadRule {
  enabled: boolean;
  reloadThreshold: string | null;
  reloadAmount: string | null;
}

/**
 * True when the change from `before` to `after` crosses the reload threshold downwards (before >= threshold,
 * after < threshold) under an enabled rule with a reload amount. A balance that keeps falling while already
 * below the threshold is not a new crossing; a reload (or top-up) that lifts it back arms the rule again.
 */
export function crossesReloadThreshold(rule: ReloadRule | null, before: Dec, after: Dec): boolean {
  if (!rule || !rule.enabled || rule.reloadThreshold === null || rule.reloadAmount === null) return false;
  const threshold = dec(rule.reloadThreshold);
  return before.greaterThanOrEqualTo(threshold) && after.lessThan(threshold);
}
