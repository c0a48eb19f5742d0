// Runs anywhere. Exchange rates the agency sets so provider costs in one currency count in the margin of a
// plan billed in another (e.g. USD provider costs of a EUR client). Rates are the agency's own figures,
// never fetched: 1 unit of `from` = `rate` units of `to`.
import { z } from 'zod';
import { isDecimalText } from '../money/decimal';
import { currencyCode } from './fields';

export const ExchangeRate = z.object({ from: z.string(), to: z.string(), rate: z.string(), updatedAt: z.string() });
export type ExchangeRate = z.infer<typeof ExchangeRate>;

export const ExchangeRateSetInput = z
  .object({
    from: currencyCode,
    to: currencyCode,
    /** units of `to` per 1 `from`, decimal text > 0; null removes the rate */
    rate: z
      .string()
      .trim()
      .refine((s) => isDecimalText(s) && !/^-/.test(s) && !/^0(\.0*)?$/.test(s), { error: 'Enter the rate as a positive decimal number (e.g. 0.92).' })
      .nullable(),
  })
  .strict()
  .refine((r) => r.from !== r.to, { error: 'Choose two different currencies.', path: ['to'] });
