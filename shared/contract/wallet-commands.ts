// Runs anywhere. Contract commands for account controls: wallet (prepaid balance per client).
import { z } from 'zod';
import {
  WalletActionList,
  WalletActionsInput,
  WalletAdjustInput,
  WalletGetInput,
  WalletMovementResult,
  WalletRule,
  WalletSetRuleInput,
  WalletTopUpInput,
  WalletView,
} from '../domain/wallet';

export const walletCommands = {
  /** balance (exact sum of movements), movements latest first (paged), the rule and pending actions */
  'wallet.get': { input: WalletGetInput, output: WalletView },
  /** money received from the client; refused for archived clients and amounts finer than the currency allows */
  'wallet.topUp': { input: WalletTopUpInput, output: WalletMovementResult },
  /** a correction: a new signed movement with a reason (movements are never edited); cannot make the balance negative */
  'wallet.adjust': { input: WalletAdjustInput, output: WalletMovementResult },
  /** low-balance alert threshold and auto-reload threshold/amount */
  'wallet.setRule': { input: WalletSetRuleInput, output: WalletRule },
  /** auto reloads recorded by the rule (pending until Stripe executes them) */
  'wallet.actions': { input: WalletActionsInput, output: WalletActionList },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
