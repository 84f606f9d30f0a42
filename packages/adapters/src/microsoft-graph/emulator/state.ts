import { EmulatorClock } from '../../kit/emulator/emulator-clock.js';
import { DeltaRounds } from './delta.js';
import { Faults } from './faults.js';
import { Mailbox } from './mailbox.js';
import type { GraphEmulatorSettings, LogEntry } from './types.js';

/** Everything one emulator instance holds; routes, batch and control plane act on it. */
export class EmulatorState extends EmulatorClock {
  readonly mailbox = new Mailbox();
  readonly rounds: DeltaRounds;
  readonly faults = new Faults();
  readonly requestLog: LogEntry[] = [];
  readonly tokens = new Set<string>();
  currentToken: string;
  /** A locked mailbox answers every request 403 ErrorAccessDenied. */
  locked = false;
  inFlight = 0;
  /** The current rate window: its start on the emulator clock, and requests counted in it. */
  window = { start: 0, count: 0 };
  private tokenCounter = 0;

  constructor(
    clock: () => number,
    public settings: GraphEmulatorSettings,
    token: string,
    readonly random: () => number,
  ) {
    super(clock);
    this.rounds = new DeltaRounds(this.mailbox, () => this.now());
    this.currentToken = token;
    this.tokens.add(token);
  }

  /** Counts a request; the seconds to wait when it is over the per-mailbox limit, else null. */
  overRateLimit(): number | null {
    const limit = this.settings.requestsPer10Minutes;
    if (limit === null) return null;
    const windowMs = 600_000;
    const now = this.now();
    if (now - this.window.start >= windowMs) this.window = { start: now, count: 0 };
    this.window.count++;
    return this.window.count > limit ? Math.max(1, Math.ceil((this.window.start + windowMs - now) / 1000)) : null;
  }

  rotateToken(): string {
    this.tokens.clear();
    this.currentToken = `${this.currentToken.split('.')[0] ?? 'token'}.${++this.tokenCounter}`;
    this.tokens.add(this.currentToken);
    return this.currentToken;
  }
}
