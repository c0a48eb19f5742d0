import { describe, expect, it } from 'vitest';
import { AgencyInput } from '../../../../shared/domain/agency';
import { agencyToForm, formToAgencyInput, validateAgencyForm } from './agency-form-model';

const defaults = { currency: 'USD', timeZone: 'Europe/London', locale: 'en-GB' };

describe('agency form model', () => {
  it('starts from the defaults for a new agency', () => {
    const v = agencyToForm(null, defaults);
    expect(v).toMatchObject({ name: '', currency: 'USD', timeZone: 'Europe/London', locale: 'en-GB' });
  });

  it('produces input the contract accepts', () => {
    const v = { ...agencyToForm(null, defaults), name: 'Northwind AI', email: 'hi@northwind.test' };
    const parsed = AgencyInput.strict().parse(formToAgencyInput(v));
    expect(parsed).toMatchObject({ name: 'Northwind AI', contactName: null, email: 'hi@northwind.test', locale: 'en-GB' });
  });

  it('pre-validates name, email and locale with the contract messages', () => {
    const v = { ...agencyToForm(null, defaults), email: 'x', locale: 'not a locale' };
    const errors = validateAgencyForm(v);
    expect(Object.keys(errors).sort()).toEqual(['email', 'locale', 'name']);
    expect(errors.name).toBe("Enter the agency's name.");
  });
});
