// Runs in the renderer (pure). The address part shared by the agency and client forms.
import type { Address, AddressInput } from '../../../shared/domain/address';

export interface AddressValues {
  line1: string;
  line2: string;
  city: string;
  region: string;
  postalCode: string;
  country: string;
}

export const EMPTY_ADDRESS_VALUES: AddressValues = { line1: '', line2: '', city: '', region: '', postalCode: '', country: '' };

/** [key, path in the contract, label], in form order. */
export const ADDRESS_FIELDS: ReadonlyArray<readonly [keyof AddressValues, string, string]> = [
  ['line1', 'address.line1', 'Address line 1'],
  ['line2', 'address.line2', 'Address line 2'],
  ['city', 'address.city', 'City'],
  ['region', 'address.region', 'State / region'],
  ['postalCode', 'address.postalCode', 'Postal code'],
  ['country', 'address.country', 'Country'],
];

export function addressToValues(a: Address): AddressValues {
  return {
    line1: a.line1 ?? '',
    line2: a.line2 ?? '',
    city: a.city ?? '',
    region: a.region ?? '',
    postalCode: a.postalCode ?? '',
    country: a.country ?? '',
  };
}

/** Empty strings are sent as-is: the contract trims them and stores null. */
export function valuesToAddress(v: AddressValues): AddressInput {
  return { line1: v.line1, line2: v.line2, city: v.city, region: v.region, postalCode: v.postalCode, country: v.country };
}
