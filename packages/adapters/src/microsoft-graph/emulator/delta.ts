import type { Mailbox } from './mailbox.js';
import type { GraphEmulatorSettings } from './types.js';

/**
 * Delta rounds (Graph "delta query"): a round lists the ids to report, fixed when it starts (every
 * contact for an initial round; every id changed since the delta token otherwise), and serves them
 * page by page under skip tokens. Each item shows the contact as it is when its page is served, so a
 * change during a round is reported then and again in the next round (replays are allowed).
 */

interface Round {
  readonly collection: string;
  readonly select: readonly string[] | null;
  readonly ids: readonly string[];
  pos: number;
  readonly initial: boolean;
  readonly startSeq: number;
  readonly endSeq: number;
  readonly issuedAt: number;
  readonly epoch: number;
  emptyLeft: number;
}

interface DeltaToken {
  readonly collection: string;
  readonly select: readonly string[] | null;
  readonly seq: number;
  readonly issuedAt: number;
  readonly epoch: number;
}

export type TokenProblem = 'gone' | 'syncStateNotFound' | 'syncStateInvalid';

export interface DeltaPageBody {
  readonly value: unknown[];
  readonly '@odata.nextLink'?: string;
  readonly '@odata.deltaLink'?: string;
}

export class DeltaRounds {
  private readonly rounds = new Map<string, Round>();
  private readonly tokens = new Map<string, DeltaToken>();
  private counter = 0;

  constructor(
    private readonly mailbox: Mailbox,
    private readonly now: () => number,
  ) {}

  private token(prefix: string): string {
    return `${prefix}${this.mailbox.epoch}x${(++this.counter).toString(36)}`;
  }

  /** Starts a round: initial (no token) or from a delta token. Returns the round's skip token, or a `TokenProblem`. */
  start(collection: string, select: readonly string[] | null, deltaToken: string | null, settings: GraphEmulatorSettings): string {
    let from: DeltaToken | null = null;
    if (deltaToken !== null) {
      const found = this.tokens.get(deltaToken);
      if (found === undefined || found.collection !== collection) return 'syncStateNotFound';
      const problem = this.problem(found, settings);
      if (problem !== null) return problem;
      from = found;
    }
    const ids = from === null ? [...this.mailbox.contacts.keys()] : this.mailbox.changedSince(from.seq);
    const skip = this.token('s');
    this.rounds.set(skip, {
      collection,
      select: from?.select ?? select,
      ids,
      pos: 0,
      initial: from === null,
      startSeq: from?.seq ?? 0,
      endSeq: this.mailbox.seq,
      issuedAt: this.now(),
      epoch: this.mailbox.epoch,
      emptyLeft: settings.emptyPages,
    });
    return skip;
  }

  private problem(t: { readonly epoch: number; readonly issuedAt: number }, settings: GraphEmulatorSettings): TokenProblem | null {
    if (t.epoch !== this.mailbox.epoch) return this.mailbox.expiredAs;
    if (settings.tokenLifetimeMs !== null && this.now() - t.issuedAt > settings.tokenLifetimeMs) return 'gone';
    return null;
  }

  /** The next page of a round, under its skip token. */
  page(
    skip: string,
    pageSize: number,
    settings: GraphEmulatorSettings,
    random: () => number,
    linkBase: string,
  ): DeltaPageBody | TokenProblem {
    const round = this.rounds.get(skip);
    if (round === undefined) return 'syncStateNotFound';
    const problem = this.problem(round, settings);
    if (problem !== null) return problem;
    this.rounds.delete(skip);
    const link = `${linkBase}${round.collection}/delta?`;
    if (round.emptyLeft > 0) {
      round.emptyLeft--;
      const next = this.token('s');
      this.rounds.set(next, round);
      return { value: [], '@odata.nextLink': `${link}$skiptoken=${next}` };
    }
    const size = Math.max(1, Math.min(pageSize, settings.maxPageSize));
    const slice = round.ids.slice(round.pos, round.pos + size);
    round.pos += slice.length;
    let items = slice.map((id) => this.item(round, id, settings));
    if (settings.replay) items = [...items, ...items];
    if (settings.shuffle) items = shuffled(items, random);
    if (round.pos < round.ids.length) {
      const next = this.token('s');
      this.rounds.set(next, round);
      return { value: items, '@odata.nextLink': `${link}$skiptoken=${next}` };
    }
    const delta = this.token('d');
    this.tokens.set(delta, {
      collection: round.collection,
      select: round.select,
      seq: round.endSeq,
      issuedAt: this.now(),
      epoch: this.mailbox.epoch,
    });
    return { value: items, '@odata.deltaLink': `${link}$deltatoken=${delta}` };
  }

  private item(round: Round, id: string, settings: GraphEmulatorSettings): unknown {
    const contact = this.mailbox.contacts.get(id);
    if (contact === undefined) return { id, '@removed': { reason: this.mailbox.lastChange.get(id)?.removed ?? 'deleted' } };
    if (round.initial || !settings.partialUpdates || contact.createdSeq > round.startSeq) return this.mailbox.render(contact, round.select);
    // An update: only the properties changed since the round's token.
    const changed = [...contact.changedAt].filter(([, seq]) => seq > round.startSeq).map(([key]) => key);
    return this.mailbox.render(
      contact,
      changed.filter((k) => round.select === null || round.select.includes(k)),
    );
  }

  clear(): void {
    this.rounds.clear();
    this.tokens.clear();
  }
}

function shuffled<T>(items: readonly T[], random: () => number): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}
