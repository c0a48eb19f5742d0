// Runs anywhere. THE contract: command name -> { input, output } schemas.
// Adding a command: add it here, add its name to names.ts (the preload needs the list without zod),
// and register a handler in electron/ipc/handlers.ts. Types flow from here to both sides.
import { z } from 'zod';
import { Agency, AgencyInput } from '../domain/agency';
import { Client, ClientCreateInput, ClientList, ClientListInput, ClientUpdateInput } from '../domain/client';
import { id } from '../domain/fields';
import { ExchangeRate, ExchangeRateSetInput } from '../domain/exchange-rates';
import { Metric, MetricCreateInput, ProviderAccount, UsageTotal, UsageTotalsInput } from '../domain/provider';
import { alertsCommands } from './alerts-commands';
import { importCommands } from './import-commands';
import { lifecycleCommands } from './lifecycle-commands';
import { walletCommands } from './wallet-commands';
import { invoiceCommands } from './invoice-commands';
import { stripeCommands } from './stripe-commands';
import { pricingCommands } from './pricing-commands';
import { usageCommands } from './usage-commands';
import { dashboardCommands } from './dashboard-commands';
import { backupCommands } from './backup-commands';

const none = z.object({}).strict();
const byId = z.object({ id }).strict();

export const AppInfo = z.object({
  version: z.string(),
  /** "electron" or "browser" (loopback bridge) or "cli" */
  mode: z.enum(['electron', 'browser', 'cli']),
  dataDir: z.string(),
  schemaVersion: z.number().int(),
  /** false until the agency profile exists: the renderer shows onboarding */
  onboarded: z.boolean(),
});

export const DemoLoadInput = z
  .object({
    seed: z.number().int().min(0).max(2 ** 31 - 1).default(42),
    /** last day of generated usage (UTC, YYYY-MM-DD); defaults to today */
    endDate: z.iso.date({ error: 'endDate must be a date like 2026-10-31.' }).optional(),
    days: z.number().int().min(1).max(366).default(90),
    /** add the demo's resale plans, subscriptions, trial, pause and tax terms (tests that bring their own plans turn it off) */
    pricing: z.boolean().default(true),
  })
  .strict();
export const DemoSummary = z.object({
  providers: z.number().int(),
  clients: z.number().int(),
  events: z.number().int(),
  from: z.string(),
  to: z.string(),
});

export const commands = {
  'app.info': { input: none, output: AppInfo },
  'agency.get': { input: none, output: Agency.nullable() },
  'agency.save': { input: AgencyInput.strict(), output: Agency },
  'clients.list': { input: ClientListInput.strict(), output: ClientList },
  'clients.get': { input: byId, output: Client },
  'clients.create': { input: ClientCreateInput.strict(), output: Client },
  'clients.update': { input: ClientUpdateInput.strict(), output: Client },
  'clients.archive': { input: byId, output: Client },
  'clients.restore': { input: byId, output: Client },
  'providers.list': { input: none, output: z.array(ProviderAccount) },
  'metrics.list': { input: none, output: z.array(Metric) },
  /** a custom metric (the config of its aggregation is checked by the pricing engine) */
  'metrics.create': { input: MetricCreateInput, output: Metric },
  /** refused for built-ins and for a metric that usage, a plan or a rate card refers to */
  'metrics.delete': { input: byId, output: z.object({ deleted: z.boolean() }) },
  'usage.totals': { input: UsageTotalsInput.strict(), output: z.array(UsageTotal) },
  'demo.load': { input: DemoLoadInput, output: DemoSummary },
  'exchangeRates.list': { input: none, output: z.array(ExchangeRate) },
  /** sets (or with rate null removes) the agency's rate from one currency to another, used for provider costs in margins */
  'exchangeRates.set': { input: ExchangeRateSetInput, output: z.array(ExchangeRate) },
  ...usageCommands,
  ...pricingCommands,
  ...importCommands,
  ...walletCommands,
  ...alertsCommands,
  ...lifecycleCommands,
  ...invoiceCommands,
  ...stripeCommands,
  ...dashboardCommands,
  ...backupCommands,
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
/** What a caller passes (before defaults and transforms). */
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>;
/** What a handler receives (after parsing). */
export type ParsedInput<C extends CommandName> = z.output<Commands[C]['input']>;
export type CommandOutput<C extends CommandName> = z.output<Commands[C]['output']>;
