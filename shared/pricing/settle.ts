// Runs anywhere. Removes representation error before the one money rounding.
//
// Divisions by 3,600,000 (ms per hour), by 60 or by a period's length give exact rationals that are not
// terminating decimals (1 s = 0.000277… h); Dec holds them to 60 significant digits. A product such as
// 60,000 seat-seconds × $0.0069/h is exactly $0.115, but computed as 0.11499999…(60 digits), and rounding that
// half-up to cents would give 0.11 instead of 0.12. Every quantity and price in Meterbook is a rational whose
// denominator is far below 10^25, so a true amount that is not exactly on a half-minor-unit boundary lies at
// least 10^-25 away from it, while the working error is below 10^-45. Rounding to 30 decimal places first
// ("settling") therefore restores exact boundaries without ever moving a value across one.
import { Dec } from '../money/decimal';

export const SETTLE_DECIMALS = 30;

export function settle(x: Dec): Dec {
  return x.toDecimalPlaces(SETTLE_DECIMALS, Dec.ROUND_HALF_UP);
}
