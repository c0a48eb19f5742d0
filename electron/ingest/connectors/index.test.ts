import { describe, expect, it } from 'vitest';
import { PROVIDER_KINDS } from '../../../shared/domain/provider';
import { BUILT_IN_CONNECTORS, connectorFor } from './index';

describe('built-in connectors', () => {
  it('exist for the API provider kinds, each with credentials, a config schema with defaults, and docs', () => {
    expect(BUILT_IN_CONNECTORS.map((c) => c.kind)).toEqual(['twilio', 'openai', 'vapi', 'retell', 'elevenlabs', 'generic_rest']);
    for (const c of BUILT_IN_CONNECTORS) {
      expect(PROVIDER_KINDS).toContain(c.kind);
      expect(c.credentialFields.some((f) => f.secret)).toBe(true);
      expect(connectorFor(c.kind)).toBe(c);
      if (c.kind !== 'generic_rest') {
        expect(c.docsUrl).toMatch(/^https:\/\//);
        expect(c.configSchema.safeParse({}).success).toBe(true);
      }
    }
    expect(connectorFor('file')).toBeUndefined();
  });
});
