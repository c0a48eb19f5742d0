// Runs anywhere. The client (a customer of the agency) as the contract sees it.
import { z } from 'zod';
import { Address, AddressInput } from './address';
import { currencyCode, id, optionalEmail, optionalText, optionalTimeZone, requiredText } from './fields';

export const CLIENT_STATUSES = ['active', 'trial', 'paused'] as const;
export const ClientStatus = z.enum(CLIENT_STATUSES, { error: 'Status must be active, trial or paused.' });
export type ClientStatus = z.infer<typeof ClientStatus>;

export const ClientFields = z.object({
  name: requiredText("the client's name", 200),
  contactName: optionalText('Contact name', 200),
  billingEmail: optionalEmail('Billing email'),
  phone: optionalText('Phone', 50),
  address: AddressInput.optional().transform((a) => a ?? AddressInput.parse({})),
  taxId: optionalText('Tax id', 50),
  currency: currencyCode,
  /** null: use the agency's time zone */
  timeZone: optionalTimeZone,
  notes: optionalText('Notes', 5000),
});

export const ClientCreateInput = ClientFields.extend({ status: ClientStatus.default('active') });
export type ClientCreateInput = z.input<typeof ClientCreateInput>;

export const ClientUpdateInput = z.object({ id }).extend(ClientFields.partial().shape).extend({ status: ClientStatus.optional() });
export type ClientUpdateInput = z.input<typeof ClientUpdateInput>;

export const Client = z.object({
  id: z.number(),
  name: z.string(),
  contactName: z.string().nullable(),
  billingEmail: z.string().nullable(),
  phone: z.string().nullable(),
  address: Address,
  taxId: z.string().nullable(),
  currency: z.string(),
  timeZone: z.string().nullable(),
  status: ClientStatus,
  archived: z.boolean(),
  archivedAt: z.string().nullable(),
  notes: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Client = z.infer<typeof Client>;

export const ClientListInput = z.object({
  search: z.string().trim().max(200, { error: 'Search text must be at most 200 characters.' }).optional(),
  show: z.enum(['current', 'archived', 'all']).default('current'),
  limit: z.number().int().min(1).max(500, { error: 'At most 500 clients per page.' }).default(100),
  offset: z.number().int().min(0).default(0),
});
export type ClientListInput = z.input<typeof ClientListInput>;

export const ClientList = z.object({ items: z.array(Client), total: z.number().int() });
export type ClientList = z.infer<typeof ClientList>;
