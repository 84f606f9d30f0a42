import { afterEach, describe, expect, it } from 'vitest';
import { toDraft } from '@contactsync/core';
import { FORMATS, startEngine } from './yahoo-kit.js';

/** Whole-request and per-event failures, end to end (seed "Retrying Requests"; docs/yahoo.md §2.5). */
describe.each(FORMATS)('Yahoo (%s): failures', (format) => {
  let kit: Awaited<ReturnType<typeof startEngine>> | null = null;
  afterEach(async () => {
    await kit?.close();
    kit = null;
  });

  it('-50302: waits until retry-after (600 s) and sends nothing before it', async () => {
    kit = await startEngine(format);
    await kit.engine.sync();
    await kit.engine.contacts.create({ name: { given: 'Queued' } });
    kit.control.setLocked(true);
    const started = kit.clock.now();
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'waiting', pending: 1, error: { code: '-50302' } });
    expect(report.retryAt).toBeGreaterThanOrEqual(started + 600_000);
    const requests = kit.control.log().length;

    kit.control.setLocked(false);
    const retryAt = report.retryAt ?? 0;
    kit.clock.advance(retryAt - kit.clock.now() - 1);
    expect((await kit.engine.sync()).outcome).toBe('waiting');
    expect(kit.control.log()).toHaveLength(requests);

    kit.clock.advance(1);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0, pushed: { created: 1 } });
    expect(kit.control.listContacts().map((c) => c.contact.name.given)).toEqual(['Queued']);
  });

  it('a 500 with a structured body and no retry-after fails with no automatic retry; the next sync lands the writes', async () => {
    kit = await startEngine(format);
    await kit.engine.sync();
    await kit.engine.contacts.create({ name: { given: 'Kept' } });
    kit.control.failNext({ status: 500, code: -17011, match: { method: 'POST' } });
    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'failed', retryAt: null, pending: 1, error: { code: '-17011' } });
    expect(report.error?.userMessage).not.toContain('forced');
    expect(kit.posts()).toHaveLength(1);
    // Nothing is scheduled: time passing does not send it again.
    kit.clock.advance(3_600_000);
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(kit.posts()).toHaveLength(1);
    expect((await kit.engine.pendingChanges()).map((p) => p.status)).toEqual(['ready']);

    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0, pushed: { created: 1 } });
    expect(kit.posts()).toHaveLength(2);
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });

  it('a batch with one invalid email: that change is rejected with its user-message, the rest applied', async () => {
    kit = await startEngine(format);
    await kit.engine.sync();
    await kit.engine.contacts.create({ name: { given: 'One' } });
    kit.clock.advance(1); // the outbox goes oldest first
    // Core refuses a malformed address locally, so the server's -40047 (a rule it may apply more
    // strictly than core) is forced on the second event of the batch.
    const bad = await kit.engine.contacts.create({ name: { given: 'Bad' }, emails: [{ address: 'bad@example.org' }] });
    kit.clock.advance(1);
    await kit.engine.contacts.create({ name: { given: 'Three' } });
    kit.control.failNextEvents({ code: -40047, eventIndex: 1, debugMessage: 'email bad@example.org refused' });
    const report = await kit.engine.sync();
    expect(report.outcome).toBe('partial');
    expect(report.pushed.created).toBe(2);
    expect(report.rejected).toEqual([
      {
        contactId: bad.id,
        operation: 'create',
        code: '-40047',
        userMessage: 'There is a syntax error in that email address. Please enter a valid email address (in the format person@domain.com).',
      },
    ]);
    expect(kit.posts()).toHaveLength(1);
    expect(
      kit.control
        .listContacts()
        .map((c) => c.contact.name.given)
        .sort(),
    ).toEqual(['One', 'Three']);
    expect(await kit.engine.contacts.syncState(bad.id)).toBe('rejected');
    expect(JSON.stringify(await kit.engine.conflicts())).not.toContain('refused');
  });

  it('refuses a category name Yahoo forbids while the user types (the adapter validate rule)', async () => {
    kit = await startEngine(format);
    await expect(kit.engine.contacts.create({ name: { given: 'A' }, categories: ['Best Friends'] })).rejects.toMatchObject({
      code: 'invalid-contact',
    });
  });

  it('a lost response on a push does not duplicate the contact', async () => {
    kit = await startEngine(format);
    await kit.engine.sync();
    await kit.engine.contacts.create({ name: { given: 'Once' }, emails: [{ address: 'once@example.org' }] });
    kit.control.loseNextResponse({ match: { method: 'POST' } });
    const lost = await kit.engine.sync();
    expect(lost.outcome).not.toBe('ok');
    expect(kit.control.listContacts()).toHaveLength(1);

    const report = await kit.engine.sync();
    expect(report).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(kit.posts()).toHaveLength(1); // the create was found by the pull, never sent again
    expect(kit.control.listContacts()).toHaveLength(1);
    expect(await kit.engine.contacts.list()).toHaveLength(1);
    expect(await kit.localDrafts()).toEqual(kit.serverDrafts());
  });

  it('a timeout (-17010) after the server committed does not duplicate the contact', async () => {
    kit = await startEngine(format, { strictDuplicates: true });
    await kit.engine.sync();
    await kit.engine.contacts.create({ name: { given: 'Once' } });
    kit.control.backendTimeout({ commit: true });
    await kit.engine.sync();
    kit.control.backendTimeout(null);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'ok', pending: 0 });
    expect(kit.control.listContacts()).toHaveLength(1);
    expect(await kit.engine.contacts.list()).toHaveLength(1);
  });

  it('403 stops the run with auth-required and keeps the writes', async () => {
    kit = await startEngine(format);
    await kit.engine.contacts.create({ name: { given: 'Kept' } });
    kit.control.expireCookie();
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'auth-required', pending: 1 });
    expect(kit.control.log()).toHaveLength(1);
  });

  it('a read-only application (-40303) is forbidden and keeps the writes', async () => {
    kit = await startEngine(format);
    kit.control.createContact(toDraft({ name: { given: 'Ann' } }));
    await kit.engine.contacts.create({ name: { given: 'Kept' } });
    kit.control.setReadOnlyApp(true);
    expect(await kit.engine.sync()).toMatchObject({ outcome: 'forbidden', pending: 1, pulled: { added: 1 } });
  });
});
