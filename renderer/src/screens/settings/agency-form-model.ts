// Runs in the renderer (pure). The agency profile form's values and their conversion.
import type { Agency, AgencyInput } from '../../../../shared/domain/agency';
import { AgencyInput as AgencySchema } from '../../../../shared/domain/agency';
import { ADDRESS_FIELDS, addressToValues, EMPTY_ADDRESS_VALUES, valuesToAddress, type AddressValues } from '../../forms/address';
import { preValidate, type FieldErrors } from '../../forms/field-errors';

export interface AgencyFormValues {
  name: string;
  contactName: string;
  email: string;
  phone: string;
  website: string;
  address: AddressValues;
  taxId: string;
  currency: string;
  timeZone: string;
  locale: string;
}

export const AGENCY_FIELD_LABELS: ReadonlyArray<readonly [string, string]> = [
  ['name', 'Agency name'],
  ['contactName', 'Contact name'],
  ['email', 'Email'],
  ['phone', 'Phone'],
  ['website', 'Website'],
  ...ADDRESS_FIELDS.map(([, path, label]) => [path, label] as const),
  ['taxId', 'Tax id'],
  ['currency', 'Currency'],
  ['timeZone', 'Time zone'],
  ['locale', 'Locale'],
];

export interface AgencyDefaults {
  currency: string;
  timeZone: string;
  locale: string;
}

export function agencyToForm(agency: Agency | null, defaults: AgencyDefaults): AgencyFormValues {
  if (!agency) {
    return {
      name: '',
      contactName: '',
      email: '',
      phone: '',
      website: '',
      address: { ...EMPTY_ADDRESS_VALUES },
      taxId: '',
      currency: defaults.currency,
      timeZone: defaults.timeZone,
      locale: defaults.locale,
    };
  }
  return {
    name: agency.name,
    contactName: agency.contactName ?? '',
    email: agency.email ?? '',
    phone: agency.phone ?? '',
    website: agency.website ?? '',
    address: addressToValues(agency.address),
    taxId: agency.taxId ?? '',
    currency: agency.currency,
    timeZone: agency.timeZone,
    locale: agency.locale,
  };
}

export function formToAgencyInput(v: AgencyFormValues): AgencyInput {
  return {
    name: v.name,
    contactName: v.contactName,
    email: v.email,
    phone: v.phone,
    website: v.website,
    address: valuesToAddress(v.address),
    taxId: v.taxId,
    currency: v.currency,
    timeZone: v.timeZone,
    locale: v.locale,
  };
}

export function validateAgencyForm(v: AgencyFormValues): FieldErrors {
  return preValidate(AgencySchema.strict(), formToAgencyInput(v));
}
