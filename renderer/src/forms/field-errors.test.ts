import { describe, expect, it } from 'vitest';
import { ClientCreateInput } from '../../../shared/domain/client';
import { commandFieldErrors, preValidate, summarize } from './field-errors';

describe('field errors', () => {
  it('maps zod issues to dotted paths with the schema messages', () => {
    const errors = preValidate(ClientCreateInput.strict(), {
      name: '  ',
      billingEmail: 'nope',
      currency: 'USD',
      address: { country: 'USA' },
    });
    expect(errors).toEqual({
      name: "Enter the client's name.",
      billingEmail: 'Billing email is not a valid email address (expected name@example.com).',
      'address.country': 'Country must be a two-letter ISO 3166 code (e.g. US, DE, IN).',
    });
  });

  it('returns no errors for valid input', () => {
    expect(preValidate(ClientCreateInput.strict(), { name: 'Acme', currency: 'usd' })).toEqual({});
  });

  it('reads fields, else field + message, from a command error', () => {
    expect(commandFieldErrors(null)).toEqual({});
    expect(commandFieldErrors({ code: 'conflict', message: 'Taken.', field: 'name' })).toEqual({ name: 'Taken.' });
    expect(commandFieldErrors({ code: 'invalid_input', message: 'x', field: 'a', fields: { a: 'A', b: 'B' } })).toEqual({ a: 'A', b: 'B' });
    expect(commandFieldErrors({ code: 'internal', message: 'Boom' })).toEqual({});
  });

  it('orders the summary like the form and keeps unknown paths', () => {
    const items = summarize({ notes: 'N', name: 'A', 'weird.path': 'W' }, [
      ['name', 'Name'],
      ['notes', 'Notes'],
    ]);
    expect(items).toEqual([
      { path: 'name', label: 'Name', message: 'A' },
      { path: 'notes', label: 'Notes', message: 'N' },
      { path: 'weird.path', label: null, message: 'W' },
    ]);
  });
});
