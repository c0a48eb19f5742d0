import { describe, expect, it } from 'vitest';
import { ClientCreateInput, ClientUpdateInput, type Client } from '../../../../shared/domain/client';
import { clientToForm, emptyClientForm, formToCreateInput, formToUpdateInput, validateClientForm } from './client-form-model';

const client: Client = {
  id: 3,
  name: 'Acme Dental',
  contactName: null,
  billingEmail: 'ap@acme.test',
  phone: null,
  address: { line1: '1 Main St', line2: null, city: 'Leeds', region: null, postalCode: 'LS1', country: 'GB' },
  taxId: null,
  currency: 'GBP',
  timeZone: null,
  status: 'trial',
  archived: false,
  archivedAt: null,
  notes: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
};

describe('client form model', () => {
  it('starts empty with the agency currency and no time-zone override', () => {
    const v = emptyClientForm('EUR');
    expect(v.currency).toBe('EUR');
    expect(v.timeZone).toBe('');
    expect(v.status).toBe('active');
  });

  it('round-trips a client through the form into inputs the contract accepts', () => {
    const v = clientToForm(client);
    expect(v.contactName).toBe('');
    expect(v.address.city).toBe('Leeds');
    const create = ClientCreateInput.strict().parse(formToCreateInput(v));
    expect(create).toMatchObject({ name: 'Acme Dental', contactName: null, timeZone: null, status: 'trial', currency: 'GBP' });
    expect(create.address).toEqual(client.address);
    const update = ClientUpdateInput.strict().parse(formToUpdateInput(3, v));
    expect(update.id).toBe(3);
  });

  it('sends the chosen time zone', () => {
    const v = { ...emptyClientForm('USD'), name: 'X', timeZone: 'Asia/Kolkata' };
    expect(formToCreateInput(v).timeZone).toBe('Asia/Kolkata');
  });

  it('pre-validates with the contract messages', () => {
    const v = { ...emptyClientForm('USD'), billingEmail: 'not-an-email' };
    expect(validateClientForm(v)).toEqual({
      name: "Enter the client's name.",
      billingEmail: 'Billing email is not a valid email address (expected name@example.com).',
    });
    expect(validateClientForm({ ...v, name: 'Ok', billingEmail: '' })).toEqual({});
  });
});
