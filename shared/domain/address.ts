// Runs anywhere.
import { z } from 'zod';
import { countryCode, optionalText } from './fields';

export const AddressInput = z.object({
  line1: optionalText('Address line 1', 200),
  line2: optionalText('Address line 2', 200),
  city: optionalText('City', 100),
  region: optionalText('State / region', 100),
  postalCode: optionalText('Postal code', 20),
  country: countryCode,
});
export type AddressInput = z.input<typeof AddressInput>;

export const Address = z.object({
  line1: z.string().nullable(),
  line2: z.string().nullable(),
  city: z.string().nullable(),
  region: z.string().nullable(),
  postalCode: z.string().nullable(),
  country: z.string().nullable(),
});
export type Address = z.infer<typeof Address>;

export const EMPTY_ADDRESS: Address = { line1: null, line2: null, city: null, region: null, postalCode: null, country: null };
