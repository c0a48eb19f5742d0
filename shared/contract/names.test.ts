import { describe, expect, it } from 'vitest';
import { commands } from './commands';
import { events } from './events';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel, eventChannel } from './names';

describe('names.ts mirrors the contract maps', () => {
  it('COMMAND_NAMES equals the keys of commands', () => {
    expect([...COMMAND_NAMES].sort()).toEqual(Object.keys(commands).sort());
    expect(new Set(COMMAND_NAMES).size).toBe(COMMAND_NAMES.length);
  });

  it('EVENT_NAMES equals the keys of events', () => {
    expect([...EVENT_NAMES].sort()).toEqual(Object.keys(events).sort());
    expect(new Set(EVENT_NAMES).size).toBe(EVENT_NAMES.length);
  });

  it('command and event channels never collide', () => {
    const channels = [...COMMAND_NAMES.map(commandChannel), ...EVENT_NAMES.map(eventChannel)];
    expect(new Set(channels).size).toBe(channels.length);
  });
});
