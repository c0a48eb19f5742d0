import { describe, expect, it } from 'vitest';
import { breakdownCsv, csvField, csvFileName } from './breakdown-csv-model';
import { breakdownColumns, visibleColumns } from './breakdown-model';
import { row } from './breakdown-test-rows';

describe('breakdown CSV', () => {
  const columns = visibleColumns(breakdownColumns([{ key: 'sms', name: 'SMS', unit: 'message' }]), { plan: false, status: false, allowance: false, marginPercent: false });

  it('has exactly the shown columns and rows, money as exact text', () => {
    const rows = [
      row({ clientId: 2, name: 'Zeta, Inc.', revenue: '1234.50', providerCost: '0.0069', margin: '-12.50', usage: { sms: '12' } }),
      row({ clientId: 1, name: '=HYPERLINK("x")', revenue: null, margin: null, billing: 'no_plan', currency: 'JPY', providerCost: '1320', walletBalance: '0' }),
    ];
    expect(breakdownCsv(columns, rows)).toBe(
      [
        'Client,Currency,SMS (message),Revenue,Provider cost,Margin,Wallet',
        '"Zeta, Inc.",USD,12,1234.50,0.0069,-12.50,0.00',
        `"'=HYPERLINK(""x"")",JPY,,,1320,,0`,
        '',
      ].join('\r\n'),
    );
  });

  it('quotes line breaks and guards formulas in text only', () => {
    expect(csvField('a\nb', true)).toBe('"a\nb"');
    expect(csvField('-12.50', false)).toBe('-12.50');
    expect(csvField('-12.50', true)).toBe("'-12.50");
    expect(csvField('@x', true)).toBe("'@x");
  });

  it('names the file after the period', () => {
    expect(csvFileName('2026-10', false)).toBe('breakdown-2026-10.csv');
    expect(csvFileName('2026-10', true)).toBe('breakdown-2026-10-filtered.csv');
  });
});
