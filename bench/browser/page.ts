/**
 * The benchmark page (main thread). Like the demo: the engine runs in a worker, the page follows the
 * replica through `openReplicaView` in a Dexie live query, rebuilds its search index on every change
 * and renders the first rows; search filters that index on every keystroke. The driver calls
 * `window.bench` through Playwright.
 */
import { liveQuery } from 'dexie';
import { openReplicaView } from '@contactsync/core';
import type { StageTimes } from '../src/pipelines/stages.js';
import type { Connection, ProviderId } from '../src/providers/provider.js';
import type { KeystrokeSample, UiScenarioResult, WorkerReply, WorkerRequest } from './protocol.js';
import { buildSearchIndex, searchContacts, type SearchEntry } from './search.js';

class WorkerClient {
  private nextId = 1;
  private readonly waiting = new Map<
    number,
    {
      resolve: (t: StageTimes | null) => void;
      reject: (e: Error) => void;
      progress?: (p: { done: number; total: number; phase: string }) => void;
    }
  >();
  constructor(private readonly worker: Worker) {
    worker.onmessage = (event: MessageEvent<WorkerReply>) => {
      const reply = event.data;
      const waiter = this.waiting.get(reply.id);
      if (waiter === undefined) return;
      if ('progress' in reply) return waiter.progress?.(reply.progress);
      this.waiting.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.times);
      else waiter.reject(new Error(reply.error));
    };
  }
  call(
    request: Omit<WorkerRequest, 'id'>,
    progress?: (p: { done: number; total: number; phase: string }) => void,
  ): Promise<StageTimes | null> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.waiting.set(id, progress === undefined ? { resolve, reject } : { resolve, reject, progress });
      this.worker.postMessage({ ...request, id } satisfies WorkerRequest);
    });
  }
}

const engineWorker = new WorkerClient(new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }));
const rxdbWorker = new WorkerClient(new Worker(new URL('./rxdb-worker.ts', import.meta.url), { type: 'module' }));

const longTasks: { start: number; duration: number }[] = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) longTasks.push({ start: entry.startTime, duration: entry.duration });
}).observe({ type: 'longtask', buffered: true });

const byId = <T extends HTMLElement>(id: string): T => {
  const element = document.getElementById(id);
  if (element === null) throw new Error(`#${id} missing`);
  return element as T;
};
const input = byId<HTMLInputElement>('search');
const list = byId<HTMLUListElement>('results');
const countLine = byId<HTMLParagraphElement>('count');
const statusLine = byId<HTMLParagraphElement>('status');

let index: SearchEntry[] = [];
const keystrokes: KeystrokeSample[] = [];

/** The visible rows: a window of 40, as a virtual list would render. */
function render(matches: readonly SearchEntry[]): void {
  list.replaceChildren(
    ...matches.slice(0, 40).map((entry) => {
      const item = document.createElement('li');
      const line = document.createElement('small');
      item.textContent = entry.title;
      line.textContent = entry.contact.emails[0]?.address ?? entry.contact.company;
      item.append(line);
      return item;
    }),
  );
  countLine.textContent = `${matches.length.toLocaleString()} contacts`;
}

input.addEventListener('input', (event) => {
  // From the keystroke's event time to a laid-out list (the paint that follows is not included).
  const matches = searchContacts(index, input.value);
  render(matches);
  void list.offsetHeight;
  keystrokes.push({ query: input.value, latencyMs: performance.now() - event.timeStamp, matches: matches.length });
});

