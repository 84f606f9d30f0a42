import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ContactDraft, ContactInput } from '../model/contact.js';
import { toDraft } from '../model/draft.js';
import type { ContactService } from '../service/contact-service.js';
import { FakeContactService, type FakeServiceOptions } from '../service/fake-service.js';
import { createSyncEngine, type CreateSyncEngineOptions, type SyncEngine } from './create-sync-engine.js';
import { seededRandom } from '../util/seeded-random.js';

export { seededRandom };

/**
 * A controllable clock for engine tests: time moves only when the test says so. `advance` is time
 * passing (wall and monotonic clocks both move); `jump` is the user or the network changing the
 * device clock (only the wall clock moves, either way).
 */
export class FakeClock {
  private elapsed = 0;
  constructor(public time = Date.UTC(2026, 0, 1)) {}
  readonly now = (): number => this.time;
  readonly monotonic = (): number => this.elapsed;
  advance(ms: number): void {
    this.time += ms;
    this.elapsed += ms;
  }
  jump(ms: number): void {
    this.time += ms;
  }
}

export interface EngineKit {
  readonly engine: SyncEngine;
  readonly fake: FakeContactService;
  readonly clock: FakeClock;
  readonly idb: IDBFactory;
  /** Opens a second engine on the same database, as after a reload or a crash. */
  reopen(service?: ContactService): Promise<SyncEngine>;
}

export async function engineKit(
  options: {
    fake?: FakeServiceOptions;
    service?: (fake: FakeContactService) => ContactService;
    engine?: Partial<CreateSyncEngineOptions>;
  } = {},
): Promise<EngineKit> {
  const fake = new FakeContactService(options.fake);
  const clock = new FakeClock();
  const idb = new IDBFactory();
  // Each opening draws from its own seed: one seed twice would hand out the same local ids again.
  let openings = 0;
  const open = (service: ContactService) =>
    createSyncEngine({
      databaseName: 'test@fake',
      service,
      indexedDB: idb,
      IDBKeyRange,
      now: clock.now,
      monotonicNow: clock.monotonic,
      random: seededRandom(++openings),
      ...options.engine,
    });
  const service = options.service ? options.service(fake) : fake;
  const engine = await open(service);
  return { engine, fake, clock, idb, reopen: (other = service) => open(other) };
}

export const person = (given: string, extra: ContactInput = {}): ContactDraft => toDraft({ name: { given, family: 'Tester' }, ...extra });
