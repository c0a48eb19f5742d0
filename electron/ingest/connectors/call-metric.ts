// Runs in main. The metric a call-based connector (Vapi, Retell) books each call under.
import { z } from 'zod';

/**
 * call_seconds: quantity = billed seconds; voice_sessions: quantity = seconds too (the ledger cuts them into
 * 15-minute blocks from attrs.durationSeconds); interactions: quantity = 1 per call.
 */
export const CallMetric = z.enum(['call_seconds', 'voice_sessions', 'interactions']);
export type CallMetric = z.infer<typeof CallMetric>;

export function callQuantity(metric: CallMetric, seconds: number): number {
  return metric === 'interactions' ? 1 : seconds;
}
