import { NETWORK_DOWN_HEADER } from '../../shared/demo-accounts';

export type FetchLike = (input: string, init: RequestInit) => Promise<Response>;

/**
 * The adapters' `fetch`, with the demo's simulated network outage turned into what a real one looks
 * like to them. When the server console takes the network down, the proxy answers service requests
 * itself with `x-demo-network: down`; a real outage would make `fetch` reject before anything was
 * sent. The rejection carries `code: 'ENETDOWN'` (Node's name for it), which the adapters read as
 * "offline, nothing sent" rather than "connection lost, the write may have landed".
 */
export function demoFetch(base: FetchLike): FetchLike {
  return async (input, init) => {
    const response = await base(input, init);
    if (response.headers.get(NETWORK_DOWN_HEADER) === 'down') {
      await response.body?.cancel();
      throw Object.assign(new TypeError('The network is down (simulated by the demo).'), { code: 'ENETDOWN' });
    }
    return response;
  };
}
