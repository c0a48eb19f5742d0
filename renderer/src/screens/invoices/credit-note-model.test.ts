import { describe, expect, it } from 'vitest';
import { buildCreditNote, creditable, EMPTY_CREDIT_FORM, mapCreditErrors, partialTotal } from './credit-note-model';

const lines = [
  { description: 'Base fee', amount: '350.00' },
  { description: 'Interactions', amount: '42.50' },
  { description: 'Goodwill', amount: '-10.00' },
];

describe('credit-note form', () => {
  it('credits everything with a reason', () => {
    expect(buildCreditNote(9, { ...EMPTY_CREDIT_FORM, reason: ' Duplicate billing ' }, lines, 'USD', 'en-US')).toEqual({
      ok: true,
      input: { invoiceId: 9, reason: 'Duplicate billing', mode: 'full', lines: [] },
      sentIndexes: [],
    });
  });

  it('needs a reason and, when partial, at least one amount', () => {
    const r = buildCreditNote(9, { mode: 'partial', reason: '', amounts: { 0: ' ' } }, lines, 'USD', 'en-US');
    expect(r).toEqual({
      ok: false,
      errors: { reason: 'Enter a reason: it is printed on the credit note.', lines: 'Enter an amount to credit on at least one line, or credit the whole invoice.' },
    });
  });

  it('sends the typed amounts by line index, at most the line amount', () => {
    const ok = buildCreditNote(9, { mode: 'partial', reason: 'Outage', amounts: { 1: '12.5' } }, lines, 'USD', 'en-US');
    expect(ok).toEqual({ ok: true, input: { invoiceId: 9, reason: 'Outage', mode: 'partial', lines: [{ index: 1, amount: '12.5' }] }, sentIndexes: [1] });
    const bad = buildCreditNote(9, { mode: 'partial', reason: 'Outage', amounts: { 0: '400', 1: '1.234', 2: '5' } }, lines, 'USD', 'en-US');
    expect(bad).toEqual({
      ok: false,
      errors: {
        'line.0': 'The amount to credit can be at most the line amount, 350.00.',
        'line.1': 'The amount to credit can have at most 2 decimals.',
        'line.2': 'This line cannot be credited in part.',
      },
    });
  });

  it('ignores typed amounts when crediting everything', () => {
    const r = buildCreditNote(9, { mode: 'full', reason: 'x', amounts: { 0: 'garbage' } }, lines, 'USD', 'en-US');
    expect(r.ok).toBe(true);
  });

  it('maps server errors back to the line they belong to', () => {
    expect(mapCreditErrors({ 'lines.1.amount': 'Too much', reason: 'Enter a reason.', 'lines': 'Need one', other: 'x' }, [0, 2])).toEqual({
      'line.2': 'Too much',
      reason: 'Enter a reason.',
      lines: 'Need one',
    });
    expect(mapCreditErrors({ 'lines.5.amount': 'Too much' }, [0])).toEqual({ lines: 'Too much' });
  });

  it('adds up the valid amounts exactly', () => {
    expect(partialTotal({ mode: 'partial', reason: '', amounts: { 0: '0.10', 1: '0.20', 2: '3' } }, lines, 'USD', 'en-US')).toBe('0.3');
    expect(partialTotal({ mode: 'partial', reason: '', amounts: { 0: 'x' } }, lines, 'USD', 'en-US')).toBeNull();
    expect(creditable({ amount: '0.00' })).toBe(false);
  });
});
