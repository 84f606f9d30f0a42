import type { CommonControl } from './common-control.js';

/** An emulator's clock: the base clock it was started with, shifted by the control plane. */
export class EmulatorClock {
  private offset = 0;

  constructor(private readonly base: () => number) {}

  /** Epoch milliseconds. */
  now(): number {
    return this.base() + this.offset;
  }

  setTime(epochMs: number): void {
    this.offset = epochMs - this.base();
  }

  advance(ms: number): void {
    this.offset += ms;
  }
}

/** The common control names that act on the clock. */
export function clockControl(clock: EmulatorClock): Pick<CommonControl<unknown, unknown>, 'now' | 'setTime' | 'advance'> {
  return { now: () => clock.now(), setTime: (ms) => clock.setTime(ms), advance: (ms) => clock.advance(ms) };
}
