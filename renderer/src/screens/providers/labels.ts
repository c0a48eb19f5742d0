// Runs in the renderer (pure). Display names for provider kinds and metric aggregations.
import type { Aggregation, ProviderKind } from '../../../../shared/domain/provider';

export const PROVIDER_KIND_LABELS: Record<ProviderKind, string> = {
  agentclara: 'AgentClara',
  closebot: 'CloseBot',
  voice_sessions: 'Voice sessions',
  twilio: 'Twilio',
  openai: 'OpenAI',
  vapi: 'Vapi',
  retell: 'Retell AI',
  elevenlabs: 'ElevenLabs',
  generic_rest: 'Generic REST',
  file: 'File import',
};

export const AGGREGATION_LABELS: Record<Aggregation, string> = {
  count: 'Count',
  sum: 'Sum',
  max: 'Maximum',
  unique_count: 'Unique count',
  time_weighted: 'Time-weighted',
  session_blocks: 'Session blocks',
};
