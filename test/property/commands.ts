import fc from 'fast-check';
import type { ServerFault } from './backend.js';

export const DEVICES = 3;

export type Command =
  | { readonly type: 'create'; readonly device: number; readonly named: number }
  | {
      readonly type: 'update';
      readonly device: number;
      readonly pick: number;
      readonly field: 'company' | 'notes' | 'email' | 'phone' | 'category';
      readonly value: number;
    }
  | { readonly type: 'remove'; readonly device: number; readonly pick: number }
  | { readonly type: 'remote-create'; readonly named: number }
  | { readonly type: 'remote-update'; readonly pick: number; readonly value: number; readonly sameField: boolean }
  | { readonly type: 'remote-remove'; readonly pick: number }
  | { readonly type: 'sync'; readonly device: number }
  | { readonly type: 'race'; readonly pick: number; readonly value: number }
  | { readonly type: 'server-fault'; readonly fault: ServerFault }
  | { readonly type: 'offline-once'; readonly device: number }
  | { readonly type: 'crash'; readonly device: number; readonly atRequest: number; readonly afterSend: boolean }
  | { readonly type: 'advance'; readonly ms: number };

const device = fc.integer({ min: 0, max: DEVICES - 1 });
const record = <T extends object>(shape: { [K in keyof T]: fc.Arbitrary<T[K]> }) => fc.record(shape) as fc.Arbitrary<T>;

/** Random interleavings of user edits, other devices' edits, syncs, races and faults. */
export const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 3,
    arbitrary: record<Extract<Command, { type: 'create' }>>({ type: fc.constant('create'), device, named: fc.nat({ max: 3 }) }),
  },
  {
    weight: 4,
    arbitrary: record<Extract<Command, { type: 'update' }>>({
      type: fc.constant('update'),
      device,
      pick: fc.nat(),
      field: fc.constantFrom('company', 'notes', 'email', 'phone', 'category'),
      value: fc.nat({ max: 4 }),
    }),
  },
  { weight: 1, arbitrary: record<Extract<Command, { type: 'remove' }>>({ type: fc.constant('remove'), device, pick: fc.nat() }) },
  {
    weight: 1,
    arbitrary: record<Extract<Command, { type: 'remote-create' }>>({ type: fc.constant('remote-create'), named: fc.nat({ max: 3 }) }),
  },
  {
    weight: 2,
    arbitrary: record<Extract<Command, { type: 'remote-update' }>>({
      type: fc.constant('remote-update'),
      pick: fc.nat(),
      value: fc.nat({ max: 4 }),
      sameField: fc.boolean(),
    }),
  },
  { weight: 1, arbitrary: record<Extract<Command, { type: 'remote-remove' }>>({ type: fc.constant('remote-remove'), pick: fc.nat() }) },
  { weight: 5, arbitrary: record<Extract<Command, { type: 'sync' }>>({ type: fc.constant('sync'), device }) },
  {
    weight: 1,
    arbitrary: record<Extract<Command, { type: 'race' }>>({ type: fc.constant('race'), pick: fc.nat(), value: fc.nat({ max: 4 }) }),
  },
  {
    weight: 2,
    arbitrary: record<Extract<Command, { type: 'server-fault' }>>({
      type: fc.constant('server-fault'),
      fault: fc.constantFrom<ServerFault>(
        'unavailable-retry-after',
        'unavailable',
        'throttled',
        'server-error',
        'auth-expired',
        'lost-response',
        'reject-next-write',
        'slow',
      ),
    }),
  },
  { weight: 1, arbitrary: record<Extract<Command, { type: 'offline-once' }>>({ type: fc.constant('offline-once'), device }) },
  {
    weight: 1,
    arbitrary: record<Extract<Command, { type: 'crash' }>>({
      type: fc.constant('crash'),
      device,
      atRequest: fc.integer({ min: 1, max: 6 }),
      afterSend: fc.boolean(),
    }),
  },
  {
    weight: 1,
    arbitrary: record<Extract<Command, { type: 'advance' }>>({ type: fc.constant('advance'), ms: fc.integer({ min: 0, max: 200_000 }) }),
  },
);
