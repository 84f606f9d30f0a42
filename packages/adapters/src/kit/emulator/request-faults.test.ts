import { describe, expect, it } from 'vitest';
import { faultControl, RequestFaults, RuleQueue, type ForcedStatus } from './request-faults.js';

describe('RuleQueue', () => {
  it('hands out the first matching rule, each for its count, then forgets it', () => {
    const queue = new RuleQueue<string>();
    queue.add({ method: 'post', path: '/contacts$', count: 2 }, 'writes');
    queue.add({}, 'anything');
    expect(queue.take('GET', '/contacts')).toBe('anything');
    expect(queue.take('POST', '/CONTACTS')).toBe('writes'); // path strings match without case
    expect(queue.take('POST', '/contacts')).toBe('writes');
    expect(queue.take('POST', '/contacts')).toBeNull();
  });

  it('takes a RegExp as it is', () => {
    const queue = new RuleQueue<number>();
    queue.add({ path: /^\/a$/ }, 1);
    expect(queue.take('GET', '/A')).toBeNull();
    expect(queue.take('GET', '/a')).toBe(1);
  });
});

describe('faultControl', () => {
  it('forces, drops, sets latency and clears them all', () => {
    const faults = new RequestFaults<ForcedStatus>();
    const control = faultControl(faults);
    control.failNext({ status: 503, retryAfter: 9, method: 'GET' });
    control.loseNextResponse({ count: 2, match: { method: 'POST' } });
    control.setLatency(5);
    expect(faults.takeForced('POST', '/x')).toBeNull();
    expect(faults.takeForced('GET', '/x')).toEqual({ status: 503, retryAfter: 9, method: 'GET' });
    expect([faults.takeDrop('GET', '/x'), faults.takeDrop('POST', '/x'), faults.latencyMs]).toEqual([false, true, 5]);
    control.failNext({ status: 500 });
    control.clearFaults();
    expect([faults.takeForced('GET', '/x'), faults.takeDrop('POST', '/x'), faults.latencyMs]).toEqual([null, false, 0]);
  });
});
