import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import type { Locator, Page } from 'playwright-core';
import { APP_DIR, ROOT } from '../../scripts/demo-build.mjs';
import { startDemo, type DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { launchBrowser, type TestBrowser } from './browser.js';

export const CONTACTS_PER_ACCOUNT = 2000;
const SCREENSHOTS = join(ROOT, 'test', 'e2e', 'screenshots');

export interface TestDemoOptions {
  /** Start the CardDAV account's Radicale, seeded with as many cards. Default false: only tests of that account need it. */
  readonly carddav?: boolean;
}

/** The demo server as the demo command starts it (2,000 contacts per account), on a free port. */
export function startTestDemo(options: TestDemoOptions = {}): Promise<DemoServer> {
  return startDemo({ appDir: APP_DIR, port: 0, contactsPerAccount: CONTACTS_PER_ACCOUNT, carddav: options.carddav ?? false });
}

/** A demo with small books, for tests about the app's behaviour rather than its scale: quicker on two cores. */
export function startSmallDemo(contactsPerAccount = 200, options: TestDemoOptions = {}): Promise<DemoServer> {
  return startDemo({ appDir: APP_DIR, port: 0, contactsPerAccount, carddav: options.carddav ?? false });
}

export interface DemoSession {
  readonly demo: DemoServer;
  readonly browser: TestBrowser;
  readonly page: Page;
  readonly ui: ReturnType<typeof app>;
  /** Closes the browser (deleting its profile), then the demo. */
  close(): Promise<void>;
}

export interface OpenDemoOptions extends TestDemoOptions {
  /** Contacts per account; default the demo command's 2,000. */
  readonly contacts?: number;
  /** Opens the app, picks this account and waits until its first sync is done. Without it the page stays blank. */
  readonly account?: RegExp;
}

/** The setup every e2e file shares: a demo server, a fresh Chromium, one page, and optionally an account synced. */
export async function openDemo(options: OpenDemoOptions = {}): Promise<DemoSession> {
  const contacts = options.contacts ?? CONTACTS_PER_ACCOUNT;
  const demo = await startSmallDemo(contacts, options);
  let browser: TestBrowser | undefined;
  const close = async (): Promise<void> => {
    await browser?.close();
    await demo.close();
  };
  try {
    browser = await launchBrowser();
    const page = await browser.newPage();
    const ui = app(page);
    if (options.account !== undefined) {
      await page.goto(demo.url);
      await ui.pickAccount(options.account);
      await eventually(async () => expect(await ui.syncLine.textContent()).toBe('Up to date.'), 90_000);
    }
    return { demo, browser, page, ui, close };
  } catch (error) {
    await close();
    throw error;
  }
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
}

/** Polls until `check` passes (for state that settles in the engine, not in the DOM). */
export async function eventually(check: () => void | Promise<void>, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      await check();
      return;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
}

/** The app's landmarks and controls, found as a person (or a screen reader) would find them. */
export function app(page: Page) {
  const tab = (name: RegExp): Locator => page.getByRole('tab', { name });
  return {
    page,
    syncLine: page.getByTestId('sync-line'),
    pending: page.getByTestId('pending-count'),
    connection: page.getByTestId('connection'),
    initialBar: page.getByTestId('initial-sync-bar'),
    contactList: page.getByRole('list', { name: 'Contact list' }),
    search: page.getByLabel('Search'),
    contactsTab: tab(/^Contacts$/),
    inboxTab: tab(/^Inbox/),
    consoleTab: tab(/^Server console$/),
    /** The list row (a button) of the contact whose row text contains `text`. */
    row: (text: string): Locator => page.getByRole('list', { name: 'Contact list' }).getByRole('button').filter({ hasText: text }),
    async pickAccount(label: RegExp): Promise<void> {
      await page.getByRole('button', { name: label }).click();
    },
    async searchFor(text: string): Promise<void> {
      await this.contactsTab.click();
      await this.search.fill(text);
    },
    /** Finds a contact by one of its emails and opens it. */
    async openContact(email: string): Promise<void> {
      await this.searchFor(email);
      await this.row(email).click();
      await expect.poll(() => page.getByRole('article').getByRole('heading').count()).toBe(1);
    },
    /** Edits the open contact's job title and saves. */
    async editJobTitle(value: string): Promise<void> {
      await page.getByRole('button', { name: 'Edit' }).click();
      await page.getByLabel('Job title').fill(value);
      await page.getByRole('button', { name: 'Save', exact: true }).click();
      await expect.poll(() => page.getByRole('article').count()).toBe(1);
    },
    async setNetwork(online: boolean): Promise<void> {
      await this.consoleTab.click();
      await page.getByRole('button', { name: online ? 'Go online' : 'Go offline' }).click();
      await expect.poll(() => page.getByTestId('network-state').textContent()).toContain(online ? 'up' : 'down');
    },
  };
}
