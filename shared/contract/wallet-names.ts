// Runs anywhere, including the preload: the wallet command names without zod (a test checks them).
export const WALLET_COMMAND_NAMES = ['wallet.get', 'wallet.topUp', 'wallet.adjust', 'wallet.setRule', 'wallet.actions'] as const;
