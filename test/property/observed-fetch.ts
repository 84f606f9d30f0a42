import type { Backend } from './backend.js';

/** One HTTP exchange as a device saw it. */
export interface Exchange {
  readonly device: number;
  readonly at: number;
  readonly method: string;
  readonly status: number;
  /** Milliseconds from a `Retry-After` header, if any. */
  readonly retryAfterMs: number | null;
}

export interface DeviceNetwork {
  /** The next request fails as a refused connection (nothing sent). */
  offlineOnce: boolean;
  /** Runs once, just before the next write request leaves: another device acts at that moment. */
  beforeNextWrite: (() => void) | null;
}

/**
 * The fetch one device's adapter uses: it records every exchange (with the server clock's time),
 * and can refuse a request or let another device race a write.
 */
export function observedFetch(device: number, backend: Backend, network: DeviceNetwork, exchanges: Exchange[]): typeof globalThis.fetch {
  return async (input, init) => {
    const method = init?.method ?? 'GET';
    if (network.offlineOnce) {
      network.offlineOnce = false;
      throw new TypeError('fetch failed', { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    }
    if (method !== 'GET' && network.beforeNextWrite) {
      const race = network.beforeNextWrite;
      network.beforeNextWrite = null;
      race();
    }
    const at = backend.now();
    const response = await fetch(input, init);
    const header = response.headers.get('retry-after');
    exchanges.push({ device, at, method, status: response.status, retryAfterMs: header === null ? null : Number(header) * 1000 });
    return response;
  };
}

/** A fetch that, at its k-th call, hangs forever: before sending, or after the server got it. */
export function crashingFetch(
  inner: typeof globalThis.fetch,
  atRequest: number,
  afterSend: boolean,
  onCrash: () => void,
): typeof globalThis.fetch {
  let calls = 0;
  return (input, init) => {
    calls++;
    if (calls !== atRequest) return inner(input, init);
    onCrash();
    if (afterSend) void inner(input, init).catch(() => undefined);
    return new Promise<Response>(() => undefined);
  };
}
