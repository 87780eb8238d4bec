// The one clock. Every timestamp and expiry reads it; it runs in real time by
// default, and the control plane can set it, move it forward, or freeze it.
// Instances on one database share it: the control plane stores its state
// (src/storage/meta.ts) and every instance restores the newest version it sees.

/** What instances share: the offset from real time (or the frozen instant), and a version that orders changes. */
export interface ClockState {
  offsetMs: number;
  frozenAt: number | null;
  version: number;
}

export class Clock {
  private offsetMs = 0;
  private frozenAt: number | null = null;
  private version = 0;

  now(): number {
    return this.frozenAt ?? Date.now() + this.offsetMs;
  }

  /** Zoom's timestamp format: second precision, UTC, `Z`. */
  iso(ms: number = this.now()): string {
    return new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');
  }

  set(ms: number): void {
    if (this.frozenAt !== null) this.frozenAt = ms;
    else this.offsetMs = ms - Date.now();
  }

  advance(ms: number): void {
    this.set(this.now() + ms);
  }

  freeze(): void {
    this.frozenAt = this.now();
  }

  resume(): void {
    if (this.frozenAt === null) return;
    this.offsetMs = this.frozenAt - Date.now();
    this.frozenAt = null;
  }

  reset(): void {
    this.offsetMs = 0;
    this.frozenAt = null;
  }

  get frozen(): boolean {
    return this.frozenAt !== null;
  }

  state(): ClockState {
    return { offsetMs: this.offsetMs, frozenAt: this.frozenAt, version: this.version };
  }

  /** Takes a stored state newer than the one this clock last took; an older or repeated one changes nothing. */
  restore(state: ClockState): void {
    if (state.version <= this.version) return;
    this.offsetMs = state.offsetMs;
    this.frozenAt = state.frozenAt;
    this.version = state.version;
  }
}
