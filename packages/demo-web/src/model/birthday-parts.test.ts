import { describe, expect, it } from 'vitest';
import { birthdayText, joinBirthday, splitBirthday } from './birthday-parts';

describe('birthday parts', () => {
  it('round-trips full and year-less birthdays', () => {
    expect(splitBirthday('1815-12-10')).toEqual({ year: '1815', month: '12', day: '10' });
    expect(joinBirthday(splitBirthday('1815-12-10'))).toEqual({ ok: true, value: '1815-12-10' });
    expect(splitBirthday('--02-29')).toEqual({ year: '', month: '2', day: '29' });
    expect(joinBirthday(splitBirthday('--02-29'))).toEqual({ ok: true, value: '--02-29' });
  });

  it('clearing the year makes a year-less birthday, not "no birthday"', () => {
    expect(joinBirthday({ day: '10', month: '12', year: '' })).toEqual({ ok: true, value: '--12-10' });
  });

  it('refuses partial or impossible input instead of saving it as empty', () => {
    expect(joinBirthday({ day: '10', month: '', year: '' }).ok).toBe(false);
    expect(joinBirthday({ day: '', month: '', year: '1990' }).ok).toBe(false);
    expect(joinBirthday({ day: '30', month: '2', year: '' }).ok).toBe(false);
    expect(joinBirthday({ day: '29', month: '2', year: '2023' }).ok).toBe(false);
    expect(joinBirthday({ day: '29', month: '2', year: '2024' })).toEqual({ ok: true, value: '2024-02-29' });
    expect(joinBirthday({ day: '1', month: '1', year: '90' }).ok).toBe(false);
    expect(joinBirthday({ day: '', month: '', year: '' })).toEqual({ ok: true, value: '' });
  });

  it('reads as words', () => {
    expect(birthdayText('1815-12-10')).toBe('10 December 1815');
    expect(birthdayText('--07-04')).toBe('4 July');
  });
});
