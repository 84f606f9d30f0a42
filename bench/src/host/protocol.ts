import type { Connection, ProviderId } from '../providers/provider.js';

/** Requests the benchmark process sends to the emulator host (a child process), and the answers. */
export type HostRequest =
  | { readonly cmd: 'start'; readonly provider: ProviderId; readonly contacts: number }
  | { readonly cmd: 'edit'; readonly handle: number; readonly count: number; readonly round: number }
  | { readonly cmd: 'stop'; readonly handle: number };

export interface Started {
  readonly handle: number;
  readonly connection: Connection;
  /** Wall time the host spent generating and seeding the book. */
  readonly seedMs: number;
}

export type HostAnswer = Started | { readonly edited: number } | { readonly stopped: true };

export interface HostEnvelope {
  readonly id: number;
  readonly request: HostRequest;
}

export type HostReply =
  | { readonly id: number; readonly ok: true; readonly value: HostAnswer }
  | { readonly id: number; readonly ok: false; readonly error: string };
