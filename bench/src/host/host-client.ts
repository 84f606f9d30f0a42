import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import type { ProviderId } from '../providers/provider.js';
import type { HostAnswer, HostEnvelope, HostReply, HostRequest, Started } from './protocol.js';

/** The benchmark side of the emulator host. */
export class EmulatorHost {
  private readonly child: ChildProcess;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (value: HostAnswer) => void; reject: (error: Error) => void }>();

  constructor() {
    const script = fileURLToPath(new URL('./host.js', import.meta.url));
    this.child = fork(script, [], { serialization: 'advanced', stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    this.child.on('message', (reply: HostReply) => {
      const waiter = this.pending.get(reply.id);
      if (waiter === undefined) return;
      this.pending.delete(reply.id);
      if (reply.ok) waiter.resolve(reply.value);
      else waiter.reject(new Error(`emulator host: ${reply.error}`));
    });
    this.child.on('exit', (code) => {
      for (const waiter of this.pending.values()) waiter.reject(new Error(`emulator host exited (${code})`));
      this.pending.clear();
    });
  }

  private call(request: HostRequest): Promise<HostAnswer> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.child.send({ id, request } satisfies HostEnvelope);
    });
  }

  async start(provider: ProviderId, contacts: number): Promise<Started> {
    return (await this.call({ cmd: 'start', provider, contacts })) as Started;
  }

  async edit(handle: number, count: number, round: number): Promise<number> {
    return ((await this.call({ cmd: 'edit', handle, count, round })) as { edited: number }).edited;
  }

  async stop(handle: number): Promise<void> {
    await this.call({ cmd: 'stop', handle });
  }

  close(): void {
    this.child.disconnect();
  }
}
