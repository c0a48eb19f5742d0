// Runs anywhere. Contract commands for account controls: lifecycle (licenses, pauses, trials, plan changes).
import { z } from 'zod';
import { id } from '../domain/fields';
import { ChangePlanInput, License, LicenseGrantInput, LicenseRevokeInput, Pause, PauseEndInput, PauseStartInput, StartTrialInput, TrialDefaults } from '../domain/lifecycle';
import { Subscription } from '../domain/pricing';

const byClient = z.object({ clientId: id }).strict();

export const lifecycleCommands = {
  /** every license of the client, newest first, revoked ones included */
  'licenses.list': { input: byClient, output: z.array(License) },
  'licenses.grant': { input: LicenseGrantInput, output: License },
  'licenses.revoke': { input: LicenseRevokeInput, output: License },
  'pauses.list': { input: byClient, output: z.array(Pause) },
  /** refused when it overlaps another pause (the message names it) */
  'pauses.start': { input: PauseStartInput, output: Pause },
  /** resumes: sets the end of an open pause */
  'pauses.end': { input: PauseEndInput, output: Pause },
  'trials.getDefaults': { input: z.object({}).strict(), output: TrialDefaults },
  'trials.setDefaults': { input: TrialDefaults, output: TrialDefaults },
  /** a new client's first subscription, in a trial until `trialEnd` (exclusive) */
  'subscriptions.startTrial': { input: StartTrialInput, output: Subscription },
  /** the new subscription (immediate: from the change day; next_cycle: scheduled at the next period start) */
  'subscriptions.changePlan': { input: ChangePlanInput, output: Subscription },
  /** removes a scheduled (not yet started) change; answers the subscription that stays open */
  'subscriptions.cancelScheduled': { input: z.object({ id }).strict(), output: Subscription },
} as const satisfies Record<string, { input: z.ZodType; output: z.ZodType }>;
