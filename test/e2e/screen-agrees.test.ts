import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, openDemo } from './kit.js';

/** What the page showed at every DOM change while recording: the pane's text, the badge, the header count. */
interface Frame {
  readonly pane: string;
  readonly badge: string | null;
  readonly pending: string;
}

/** Records a frame at every DOM mutation, so a contradiction shown for even one frame is caught. */
async function startRecording(page: Page): Promise<void> {
  await page.evaluate(() => {
    const frames: Frame[] = [];
    const take = (): void => {
      frames.push({
        pane: document.querySelector('.pane')?.textContent ?? '',
        badge: document.querySelector('article [data-sync-state]')?.textContent ?? null,
        pending: document.querySelector('[data-testid="pending-count"]')?.textContent ?? '',
      });
    };
    const observer = new MutationObserver(take);
    observer.observe(document.body, { subtree: true, childList: true, characterData: true });
    Object.assign(window, { __frames: frames, __stop: () => observer.disconnect() });
  });
}

async function stopRecording(page: Page): Promise<Frame[]> {
  return page.evaluate(() => {
    const w = window as unknown as { __frames: Frame[]; __stop: () => void };
    w.__stop();
    return w.__frames;
  });
}

/**
 * After Save the screen shows what was saved, at once and from then on; the header agrees with the
 * badges; a server wait is a countdown with "Sync now" disabled and explained; a refused change
 * names its field and is not shown as saved.
 */
describe('the screen never contradicts itself', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const server = () => demo.emulators.windowsLive.control;
  const badge = () => page.getByRole('article').locator('[data-sync-state]');
  const save = () => page.getByRole('button', { name: 'Save', exact: true }).click();

  let session: DemoSession;

  beforeAll(async () => {
    session = await openDemo({ contacts: 200, account: /Windows Live/ });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  it('shows a saved edit at once, and never the old value after it', async () => {
    const contact = server().list()[5]!.contact;
    await ui.openContact(contact.emails[0]!.address);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Job title').fill('Right after save');
    await startRecording(page);
    await save();
    await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('Synced');
    const frames = (await stopRecording(page)).filter((f) => f.badge !== null);
    expect(frames.length).toBeGreaterThan(0);
    for (const frame of frames) {
      expect(frame.pane).toContain('Right after save');
      if (contact.jobTitle !== '') expect(frame.pane).not.toContain(contact.jobTitle);
      // The header never says "nothing pending" while the badge says pending.
      if (frame.badge === 'Pending') expect(frame.pending).not.toBe('No pending changes');
    }
    // Focus follows: the saved contact's heading, not the page body.
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('detail-title');
  });

  it('shows a new contact at once, never "no longer in the address book"', async () => {
    await ui.setNetwork(false); // it stays pending, so the header must keep counting it
    await ui.contactsTab.click();
    await page.getByRole('button', { name: 'New contact' }).click();
    await page.getByLabel('First name').fill('Nova');
    await page.getByLabel('Last name').fill('Fresh');
    await startRecording(page);
    await save();
    await expect.poll(() => page.getByRole('article').getByRole('heading').textContent()).toBe('Nova Fresh');
    await page.waitForTimeout(1_000);
    const frames = await stopRecording(page);
    expect(frames.some((f) => f.pane.includes('no longer in the address book'))).toBe(false);
    for (const frame of frames.filter((f) => f.badge !== null)) {
      expect(frame.pane).toContain('Nova Fresh');
      expect(frame.badge).toBe('Pending');
      expect(frame.pending).not.toBe('No pending changes');
    }
    expect(await ui.pending.textContent()).toBe('1 pending change');
    await ui.setNetwork(true);
    await ui.contactsTab.click();
    await expect.poll(() => badge().textContent(), { timeout: 30_000 }).toBe('Synced');
    expect(await ui.pending.textContent()).toBe('No pending changes');
  });

  it('counts a server wait down, with Sync now disabled and the reason kept', async () => {
    await ui.consoleTab.click();
    await page.getByLabel('Requests').fill('1');
    await page.getByLabel('Retry after (seconds)').fill('8');
    await page.getByRole('button', { name: /503 and Retry-After/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 15_000 }).toMatch(/Trying again in \d s\.$/);
    const first = Number(/in (\d+) s/.exec((await ui.syncLine.textContent()) ?? '')?.[1]);
    const syncNow = page.getByRole('button', { name: 'Sync now' });
    expect(await syncNow.isDisabled()).toBe(true);
    expect(await page.getByTestId('sync-now-why').textContent()).toMatch(
      /^The server asked the app to wait: Sync now is available again in \d s\.$/,
    );
    await page.waitForTimeout(2_100);
    const later = Number(/in (\d+) s/.exec((await ui.syncLine.textContent()) ?? '')?.[1]);
    expect(later).toBeLessThan(first);
    expect(await page.getByTestId('sync-now-why').count()).toBe(1);
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 30_000 }).toBe('Up to date.');
    expect(await syncNow.isEnabled()).toBe(true);
    expect(await page.getByTestId('sync-now-why').count()).toBe(0);
  });

  it('names the field of a refused change, does not show it as saved, and does not call it waiting to be sent', async () => {
    const contact = server().list()[8]!.contact;
    await ui.consoleTab.click();
    await page.getByRole('button', { name: 'Refuse the next change as invalid' }).click();
    await ui.openContact(contact.emails[0]!.address);
    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Job title').fill('Refused value');
    await save();
    await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('Rejected');
    const note = page.getByTestId('refused-note');
    await expect.poll(() => note.textContent()).toContain('the server refused your change to Job title');
    expect(await note.textContent()).toContain(`the server keeps “${contact.jobTitle === '' ? '(empty)' : contact.jobTitle}”`);
    expect(await page.locator('.detail-row.refused dt').allTextContents()).toEqual(['Job title']);
    await expect.poll(() => ui.pending.textContent()).toBe('No pending changes');
    expect(await page.getByTestId('refused-count').textContent()).toBe('1 refused by the server');
    expect(await ui.syncLine.textContent()).not.toContain('waiting to be sent');
    await ui.inboxTab.click();
    expect(await page.locator('[data-conflict-kind="rejected"] h3').textContent()).toBe(
      'Not saved: the server refused your change to Job title',
    );
    await page.getByRole('button', { name: 'Discard my change' }).click();
    await ui.contactsTab.click();
    await expect.poll(() => badge().textContent(), { timeout: 20_000 }).toBe('Synced');
    expect(await page.getByTestId('refused-count').count()).toBe(0);
  });

  it('shows an edit made on another device by itself, within the pull interval (20 s)', async () => {
    const entry = server().list()[12]!;
    await ui.contactsTab.click();
    await ui.openContact(entry.contact.emails[0]!.address);
    server().update(entry.remoteId, { jobTitle: 'Changed elsewhere, pulled by itself' });
    await expect
      .poll(() => page.getByRole('article').textContent(), { timeout: 30_000, interval: 500 })
      .toContain('Changed elsewhere, pulled by itself');
  });
});
