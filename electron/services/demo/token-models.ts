// Runs anywhere. List prices of the AI models the demo's chat agents run on, and the exact cost of
// a number of tokens. Prices are USD per million tokens, as decimal text; costs are exact decimals.
import { Dec, dec, decText } from '../../../shared/money/decimal';

export const TOKEN_MODELS = {
  'gpt-4o': { input: '2.50', output: '10.00' },
  'gpt-4o-mini': { input: '0.15', output: '0.60' },
  'gpt-4.1': { input: '2.00', output: '8.00' },
  'gpt-4.1-mini': { input: '0.40', output: '1.60' },
} as const;

export type TokenModel = keyof typeof TOKEN_MODELS;

/** A price per million tokens as a whole number of millionths of a dollar ("2.50" -> 2500000). */
function micros(price: string): number {
  const m = dec(price).times(1_000_000);
  if (!m.isInteger()) throw new Error(`Token price ${price} has more than six decimals`);
  return m.toNumber();
}

const MICROS = Object.fromEntries(
  Object.entries(TOKEN_MODELS).map(([model, p]) => [model, { input: micros(p.input), output: micros(p.output) }]),
) as Record<TokenModel, { input: number; output: number }>;

/** 10^12: millionths of a dollar per million tokens */
const SCALE = new Dec(10).pow(12);

/** Exact USD cost of `input` + `output` tokens on `model`, as canonical decimal text ("0.00054"). */
export function tokenCost(model: TokenModel, input: number, output: number): string {
  const p = MICROS[model];
  // integer arithmetic: tokens times millionths of a dollar per million tokens
  const numerator = input * p.input + output * p.output;
  if (!Number.isSafeInteger(numerator)) throw new Error(`Token count too large for exact pricing: ${input} + ${output}`);
  return decText(new Dec(numerator).div(SCALE));
}
