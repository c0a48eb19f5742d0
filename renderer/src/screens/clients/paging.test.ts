import { describe, expect, it } from 'vitest';
import { lastPageOffset, showingText } from './paging';

describe('paging', () => {
  it('describes the visible slice', () => {
    expect(showingText(0, 50, 120, 'en-US')).toBe('Showing 1–50 of 120');
    expect(showingText(100, 20, 120, 'en-US')).toBe('Showing 101–120 of 120');
    expect(showingText(0, 3, 3, 'en-US')).toBe('Showing 1–3 of 3');
    expect(showingText(0, 0, 0, 'en-US')).toBe('Showing 0 of 0');
    expect(showingText(1000, 50, 1234, 'en-US')).toBe('Showing 1,001–1,050 of 1,234');
  });

  it('finds the last page', () => {
    expect(lastPageOffset(0, 50)).toBe(0);
    expect(lastPageOffset(50, 50)).toBe(0);
    expect(lastPageOffset(51, 50)).toBe(50);
    expect(lastPageOffset(120, 50)).toBe(100);
  });
});
