// Runs in the CLI. `meterbook stripe status` and `meterbook stripe sync`: the Stripe connection and its outbox
// from a terminal (stripe.status, stripe.syncNow and stripe.outbox). Connecting stays in the app (Settings →
// Stripe) or `meterbook call stripe.connect`, so a key is never typed into a shell history by this command.
import type { CommandOutput } from '../../../shared/contract/commands';
import { EXIT, UsageError, type CliCommand } from '../command';
import { withAppContext } from '../context';
import { requireLedger } from '../invoice-options';
import { printFailure, printJson } from '../io';

const SUBCOMMANDS = ['status', 'sync'] as const;

export const stripeCommand: CliCommand = {
  name: 'stripe',
  args: 'status | sync [--json]',
  summary: 'Show the Stripe connection and its outbox, or send pending changes and poll payments now',
  details: [
    'status   the connected account (test or live), the mode, the outbox counts and the failed items',
    'sync     sends every due outbox item in order per client, then polls payment status of pushed invoices;',
    '         prints what was sent, paid and failed, and the Stripe message of each failed item',
    '--json   the stripe.status (status) or stripe.syncNow (sync) output',
    'Exits 1 when Stripe is not connected, cannot be reached, refused the key or an item failed; 2 on bad arguments.',
    'Test/dev setting: METERBOOK_STRIPE_ENDPOINT=http://127.0.0.1:PORT points Meterbook at a fake Stripe.',
  ],
  options: { json: { type: 'boolean' } },
  async run(inv) {
    const [sub, extra] = inv.positionals;
    if (sub === undefined || !(SUBCOMMANDS as readonly string[]).includes(sub)) {
      throw new UsageError(sub === undefined ? 'Say what to do: meterbook stripe status or meterbook stripe sync.' : `Unknown stripe action "${sub}" (expected status or sync).`);
    }
    if (extra !== undefined) throw new UsageError(`Unexpected argument "${extra}".`);
    await requireLedger(inv);
    const json = inv.values.json === true;
    return withAppContext(inv, 'cli', async (ctx) => {
      const status = await ctx.dispatch('stripe.status', {});
      if (!status.ok) {
        printFailure(inv.io, `stripe ${sub}`, status.error);
        return EXIT.failed;
      }
      if (sub === 'status') {
        if (json) printJson(inv.io, status.data);
        else inv.io.out(formatStatus(status.data));
      } else {
        if (!status.data.connected) {
          inv.io.err('meterbook stripe sync: Stripe is not connected (Settings → Stripe, or meterbook call stripe.connect).\n');
          return EXIT.failed;
        }
        const result = await ctx.dispatch('stripe.syncNow', {});
        if (!result.ok) {
          printFailure(inv.io, 'stripe sync', result.error);
          return EXIT.failed;
        }
        if (json) printJson(inv.io, result.data);
        else inv.io.out(formatSync(result.data));
        if (result.data.message) inv.io.err(`meterbook stripe sync: ${result.data.message}\n`);
      }
      const failed = await ctx.dispatch('stripe.outbox', { status: 'failed', limit: 100 });
      if (failed.ok && !json) {
        for (const item of failed.data.items) inv.io.err(`failed #${item.id} ${item.description}: ${item.lastError ?? 'no message'}\n`);
      }
      const after = sub === 'sync' ? await ctx.dispatch('stripe.status', {}) : status;
      const trouble = after.ok && (after.data.lastError !== null || after.data.outbox.failed > 0);
      return trouble ? EXIT.failed : EXIT.ok;
    });
  },
};

export function formatStatus(s: CommandOutput<'stripe.status'>): string {
  if (!s.connected) return `Stripe is not connected. Outbox: ${s.outbox.pending} pending, ${s.outbox.failed} failed, ${s.outbox.sent} sent.\n`;
  return [
    `Stripe: ${s.accountName ?? s.accountId ?? 'account'} (${s.livemode ? 'live' : 'test'} mode), key ${s.keyHint ?? '?'}, mode ${s.mode}`,
    `Outbox: ${s.outbox.pending} pending, ${s.outbox.failed} failed, ${s.outbox.sent} sent`,
    `Last sync: ${s.lastSyncAt ?? 'never'}; last payment poll: ${s.lastPollAt ?? 'never'}`,
    ...(s.lastError ? [`Problem: ${s.lastError}`] : []),
    '',
  ].join('\n');
}

export function formatSync(r: CommandOutput<'stripe.syncNow'>): string {
  return `Sent ${r.sent}, failed ${r.failed}, still pending ${r.pending}; ${r.paid} invoice${r.paid === 1 ? '' : 's'} marked paid from Stripe.\n`;
}
