// Test rows of the breakdown (used by the model and CSV tests).
import type { BreakdownRow } from '../../../../shared/domain/dashboard';

/** A rated USD row with zero amounts, overridden by `over`. */
export function row(over: Partial<BreakdownRow> & Pick<BreakdownRow, 'clientId' | 'name'>): BreakdownRow {
  return {
    status: 'active',
    currency: 'USD',
    period: { start: '2026-10-01', end: '2026-11-01', zone: 'America/New_York' },
    planName: 'Starter',
    billing: 'statement',
    problem: null,
    usage: {},
    allowanceUsedPercent: null,
    limitStatus: null,
    overLimit: false,
    revenue: '0.00',
    providerCost: '0.00',
    margin: '0.00',
    marginPercent: null,
    walletBalance: '0.00',
    agency: { revenue: '0.00', providerCost: '0.00', margin: '0.00' },
    ...over,
  };
}
