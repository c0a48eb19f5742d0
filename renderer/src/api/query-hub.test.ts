import { describe, expect, it } from 'vitest';
import { affects, EVERY_TABLE, QueryHub } from './query-hub';

describe('affects', () => {
  it('matches when a written table is read', () => {
    expect(affects(['clients'], ['clients'])).toBe(true);
    expect(affects(['usage_events', 'metrics'], ['agency', 'metrics'])).toBe(true);
    expect(affects(['clients'], ['agency'])).toBe(false);
    expect(affects(['clients'], [])).toBe(false);
  });

  it('treats "*" as every table', () => {
    expect(affects(['clients'], [EVERY_TABLE])).toBe(true);
    expect(affects([EVERY_TABLE], ['anything'])).toBe(true);
  });
});

describe('QueryHub', () => {
  const manual = () => {
    const queue: Array<() => void> = [];
    return { schedule: (fn: () => void) => void queue.push(fn), flush: () => queue.splice(0).forEach((fn) => fn()) };
  };

  it('reloads only the queries reading a changed table', () => {
    const s = manual();
    const hub = new QueryHub(s.schedule);
    const calls: string[] = [];
    hub.register(['clients'], () => calls.push('clients'));
    hub.register(['agency'], () => calls.push('agency'));
    hub.register(['usage_events', 'clients'], () => calls.push('usage'));
    hub.notify(['clients']);
    expect(calls).toEqual([]); // batched until the scheduler fires
    s.flush();
    expect(calls).toEqual(['clients', 'usage']);
  });

  it('reloads each query once for a burst of events', () => {
    const s = manual();
    const hub = new QueryHub(s.schedule);
    let n = 0;
    hub.register(['clients', 'agency'], () => n++);
    hub.notify(['clients']);
    hub.notify(['agency']);
    hub.notify(['clients', 'usage_events']);
    s.flush();
    expect(n).toBe(1);
    hub.notify(['agency']);
    s.flush();
    expect(n).toBe(2);
  });

  it('stops reloading after unregister, even mid-flush', () => {
    const s = manual();
    const hub = new QueryHub(s.schedule);
    const calls: string[] = [];
    let offB = () => {};
    hub.register(['t'], () => {
      calls.push('a');
      offB();
    });
    offB = hub.register(['t'], () => calls.push('b'));
    hub.notify(['t']);
    s.flush();
    expect(calls).toEqual(['a']);
    expect(hub.size).toBe(1);
  });
});
