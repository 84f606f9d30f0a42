import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, launchServerProcess, waitUntilUp } from './server-process.js';

/** Debian's Radicale. */
export const RADICALE_BIN = '/usr/bin/radicale';

export interface RadicaleProcess {
  /** `http://127.0.0.1:{port}` */
  readonly origin: string;
  /** Radicale's `collection-root` folder: a book `/{user}/{book}/` is the folder `{user}/{book}` in it, one `.vcf` per card. */
  readonly storageRoot: string;
  /** Stops Radicale and deletes its folder. */
  close(): Promise<void>;
}

export interface RadicaleProcessOptions {
  /** User name -> password (an htpasswd `plain` file in the throwaway folder, mode 600). */
  readonly users: Readonly<Record<string, string>>;
  /** Prefix of the temporary folder's name. */
  readonly folderPrefix?: string;
  /**
   * A folder to keep Radicale's storage in across runs (created when missing, never deleted); without
   * it, a temporary folder deleted on close.
   */
  readonly folder?: string;
  /**
   * Runs before the server starts, with the folder that will be its `collection-root`: big books
   * are written there as files (one `.vcf` per card and the book's `.Radicale.props`), which
   * Radicale reads as they are, instead of one PUT per card (each costs more as the book grows).
   */
  readonly seed?: (storageRoot: string) => Promise<void>;
}

/**
 * A real Radicale on a free loopback port: its own `--config` file (never Debian's
 * /etc/radicale/config), Basic auth against its own user file with no delay after a wrong password,
 * owner-only rights, no web UI, storage in a temporary folder deleted on close (or in `folder`, kept).
 */
export async function startRadicaleProcess(options: RadicaleProcessOptions): Promise<RadicaleProcess> {
  const kept = options.folder !== undefined;
  const dir = options.folder ?? (await mkdtemp(join(tmpdir(), options.folderPrefix ?? 'contactsync-radicale-')));
  const discard = async (): Promise<void> => {
    if (!kept) await rm(dir, { recursive: true, force: true });
  };
  try {
    if (kept) await mkdir(dir, { recursive: true, mode: 0o700 });
    const port = await freePort();
    const users = Object.entries(options.users).map(([user, password]) => `${user}:${password}\n`);
    await writeFile(join(dir, 'users'), users.join(''), { mode: 0o600 });
    const config = [
      '[server]',
      `hosts = 127.0.0.1:${port}`,
      '[auth]',
      'type = htpasswd',
      `htpasswd_filename = ${join(dir, 'users')}`,
      'htpasswd_encryption = plain',
      'delay = 0',
      '[rights]',
      'type = owner_only',
      '[storage]',
      `filesystem_folder = ${join(dir, 'collections')}`,
      '[web]',
      'type = none',
      '[logging]',
      'level = warning',
    ].join('\n');
    await writeFile(join(dir, 'radicale.conf'), config);
    if (options.seed !== undefined) {
      const storageRoot = join(dir, 'collections', 'collection-root');
      await mkdir(storageRoot, { recursive: true });
      await options.seed(storageRoot);
    }
    const server = launchServerProcess(RADICALE_BIN, ['--config', join(dir, 'radicale.conf')]);
    const origin = `http://127.0.0.1:${port}`;
    const close = async (): Promise<void> => {
      await server.stop();
      await discard();
    };
    try {
      await waitUntilUp(origin, server);
    } catch (error) {
      await server.stop();
      throw error;
    }
    return { origin, storageRoot: join(dir, 'collections', 'collection-root'), close };
  } catch (error) {
    await discard();
    throw error;
  }
}
