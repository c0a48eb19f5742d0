// Runs in the renderer (pure). The client form's values (all strings, as the inputs hold them)
// and their conversion to and from the contract.
import type { Client, ClientCreateInput, ClientStatus, ClientUpdateInput } from '../../../../shared/domain/client';
import { CLIENT_STATUSES, ClientCreateInput as ClientCreateSchema } from '../../../../shared/domain/client';
import { ADDRESS_FIELDS, addressToValues, EMPTY_ADDRESS_VALUES, valuesToAddress, type AddressValues } from '../../forms/address';
import { preValidate, type FieldErrors } from '../../forms/field-errors';

export interface ClientFormValues {
  name: string;
  contactName: string;
  billingEmail: string;
  phone: string;
  address: AddressValues;
  taxId: string;
  currency: string;
  /** '' = use the agency's time zone */
  timeZone: string;
  status: ClientStatus;
  notes: string;
}

export const STATUS_LABELS: Record<ClientStatus, string> = { active: 'Active', trial: 'Trial', paused: 'Paused' };
export const STATUS_OPTIONS = CLIENT_STATUSES.map((s) => ({ value: s, label: STATUS_LABELS[s] }));

/** [contract path, label] in form order: labels are exactly what the form shows. */
export const CLIENT_FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['name', 'Name'],
  ['contactName', 'Contact name'],
  ['billingEmail', 'Billing email'],
  ['phone', 'Phone'],
  ...ADDRESS_FIELDS.map(([, path, label]) => [path, label] as const),
  ['taxId', 'Tax id'],
  ['currency', 'Currency'],
  ['timeZone', 'Time zone'],
  ['status', 'Status'],
  ['notes', 'Notes'],
];

export function emptyClientForm(agencyCurrency: string): ClientFormValues {
  return {
    name: '',
    contactName: '',
    billingEmail: '',
    phone: '',
    address: { ...EMPTY_ADDRESS_VALUES },
    taxId: '',
    currency: agencyCurrency,
    timeZone: '',
    status: 'active',
    notes: '',
  };
}

export function clientToForm(c: Client): ClientFormValues {
  return {
    name: c.name,
    contactName: c.contactName ?? '',
    billingEmail: c.billingEmail ?? '',
    phone: c.phone ?? '',
    address: addressToValues(c.address),
    taxId: c.taxId ?? '',
    currency: c.currency,
    timeZone: c.timeZone ?? '',
    status: c.status,
    notes: c.notes ?? '',
  };
}

export function formToCreateInput(v: ClientFormValues): ClientCreateInput {
  return {
    name: v.name,
    contactName: v.contactName,
    billingEmail: v.billingEmail,
    phone: v.phone,
    address: valuesToAddress(v.address),
    taxId: v.taxId,
    currency: v.currency,
    timeZone: v.timeZone === '' ? null : v.timeZone,
    status: v.status,
    notes: v.notes,
  };
}

/** Sends every field: an edit form shows them all, so what the user sees is what is saved. */
export function formToUpdateInput(id: number, v: ClientFormValues): ClientUpdateInput {
  return { id, ...formToCreateInput(v) };
}

/** The contract's own checks, run before sending; the main process checks again (and checks uniqueness). */
export function validateClientForm(v: ClientFormValues): FieldErrors {
  return preValidate(ClientCreateSchema.strict(), formToCreateInput(v));
}
