import { describe, expect, it } from 'vitest';
import { preferredCardVersion } from './discovery.js';

describe('preferredCardVersion', () => {
  it.each([
    [[], '3.0'],
    [['3.0', '4.0'], '3.0'],
    [['4.0'], '4.0'],
    [['3.0'], '3.0'],
  ] as const)('%j -> %s', (versions, expected) => {
    expect(preferredCardVersion({ vcardVersions: versions })).toBe(expected);
  });
});
