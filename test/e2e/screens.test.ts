import { mkdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { ROOT } from '../../scripts/demo-build.mjs';
import type { DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { app, type DemoSession, eventually, openDemo } from './kit.js';

const AXE_SOURCE = readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const SCREENS_DIR = join(ROOT, 'test', 'e2e', 'screenshots', 'screens');
const VIEWPORTS = [
  { name: 'desktop', width: 1280, height: 800 },
  { name: 'phone', width: 390, height: 844 },
] as const;
const SCHEMES = ['light', 'dark'] as const;

interface Violation {
  readonly id: string;
  readonly impact: string | null;
  readonly help: string;
  readonly targets: readonly string[];
}

/** axe-core's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<Violation[]> {
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(AXE_SOURCE);
  return page.evaluate(async () => {
    const axe = (
      window as unknown as {
        axe: {
          run(
            context: Document,
            options: object,
          ): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }>;
        };
      }
    ).axe;
    const result = await axe.run(document, { resultTypes: ['violations'] });
    return result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
  });
}

/**
 * Every screen at 1280x800 and 390x844, in light and dark mode: a screenshot of each (written to the
 * gitignored `test/e2e/screenshots/screens/`), and an axe-core check of each with no serious or
 * critical violation.
 */
describe('every screen, in both sizes and both colour schemes', () => {
  let demo: DemoServer;
  let page: Page;
  let ui: ReturnType<typeof app>;
  const violations: Record<string, Violation[]> = {};
  const server = () => demo.emulators.windowsLive.control;

  let session: DemoSession;

  beforeAll(async () => {
    mkdirSync(SCREENS_DIR, { recursive: true });
    session = await openDemo({ contacts: 200 });
    ({ demo, page, ui } = session);
  });

  afterAll(() => session?.close());

  /** Shoots and checks the screen `name` in every size and scheme; `reach` brings the page back to it after a resize. */
  async function capture(name: string, reach: () => Promise<void> = async () => undefined): Promise<void> {
    for (const viewport of VIEWPORTS) {
      await page.setViewportSize({ width: viewport.width, height: viewport.height });
      await reach();
      for (const scheme of SCHEMES) {
        await page.emulateMedia({ colorScheme: scheme });
        await page.waitForTimeout(50);
        await page.screenshot({ path: join(SCREENS_DIR, `${name}-${viewport.width}x${viewport.height}-${scheme}.png`) });
        const found = await seriousViolations(page);
        if (found.length > 0) violations[`${name} ${viewport.name} ${scheme}`] = found;
      }
    }
    await page.setViewportSize({ width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: 'light' });
  }

  it('captures and checks every screen', async () => {
    await page.goto(demo.url);
    await expect.poll(() => page.getByRole('button', { name: /Windows Live/ }).count()).toBe(1);
    await capture('account-picker');

    await ui.pickAccount(/Windows Live/);
    await eventually(async () => expect(await ui.syncLine.textContent()).toBe('Up to date.'), 60_000);
    await capture('contact-list');

    const contact = server().list()[2]!.contact;
    const back = page.getByRole('button', { name: '← All contacts' });
    const openDetail = async (): Promise<void> => {
      if (await page.getByRole('article').isVisible()) return;
      await ui.openContact(contact.emails[0]!.address);
    };
    await capture('contact-detail', openDetail);

    await page.getByRole('button', { name: 'Edit' }).click();
    await page.getByLabel('Job title').fill('Typed and kept');
    await page.getByRole('button', { name: 'Add email' }).click();
    await page
      .getByLabel(/^Email \d address$/)
      .last()
      .fill('not an email');
    await page.getByRole('button', { name: 'Save', exact: true }).click();
    await expect.poll(() => page.locator('.form-summary').count()).toBe(1);
    await capture('contact-form-errors');
    await page.getByRole('button', { name: 'Discard changes' }).click();

    await ui.search.fill('zz no such person');
    await capture('search-no-matches');
    await ui.search.fill('');
    if (await back.isVisible()) await back.click();

    // A refused change, for the inbox and the detail's explanation.
    await ui.consoleTab.click();
    await page.getByRole('button', { name: 'Refuse the next change as invalid' }).click();
    await ui.openContact(contact.emails[0]!.address);
    await ui.editJobTitle('Refused value');
    await expect.poll(() => page.getByRole('article').locator('[data-sync-state]').textContent(), { timeout: 20_000 }).toBe('Rejected');
    await capture('contact-refused', openDetail);
    await ui.inboxTab.click();
    await capture('inbox');
    await ui.consoleTab.click();
    await capture('server-console');

    await ui.contactsTab.click();
    const duplicates = async (): Promise<void> => {
      if ((await page.getByRole('heading', { name: 'Possible duplicates' }).count()) === 0)
        await page.getByRole('button', { name: 'Find duplicates' }).click();
    };
    await capture('duplicates', duplicates);
    await page.getByRole('button', { name: 'Back to the contact' }).click();
    await page.locator('body').press('?');
    await capture('shortcuts');
    await page.locator('body').press('?');

    await ui.consoleTab.click();
    await page.getByLabel('Requests').fill('1');
    await page.getByLabel('Retry after (seconds)').fill('30');
    await page.getByRole('button', { name: /503 and Retry-After/ }).click();
    await page.getByRole('button', { name: 'Sync now' }).click();
    await expect.poll(() => ui.syncLine.textContent(), { timeout: 15_000 }).toMatch(/Trying again in/);
    await ui.contactsTab.click();
    await capture('waiting-countdown');

    expect(violations).toEqual({});
  });
});
