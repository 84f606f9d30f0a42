import { HEADERS, XML_CONTENT_TYPE } from '../wire.js';

/** One HTTP answer, before it is written (or dropped). */
export interface Reply {
  readonly status: number;
  readonly headers: Readonly<Record<string, string>>;
  readonly body: string;
}

/** The request as the routes see it. Header names are lowercase (node's `IncomingMessage`). */
export interface EmulatorRequest {
  readonly method: string;
  readonly pathname: string;
  readonly headers: Readonly<Record<string, string | undefined>>;
  readonly body: string;
  /** `http://host:port` as the client addressed us, for absolute `Location` headers. */
  readonly origin: string;
}

export function httpDate(second: number): string {
  return new Date(second * 1000).toUTCString();
}

/** Whole seconds of an HTTP-date header; null when absent or unparseable (then it is ignored, as HTTP says). */
export function headerSecond(value: string | undefined): number | null {
  if (value === undefined) return null;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? null : Math.floor(ms / 1000);
}

export function empty(status: number, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers, body: '' };
}

export function xml(status: number, body: string, lastModifiedSec: number, headers: Readonly<Record<string, string>> = {}): Reply {
  return {
    status,
    headers: { 'Content-Type': XML_CONTENT_TYPE, [HEADERS.lastModified]: httpDate(lastModifiedSec), ...headers },
    body,
  };
}

export function written(status: 201 | 204, lastModifiedSec: number, headers: Readonly<Record<string, string>> = {}): Reply {
  return { status, headers: { [HEADERS.lastModified]: httpDate(lastModifiedSec), ...headers }, body: '' };
}
