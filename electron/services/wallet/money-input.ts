// Runs in main. Amounts a user types, checked against the wallet's currency (JPY 0 decimals, USD 2, KWD 3).
import { currencyInfo } from '../../../shared/domain/currencies';
import { dec, moneyText, type Dec } from '../../../shared/money/decimal';
import { AppError } from '../errors';

/** Parses decimal text that has at most the currency's minor digits; AppError(invalid_input, field) otherwise. */
export function parseMoney(text: string, currency: string, field: string): Dec {
  const { exponent } = currencyInfo(currency);
  const value = dec(text);
  if (value.decimalPlaces() > exponent) {
    throw new AppError(
      'invalid_input',
      exponent === 0 ? `${currency} amounts are whole numbers (no decimals).` : `${currency} amounts have at most ${exponent} decimal${exponent === 1 ? '' : 's'}.`,
      { field },
    );
  }
  return value;
}

/** parseMoney, then the canonical text stored in the ledger ("100.00", "500", "1.250"). */
export function moneyInput(text: string, currency: string, field: string): string {
  return moneyText(parseMoney(text, currency, field), currency);
}
