import { describe, expect, it } from 'vitest';
import { currentMonth, dueLine, formatPercent, kpiCards, marginBars, missingRatesNote, monthlyIsEmpty, monthlyRows, periodOptions, shiftMonth } from './dashboard-model';

describe('dashboard model', () => {
  it('finds the current month in the agency zone and steps across years', () => {
    expect(currentMonth(new Date('2026-12-01T03:00:00Z'), 'America/New_York')).toBe('2026-11');
    expect(currentMonth(new Date('2026-12-01T03:00:00Z'), 'Asia/Tokyo')).toBe('2026-12');
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2025-12', 13)).toBe('2027-01');
    const options = periodOptions('2026-02', 'en-US', 3);
    expect(options).toEqual([
      { value: '2026-02', label: 'February 2026 (current)' },
      { value: '2026-01', label: 'January 2026' },
      { value: '2025-12', label: 'December 2025' },
    ]);
  });

  it('formats the KPI cards in the agency currency with per-currency detail', () => {
    const cards = kpiCards(
      { currency: 'USD', revenue: '5888.36', providerCost: '2957.42', margin: '2930.94', marginPercent: '49.78', missingRates: [] },
      [
        { currency: 'JPY', revenue: '79995', providerCost: '25208', margin: '54787', marginPercent: '68.49', clients: 1 },
        { currency: 'CAD', revenue: '26.30', providerCost: '33.40', margin: '-7.10', marginPercent: '-27.00', clients: 1 },
      ],
      'en-US',
    );
    expect(cards.map((c) => [c.label, c.value, c.tone])).toEqual([
      ['Revenue', '$5,888.36', 'neutral'],
      ['Provider cost', '$2,957.42', 'neutral'],
      ['Margin', '$2,930.94', 'positive'],
      ['Margin %', '49.78%', 'positive'],
    ]);
    expect(cards[0]!.byCurrency).toEqual([
      { currency: 'JPY', value: '¥79,995' },
      { currency: 'CAD', value: 'CA$26.30' },
    ]);
    expect(cards[2]!.byCurrency[1]!.value).toBe('-CA$7.10');
    expect(cards[3]!.byCurrency[1]!.value).toBe('-27.00%');
    expect(formatPercent(null, 'en-US')).toBe('—');
    expect(formatPercent('12.5', 'de-DE')).toBe('12,50\u00a0%');
  });

  it('names the currencies without an exchange rate', () => {
    const base = { currency: 'USD', revenue: '1', providerCost: '0', margin: '1', marginPercent: '100.00' };
    expect(missingRatesNote({ ...base, missingRates: [] })).toBeNull();
    expect(missingRatesNote({ ...base, missingRates: ['INR'] })).toBe('Not included in the USD totals: INR (no exchange rate to USD). Add a rate in Settings › Exchange rates.');
    expect(missingRatesNote({ ...base, missingRates: ['INR', 'JPY', 'KWD'] })).toContain('INR, JPY and KWD');
  });

  it('sums due invoice counts and lists amounts per currency', () => {
    expect(dueLine([], 'en-US')).toBeNull();
    expect(dueLine([{ currency: 'USD', count: 2, amount: '1200' }, { currency: 'EUR', count: 1, amount: '80' }], 'en-US')).toEqual({ count: 3, amounts: '$1,200.00, €80.00' });
  });

  it('shapes monthly revenue vs cost and margin by client', () => {
    const rows = monthlyRows(
      {
        agencyCurrency: 'USD',
        months: [
          { label: '2026-10', converted: { currency: 'USD', revenue: '100.50', providerCost: '40.25', margin: '60.25', marginPercent: '59.95', missingRates: [] }, byCurrency: [], problems: 0 },
          { label: '2026-11', converted: { currency: 'USD', revenue: '0.00', providerCost: '0.00', margin: '0.00', marginPercent: null, missingRates: [] }, byCurrency: [], problems: 0 },
        ],
      },
      'en-US',
    );
    expect(rows[0]).toMatchObject({ axis: 'Oct 26', full: 'October 2026', revenue: 100.5, providerCost: 40.25, exact: { revenue: '100.50' } });
    expect(monthlyIsEmpty(rows)).toBe(false);
    expect(monthlyIsEmpty(rows.slice(1))).toBe(true);
    const bars = marginBars([
      { clientId: 1, name: 'A', marginPercent: '10', agency: { margin: '5.00' } },
      { clientId: 2, name: 'B', marginPercent: null, agency: { margin: null } },
      { clientId: 3, name: 'C', marginPercent: '-3', agency: { margin: '-2.00' } },
      { clientId: 4, name: 'D', marginPercent: '50', agency: { margin: '90.00' } },
    ]);
    expect(bars.map((b) => b.clientId)).toEqual([4, 1, 3]);
  });
});

describe('glance formatting', () => {
  it('rounds long quantities, formats shares and adds money per currency exactly', async () => {
    const { formatShare, formatUsage, sumByCurrency } = await import('./dashboard-model');
    expect(formatUsage('10215.4351275', 'en-US')).toBe('10,215.44');
    expect(formatUsage('5912', 'en-US')).toBe('5,912');
    expect(formatShare('167', 'en-US')).toBe('167%');
    expect(formatShare('93.6', 'en-US')).toBe('93.6%');
    expect(sumByCurrency([{ currency: 'USD', amount: '0.1' }, { currency: 'EUR', amount: '2' }, { currency: 'USD', amount: '0.2' }])).toEqual([
      { currency: 'USD', amount: '0.3' },
      { currency: 'EUR', amount: '2' },
    ]);
  });
});
