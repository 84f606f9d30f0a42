import { describe, expect, it } from 'vitest';
import { CARDDAV_STATUS, handlingOf } from './status-table.js';

describe('CardDAV status table (docs/carddav.md, "Statuses")', () => {
  it('maps each server variant of a write to the same outcome', () => {
    // Radicale answers an update with 201 and a delete with 200; Xandikos answers both with 204.
    for (const status of [200, 201, 204]) expect(handlingOf('update', status)).toBe('ok');
    for (const status of [200, 204, 404, 410]) expect(handlingOf('delete', status)).toBe('ok');
    expect(handlingOf('create', 412)).toBe('exists');
    expect(handlingOf('update', 412)).toBe('conflict');
  });

  it('never takes a multistatus answer to a PUT as success', () => {
    expect(handlingOf('create', 207)).toBe('unexpected');
    expect(handlingOf('update', 207)).toBe('unexpected');
  });

  it('reads sync-collection refusals as "start over" or "not supported"', () => {
    expect(handlingOf('sync', 403)).toBe('maybe-invalid-token');
    expect(handlingOf('sync', 409)).toBe('maybe-invalid-token');
    expect(handlingOf('sync', 410)).toBe('invalid-token');
    expect(handlingOf('sync', 501)).toBe('unsupported');
    expect(handlingOf('read', 403)).toBe('forbidden');
  });

  it('backs off on unlisted 5xx and calls any other unlisted status unexpected', () => {
    expect(CARDDAV_STATUS.lists(508)).toBe(false);
    expect(handlingOf('read', 508)).toBe('backoff');
    expect(handlingOf('read', 418)).toBe('unexpected');
    expect(handlingOf('sync', 429)).toBe('retry-at');
    expect(handlingOf('create', 507)).toBe('rejected');
    expect(handlingOf('sync', 507)).toBe('backoff');
  });
});
