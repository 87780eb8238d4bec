/** MSB-first bit writer with the Exp-Golomb codes H.264 headers use. */
export class BitWriter {
  private bytes: number[] = [];
  private current = 0;
  private used = 0;

  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1);
    if (++this.used === 8) {
      this.bytes.push(this.current);
      this.current = 0;
      this.used = 0;
    }
  }

  bits(value: number, count: number): void {
    for (let i = count - 1; i >= 0; i--) this.bit(Math.floor(value / 2 ** i) & 1);
  }

  /** Unsigned Exp-Golomb ue(v). */
  ue(value: number): void {
    const coded = value + 1;
    const length = Math.floor(Math.log2(coded));
    this.bits(0, length);
    this.bits(coded, length + 1);
  }

  /** Signed Exp-Golomb se(v). */
  se(value: number): void {
    this.ue(value > 0 ? 2 * value - 1 : -2 * value);
  }

  get aligned(): boolean {
    return this.used === 0;
  }

  alignZero(): void {
    while (this.used !== 0) this.bit(0);
  }

  /** Whole bytes; the writer must be aligned. */
  raw(data: Uint8Array): void {
    if (this.used !== 0) throw new Error('raw bytes need byte alignment');
    for (const b of data) this.bytes.push(b);
  }

  /** rbsp_trailing_bits: a stop bit then zero bits to the byte boundary. */
  trailing(): void {
    this.bit(1);
    this.alignZero();
  }

  finish(): Uint8Array {
    if (this.used !== 0) this.alignZero();
    return Uint8Array.from(this.bytes);
  }
}

/** Inserts emulation-prevention bytes so the payload never contains a start code (H.264 7.4.1). */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  const out: number[] = [];
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out.push(3);
      zeros = 0;
    }
    out.push(b);
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return Uint8Array.from(out);
}
