import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { BreakdownRow } from '../../../../shared/domain/dashboard';
import { row } from './breakdown-test-rows';
import { Dec } from '../../../../shared/money/decimal';
import {
  sumDecimalText,
  breakdownColumns,
  compareDecimalText,
  convertedTotals,
  filterRows,
  NO_FILTER,
  parseVisibility,
  sortRows,
  totalsByCurrency,
  visibleColumns,
} from './breakdown-model';

const METRICS = [{ key: 'interactions', name: 'Interactions', unit: 'interaction' }];
const COLUMNS = breakdownColumns(METRICS);

describe('compareDecimalText', () => {
  it('orders by value, not by characters', () => {
    expect(compareDecimalText('10', '9.99')).toBe(1);
    expect(compareDecimalText('-10', '-9.99')).toBe(-1);
    expect(compareDecimalText('-0.5', '0')).toBe(-1);
    expect(compareDecimalText('1.50', '1.5')).toBe(0);
    expect(compareDecimalText('-0', '0.00')).toBe(0);
    expect(compareDecimalText('123456789012345678901234567890.01', '123456789012345678901234567890.001')).toBe(1);
  });

  it('agrees with decimal.js on any decimal text', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 25n }), fc.option(fc.stringMatching(/^\d{1,8}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(decimal, decimal, (a, b) => {
        expect(compareDecimalText(a, b)).toBe(new Dec(a).comparedTo(new Dec(b)));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('sortRows', () => {
  const rows = [
    row({ clientId: 1, name: 'Beta', revenue: '9.99', margin: '-1.00', agency: { revenue: '9.99', providerCost: '0', margin: '-1.00' } }),
    row({ clientId: 2, name: 'alpha', revenue: '10.00', margin: '2.50', agency: { revenue: '10.00', providerCost: '0', margin: '2.50' } }),
    row({ clientId: 3, name: 'Gamma', revenue: null, margin: null, billing: 'no_plan', agency: { revenue: null, providerCost: null, margin: null } }),
    row({ clientId: 4, name: 'Delta', revenue: '100.00', margin: '2.5', agency: { revenue: '100.00', providerCost: '0', margin: '2.5' } }),
  ];
  const ids = (rs: BreakdownRow[]) => rs.map((r) => r.clientId);

  it('sorts money numerically on the exact text, rows without a value last in both directions', () => {
    expect(ids(sortRows(rows, COLUMNS, { id: 'revenue', desc: false }))).toEqual([1, 2, 4, 3]);
    expect(ids(sortRows(rows, COLUMNS, { id: 'revenue', desc: true }))).toEqual([4, 2, 1, 3]);
  });

  it('breaks ties by name', () => {
    expect(ids(sortRows(rows, COLUMNS, { id: 'margin', desc: true }))).toEqual([2, 4, 1, 3]);
  });

  it('sorts text case-insensitively, by name when unsorted', () => {
    expect(ids(sortRows(rows, COLUMNS, { id: 'name', desc: false }))).toEqual([2, 1, 4, 3]);
    expect(ids(sortRows(rows, COLUMNS, null))).toEqual([2, 1, 4, 3]);
  });

  it('sorts money on the amount in the agency currency, the wallet per currency', () => {
    const m = [
      row({ clientId: 1, name: 'Yen', currency: 'JPY', margin: '5000', agency: { revenue: null, providerCost: null, margin: '33.50' }, walletBalance: '100' }),
      row({ clientId: 2, name: 'Dollar', margin: '40.00', agency: { revenue: null, providerCost: null, margin: '40.00' }, walletBalance: '5.00' }),
      row({ clientId: 3, name: 'Rand', currency: 'ZAR', margin: '900.00', agency: { revenue: null, providerCost: null, margin: null }, walletBalance: '1.00' }),
    ];
    expect(ids(sortRows(m, COLUMNS, { id: 'margin', desc: true }))).toEqual([2, 1, 3]);
    expect(ids(sortRows(m, COLUMNS, { id: 'walletBalance', desc: true }))).toEqual([1, 2, 3]);
  });

  it('sorts usage per metric numerically', () => {
    const u = [row({ clientId: 1, name: 'A', usage: { interactions: '900' } }), row({ clientId: 2, name: 'B', usage: { interactions: '1200' } }), row({ clientId: 3, name: 'C' })];
    expect(ids(sortRows(u, COLUMNS, { id: 'usage:interactions', desc: true }))).toEqual([2, 1, 3]);
  });
});

describe('filterRows', () => {
  const rows = [
    row({ clientId: 1, name: 'Łódź Dental', status: 'trial' }),
    row({ clientId: 2, name: 'Café Zürich', limitStatus: 'near', allowanceUsedPercent: '80.0' }),
    row({ clientId: 3, name: 'Harbor', overLimit: true, limitStatus: 'over' }),
  ];
  const ids = (rs: BreakdownRow[]) => rs.map((r) => r.clientId);

  it('matches names accent- and case-insensitively', () => {
    expect(ids(filterRows(rows, { ...NO_FILTER, text: 'lodz' }))).toEqual([1]);
    expect(ids(filterRows(rows, { ...NO_FILTER, text: ' ZURICH ' }))).toEqual([2]);
    expect(ids(filterRows(rows, NO_FILTER))).toEqual([1, 2, 3]);
  });

  it('filters by status and near/over limit', () => {
    expect(ids(filterRows(rows, { ...NO_FILTER, status: 'trial' }))).toEqual([1]);
    expect(ids(filterRows(rows, { ...NO_FILTER, limitsOnly: true }))).toEqual([2, 3]);
  });
});

describe('sumDecimalText', () => {
  it('adds exactly at the largest scale', () => {
    expect(sumDecimalText([])).toBe('0');
    expect(sumDecimalText(['1.50', '2', '-0.0069'])).toBe('3.4931');
    expect(sumDecimalText(['-1.25', '0.20'])).toBe('-1.05');
    expect(sumDecimalText(['0.1', '0.2'])).toBe('0.3');
  });

  it('agrees with decimal.js', () => {
    const decimal = fc
      .tuple(fc.boolean(), fc.bigInt({ min: 0n, max: 10n ** 20n }), fc.option(fc.stringMatching(/^\d{1,6}$/), { nil: undefined }))
      .map(([neg, int, frac]) => `${neg ? '-' : ''}${int}${frac === undefined ? '' : `.${frac}`}`);
    fc.assert(
      fc.property(fc.array(decimal, { maxLength: 20 }), (values) => {
        expect(new Dec(sumDecimalText(values)).eq(values.reduce((t, v) => t.plus(v), new Dec(0)))).toBe(true);
      }),
    );
  });
});

describe('totals', () => {
  const rows = [
    row({ clientId: 1, name: 'A', revenue: '100.10', providerCost: '40.05', margin: '60.05', walletBalance: '5.00', usage: { interactions: '3' }, agency: { revenue: '100.10', providerCost: '40.05', margin: '60.05' } }),
    row({ clientId: 2, name: 'B', revenue: '0.20', providerCost: '0.10', margin: '0.10', usage: { interactions: '4' }, agency: { revenue: '0.20', providerCost: '0.10', margin: '0.10' } }),
    row({ clientId: 3, name: 'C', revenue: null, margin: null, billing: 'no_plan', providerCost: '1.00', agency: { revenue: null, providerCost: null, margin: null } }),
    row({
      clientId: 4,
      name: 'D',
      currency: 'EUR',
      revenue: '50.00',
      providerCost: '20.00',
      margin: '30.00',
      agency: { revenue: '55.00', providerCost: '22.00', margin: '33.00' },
    }),
    row({ clientId: 5, name: 'E', currency: 'GBP', revenue: '10.00', providerCost: '1.00', margin: '9.00', agency: { revenue: null, providerCost: null, margin: null } }),
  ];

  it('adds each currency on its own, exactly', () => {
    const t = totalsByCurrency(rows, COLUMNS);
    expect(t.map((x) => x.currency)).toEqual(['EUR', 'GBP', 'USD']);
    const usd = t.find((x) => x.currency === 'USD')!;
    expect(usd.rows).toBe(3);
    expect(usd.sums).toMatchObject({ revenue: '100.30', providerCost: '41.15', margin: '60.15', walletBalance: '5.00', 'usage:interactions': '7' });
    expect(usd.marginPercent).toBe('59.97');
  });

  it('converts only what has a rate and names the rest', () => {
    const c = convertedTotals(rows, 'USD');
    expect(c.revenue).toBe('155.30');
    expect(c.margin).toBe('93.15');
    expect(c.missingRates).toEqual(['GBP']);
  });
});

describe('visibility', () => {
  it('reads a stored map defensively and never hides the name or currency', () => {
    expect(parseVisibility('not json')).toEqual({});
    expect(parseVisibility('[1]')).toEqual({});
    const v = parseVisibility('{"plan":false,"name":false,"currency":false,"x":"y"}');
    expect(v).toEqual({ plan: false, name: false, currency: false });
    const ids = visibleColumns(COLUMNS, v).map((c) => c.id);
    expect(ids).toContain('name');
    expect(ids).toContain('currency');
    expect(ids).not.toContain('plan');
  });
});
