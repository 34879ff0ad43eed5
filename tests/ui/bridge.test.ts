import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { JOBS_PORT } from '@/utils/messages';
import {
  MESSAGES,
  createBridge,
  reconnectDelay,
  type BridgeDeps,
  type PortLike,
} from '@/utils/ui/bridge';
import { makeJob } from './fixtures';

class FakePort implements PortLike {
  private messageListeners: Array<(m: unknown) => void> = [];
  private disconnectListeners: Array<() => void> = [];
  disconnected = false;
  constructor(public name: string) {}
  onMessage = { addListener: (cb: (m: unknown) => void) => void this.messageListeners.push(cb) };
  onDisconnect = { addListener: (cb: () => void) => void this.disconnectListeners.push(cb) };
  disconnect() {
    this.disconnected = true;
  }
  push(message: unknown) {
    for (const cb of this.messageListeners) cb(message);
  }
  /** The other side went away (the service worker stopped). */
  drop() {
    for (const cb of this.disconnectListeners) cb();
  }
}

function setup(overrides: Partial<BridgeDeps> = {}) {
  const ports: FakePort[] = [];
  let valid = true;
  const deps: BridgeDeps = {
    sendRaw: vi.fn(async () => ({ ok: true, value: null })),
    connect: (name) => {
      const port = new FakePort(name);
      ports.push(port);
      return port;
    },
    isContextValid: () => valid,
    setTimeout: (cb, ms) => setTimeout(cb, ms),
    clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
    ...overrides,
  };
  return { bridge: createBridge(deps), deps, ports, invalidate: () => (valid = false) };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('send', () => {
  test('the jobs feed connects on the contract port name', () => {
    const { bridge, ports } = setup();
    const stop = bridge.watchJobs(() => {});
    expect(ports.map((p) => p.name)).toEqual([JOBS_PORT]);
    stop();
  });

  test('passes replies through', async () => {
    const { bridge, deps } = setup({
      sendRaw: vi.fn(async () => ({ ok: true, value: { jobId: 'j1' } })),
    });
    const reply = await bridge.send('controlJob', { jobId: 'j1', action: 'pause' });
    expect(reply).toEqual({ ok: true, value: { jobId: 'j1' } });
    expect(deps.sendRaw).toHaveBeenCalledWith('controlJob', { jobId: 'j1', action: 'pause' });
  });

  test('a missing background becomes plain words, not a throw', async () => {
    const { bridge } = setup({
      sendRaw: async () => {
        throw new Error('Could not establish connection. Receiving end does not exist.');
      },
    });
    expect(await bridge.send('getStore', { storeHash: 'abc' })).toEqual({
      ok: false,
      error: MESSAGES.noBackground,
    });
  });

  test('a reloaded extension says to reload the page', async () => {
    const { bridge } = setup({
      sendRaw: async () => {
        throw new Error('Extension context invalidated.');
      },
    });
    expect(await bridge.send('getStore', { storeHash: 'abc' })).toEqual({
      ok: false,
      error: MESSAGES.contextGone,
    });
  });

  test('no send at all once the context is gone', async () => {
    const { bridge, deps, invalidate } = setup();
    invalidate();
    expect(await bridge.send('listStores')).toEqual({ ok: false, error: MESSAGES.contextGone });
    expect(deps.sendRaw).not.toHaveBeenCalled();
  });

  test('a reply that is not a Result, or none, is an error', async () => {
    const { bridge } = setup({ sendRaw: async () => undefined });
    expect(await bridge.send('listStores')).toEqual({ ok: false, error: MESSAGES.noAnswer });
  });

  test('a reply that never comes times out', async () => {
    const { bridge } = setup({ sendRaw: () => new Promise(() => {}), replyTimeoutMs: 1000 });
    const reply = bridge.send('listStores');
    await vi.advanceTimersByTimeAsync(1001);
    expect(await reply).toEqual({ ok: false, error: MESSAGES.timeout });
  });

  test('a token the request carried never comes back in an error', async () => {
    const token = 'secret-token-1234567890';
    const { bridge } = setup({
      sendRaw: async () => {
        throw new Error(`Invalid input: ${token}`);
      },
    });
    const reply = await bridge.send('saveStore', { storeHash: 'abc', token });
    expect(reply.ok).toBe(false);
    expect(JSON.stringify(reply)).not.toContain(token);
    const { bridge: b2 } = setup({ sendRaw: async () => ({ ok: false, error: `bad ${token}` }) });
    expect(JSON.stringify(await b2.send('saveStore', { storeHash: 'abc', token }))).not.toContain(
      token,
    );
  });
});

describe('watchJobs', () => {
  test('feeds the list pushed on connect and on each change', () => {
    const { bridge, ports } = setup();
    const onJobs = vi.fn();
    const onState = vi.fn();
    bridge.watchJobs(onJobs, onState);
    expect(ports).toHaveLength(1);
    expect(ports[0]?.name).toBe(JOBS_PORT);
    expect(onState).toHaveBeenLastCalledWith('connecting');
    const job = makeJob();
    ports[0]?.push({ type: 'jobs', jobs: [job] });
    expect(onJobs).toHaveBeenLastCalledWith([job]);
    expect(onState).toHaveBeenLastCalledWith('connected');
    ports[0]?.push({ type: 'other' });
    ports[0]?.push('junk');
    expect(onJobs).toHaveBeenCalledTimes(1);
  });

  test('reconnects with a growing, capped backoff when the worker restarts', async () => {
    const { bridge, ports } = setup();
    const onState = vi.fn();
    bridge.watchJobs(() => {}, onState);
    ports[0]?.drop();
    expect(onState).toHaveBeenLastCalledWith('reconnecting');
    expect(ports).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(reconnectDelay(1));
    expect(ports).toHaveLength(2);
    ports[1]?.drop();
    await vi.advanceTimersByTimeAsync(reconnectDelay(2) - 1);
    expect(ports).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1);
    expect(ports).toHaveLength(3);
    ports[2]?.push({ type: 'jobs', jobs: [] });
    expect(onState).toHaveBeenLastCalledWith('connected');
    // After a success the backoff starts again from the shortest wait.
    ports[2]?.drop();
    await vi.advanceTimersByTimeAsync(reconnectDelay(1));
    expect(ports).toHaveLength(4);
    expect(reconnectDelay(1)).toBe(250);
    expect(reconnectDelay(20)).toBe(4000);
  });

  test('a connect that throws is retried too', async () => {
    let calls = 0;
    const { bridge } = setup({
      connect: () => {
        calls += 1;
        throw new Error('no');
      },
    });
    bridge.watchJobs(() => {});
    await vi.advanceTimersByTimeAsync(250 + 500 + 1000);
    expect(calls).toBe(4);
  });

  test('stops reconnecting once the extension is gone, and says so', async () => {
    const { bridge, ports, invalidate } = setup();
    const onState = vi.fn();
    bridge.watchJobs(() => {}, onState);
    invalidate();
    ports[0]?.drop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ports).toHaveLength(1);
    expect(onState).toHaveBeenLastCalledWith('closed');
  });

  test('stop disconnects and cancels a pending reconnect', async () => {
    const { bridge, ports } = setup();
    const onJobs = vi.fn();
    const stop = bridge.watchJobs(onJobs);
    ports[0]?.drop();
    stop();
    await vi.advanceTimersByTimeAsync(10_000);
    expect(ports).toHaveLength(1);
    const stop2 = bridge.watchJobs(onJobs);
    stop2();
    expect(ports[1]?.disconnected).toBe(true);
    ports[1]?.push({ type: 'jobs', jobs: [makeJob()] });
    expect(onJobs).not.toHaveBeenCalled();
  });
});
