import { randomUUID } from 'node:crypto';
import { EmulatorClock } from '../../kit/emulator/emulator-clock.js';
import { Tokens } from './auth.js';
import { Book } from './book.js';
import { Faults } from './faults.js';
import { lidToCid } from './path.js';
import type { LogEntry, Quotas } from './types.js';

/** Everything one emulated book holds, shared by the routes and the control plane. */
export class EmulatorState extends EmulatorClock {
  readonly book: Book;
  readonly tokens = new Tokens();
  readonly faults = new Faults();
  readonly requestLog: LogEntry[] = [];
  readonly cid: string;
  familySafety = false;

  constructor(
    readonly lid: string,
    baseClock: () => number,
    public quotas: Quotas,
    /** Called after every change to the book (persistence). */
    readonly onChange: () => void = () => {},
  ) {
    super(baseClock);
    this.cid = lidToCid(lid);
    this.book = new Book(() => this.now());
  }

  newId(): string {
    return randomUUID();
  }
}
