import { describe, expect, it } from 'vitest';
import { strictUtf8 } from './strict-utf8.js';

describe('strictUtf8', () => {
  it('decodes valid UTF-8, including non-Latin text', () => {
    expect(strictUtf8(new TextEncoder().encode('Zoë 山田 محمد').buffer)).toBe('Zoë 山田 محمد');
  });
  it('refuses invalid sequences instead of replacing them', () => {
    expect(strictUtf8(new Uint8Array([0x41, 0xc3, 0x28, 0x42]).buffer)).toBeNull();
    expect(strictUtf8(new Uint8Array([0xff, 0xfe]).buffer)).toBeNull();
  });
});
