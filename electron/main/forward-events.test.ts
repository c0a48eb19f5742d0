import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { eventChannel } from '../../shared/contract/names';
import { openAppContext } from '../services/app-context';
import { EventBus } from '../services/event-bus';
import { silentLogger } from '../services/logger';
import { forwardBusEvents, type EventTarget } from './forward-events';

class FakeWebContents implements EventTarget {
  readonly sent: Array<[string, ...unknown[]]> = [];
  destroyed = false;
  isDestroyed() {
    return this.destroyed;
  }
  send(channel: string, ...args: unknown[]) {
    this.sent.push([channel, ...args]);
  }
}

describe('forwardBusEvents', () => {
  it('sends each event on its contract channel with the payload only, skipping closed windows', () => {
    const bus = new EventBus();
    const open = new FakeWebContents();
    const closed = Object.assign(new FakeWebContents(), { destroyed: true });
    const stop = forwardBusEvents(bus, () => [open, closed]);
    bus.changed('clients');
    stop();
    bus.changed('agency');
    expect(open.sent).toEqual([[eventChannel('data.changed'), { tables: ['clients'] }]]);
    expect(closed.sent).toEqual([]);
  });

  it('forwards the data.changed event of a real write', async () => {
    const dataDir = await mkdtemp(path.join(tmpdir(), 'meterbook-events-'));
    const ctx = await openAppContext({ dataDir, mode: 'electron', logger: silentLogger });
    try {
      const win = new FakeWebContents();
      forwardBusEvents(ctx.bus, () => [win]);
      const res = await ctx.dispatch('clients.create', { name: 'Acme', currency: 'EUR' });
      expect(res.ok).toBe(true);
      expect(win.sent.some(([channel, payload]) => channel === eventChannel('data.changed') && (payload as { tables: string[] }).tables.includes('clients'))).toBe(
        true,
      );
    } finally {
      await ctx.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
