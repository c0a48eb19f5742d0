import { describe, expect, it } from 'vitest';
import type { UsageSeries } from '../../../../shared/domain/dashboard';
import { axisLabel, fullLabel, isEmptySeries, RANGE_OPTIONS, seriesColor, seriesUnits, toChartData } from './usage-chart-model';

const ZONE = 'America/New_York';

const series: UsageSeries = {
  range: '7d',
  bucket: 'day',
  zone: ZONE,
  groupBy: 'metric',
  from: '2026-11-15T05:00:00.000Z',
  to: '2026-11-17T05:00:00.000Z',
  series: [
    { key: 'messages', label: 'Messages', unit: 'message', total: '30' },
    { key: 'sms', label: 'SMS', unit: 'message', total: '5' },
    { key: 'ai_tokens', label: 'AI tokens', unit: 'token', total: '1000' },
  ],
  buckets: [
    { start: '2026-11-15T05:00:00.000Z', end: '2026-11-16T05:00:00.000Z', label: '2026-11-15', values: { messages: '10', sms: '5', ai_tokens: '1000' } },
    { start: '2026-11-16T05:00:00.000Z', end: '2026-11-17T05:00:00.000Z', label: '2026-11-16', values: { messages: '20' } },
  ],
  omittedMetrics: [],
};

describe('usage chart model', () => {
  it('offers the five ranges in order', () => {
    expect(RANGE_OPTIONS.map(([r]) => r)).toEqual(['24h', '7d', '30d', '3m', '12m']);
    expect(RANGE_OPTIONS.map(([, l]) => l)).toEqual(['24h', '7d', '30d', '3 months', '12 months']);
  });

  it('labels buckets in the agency zone, not in UTC', () => {
    // 03:00 UTC on Nov 16 is still Nov 15 in New York
    expect(axisLabel('2026-11-16T03:00:00.000Z', 'day', 'en-US', ZONE)).toBe('Nov 15');
    expect(axisLabel('2026-11-16T03:00:00.000Z', 'hour', 'en-US', ZONE)).toBe('10 PM');
    expect(fullLabel('2026-11-15T05:00:00.000Z', 'day', 'en-US', ZONE)).toBe('Sun, Nov 15, 2026');
    expect(fullLabel('2026-08-24T04:00:00.000Z', 'week', 'en-US', ZONE)).toBe('Week of Aug 24, 2026');
    expect(fullLabel('2026-11-01T04:00:00.000Z', 'month', 'en-US', ZONE)).toBe('November 2026');
    expect(fullLabel('2026-11-15T05:00:00.000Z', 'day', 'de-DE', ZONE)).toBe('So., 15. Nov. 2026');
  });

  it('groups series by unit so unlike metrics are never stacked', () => {
    expect(seriesUnits(series.series)).toEqual(['message', 'token']);
    const chart = toChartData(series, { locale: 'en-US', timeZone: ZONE, unit: 'message' });
    expect(chart.series.map((s) => s.key)).toEqual(['messages', 'sms']);
    expect(chart.rows).toHaveLength(2);
    expect(chart.rows[0]).toMatchObject({ axis: 'Nov 15', v_messages: 10, v_sms: 5, exact: { v_messages: '10', v_sms: '5' } });
    expect(chart.rows[1]).toMatchObject({ v_messages: 20, v_sms: 0, exact: { v_sms: '0' } });
    expect(chart.rows[0]).not.toHaveProperty('v_ai_tokens');
  });

  it('keeps every series without a unit filter; numeric client keys get a prefix', () => {
    const byClient: UsageSeries = { ...series, groupBy: 'client', series: [{ key: '4', label: 'Veda', unit: 'interaction', total: '7' }, { key: '0', label: 'Unassigned', unit: 'interaction', total: '0' }], buckets: [{ ...series.buckets[0]!, values: { '4': '7', '0': '0' } }] };
    const chart = toChartData(byClient, { locale: 'en-US', timeZone: ZONE });
    expect(chart.series.map((s) => s.dataKey)).toEqual(['v_4', 'v_0']);
    expect(chart.rows[0]).toMatchObject({ v_4: 7, v_0: 0 });
    expect(isEmptySeries(chart)).toBe(false);
    expect(isEmptySeries(toChartData({ ...byClient, series: [] }, { locale: 'en-US', timeZone: ZONE }))).toBe(true);
  });

  it('gives unassigned and other neutral colours', () => {
    expect(seriesColor('0', 3)).toBe('var(--chart-unassigned)');
    expect(seriesColor('other', 0)).toBe('var(--chart-other)');
    expect(seriesColor('4', 9)).toBe('var(--chart-2)');
  });
});
