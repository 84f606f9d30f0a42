import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { IDBFactory, IDBKeyRange } from 'fake-indexeddb';
import type { ContactDraft } from '../model/contact.js';
import { pickDraft } from '../model/draft.js';
import type { RequestFailure } from '../policy/outcome.js';
import type { ContactService } from '../service/contact-service.js';
import { FakeContactService } from '../service/fake-service.js';
import { OPEN_FIELD_MODEL, type FieldModel } from '../service/field-model.js';
import { propertyParameters } from '../util/property-parameters.js';
import { createSyncEngine, type SyncEngine } from './create-sync-engine.js';
import { FakeClock, person, seededRandom } from './engine-test-kit.js';

type Command =
  | { type: 'create'; device: number }
  | {
      type: 'update';
      device: number;
      pick: number;
      field: 'company' | 'notes' | 'email' | 'personal-email' | 'phone' | 'suffix' | 'category';
      value: number;
    }
  | { type: 'remove'; device: number; pick: number }
  | { type: 'remote-update'; pick: number; value: number; personalEmail: boolean }
  | { type: 'remote-remove'; pick: number }
  | { type: 'sync'; device: number }
  | { type: 'fault'; on: 'pull' | 'push'; answer: 'retry-after' | 'failed' | 'lost' | 'offline' | 'auth' }
  | { type: 'advance'; ms: number };

