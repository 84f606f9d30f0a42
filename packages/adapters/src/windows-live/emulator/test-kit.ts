import { EMPTY_DRAFT } from '@contactsync/core';
import { startWindowsLiveEmulator } from './server.js';
import type { WindowsLiveEmulator, WindowsLiveEmulatorOptions } from './types.js';

/**
 * Raw-HTTP helpers for tests of the emulator (and of clients against it): a fake clock and a
 * request function that speaks the wire directly, bypassing any client.
 */

export interface FakeClock {
  readonly now: () => number;
  set(ms: number): void;
  advance(ms: number): void;
}

/** Starts at a whole second (plus `offsetMs`) so tests can reason in seconds. */
export function fakeClock(start = Date.UTC(2010, 5, 1, 12, 0, 0), offsetMs = 0): FakeClock {
  let time = start + offsetMs;
  return {
    now: () => time,
    set: (ms) => {
      time = ms;
    },
    advance: (ms) => {
      time += ms;
    },
  };
}

export interface RawResponse {
  readonly status: number;
  readonly headers: Headers;
  readonly body: string;
}

export interface RawClient {
  readonly emulator: WindowsLiveEmulator;
  readonly clock: FakeClock;
  /** `path` is relative to `/users/@L@{lid}/rest/LiveContacts` unless it starts with `/`. */
  request(
    method: string,
    path: string,
    options?: { body?: string; headers?: Record<string, string>; token?: string | null },
  ): Promise<RawResponse>;
  readonly base: string;
}

export async function rawClient(options: WindowsLiveEmulatorOptions = {}): Promise<RawClient> {
  const clock = fakeClock();
  const emulator = await startWindowsLiveEmulator({ port: 0, clock: clock.now, quotas: { callsPerSecond: null }, ...options });
  const base = `/users/@L@${emulator.lid}/rest/LiveContacts`;
  return {
    emulator,
    clock,
    base,
    async request(method, path, opts = {}) {
      const token = opts.token === undefined ? emulator.token : opts.token;
      const headers: Record<string, string> = {
        ...(token === null ? {} : { Authorization: `DelegatedToken dt="${token}"` }),
        ...opts.headers,
      };
      const url = `${emulator.url}${path.startsWith('/') ? path : `${base}${path === '' ? '' : `/${path}`}`}`;
      const init: RequestInit = { method, headers };
      if (opts.body !== undefined) init.body = opts.body;
      const response = await fetch(url, init);
      return { status: response.status, headers: response.headers, body: await response.text() };
    },
  };
}

/** A minimal create body. */
export function contactXml(first: string, extra = ''): string {
  return `<Contact><Profiles><Personal><FirstName>${first}</FirstName></Personal></Profiles>${extra}</Contact>`;
}

/** The contact id in a 201's Location. */
export function locationId(response: RawResponse): string {
  const match = /Contact\(([^)]+)\)$/.exec(response.headers.get('Location') ?? '');
  if (match?.[1] === undefined) throw new Error(`no contact Location in ${response.status}`);
  return match[1];
}

/** A draft with every field empty, for building test contacts. */
export const EMPTY = EMPTY_DRAFT;
