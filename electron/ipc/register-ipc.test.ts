import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { COMMAND_NAMES, commandChannel } from '../../shared/contract/names';
import type { Result } from '../../shared/contract/result';
import { openAppContext, type AppContext } from '../services/app-context';
import { silentLogger } from '../services/logger';
import { createDispatcher, type Dispatch, type Handlers } from './dispatcher';
import { registerIpc, type InvokeEventLike, type InvokeHandler, type IpcMainLike } from './register-ipc';
import { createSenderCheck } from './sender-check';

const APP_ORIGIN = 'app://meterbook';
const TRUSTED: InvokeEventLike = { senderFrame: { url: 'app://meterbook/index.html#/clients', parent: null } };

/** An in-memory ipcMain: records handlers and lets a test invoke a channel like a renderer would. */
class FakeIpcMain implements IpcMainLike {
  readonly handlers = new Map<string, InvokeHandler>();
  handle(channel: string, listener: InvokeHandler): void {
    if (this.handlers.has(channel)) throw new Error(`second handler for ${channel}`);
    this.handlers.set(channel, listener);
  }
  removeHandler(channel: string): void {
    this.handlers.delete(channel);
  }
  invoke(channel: string, event: InvokeEventLike, ...args: unknown[]): Promise<Result<unknown>> {
    const handler = this.handlers.get(channel);
    if (!handler) throw new Error(`No handler registered for '${channel}'`);
    return handler(event, ...args);
  }
}

const validClient = { name: 'Acme Dental', currency: 'usd', billingEmail: 'billing@acme.example' };

