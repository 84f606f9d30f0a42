import { describe, expect, it } from 'vitest';
import { startWindowsLiveEmulator, startYahooEmulator } from '@contactsync/adapters/emulators';
import { hostileBodies } from './hostile-bodies.js';

const VALID_WL = '<Contact><Profiles><Personal><FirstName>Ada</FirstName><LastName>Model</LastName></Personal></Profiles></Contact>';
const VALID_YAHOO_XML = '<sync-request><add-contact><add-name><first>Ada</first><last>Model</last></add-name></add-contact></sync-request>';
const VALID_YAHOO_JSON =
  '{"type":"sync_request","events":[{"type":"add_contact","fields":[{"type":"add_name","first":"Ada","last":"Model"}]}]}';

describe('hostile requests to the emulators', () => {
  it('Windows Live answers each with 400 and keeps serving', async () => {
    const emulator = await startWindowsLiveEmulator({ port: 0, quotas: { callsPerSecond: null } });
    const root = `${emulator.url}/users/@L@${emulator.lid}/rest/LiveContacts`;
    const headers = { Authorization: `DelegatedToken dt="${emulator.token}"`, 'Content-Type': 'application/xml; charset=utf-8' };
    for (const hostile of hostileBodies('xml', VALID_WL)) {
      const response = await fetch(`${root}/Contacts`, { method: 'POST', headers, body: hostile.body as BodyInit });
      expect(response.status, hostile.name).toBe(400);
      await response.arrayBuffer();
      const after = await fetch(root, { headers });
      expect(after.status, `serving after ${hostile.name}`).toBe(200);
      await after.arrayBuffer();
    }
    expect(emulator.control.list()).toEqual([]);
    await emulator.close();
  }, 120_000);

  for (const format of ['xml', 'json'] as const) {
    it(`Yahoo (${format}) answers each with error 80020 and keeps serving`, async () => {
      const emulator = await startYahooEmulator({ port: 0 });
      const url = `${emulator.url}/v1/synchronize?format=${format}&myrev=0&appid=${emulator.appid}&WSSID=${emulator.wssid}`;
      const headers = { Cookie: emulator.cookie, 'Content-Type': format === 'xml' ? 'application/xml' : 'application/json' };
      for (const hostile of hostileBodies(format, format === 'xml' ? VALID_YAHOO_XML : VALID_YAHOO_JSON)) {
        if (hostile.name === 'prototype keys' || hostile.name === 'wrong shapes') continue; // response shapes, not requests
        const response = await fetch(url, { method: 'POST', headers, body: hostile.body as BodyInit });
        const text = await response.text();
        expect(response.status, hostile.name).toBeGreaterThanOrEqual(400);
        expect(text, hostile.name).toMatch(/80020|80040/);
        const after = await fetch(url, { headers });
        expect(after.status, `serving after ${hostile.name}`).toBe(200);
        await after.arrayBuffer();
      }
      expect(emulator.control.listContacts()).toEqual([]);
      await emulator.close();
    }, 120_000);
  }
});
