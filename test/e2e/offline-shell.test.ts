import { appendFile, cp, mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Page } from 'playwright-core';
import { APP_DIR } from '../../scripts/demo-build.mjs';
import { startDemo, type DemoServer } from '../../packages/demo-web/server/start-demo.js';
import { launchBrowser, type TestBrowser } from './browser.js';
import { app, eventually } from './kit.js';

/**
 * The app shell comes from a service worker: a reload with the network off opens the app and its
 * replica, and a new build on the server is announced. The app is served from a copy of the build, so
 * the test can publish a "new version" without touching the real one.
 */
describe('the app shell offline', () => {
  let appDir: string;
  let demo: DemoServer;
  let browser: TestBrowser;
  let page: Page;
  let ui: ReturnType<typeof app>;

  beforeAll(async () => {
    appDir = await mkdtemp(join(tmpdir(), 'contactsync-app-'));
    await cp(APP_DIR, appDir, { recursive: true });
    demo = await startDemo({ appDir, port: 0, contactsPerAccount: 150 });
    browser = await launchBrowser();
    page = await browser.newPage();
    ui = app(page);
  });

  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await rm(appDir, { recursive: true, force: true });
  });

  it('ships React’s production build', async () => {
    const scripts = (await readdir(join(appDir, 'assets'))).filter((f) => f.endsWith('.js'));
    const main = await readFile(
      join(
        appDir,
        'assets',
        scripts.find((f) => f.startsWith('index-'))!,
      ),
      'utf8',
    );
    expect(main).not.toContain('jsxDEV');
    expect(main).toContain('Minified React error');
  });

  it('opens the app and its replica on a reload with the network off', async () => {
    await page.goto(demo.url);
    await ui.pickAccount(/Windows Live/);
    await eventually(async () => expect(await ui.syncLine.textContent()).toBe('Up to date.'), 60_000);
    await eventually(async () => expect(await page.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true));

    await browser.context.setOffline(true);
    await page.reload();
    await expect.poll(() => page.getByTestId('match-count').textContent(), { timeout: 15_000 }).toBe('150 contacts');
    await expect.poll(() => ui.connection.textContent()).toBe('Offline');
    await ui.contactList.getByRole('button').first().click();
    await expect.poll(() => page.getByRole('article').count()).toBe(1);
    await browser.context.setOffline(false);
  });

  it('says when a newer version is available, and reloads into it when asked', async () => {
    // A new build: any change to the service worker's bytes makes the browser install it.
    await appendFile(join(appDir, 'sw.js'), '\n// a newer build\n');
    await page.reload();
    const banner = page.getByTestId('update-banner');
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(1);
    expect(await banner.textContent()).toContain('A newer version of this app is available.');
    await page.getByRole('button', { name: 'Reload to update' }).click();
    await expect.poll(() => banner.count(), { timeout: 20_000 }).toBe(0);
    await expect.poll(() => page.getByTestId('match-count').textContent(), { timeout: 15_000 }).toBe('150 contacts');
    expect(await page.evaluate(() => navigator.serviceWorker.controller?.scriptURL)).toMatch(/\/sw\.js$/);
  });
});
