// Runs anywhere. The agency's own profile (one per workspace).
import { z } from 'zod';
import { Address, AddressInput } from './address';
import { currencyCode, localeTag, optionalEmail, optionalText, requiredText, timeZone } from './fields';

export const AgencyInput = z.object({
  name: requiredText("the agency's name", 200),
  contactName: optionalText('Contact name', 200),
  email: optionalEmail('Email'),
  phone: optionalText('Phone', 50),
  website: optionalText('Website', 200),
  address: AddressInput.optional().transform((a) => a ?? AddressInput.parse({})),
  taxId: optionalText('Tax id', 50),
  /** default currency for new clients and reports */
  currency: currencyCode,
  /** billing periods are computed in this zone unless a client overrides it */
  timeZone,
  /** number, currency and date formatting */
  locale: localeTag.default('en-US'),
});
export type AgencyInput = z.input<typeof AgencyInput>;

export const Agency = z.object({
  name: z.string(),
  contactName: z.string().nullable(),
  email: z.string().nullable(),
  phone: z.string().nullable(),
  website: z.string().nullable(),
  address: Address,
  taxId: z.string().nullable(),
  currency: z.string(),
  timeZone: z.string(),
  locale: z.string(),
  updatedAt: z.string(),
});
export type Agency = z.infer<typeof Agency>;