const DEVICES = 3;
const device = fc.integer({ min: 0, max: DEVICES - 1 });
const command: fc.Arbitrary<Command> = fc.oneof(
  { weight: 3, arbitrary: fc.record({ type: fc.constant('create' as const), device }) },
  {
    weight: 6,
    arbitrary: fc.record({
      type: fc.constant('update' as const),
      device,
      pick: fc.nat(),
      field: fc.constantFrom(
        'company' as const,
        'notes' as const,
        'email' as const,
        'personal-email' as const,
        'phone' as const,
        'suffix' as const,
        'category' as const,
      ),
      value: fc.nat({ max: 5 }),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remove' as const), device, pick: fc.nat() }) },
  {
    weight: 4,
    arbitrary: fc.record({
      type: fc.constant('remote-update' as const),
      pick: fc.nat(),
      value: fc.nat({ max: 5 }),
      personalEmail: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('remote-remove' as const), pick: fc.nat() }) },
  { weight: 3, arbitrary: fc.record({ type: fc.constant('sync' as const), device }) },
  {
    weight: 2,
    arbitrary: fc.record({
      type: fc.constant('fault' as const),
      on: fc.constantFrom('pull' as const, 'push' as const),
      answer: fc.constantFrom('retry-after' as const, 'failed' as const, 'lost' as const, 'offline' as const, 'auth' as const),
    }),
  },
  { weight: 1, arbitrary: fc.record({ type: fc.constant('advance' as const), ms: fc.integer({ min: 0, max: 200_000 }) }) },
);

function failure(answer: Exclude<Extract<Command, { type: 'fault' }>['answer'], 'lost'>): RequestFailure {
  switch (answer) {
    case 'retry-after':
      return { kind: 'retry-at', retryAfterMs: 60_000, code: '503', userMessage: 'busy' };
    case 'failed':
      return { kind: 'failed', code: '500', userMessage: 'failed', maybeCommitted: false };
    case 'offline':
      return { kind: 'offline' };
    case 'auth':
      return { kind: 'auth-required', code: '401', userMessage: 'sign in' };
  }
}

/**
 * A service with the shapes that broke merges before: emails are typed slots (one per type, as on
 * Windows Live), phones a capped set, and a name suffix it does not store.
 */
const MODEL: FieldModel = {
  ...OPEN_FIELD_MODEL,
  name: { ...OPEN_FIELD_MODEL.name, suffix: { stored: false, maxLength: 1_024 } },
  emails: { ...OPEN_FIELD_MODEL.emails, identity: 'slots', types: { personal: 1, work: 1, other: 1 } },
  phones: { ...OPEN_FIELD_MODEL.phones, maxItems: 2 },
};

/** Sorted, comparable content of a book, device-only values left out: what every device must agree on at the end. */
const canonical = (contacts: readonly ContactDraft[]): string[] =>
  contacts
    .map((c) => {
      const draft = pickDraft(c);
      return JSON.stringify({
        ...draft,
        name: { ...draft.name, suffix: '' },
        emails: [...c.emails].sort((a, b) => a.type.localeCompare(b.type)),
        phones: [...c.phones].map((p) => p.number).sort(),
        categories: [...c.categories].sort(),
      });
    })
    .sort();

/** Puts `address` in the slot of `type`, as a form does: the slot's old address is replaced. */
function setSlot(emails: { type: string; address: string }[], type: 'personal' | 'other', address: string): void {
  const at = emails.findIndex((e) => e.type === type);
  if (at === -1) emails.push({ type, address });
  else emails[at] = { type, address };
}

async function run(commands: readonly Command[]): Promise<void> {
  const fake = new FakeContactService({ pageSize: 4, fieldModel: MODEL });
  const clock = new FakeClock();
  const requests: { device: number; at: number }[] = [];
  const notBefore = new Map<number, number>();
  const engines: SyncEngine[] = [];
  for (let d = 0; d < DEVICES; d++) {
    const service: ContactService = {
      traits: fake.traits,
      fieldModel: fake.fieldModel,
      pull: (r) => (requests.push({ device: d, at: clock.now() }), fake.pull(r)),
      push: (r) => (requests.push({ device: d, at: clock.now() }), fake.push(r)),
    };
    engines.push(
      await createSyncEngine({
        databaseName: `device${d}`,
        service,
        indexedDB: new IDBFactory(),
        IDBKeyRange,
        now: clock.now,
        random: seededRandom(d + 1),
      }),
    );
  }
  let token = 0;
  const created = new Set<string>();
  const deleted = new Set<string>();
  /** The device-only suffix each device last gave a contact (by nickname): it must survive every sync. */
  const suffixes = new Map<string, string>();

  const sync = async (d: number): Promise<void> => {
    const before = requests.length;
    const report = await (engines[d] as SyncEngine).sync();
    const sent = requests.slice(before);
    const wait = notBefore.get(d);
    // (4) nothing reaches the server before a retry-after it was given has passed.
    if (wait !== undefined) for (const r of sent) expect(r.at).toBeGreaterThanOrEqual(wait);
    // (6) a bounded number of requests per sync: pages plus batches times resubmit rounds.
    expect(sent.length).toBeLessThanOrEqual(60);
    if (report.outcome === 'waiting' && report.error?.code === '503' && report.retryAt !== null) notBefore.set(d, report.retryAt);
  };

  // A shared book every device starts from, so edits meet on the same contacts and merge.
  for (const given of ['Ann', 'Ben', 'Cy']) {
    const nickname = `s${token++}`;
    fake.remoteCreate(person(given, { nickname, emails: [{ type: 'personal', address: `${nickname}@x.example` }] }));
    created.add(nickname);
  }
  for (let d = 0; d < DEVICES; d++) await sync(d);

  for (const cmd of commands) {
    const engine = 'device' in cmd ? (engines[cmd.device] as SyncEngine) : undefined;
    const local = engine ? await engine.contacts.list() : [];
    const target = 'pick' in cmd && local.length > 0 ? local[cmd.pick % local.length] : undefined;
    switch (cmd.type) {
      case 'create': {
        const nickname = `t${token++}`;
        await engine?.contacts.create(person('P', { nickname }));
        created.add(nickname);
        break;
      }
      case 'update':
        if (target === undefined) break;
        await engine?.contacts.update(target.id, (draft) => {
          if (cmd.field === 'company') draft.company = `co${cmd.value}`;
          if (cmd.field === 'notes') draft.notes = `note${cmd.value}`;
          if (cmd.field === 'email') setSlot(draft.emails, 'other', `e${cmd.value}@x.example`);
          if (cmd.field === 'personal-email') setSlot(draft.emails, 'personal', `p${cmd.value}@x.example`);
          if (cmd.field === 'phone' && !draft.phones.some((p) => p.number === `+1 555 010${cmd.value}`)) {
            // The cap is two: a third number replaces the oldest, as a form would make the user do.
            if (draft.phones.length >= 2) draft.phones.shift();
            draft.phones.push({ type: 'mobile', number: `+1 555 010${cmd.value}` });
          }
          if (cmd.field === 'suffix') draft.name.suffix = `Jr${cmd.value}`;
          if (cmd.field === 'category' && !draft.categories.includes(`cat${cmd.value}`)) draft.categories.push(`cat${cmd.value}`);
        });
        if (cmd.field === 'suffix') suffixes.set(`${cmd.device}:${target.nickname}`, `Jr${cmd.value}`);
        break;
      case 'remove':
        if (target === undefined) break;
        deleted.add(target.nickname);
        await engine?.contacts.remove(target.id);
        break;
      case 'remote-update': {
        const book = fake.list();
        const victim = book[cmd.pick % Math.max(1, book.length)];
        if (victim && cmd.personalEmail) {
          const others = victim.contact.emails.filter((e) => e.type !== 'personal');
          fake.remoteUpdate(victim.remoteId, { emails: [...others, { type: 'personal', address: `r${cmd.value}@x.example` }] });
        } else if (victim) fake.remoteUpdate(victim.remoteId, { jobTitle: `job${cmd.value}`, notes: `remote${cmd.value}` });
        break;
      }
      case 'remote-remove': {
        const book = fake.list();
        const victim = book[cmd.pick % Math.max(1, book.length)];
        if (victim) {
          deleted.add(victim.contact.nickname);
          fake.remoteRemove(victim.remoteId);
        }
        break;
      }
      case 'sync':
        await sync(cmd.device);
        break;
      case 'fault':
        fake.inject({ on: cmd.on, times: 1, answer: cmd.answer === 'lost' ? 'lost' : failure(cmd.answer) });
        break;
      case 'advance':
        clock.advance(cmd.ms);
        break;
    }
  }

  // Faults stop; the clock passes every retry-after; everyone syncs until quiet.
  fake.clearFaults();
  for (let round = 0; round < 6; round++) {
    clock.advance(3_600_000);
    for (let d = 0; d < DEVICES; d++) await sync(d);
  }

  const server = fake.list().map((c) => c.contact);
  const nicknames = server.map((c) => c.nickname);
  // (2) no create reached the server twice. Two devices that each edited a contact the server
  // deleted may each re-create it (an edit beats a delete, and they cannot know of each other):
  // that is the only way a contact may have several copies, one per re-creating device.
  const recreations = new Map<string, number>();
  for (const engine of engines) {
    const byId = new Map((await engine.contacts.list()).map((c) => [c.id, c.nickname]));
    for (const conflict of await engine.conflicts()) {
      const nickname = byId.get(conflict.contactId);
      if (conflict.kind === 'recreated' && nickname !== undefined) recreations.set(nickname, (recreations.get(nickname) ?? 0) + 1);
    }
  }
  for (const nickname of new Set(nicknames)) {
    const copies = nicknames.filter((n) => n === nickname).length;
    expect(copies).toBeLessThanOrEqual(Math.max(1, recreations.get(nickname) ?? 0));
  }
  // (1) every contact a device created and nobody deleted is on the server.
  for (const name of created) if (!deleted.has(name)) expect(nicknames).toContain(name);
  // (3) every replica equals the server, and nothing is left pending.
  for (const engine of engines) {
    expect(canonical(await engine.contacts.list())).toEqual(canonical(server));
    expect(await engine.pendingChanges()).toEqual([]);
  }
  // (5) a value the service cannot store stays on the device that wrote it, through every sync.
  for (const [key, suffix] of suffixes) {
    const [d, nickname] = key.split(':') as [string, string];
    if (deleted.has(nickname)) continue;
    const copies = (await (engines[Number(d)] as SyncEngine).contacts.list()).filter((c) => c.nickname === nickname);
    for (const copy of copies) expect(copy.name.suffix, `suffix of ${nickname} on device ${d}`).toBe(suffix);
  }
  for (const engine of engines) await engine.close();
}

const PARAMETERS = propertyParameters(process.env, { seed: 20_261_204, runs: 60 });

describe('convergence under random interleavings and faults (fake service)', () => {
  it(
    'holds the invariants: no lost writes, no duplicates, equal replicas, retry-after obeyed, bounded requests',
    async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(command, { minLength: 5, maxLength: 40 }), (commands) => run(commands)),
        { ...PARAMETERS, verbose: 1 },
      );
    },
    Math.max(120_000, PARAMETERS.numRuns * 500),
  );
});
