// Runs in main (Node). Meterbook amounts (exact decimals, ISO 4217 minor units) <-> Stripe API amounts
// (integers in the unit Stripe calls "smallest"), the only place that conversion happens.
//
// Stripe's unit is ISO's except where Stripe documents otherwise (docs.stripe.com/currencies):
// - zero-decimal currencies are sent in whole units: BIF CLP DJF GNF JPY KMF KRW MGA PYG RWF UGX VND VUV XAF XOF
//   XPF. MGA has two ISO decimals, so an MGA amount must be whole ariary to reach Stripe.
// - ISK stays two-decimal in the API (100 = 1 króna) although ISO gives it none: whole krónur x 100.
// - three-decimal currencies (BHD JOD KWD OMR TND) are sent in thousandths (fils, baisa, millimes). Stripe's
//   payment flows (PaymentIntents, refunds, disputes) need the last digit to be 0. Meterbook's decision:
//   invoice items and credit notes carry the exact thousandths of Meterbook's issued invoice, so Stripe's invoice
//   equals our PDF to the fil; a direct charge (chargeCustomer) of an amount not ending in 0 is refused before
//   anything is sent (assertChargeable), because silently rounding what a client is charged is not ours to do.
import { currencyInfo } from '../../shared/domain/currencies';
import { Dec, dec, toMinorUnits } from '../../shared/money/decimal';
import { StripeGatewayError } from './stripe-error';

const ZERO_DECIMAL = new Set(['BIF', 'CLP', 'DJF', 'GNF', 'JPY', 'KMF', 'KRW', 'MGA', 'PYG', 'RWF', 'UGX', 'VND', 'VUV', 'XAF', 'XOF', 'XPF']);
const THREE_DECIMAL = new Set(['BHD', 'JOD', 'KWD', 'OMR', 'TND']);

/** Digits after the decimal point of the integer Stripe expects: JPY 0, USD 2, ISK 2, KWD 3. */
export function stripeExponent(currency: string): number {
  const code = currency.toUpperCase();
  if (ZERO_DECIMAL.has(code)) return 0;
  if (code === 'ISK') return 2;
  return currencyInfo(code).exponent;
}

/**
 * An exact amount in major units ("12.34" USD, "1234" JPY, "1.234" KWD) as Stripe's integer (1234, 1234, 1234).
 * Throws StripeGatewayError (permanent) for amounts finer than the currency's minor unit (round them where
 * Meterbook rounds, per invoice line, before they get here) and for integers JavaScript cannot hold exactly.
 */
export function toStripeAmount(amount: Dec | string, currency: string): number {
  const code = currency.toUpperCase();
  const value = dec(amount);
  const iso = currencyInfo(code).exponent;
  const exp = stripeExponent(code);
  const places = Math.min(iso, exp);
  if (value.decimalPlaces() > places) {
    const allowed = places === 0 ? 'no decimals' : `at most ${places} decimals`;
    throw new StripeGatewayError('permanent', `${value.toFixed()} ${code} cannot be sent to Stripe: ${code} amounts have ${allowed} there.`, 'amount_precision');
  }
  let minor = toMinorUnits(value, code);
  if (exp > iso) minor *= 10n ** BigInt(exp - iso);
  if (exp < iso) minor /= 10n ** BigInt(iso - exp);
  if (minor > BigInt(Number.MAX_SAFE_INTEGER) || minor < -BigInt(Number.MAX_SAFE_INTEGER)) {
    throw new StripeGatewayError('permanent', `${value.toFixed()} ${code} is too large to send to Stripe.`, 'amount_too_large');
  }
  return Number(minor);
}

/** Stripe's integer back to an exact amount in major units: (1234, 'KWD') -> 1.234. */
export function fromStripeAmount(amount: number, currency: string): Dec {
  if (!Number.isSafeInteger(amount)) throw new Error(`Stripe amount ${amount} is not a safe integer.`);
  return new Dec(amount).div(new Dec(10).pow(stripeExponent(currency)));
}

/** Stripe's documented rules for amounts taken in a payment (PaymentIntents), beyond the conversion itself. */
export function assertChargeable(stripeAmount: number, currency: string): void {
  const code = currency.toUpperCase();
  if (stripeAmount < 1) throw new StripeGatewayError('permanent', 'A charge must be a positive amount.', 'amount_too_small');
  if (THREE_DECIMAL.has(code) && stripeAmount % 10 !== 0) {
    const major = fromStripeAmount(stripeAmount, code).toFixed(3);
    throw new StripeGatewayError(
      'permanent',
      `Stripe charges ${code} only in multiples of 0.010 ${code}; ${major} ${code} must be rounded to a multiple of 0.010 first.`,
      'amount_three_decimal',
    );
  }
  if (code === 'ISK' && stripeAmount % 100 !== 0) {
    throw new StripeGatewayError('permanent', 'Stripe charges ISK only in whole krónur.', 'amount_isk_whole');
  }
}
