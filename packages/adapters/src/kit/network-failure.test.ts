import { describe, expect, it } from 'vitest';
import { classifyNetworkError } from './network-failure.js';

const fetchError = (code: string): Error => new TypeError('fetch failed', { cause: Object.assign(new Error('x'), { code }) });
const write = { write: true, aborted: false, timedOut: false };
const read = { ...write, write: false };

describe('classifyNetworkError', () => {
  it('is offline when no connection was made (nothing was sent), even for a write', () => {
    for (const code of ['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'UND_ERR_CONNECT_TIMEOUT']) {
      expect(classifyNetworkError(fetchError(code), write), code).toEqual({ problem: 'offline', maybeCommitted: false, detail: code });
    }
  });

  it('is a possibly committed loss for a write whose connection dropped after sending, not for a read', () => {
    for (const code of ['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']) {
      expect(classifyNetworkError(fetchError(code), write)).toMatchObject({ problem: 'connection-lost', maybeCommitted: true });
    }
    expect(classifyNetworkError(new TypeError('fetch failed'), write)).toEqual({
      problem: 'connection-lost',
      maybeCommitted: true,
      detail: 'TypeError',
    });
    expect(classifyNetworkError(fetchError('ECONNRESET'), read)).toMatchObject({ problem: 'connection-lost', maybeCommitted: false });
  });

  it('tells the caller abort from its own timeout, whatever the error says', () => {
    const abortError = new DOMException('aborted', 'AbortError');
    expect(classifyNetworkError(abortError, { ...write, aborted: true })).toMatchObject({ problem: 'aborted', maybeCommitted: true });
    expect(classifyNetworkError(abortError, { ...read, aborted: true })).toMatchObject({ problem: 'aborted', maybeCommitted: false });
    expect(classifyNetworkError(abortError, { ...write, timedOut: true })).toMatchObject({ problem: 'timeout', maybeCommitted: true });
    expect(classifyNetworkError(fetchError('ECONNRESET'), { ...read, timedOut: true })).toMatchObject({
      problem: 'timeout',
      maybeCommitted: false,
    });
  });

  it('follows the cause chain and names every code in the detail', () => {
    const nested = new TypeError('fetch failed', {
      cause: Object.assign(new Error('a'), { code: 'UND_ERR_SOCKET', cause: Object.assign(new Error('b'), { code: 'ECONNREFUSED' }) }),
    });
    expect(classifyNetworkError(nested, write)).toEqual({
      problem: 'offline',
      maybeCommitted: false,
      detail: 'UND_ERR_SOCKET <- ECONNREFUSED',
    });
  });
});
