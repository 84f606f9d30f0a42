import {
  generateContacts,
  startGraphEmulator,
  startWindowsLiveEmulator,
  startYahooEmulator,
  type GraphEmulator,
  type WindowsLiveEmulator,
  type YahooEmulator,
} from '@contactsync/adapters/emulators';

export interface DemoEmulators {
  readonly windowsLive: WindowsLiveEmulator;
  readonly yahooXml: YahooEmulator;
  readonly yahooJson: YahooEmulator;
  readonly graph: GraphEmulator;
  close(): Promise<void>;
}

export interface DemoEmulatorOptions {
  readonly contactsPerAccount: number;
  /** The generator's seed for the Windows Live book; the Yahoo books use the next two, Graph the one after. */
  readonly seed: number;
  /** Where the Windows Live emulator keeps its book between runs (see `demo-persistence.ts`). */
  readonly windowsLivePath?: string;
  /** The file held a book: it is restored, not seeded again. */
  readonly windowsLiveRestored?: boolean;
}

/**
 * Windows Live allows 20 calls per second per token (docs/windows-live.md §1.6); it pushes one request per
 * contact, so the demo lifts the limit far enough that a first sync and a burst of edits never meet it.
 * The console's "server busy" button is how the demo shows a 503 + Retry-After instead.
 */
const DEMO_CALLS_PER_SECOND = 500;

/**
 * The three emulated accounts, each its own book seeded with the deterministic generator: Windows
 * Live, Yahoo twice (one account speaks XML, the other JSON, as two separate address books), and
 * Microsoft Graph.
 */
export async function startDemoEmulators(options: DemoEmulatorOptions): Promise<DemoEmulators> {
  const book = (offset: number) => generateContacts(options.contactsPerAccount, options.seed + offset);
  const started: { close(): Promise<void> }[] = [];
  try {
    const windowsLive = await startWindowsLiveEmulator({
      port: 0,
      seedContacts: options.windowsLiveRestored === true ? [] : book(0),
      quotas: { callsPerSecond: DEMO_CALLS_PER_SECOND },
      ...(options.windowsLivePath === undefined ? {} : { persistPath: options.windowsLivePath }),
    });
    started.push(windowsLive);
    const yahooXml = await startYahooEmulator({ port: 0, seedContacts: book(1) });
    started.push(yahooXml);
    const yahooJson = await startYahooEmulator({ port: 0, seedContacts: book(2) });
    started.push(yahooJson);
    // Graph keeps Outlook's limits (4 concurrent requests, 3 emails); its own seed for shuffled pages.
    const graph = await startGraphEmulator({ port: 0, seedContacts: book(3), seed: options.seed });
    started.push(graph);
    return { windowsLive, yahooXml, yahooJson, graph, close: () => closeAll(started) };
  } catch (error) {
    await closeAll(started);
    throw error;
  }
}

async function closeAll(servers: readonly { close(): Promise<void> }[]): Promise<void> {
  await Promise.all(servers.map((server) => server.close()));
}
