import { describe, expect, it } from 'vitest';
import { COMMAND_NAMES, EVENT_NAMES, commandChannel, eventChannel } from '../../shared/contract/names';
import { buildMeterbookApi, type IpcRendererLike } from './build-api';

type Listener = (event: unknown, ...args: unknown[]) => void;

class FakeIpcRenderer implements IpcRendererLike {
  readonly invoked: Array<{ channel: string; args: unknown[] }> = [];
  readonly listeners = new Map<string, Set<Listener>>();
  async invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    this.invoked.push({ channel, args });
    return { ok: true, data: channel };
  }
  on(channel: string, listener: Listener): this {
    if (!this.listeners.has(channel)) this.listeners.set(channel, new Set());
    this.listeners.get(channel)!.add(listener);
    return this;
  }
  removeListener(channel: string, listener: Listener): this {
    this.listeners.get(channel)?.delete(listener);
    return this;
  }
  emit(channel: string, payload: unknown): void {
    const fakeEvent = { sender: 'the ipcRenderer itself', ports: [] };
    for (const l of this.listeners.get(channel) ?? []) l(fakeEvent, payload);
  }
}

describe('buildMeterbookApi', () => {
  it('exposes exactly one function per command and one subscriber per event, nothing generic', () => {
    const api = buildMeterbookApi(new FakeIpcRenderer());
    expect(Object.keys(api).sort()).toEqual(['commands', 'events']);
    expect(Object.keys(api.commands).sort()).toEqual([...COMMAND_NAMES].sort());
    expect(Object.keys(api.events).sort()).toEqual([...EVENT_NAMES].sort());
    for (const fn of [...Object.values(api.commands), ...Object.values(api.events)]) expect(typeof fn).toBe('function');
    for (const generic of ['invoke', 'send', 'on', 'ipcRenderer']) {
      expect(api).not.toHaveProperty(generic);
      expect(api.commands).not.toHaveProperty(generic);
    }
    expect(Object.isFrozen(api) && Object.isFrozen(api.commands) && Object.isFrozen(api.events)).toBe(true);
  });

  it('each command invokes its own channel with only the input', async () => {
    const ipc = new FakeIpcRenderer();
    const api = buildMeterbookApi(ipc);
    const res = await api.commands['clients.get']({ id: 3 });
    expect(res).toEqual({ ok: true, data: commandChannel('clients.get') });
    // extra arguments a page might pass are not forwarded
    await (api.commands['app.info'] as (...a: unknown[]) => Promise<unknown>)({}, 'extra');
    expect(ipc.invoked).toEqual([
      { channel: commandChannel('clients.get'), args: [{ id: 3 }] },
      { channel: commandChannel('app.info'), args: [{}] },
    ]);
  });

  it('event listeners receive only the payload and can unsubscribe', () => {
    const ipc = new FakeIpcRenderer();
    const api = buildMeterbookApi(ipc);
    const seen: unknown[][] = [];
    const off = api.events['data.changed']((...args: unknown[]) => seen.push(args));
    ipc.emit(eventChannel('data.changed'), { tables: ['clients'] });
    ipc.emit(eventChannel('job.progress'), { jobId: 'x' });
    off();
    off(); // idempotent
    ipc.emit(eventChannel('data.changed'), { tables: ['agency'] });
    expect(seen).toEqual([[{ tables: ['clients'] }]]);
    expect(ipc.listeners.get(eventChannel('data.changed'))?.size).toBe(0);
  });

  it('refuses a non-function listener', () => {
    const api = buildMeterbookApi(new FakeIpcRenderer());
    expect(() => (api.events['alert.raised'] as (l: unknown) => unknown)('nope')).toThrow(TypeError);
  });
});
