import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createServer } from 'node:net';

/**
 * A CardDAV server run as a child process on loopback, for tests and the demo (Node only). Shared by
 * `test/carddav/servers.ts` and the demo's Radicale so both start, wait for and stop a server the
 * same way. Binaries are Debian's (`scripts/ensure-carddav-servers.mjs` installs them), never downloaded.
 */
export interface ServerProcess {
  readonly child: ChildProcess;
  /** The last 4,000 characters the server wrote to stderr, for a start-up failure's message. */
  stderr(): string;
  /** SIGTERM, and resolves once it has exited. */
  stop(): Promise<void>;
}

/** A free port on 127.0.0.1 (the OS picks it; another process could take it before the server binds). */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise<void>((resolve) => server.close(() => resolve()));
  if (address === null || typeof address === 'string') throw new Error('no free port on 127.0.0.1');
  return address.port;
}

export function launchServerProcess(bin: string, args: readonly string[]): ServerProcess {
  if (!existsSync(bin)) throw new Error(`${bin} is missing: run node scripts/ensure-carddav-servers.mjs`);
  const child = spawn(bin, [...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  // A process that ends without closing (a test that times out, Ctrl+C) takes its server with it.
  const killOnExit = (): void => void child.kill('SIGTERM');
  process.once('exit', killOnExit);
  child.once('exit', () => process.removeListener('exit', killOnExit));
  let err = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    err = (err + chunk.toString()).slice(-4_000);
  });
  return {
    child,
    stderr: () => err,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** Resolves once `url` answers an OPTIONS request; fails when the process exits or after ~10 s. */
export async function waitUntilUp(url: string, server: ServerProcess): Promise<void> {
  for (let i = 0; i < 400; i++) {
    if (server.child.exitCode !== null) throw new Error(`server exited (${server.child.exitCode}): ${server.stderr()}`);
    try {
      await fetch(url, { method: 'OPTIONS' });
      return;
    } catch {
      // A starting process: nothing to wait on but time (no clock to fake here).
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
  }
  throw new Error(`server at ${url} did not start: ${server.stderr()}`);
}
