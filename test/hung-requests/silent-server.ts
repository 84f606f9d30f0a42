import { createServer, type Socket } from 'node:net';

export interface SilentServer {
  /** `http://127.0.0.1:<port>`: accepts connections, reads requests, never answers. */
  readonly origin: string;
  /** Requests that arrived (first line of each), for assertions. */
  readonly received: string[];
  close(): Promise<void>;
}

/**
 * A loopback TCP server that accepts a request and never answers: a server that hangs, or a
 * network that swallowed the response. Closing it destroys every socket it still holds.
 */
export async function startSilentServer(): Promise<SilentServer> {
  const sockets = new Set<Socket>();
  const received: string[] = [];
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.once('data', (chunk) => received.push(chunk.toString('latin1').split('\r\n')[0] ?? ''));
    socket.on('error', () => undefined);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (address === null || typeof address === 'string') throw new Error('no port');
  return {
    origin: `http://127.0.0.1:${address.port}`,
    received,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
