import { DeltaRounds } from './delta.js';
import { Faults } from './faults.js';
import { Mailbox } from './mailbox.js';
import type { GraphEmulatorSettings, LogEntry } from './types.js';

/** Everything one emulator instance holds; routes, batch and control plane act on it. */
export class EmulatorState {
  readonly mailbox = new Mailbox();
  readonly rounds: DeltaRounds;
  readonly faults = new Faults();
  readonly requestLog: LogEntry[] = [];
  readonly tokens = new Set<string>();
  currentToken: string;
  inFlight = 0;
  private offset = 0;
  private tokenCounter = 0;

  constructor(
    private readonly clock: () => number,
    public settings: GraphEmulatorSettings,
    token: string,
    readonly random: () => number,
  ) {
    this.rounds = new DeltaRounds(this.mailbox, () => this.now());
    this.currentToken = token;
    this.tokens.add(token);
  }

  now(): number {
    return this.clock() + this.offset;
  }

  setTime(ms: number): void {
    this.offset = ms - this.clock();
  }

  advance(ms: number): void {
    this.offset += ms;
  }

  rotateToken(): string {
    this.tokens.clear();
    this.currentToken = `${this.currentToken.split('.')[0] ?? 'token'}.${++this.tokenCounter}`;
    this.tokens.add(this.currentToken);
    return this.currentToken;
  }
}
