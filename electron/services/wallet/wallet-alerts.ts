// Runs anywhere (pure). Low-balance alerts of prepaid wallets, for the alerts centre to raise and clear.
import { dec } from '../../../shared/money/decimal';

/** What the alert check needs to know about one wallet (WalletService.alertState() reads it from the ledger). */
export interface WalletAlertState {
  clientId: number;
  currency: string;
  /** money text: the exact sum of the wallet's movements */
  balance: string;
  /** decimal text, or null when the client has no low-balance alert */
  lowBalanceThreshold: string | null;
  /** the wallet rule's switch; a disabled rule raises nothing */
  enabled: boolean;
}

export interface WalletAlert {
  clientId: number;
  kind: 'low_balance';
  currency: string;
  balance: string;
  threshold: string;
}

/**
 * The low-balance alerts that should be open now: one per wallet whose rule is enabled, has a
 * low-balance threshold, and whose balance is strictly below it. Pure and idempotent: call it after any
 * wallet change (or on a timer) and diff against the open alerts — a client missing from the result
 * has recovered and its alert can be cleared.
 *
 * @example
 * walletAlertsFor([{ clientId: 7, currency: 'USD', balance: '4.50', lowBalanceThreshold: '10', enabled: true }])
 * // -> [{ clientId: 7, kind: 'low_balance', currency: 'USD', balance: '4.50', threshold: '10' }]
 */
export function walletAlertsFor(state: readonly WalletAlertState[]): WalletAlert[] {
  const alerts: WalletAlert[] = [];
  for (const w of state) {
    if (!w.enabled || w.lowBalanceThreshold === null) continue;
    if (dec(w.balance).lessThan(dec(w.lowBalanceThreshold))) {
      alerts.push({ clientId: w.clientId, kind: 'low_balance', currency: w.currency, balance: w.balance, threshold: w.lowBalanceThreshold });
    }
  }
  return alerts;
}