describe('registerIpc with a real AppContext', () => {
  let dataDir: string;
  let ctx: AppContext;
  let ipc: FakeIpcMain;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'meterbook-ipc-'));
    ctx = await openAppContext({ dataDir, mode: 'electron', logger: silentLogger });
    ipc = new FakeIpcMain();
    registerIpc({ ipcMain: ipc, dispatch: ctx.dispatch, isTrustedSender: createSenderCheck(APP_ORIGIN), logger: silentLogger });
  });

  afterEach(async () => {
    await ctx.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('registers exactly one handler per command of the contract', () => {
    expect([...ipc.handlers.keys()].sort()).toEqual(COMMAND_NAMES.map(commandChannel).sort());
  });

  it('runs a command from the app page and returns the Result envelope', async () => {
    const info = await ipc.invoke(commandChannel('app.info'), TRUSTED, {});
    expect(info).toMatchObject({ ok: true, data: { mode: 'electron', dataDir, onboarded: false } });

    const created = await ipc.invoke(commandChannel('clients.create'), TRUSTED, validClient);
    expect(created).toMatchObject({ ok: true, data: { name: 'Acme Dental', currency: 'USD' } });
    const list = await ipc.invoke(commandChannel('clients.list'), TRUSTED, {});
    expect(list).toMatchObject({ ok: true, data: { total: 1 } });
  });

  it('rejects input that fails its schema with invalid_input and never calls the service', async () => {
    const create = vi.spyOn(ctx.services.clients, 'create');
    const res = await ipc.invoke(commandChannel('clients.create'), TRUSTED, { ...validClient, billingEmail: 'not-an-email' });

    expect(res.ok).toBe(false);
    if (res.ok) return;
    expect(res.error.code).toBe('invalid_input');
    expect(res.error.field).toBe('billingEmail');
    expect(res.error.message).toMatch(/not a valid email/);
    expect(create).not.toHaveBeenCalled();
    expect(await ipc.invoke(commandChannel('clients.list'), TRUSTED, { show: 'all' })).toMatchObject({ ok: true, data: { items: [], total: 0 } });
  });

  it('rejects unknown fields and wrong types (strict schemas) without touching the ledger', async () => {
    const create = vi.spyOn(ctx.services.clients, 'create');
    const extra = await ipc.invoke(commandChannel('clients.create'), TRUSTED, { ...validClient, isAdmin: true });
    const wrongType = await ipc.invoke(commandChannel('clients.create'), TRUSTED, { ...validClient, name: 42 });
    const notAnObject = await ipc.invoke(commandChannel('clients.create'), TRUSTED, 'DROP TABLE clients');
    for (const res of [extra, wrongType, notAnObject]) expect(res).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    expect(create).not.toHaveBeenCalled();
  });

  it('refuses untrusted senders with forbidden and leaves the ledger unchanged', async () => {
    const create = vi.spyOn(ctx.services.clients, 'create');
    const untrusted: InvokeEventLike[] = [
      { senderFrame: { url: 'file:///tmp/index.html', parent: null } },
      { senderFrame: { url: 'http://evil.example/', parent: null } },
      { senderFrame: { url: 'app://meterbook.evil.example/index.html', parent: null } },
      // a subframe, even one claiming the app origin
      { senderFrame: { url: 'app://meterbook/index.html', parent: { url: 'app://meterbook/index.html' } } },
      { senderFrame: null },
      {},
    ];
    for (const event of untrusted) {
      const res = await ipc.invoke(commandChannel('clients.create'), event, validClient);
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(create).not.toHaveBeenCalled();
    expect(await ctx.dispatch('clients.list', { show: 'all' })).toMatchObject({ ok: true, data: { total: 0 } });
  });

  it('ignores extra arguments beyond the input', async () => {
    const res = await ipc.invoke(commandChannel('clients.create'), TRUSTED, validClient, { smuggled: true });
    expect(res.ok).toBe(true);
  });
});

describe('registerIpc with a spy dispatch', () => {
  type LooseDispatch = (name: string, rawInput: unknown) => Promise<Result<unknown>>;
  const setup = (dispatch: LooseDispatch) => {
    const ipc = new FakeIpcMain();
    const logger = { info: vi.fn(), warn: vi.fn(), error: vi.fn() };
    const unregister = registerIpc({ ipcMain: ipc, dispatch: dispatch as Dispatch, isTrustedSender: createSenderCheck(APP_ORIGIN), logger });
    return { ipc, logger, unregister };
  };

  it('does not dispatch for an untrusted sender and logs the refusal', async () => {
    const dispatch = vi.fn<LooseDispatch>(async () => ({ ok: true, data: null }));
    const { ipc, logger } = setup(dispatch);
    for (const name of COMMAND_NAMES) {
      const res = await ipc.invoke(commandChannel(name), { senderFrame: { url: 'https://evil.example/', parent: null } }, {});
      expect(res).toMatchObject({ ok: false, error: { code: 'forbidden' } });
    }
    expect(dispatch).not.toHaveBeenCalled();
    expect(logger.warn).toHaveBeenCalledTimes(COMMAND_NAMES.length);
  });

  it('passes the command name and input through for the app page', async () => {
    const dispatch = vi.fn<LooseDispatch>(async () => ({ ok: true, data: 'x' }));
    const { ipc } = setup(dispatch);
    await ipc.invoke(commandChannel('clients.get'), TRUSTED, { id: 7 });
    expect(dispatch).toHaveBeenCalledWith('clients.get', { id: 7 });
  });

  it('maps a throwing dispatch to an internal error instead of rejecting the invoke', async () => {
    const { ipc, logger } = setup(async () => {
      throw new Error('boom');
    });
    const res = await ipc.invoke(commandChannel('app.info'), TRUSTED, {});
    expect(res).toMatchObject({ ok: false, error: { code: 'internal' } });
    expect(res.ok || res.error.message).not.toMatch(/boom/);
    expect(logger.error).toHaveBeenCalled();
  });

  it('unregister removes every handler', () => {
    const { ipc, unregister } = setup(async () => ({ ok: true, data: null }));
    unregister();
    expect(ipc.handlers.size).toBe(0);
  });
});

describe('createDispatcher validates before calling a handler', () => {
  const spyHandlers = () => {
    const handlers = Object.fromEntries(COMMAND_NAMES.map((n) => [n, vi.fn(async () => null)])) as unknown as Handlers &
      Record<string, ReturnType<typeof vi.fn>>;
    return handlers;
  };

  it('never invokes the handler when the input fails its schema', async () => {
    const handlers = spyHandlers();
    const dispatch = createDispatcher(handlers, silentLogger);
    const bad: Array<[string, unknown]> = [
      ['clients.create', { name: 'Acme', currency: 'USD', billingEmail: 'nope' }],
      ['clients.create', { currency: 'USD' }],
      ['clients.get', { id: -1 }],
      ['clients.get', { id: '1' }],
      ['clients.list', { limit: 100_000 }],
      ['app.info', { extra: 1 }],
      ['demo.load', { days: 0 }],
    ];
    for (const [name, input] of bad) {
      const res = await dispatch(name, input);
      expect(res, `${name} ${JSON.stringify(input)}`).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    }
    for (const name of COMMAND_NAMES) expect(handlers[name], name).not.toHaveBeenCalled();
  });

  it('refuses unknown and prototype-chain command names', async () => {
    const dispatch = createDispatcher(spyHandlers(), silentLogger);
    for (const name of ['nope', 'constructor', '__proto__', 'toString']) {
      expect(await dispatch(name, {})).toMatchObject({ ok: false, error: { code: 'unknown_command' } });
    }
  });
});
