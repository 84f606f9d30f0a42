import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A fault-injecting proxy in front of a real CardDAV server, one per device: it forwards requests
 * unchanged and, when told, answers the next one with a 503 + Retry-After without forwarding,
 * resets the connection without forwarding, or forwards it and then drops the answer (the server
 * committed, the client never hears). It logs every request with the model's clock.
 */
export type ProxyFault = 'unavailable-retry-after' | 'reset' | 'lost-response' | 'lost-write-response';

export interface FaultProxy {
  readonly url: string;
  readonly log: {
    readonly at: number;
    readonly method: string;
    readonly status: number | 'reset' | 'lost';
    readonly retryAfterMs: number | null;
  }[];
  inject(fault: ProxyFault): void;
  clear(): void;
  close(): Promise<void>;
}

export const RETRY_AFTER_S = 30;

export async function startFaultProxy(target: string, now: () => number): Promise<FaultProxy> {
  const { hostname, port } = new URL(target);
  const faults: ProxyFault[] = [];
  const log: FaultProxy['log'] = [];
  const server: Server = createServer((req, res) => {
    const method = req.method ?? 'GET';
    const write = method === 'PUT' || method === 'DELETE';
    const at = now();
    const index = faults.findIndex((f) => f !== 'lost-write-response' || write);
    const fault = index >= 0 ? faults.splice(index, 1)[0] : undefined;
    if (fault === 'unavailable-retry-after') {
      req.resume();
      log.push({ at, method, status: 503, retryAfterMs: RETRY_AFTER_S * 1000 });
      res.writeHead(503, { 'Retry-After': String(RETRY_AFTER_S), 'Content-Length': '0' }).end();
      return;
    }
    if (fault === 'reset') {
      req.resume();
      log.push({ at, method, status: 'reset', retryAfterMs: null });
      req.socket.destroy();
      return;
    }
    const upstream = request({ host: hostname, port, method, path: req.url, headers: req.headers }, (answer) => {
      if (fault === 'lost-response' || fault === 'lost-write-response') {
        answer.resume();
        answer.on('end', () => {
          log.push({ at, method, status: 'lost', retryAfterMs: null });
          req.socket.destroy();
        });
        return;
      }
      log.push({ at, method, status: answer.statusCode ?? 0, retryAfterMs: null });
      res.writeHead(answer.statusCode ?? 502, answer.headers);
      answer.pipe(res);
    });
    upstream.on('error', () => req.socket.destroy());
    req.pipe(upstream);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    log,
    inject: (fault) => void faults.push(fault),
    clear: () => void faults.splice(0),
    async close() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
