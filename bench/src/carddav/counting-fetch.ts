/** Requests a client made, and the time spent waiting for the server's answers to start. */
export interface RequestMeter {
  requests: number;
  /** Sum of the times from sending a request to its response's headers: mostly the server's work. */
  serverMs: number;
}

export const newRequestMeter = (): RequestMeter => ({ requests: 0, serverMs: 0 });

/**
 * The global `fetch`, counting. Every client under test (the adapter, tsdav, the DAVx5-style
 * baseline) takes a `fetch`, so all are counted the same way, on the client's side of the socket.
 */
export function countingFetch(meter: RequestMeter): typeof fetch {
  return async (input, init) => {
    meter.requests++;
    const started = performance.now();
    try {
      return await fetch(input, init);
    } finally {
      meter.serverMs += performance.now() - started;
    }
  };
}
