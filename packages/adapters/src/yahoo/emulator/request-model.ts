import type { RequestEvent } from '../wire.js';
import { failure, type Failure, CODE } from './codes.js';

/**
 * A request as the emulator understood it. An event it could not read becomes an `invalid` event:
 * it fails on its own with a nested error, and the other events still apply (§2.5).
 *
 * Ids that are present but not integers are read as `-1`, which never names an entity, so the rule
 * for an unknown id answers (-40402 / -40403 / -40404); a missing or invalid `cid` is -40022.
 */
export type ParsedEvent = RequestEvent | { readonly type: 'invalid'; readonly failure: Failure };

export interface ParsedRequest {
  readonly events: readonly ParsedEvent[];
}

export const NO_ID = -1;

/** An id from the wire: a decimal integer (JSON may also send a number). */
export function parseId(raw: unknown): number | undefined {
  if (typeof raw === 'number') return Number.isSafeInteger(raw) ? raw : NO_ID;
  if (typeof raw !== 'string') return undefined;
  return /^-?[0-9]{1,15}$/.test(raw.trim()) ? Number(raw.trim()) : NO_ID;
}

/** A flag value; `null` when it is not a boolean spelling at all. */
export function parseFlag(raw: unknown): boolean | null {
  if (raw === true || raw === 'true' || raw === '1' || raw === 1) return true;
  if (raw === false || raw === 'false' || raw === '0' || raw === 0) return false;
  return null;
}

export class EventError extends Error {
  constructor(readonly failure: Failure) {
    super(failure.debugMessage);
    this.name = 'EventError';
  }
}

/** Throws the nested 80040 that makes one event invalid. */
export function invalidEvent(debugMessage: string): never {
  throw new EventError(failure(CODE.INVALID_REQUEST, debugMessage));
}

/** Runs one event's reader, turning a thrown `EventError` into an invalid event. */
export function readEvent(read: () => RequestEvent): ParsedEvent {
  try {
    return read();
  } catch (error) {
    if (error instanceof EventError) return { type: 'invalid', failure: error.failure };
    throw error;
  }
}
