import { describe, expect, it } from 'vitest';
import { navCountText, newAlertsText, overLimitByClient, overLimitTitle } from './alerts-model';

describe('alerts model', () => {
  it('says how many alerts are new', () => {
    expect(newAlertsText(0, 'en-US')).toBe('0 new alerts');
    expect(newAlertsText(1, 'en-US')).toBe('1 new alert');
    expect(newAlertsText(1200, 'en-US')).toBe('1,200 new alerts');
  });
  it('caps the nav count', () => {
    expect(navCountText(7)).toBe('7');
    expect(navCountText(120)).toBe('99+');
  });
  it('groups and describes over-limit rows', () => {
    const rows = [
      { clientId: 1, clientName: 'A', metricKey: 'interactions', periodLabel: '2026-10', quantity: '1200', limit: '1000' },
      { clientId: 2, clientName: 'B', metricKey: 'minutes', periodLabel: '2026-10', quantity: '5.5', limit: '5' },
      { clientId: 1, clientName: 'A', metricKey: 'minutes', periodLabel: '2026-10', quantity: '3', limit: '2' },
    ];
    const by = overLimitByClient(rows);
    expect(by.get(1)?.length).toBe(2);
    expect(overLimitTitle(by.get(1) ?? [], 'en-US')).toBe('interactions: 1,200 of 1,000 (2026-10); minutes: 3 of 2 (2026-10)');
  });
});
