import { randomBytes } from 'node:crypto';
import { Book } from './book.js';
import { Faults } from './faults.js';
import { DEFAULT_LIMITS, type EmulatorLimits } from './limits.js';

/** One line of the request log: what came in and how the emulator answered it. */
export interface RequestLogEntry {
  readonly method: string;
  readonly path: string;
  readonly query: Readonly<Record<string, string>>;
  /** Emulator-clock time (ms) at which the request arrived. */
  readonly at: number;
  readonly status: number;
  /** The whole-request error code, or null (success, or an error without a body). */
  readonly code: number | null;
  /** The codes of the nested errors, in request order. */
  readonly nestedCodes: readonly number[];
  /** The server committed the request and then dropped the connection without answering. */
  readonly dropped: boolean;
}

/** The emulator's switches, all off by default. */
export interface Switches {
  /** `-50302` user locked, with this retry-after (seconds). */
  locked: number | null;
  /** `-17011` server down; `retryAfter` only when given. */
  serverDown: { readonly retryAfter?: number } | null;
  /** `-17010` timeout; `commit`: the backend finished the write after the front end gave up. */
  timeout: { readonly retryAfter?: number; readonly commit: boolean } | null;
  /** `-40303` for requests that write, when the application may only read. */
  readOnlyApp: boolean;
  /** `-40304` writes not supported in this instance. */
  writesDisabled: boolean;
  /** The cookie was issued but has expired: 403 (or -17005 with structured credential errors). */
  cookieExpired: boolean;
  /** `empty`: credential failures are 403 with no body (§2.1); `structured`: 500 with -4010x / -17005. */
  credentialErrors: 'empty' | 'structured';
  /** Wall-clock delay before every answer (ms). */
  latencyMs: number;
  /** Leave the category table out of a response without change events, as the guide allows (revised contract). */
  omitIdleCategoryTable: boolean;
}

export interface Credentials {
  readonly appid: string;
  readonly wssid: string;
  /** The whole cookie as sent in the `Cookie` header: `Y=...`. */
  readonly cookie: string;
}

export interface EmulatorState {
  readonly book: Book;
  readonly limits: EmulatorLimits;
  strictDuplicates: boolean;
  readonly credentials: Credentials;
  readonly faults: Faults;
  readonly switches: Switches;
  readonly log: RequestLogEntry[];
  /** The emulator clock: the injected clock plus the control plane's offset. */
  now(): number;
  clockOffset: number;
}

export function createState(options: {
  readonly clock?: () => number;
  readonly limits?: Partial<EmulatorLimits>;
  readonly strictDuplicates?: boolean;
}): EmulatorState {
  const base = options.clock ?? Date.now;
  const state: EmulatorState = {
    book: new Book(() => state.now()),
    limits: { ...DEFAULT_LIMITS, ...options.limits },
    strictDuplicates: options.strictDuplicates ?? false,
    credentials: {
      appid: `emu-${randomBytes(6).toString('hex')}`,
      wssid: randomBytes(9).toString('base64url'),
      cookie: `Y=v=1&n=${randomBytes(12).toString('hex')}&l=emulator/o&p=m2`,
    },
    faults: new Faults(),
    switches: {
      locked: null,
      serverDown: null,
      timeout: null,
      readOnlyApp: false,
      writesDisabled: false,
      cookieExpired: false,
      credentialErrors: 'empty',
      latencyMs: 0,
      omitIdleCategoryTable: false,
    },
    log: [],
    clockOffset: 0,
    now: () => base() + state.clockOffset,
  };
  return state;
}
