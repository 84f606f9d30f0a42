import type { ContactService } from '@contactsync/core';
import { carddav, microsoftGraph, windowsLive, yahooAddressBook } from '@contactsync/adapters';
import type { DemoAccount } from '../../shared/demo-accounts';
import { relayFetch } from '../accounts/own-carddav';
import { demoFetch, type FetchLike } from './demo-fetch';

/**
 * The adapter for an account, talking to the demo server's same-origin proxy. `origin` makes the
 * proxy path absolute (the adapters build URLs by string, and a worker resolves relative ones
 * against its script's URL).
 */
export function createService(account: DemoAccount, origin: string, fetchImpl: FetchLike): ContactService {
  const baseUrl = new URL(account.baseUrl, origin).href;
  const fetch = demoFetch(fetchImpl);
  switch (account.service) {
    case 'windows-live':
      return windowsLive({ baseUrl, lid: account.lid, token: account.token, fetch });
    case 'yahoo': {
      // This adapter takes a fetch of the standard signature; it only ever passes a URL string.
      const standardFetch: typeof globalThis.fetch = (input, init) =>
        fetch(input instanceof Request ? input.url : String(input), init ?? {});
      // The real cookie is added by the proxy (see `YahooAccount`); a page cannot send one itself.
      return yahooAddressBook({
        baseUrl,
        appid: account.appid,
        wssid: account.wssid,
        cookie: 'Y=set-by-the-demo-proxy',
        format: account.format,
        fetch: standardFetch,
      });
    }
    case 'carddav': {
      const auth = { username: account.username, password: account.password };
      // A server the person connected: the adapter sees its real URLs, the transport goes through the relay.
      if (account.relayPath !== undefined) {
        const relay = { relayPath: account.relayPath, origin: new URL(account.baseUrl).origin };
        return carddav({ bookUrl: account.baseUrl, auth, fetch: demoFetch(relayFetch(relay, origin, fetchImpl)) });
      }
      // The relay on the demo's origin serves Radicale's paths as they are (docs/carddav.md §7).
      return carddav({ bookUrl: baseUrl, auth, fetch });
    }
    case 'microsoft-graph': {
      // The emulator's token; a real app would ask MSAL here (and for a new one on `refresh`).
      const token = account.token;
      return microsoftGraph({ baseUrl, getAccessToken: () => Promise.resolve(token), fetch });
    }
  }
}
