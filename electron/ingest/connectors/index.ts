// Runs in main. The built-in provider connectors, by ProviderKind.
import type { Connector } from './connector';
import { elevenLabsConnector } from './elevenlabs';
import { genericRestConnector } from './generic-rest';
import { openaiConnector } from './openai';
import { retellConnector } from './retell';
import { twilioConnector } from './twilio';
import { vapiConnector } from './vapi';

export type { Connector, ConnectorContext, CredentialField, Page, TestResult } from './connector';

export const BUILT_IN_CONNECTORS: readonly Connector[] = [twilioConnector, openaiConnector, vapiConnector, retellConnector, elevenLabsConnector, genericRestConnector];

/** The connector for a provider kind, or undefined for kinds synced another way (file imports, demo platforms). */
export function connectorFor(kind: string): Connector | undefined {
  return BUILT_IN_CONNECTORS.find((c) => c.kind === kind);
}
