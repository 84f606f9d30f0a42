import { startEmulatorServer, type ApiReply, type ApiRequest, type EmulatorBaseOptions } from '../../kit/emulator/emulator-server.js';
import { createControl, type YahooEmulatorControl } from './control.js';
import { yahooControlPlane } from './control-http.js';
import type { EmulatorLimits } from './limits.js';
import { handleApi } from './routes.js';
import { createState, type EmulatorState } from './state.js';

/** `clock` drives revisions, history retention and the log. */
export interface YahooEmulatorOptions extends EmulatorBaseOptions {
  readonly limits?: Partial<EmulatorLimits>;
  /** Refuse duplicate contacts with -40042..-40045 instead of merging identical ones. */
  readonly strictDuplicates?: boolean;
}

export interface YahooEmulator {
  /** Base URL, e.g. `http://127.0.0.1:4321`; the API is under `/v1/`, the control plane under `/_control/`. */
  readonly url: string;
  readonly appid: string;
  readonly wssid: string;
  /** The `Cookie` header value to send: `Y=...`. */
  readonly cookie: string;
  readonly control: YahooEmulatorControl;
  close(): Promise<void>;
}

/** Starts a Yahoo Address Book emulator (docs/yahoo.md) on the emulator kit's server scaffold. */
export async function startYahooEmulator(options: YahooEmulatorOptions = {}): Promise<YahooEmulator> {
  const state = createState(options);
  const control = createControl(state);
  if (options.seedContacts !== undefined && options.seedContacts.length > 0) control.seed(options.seedContacts);
  const server = await startEmulatorServer({ ...yahooControlPlane(control), serve: (request) => serve(state, request) }, options.port ?? 0);
  return {
    url: server.url,
    appid: state.credentials.appid,
    wssid: state.credentials.wssid,
    cookie: state.credentials.cookie,
    control,
    close: () => server.close(),
  };
}

async function serve(state: EmulatorState, request: ApiRequest): Promise<{ reply: ApiReply; lose: boolean }> {
  const at = state.now();
  const { method, url, body } = request;
  const response = await handleApi(state, { method, url, cookie: request.headers['cookie'], body });
  const format = url.searchParams.get('format') === 'json' ? 'json' : 'xml';
  const drop = state.faults.takeDrop({ method, path: url.pathname, format });
  state.log.push({
    method,
    path: url.pathname,
    query: Object.fromEntries(url.searchParams),
    at,
    status: response.status,
    code: response.code,
    nestedCodes: response.nestedCodes,
    dropped: drop,
  });
  if (state.switches.latencyMs > 0) await new Promise((resolve) => setTimeout(resolve, state.switches.latencyMs));
  return { reply: { status: response.status, headers: response.headers, body: response.body }, lose: drop };
}
