import { describe, expect, it } from 'vitest';
import { MetricCreateInput } from '../../../../shared/domain/provider';
import { describeMetricConfig, emptyMetricForm, metricFormToInput, splitList, suggestKey, updateMetricForm, type MetricFormValues } from './metric-form-model';

const form = (patch: Partial<MetricFormValues>): MetricFormValues => ({ ...emptyMetricForm(), name: 'Chat blocks', key: 'chat_blocks', unit: 'session', ...patch });

describe('metric form', () => {
  it('suggests a key the engine accepts from the name', () => {
    expect(suggestKey('Call minutes (EU)')).toBe('call_minutes_eu');
    expect(suggestKey('  Café  Orders ')).toBe('cafe_orders');
    expect(suggestKey('2FA codes')).toBe('m_2fa_codes');
    expect(suggestKey('***')).toBe('');
    expect(suggestKey('x'.repeat(80))).toHaveLength(64);
  });

  it('keeps the key in step with the name until the key is edited', () => {
    let v = updateMetricForm(emptyMetricForm(), 'name', 'Call minutes');
    expect(v.key).toBe('call_minutes');
    v = updateMetricForm(v, 'key', 'voice_min');
    v = updateMetricForm(v, 'name', 'Voice minutes');
    expect(v.key).toBe('voice_min');
    v = updateMetricForm(v, 'key', '');
    expect(updateMetricForm(v, 'name', 'Voice').key).toBe('voice');
  });

  it('sends only the options of the chosen aggregation', () => {
    const base = form({ attribute: 'phoneNumber', blockMinutes: '30', excludeSegments: 'human_agent, hold,', per: 'day', mode: 'delta' });
    expect(metricFormToInput({ ...base, aggregation: 'sum' }).config).toEqual({});
    expect(metricFormToInput({ ...base, aggregation: 'unique_count' }).config).toEqual({ attribute: 'phoneNumber' });
    expect(metricFormToInput({ ...base, aggregation: 'time_weighted' }).config).toEqual({ per: 'day', mode: 'delta' });
    expect(metricFormToInput({ ...base, aggregation: 'session_blocks' }).config).toEqual({ blockMinutes: 30, excludeSegments: ['human_agent', 'hold'] });
    for (const aggregation of ['count', 'sum', 'max', 'unique_count', 'time_weighted', 'session_blocks'] as const) {
      expect(MetricCreateInput.safeParse(metricFormToInput({ ...base, aggregation })).success).toBe(true);
    }
  });

  it('leaves problems for the main process to name: empty or non-numeric block minutes', () => {
    expect(metricFormToInput(form({ aggregation: 'session_blocks', blockMinutes: '' })).config).toEqual({ excludeSegments: [] });
    expect(metricFormToInput(form({ aggregation: 'session_blocks', blockMinutes: 'ten' })).config).toEqual({ blockMinutes: 'ten', excludeSegments: [] });
    expect(metricFormToInput(form({ aggregation: 'unique_count', attribute: '  ' })).config).toEqual({});
  });

  it('splits comma-separated lists', () => {
    expect(splitList(' a, ,b ,')).toEqual(['a', 'b']);
  });

  it('summarizes options for the metrics table', () => {
    expect(describeMetricConfig({ aggregation: 'session_blocks', config: { blockMinutes: 15, excludeSegments: ['human_agent'] } })).toBe('15-minute blocks, without human_agent');
    expect(describeMetricConfig({ aggregation: 'time_weighted', config: { per: 'hour', mode: 'level', level: 'seats' } })).toBe('Per hour, levels');
    expect(describeMetricConfig({ aggregation: 'unique_count', config: { attribute: 'phoneNumber' } })).toBe('Distinct phoneNumber');
    expect(describeMetricConfig({ aggregation: 'sum', config: {} })).toBe('');
  });
});
