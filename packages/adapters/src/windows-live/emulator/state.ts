import { randomUUID } from 'node:crypto';
import { Tokens } from './auth.js';
import { Book } from './book.js';
import { Faults } from './faults.js';
import { lidToCid } from './path.js';
import type { LogEntry, Quotas } from './types.js';

/** Everything one emulated book holds, shared by the routes and the control plane. */
export class EmulatorState {
  readonly book: Book;
  readonly tokens = new Tokens();
  readonly faults = new Faults();
  readonly requestLog: LogEntry[] = [];
  readonly cid: string;
  familySafety = false;
  private offset = 0;

  constructor(
    readonly lid: string,
    private readonly baseClock: () => number,
    public quotas: Quotas,
    /** Called after every change to the book (persistence). */
    readonly onChange: () => void = () => {},
  ) {
    this.cid = lidToCid(lid);
    this.book = new Book(() => this.now());
  }

  now(): number {
    return this.baseClock() + this.offset;
  }

  setTime(epochMs: number): void {
    this.offset = epochMs - this.baseClock();
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  newId(): string {
    return randomUUID();
  }
}