async function uiScenario(provider: ProviderId, connection: Connection, expected: number): Promise<UiScenarioResult> {
  await engineWorker.call({ cmd: 'clear', provider, connection, databaseName: '' });
  const databaseName = 'bench-ui';
  const view = openReplicaView(databaseName);
  const refreshes: { contacts: number; readMs: number; indexMs: number; renderMs: number }[] = [];
  let markShown: (at: number) => void = () => undefined;
  const shown = new Promise<number>((resolve) => {
    markShown = resolve;
  });
  let queryRuns = 0;
  const subscription = liveQuery(async () => {
    queryRuns++;
    const started = performance.now();
    const contacts = await view.contacts();
    return { contacts, readMs: performance.now() - started };
  }).subscribe({
    next: ({ contacts, readMs }) => {
      const t0 = performance.now();
      index = buildSearchIndex(contacts);
      const t1 = performance.now();
      render(searchContacts(index, input.value));
      void list.offsetHeight;
      refreshes.push({ contacts: contacts.length, readMs, indexMs: t1 - t0, renderMs: performance.now() - t1 });
      if (contacts.length >= expected) markShown(performance.now());
    },
    error: (error: unknown) => {
      statusLine.textContent = `live query failed: ${String(error)}`;
    },
  });
  longTasks.length = 0;
  let progressMessages = 0;
  const started = performance.now();
  await engineWorker.call({ cmd: 'engine-keep', provider, connection, databaseName }, (p) => {
    progressMessages++;
    statusLine.textContent = `${p.phase} ${p.done.toLocaleString()} / ${p.total.toLocaleString()}`;
  });
  const synced = performance.now();
  const timeout = new Promise<number>((resolve) => setTimeout(() => resolve(Number.NaN), 30_000));
  const shownAt = await Promise.race([shown, timeout]);
  subscription.unsubscribe();
  const end = Number.isNaN(shownAt) ? performance.now() : shownAt;
  statusLine.textContent = 'synced';
  const duringSync = longTasks.filter((t) => t.start >= started && t.start <= end);

  // Attribution: the same work once more, alone.
  await new Promise((resolve) => setTimeout(resolve, 300));
  longTasks.length = 0;
  const readStarted = performance.now();
  const contacts = await view.contacts();
  const readMs = performance.now() - readStarted;
  await new Promise((resolve) => setTimeout(resolve, 100));
  const readLongTasks = longTasks.filter((t) => t.start >= readStarted).map((t) => t.duration);
  const indexStarted = performance.now();
  index = buildSearchIndex(contacts);
  const indexMs = performance.now() - indexStarted;
  render(searchContacts(index, input.value));
  return {
    queryRuns,
    isolated: { readMs, readLongTasks, indexMs },
    syncMs: synced - started,
    contacts: index.length,
    longTasks: duringSync,
    refreshes,
    progressMessages,
    settleMs: end - synced,
  };
}

/** Queries a person would type: a given name, a family name, a company, a phone fragment, two words. */
function sampleQueries(): string[] {
  const pick = (i: number): SearchEntry | undefined => index[Math.floor((i * index.length) / 7)];
  const a = pick(1)?.contact;
  const b = pick(3)?.contact;
  const c = pick(5)?.contact;
  const queries = [
    a?.name.given.toLowerCase() ?? 'ann',
    b?.name.family.toLowerCase() ?? 'smith',
    (c?.company ?? 'acme').split(' ')[0]?.toLowerCase() ?? 'acme',
    (a?.phones[0]?.number ?? '+1 555 1234').slice(-7),
    `${b?.name.given ?? 'jo'} ${(b?.name.family ?? 'smith').slice(0, 3)}`.toLowerCase(),
  ];
  return queries.filter((q) => q.trim() !== '');
}

declare global {
  interface Window {
    bench: {
      run(cmd: 'engine' | 'plain' | 'rxdb', provider: ProviderId, connection: Connection): Promise<StageTimes | null>;
      uiScenario(provider: ProviderId, connection: Connection, expected: number): Promise<UiScenarioResult>;
      sampleQueries(): string[];
      takeKeystrokes(): KeystrokeSample[];
      ready: boolean;
    };
  }
}

window.bench = {
  run: (cmd, provider, connection) =>
    (cmd === 'rxdb' ? rxdbWorker : engineWorker).call({ cmd, provider, connection, databaseName: `bench-${cmd}` }),
  uiScenario,
  sampleQueries,
  takeKeystrokes: () => keystrokes.splice(0, keystrokes.length),
  ready: true,
};
