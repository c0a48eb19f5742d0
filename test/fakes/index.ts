// Test helper (Node only). Fake provider servers on 127.0.0.1, written from each provider's documented wire
// format, for connector, integration and e2e tests. Each start function resolves to
// { url, close(), requests, setBehaviour(...) } plus provider-specific data accessors.
export { faults, raw, startFakeServer, type Behaviour, type Fault, type FakeServer, type RecordedRequest } from './fake-server';
export { startFakeTwilio, type FakeTwilio, type FakeTwilioOptions } from './twilio';
export { startFakeOpenAI, type FakeOpenAI, type FakeOpenAIOptions } from './openai';
export { startFakeVapi, type FakeVapi, type FakeVapiOptions } from './vapi';
export { startFakeRetell, type FakeRetell, type FakeRetellOptions } from './retell';
export { startFakeElevenLabs, type FakeElevenLabs, type FakeElevenLabsOptions } from './elevenlabs';
export { GENERIC_REST_FIELDS, genericRestSettings, startFakeGenericRest, type FakeGenericRest, type FakeGenericRestOptions } from './generic-rest';
export { memoryLogger, recordingSleep, syncAll, testContext, uniqueIds, type SyncResult } from './connector-harness';
