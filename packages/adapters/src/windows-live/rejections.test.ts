import { describe, expect, it } from 'vitest';
import { WL_CODES } from './outcomes.js';
import { badRequest, conflict409, duplicateEmailType } from './rejections.js';

const line = { method: 'POST', path: 'Contacts' };

describe('badRequest: a user-facing reason from the §1.3 rule the body breaks', () => {
  it.each([
    [{ Emails: [{ EmailType: 'Personal', Address: 'ada-at-example' }] }, 'does not accept the email address “ada-at-example”'],
    [{ Emails: [{ Address: `${'a'.repeat(320)}@x.org` }] }, 'longer than the 321 characters'],
    [{ Profiles: { Personal: { FirstName: 'x'.repeat(1025) } } }, 'first name is longer than the 1,024 characters'],
    [{ Notes: 'x'.repeat(4097) }, 'notes is longer than the 4,096 characters'],
    [{ Profiles: { Personal: { Birthdate: '10/12/1815' } } }, 'birthday as a valid date'],
    [{ Tags: ['bad\u0001tag'] }, 'category name contains characters Windows Live cannot store'],
    [{ Locations: [{ PrimaryCity: 'x'.repeat(2000) }] }, 'city is longer'],
  ] as const)('%o', (sent, message) => {
    const outcome = badRequest(line, sent);
    expect(outcome.kind).toBe('rejected');
    expect(outcome.code).toBe(WL_CODES.badRequest);
    expect(outcome.userMessage).toContain(message);
  });

  it('stays general when no rule explains the 400, and says so only in the debug text', () => {
    const outcome = badRequest(line, { Notes: 'fine' });
    expect(outcome.userMessage).toBe('Windows Live refused this contact’s details. Your version is kept on this device.');
    expect(outcome.debugMessage).toContain('no local rule explains it');
  });
});

describe('conflict409', () => {
  it('explains a duplicate email type in the user’s words', () => {
    const outcome = conflict409(line, 'Business');
    expect(outcome.code).toBe(WL_CODES.duplicateEmailType);
    expect(outcome.userMessage).toContain('more than one work address');
  });
  it('otherwise reports the quotas', () => {
    const outcome = conflict409(line, null);
    expect(outcome.code).toBe(WL_CODES.quotaExceeded);
    expect(outcome.userMessage).toContain('6,500 contacts and 200 different categories');
  });
  it('finds a duplicated wire type', () => {
    expect(duplicateEmailType(['Personal', 'Other', 'Personal'])).toBe('Personal');
    expect(duplicateEmailType(['Personal', undefined, 'Other'])).toBeNull();
  });
});
