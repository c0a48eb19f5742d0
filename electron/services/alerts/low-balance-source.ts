// Runs in main. The wallet's low-balance check as an AlertSource: a client whose enabled wallet rule has a
// low-balance threshold and whose balance is strictly below it (wallet/wallet-alerts.ts walletAlertsFor) gets a
// "low_balance" alert, at most once per calendar month (UTC) while it stays low.
import type { AppContextDeps } from '../app-deps';
import { WalletService } from '../wallet/wallet-service';
import type { AlertCandidate, AlertSource } from './alert-source';

export function lowBalanceSource(deps: Pick<AppContextDeps, 'ledger' | 'clock' | 'bus'>): AlertSource {
  const wallet = new WalletService(deps);
  let cache: { at: number; alerts: Awaited<ReturnType<WalletService['lowBalanceClients']>> } | null = null;
  return {
    name: 'wallet.lowBalance',
    async candidates({ clientId, clientName, now }): Promise<AlertCandidate[]> {
      // one read of every wallet per evaluation instant, not one per client
      if (cache?.at !== now.getTime()) cache = { at: now.getTime(), alerts: await wallet.lowBalanceClients() };
      return cache.alerts
        .filter((a) => a.clientId === clientId)
        .map((a) => ({
          kind: 'low_balance',
          metricKey: null,
          periodLabel: now.toISOString().slice(0, 7),
          threshold: null,
          title: `${clientName}: wallet balance is low`,
          body: `The prepaid balance is ${a.balance} ${a.currency}, below the alert threshold of ${a.threshold} ${a.currency}. Top up the wallet.`,
          data: { balance: a.balance, threshold: a.threshold, currency: a.currency },
        }));
    },
  };
}
