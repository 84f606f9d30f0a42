import { describe, expect, it } from 'vitest';
import { GRAPH_FIELD_MODEL, microsoftGraph, WINDOWS_LIVE_FIELD_MODEL, windowsLive, YAHOO_FIELD_MODEL, yahooAddressBook } from './index.js';

/** Each service's field model is exported by name from the package root, and it is the one its adapter declares to the engine. */
describe('the field models in the public API', () => {
  it.each([
    ['Windows Live', WINDOWS_LIVE_FIELD_MODEL, () => windowsLive({ baseUrl: 'http://127.0.0.1:1', lid: '0123456789abcdef', token: 't' })],
    [
      'Yahoo',
      YAHOO_FIELD_MODEL,
      () => yahooAddressBook({ baseUrl: 'http://127.0.0.1:1', appid: 'a', wssid: 'w', cookie: 'Y=c', format: 'json' }),
    ],
    ['Microsoft Graph', GRAPH_FIELD_MODEL, () => microsoftGraph({ baseUrl: 'http://127.0.0.1:1/v1.0', getAccessToken: () => 't' })],
  ] as const)('%s', (_name, model, service) => {
    expect(service().fieldModel).toBe(model);
  });
});
