import type { Fetch } from '../providers/provider.js';

/** Time spent waiting on the network (until the response's body has been read as text), and requests by method. */
export interface NetworkMeter {
  ms: number;
  requests: number;
  /** `performance.now()` when the first response's head arrived (NaN before): the server's time to first byte counts from the start until then. */
  firstHeadersAt: number;
  readonly byMethod: Map<string, number>;
}

export function newNetworkMeter(): NetworkMeter {
  return { ms: 0, requests: 0, firstHeadersAt: Number.NaN, byMethod: new Map() };
}

/**
 * A `fetch` that meters: the time until headers, plus the time `text()` takes to read the body. The
 * response is the real one (only its `text` is wrapped), so callers see no copy.
 */
export function meteredFetch(meter: NetworkMeter, base: Fetch = globalThis.fetch): Fetch {
  return async (input, init) => {
    const method = (init?.method ?? 'GET').toUpperCase();
    meter.requests++;
    meter.byMethod.set(method, (meter.byMethod.get(method) ?? 0) + 1);
    const started = performance.now();
    const response = await base(input, init);
    meter.ms += performance.now() - started;
    if (Number.isNaN(meter.firstHeadersAt)) meter.firstHeadersAt = performance.now();
    const text = response.text.bind(response);
    Object.defineProperty(response, 'text', {
      value: async () => {
        const reading = performance.now();
        try {
          return await text();
        } finally {
          meter.ms += performance.now() - reading;
        }
      },
    });
    return response;
  };
}
