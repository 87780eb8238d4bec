/** MSB-first bit writer with the Exp-Golomb codes H.264 headers use, into a growing byte buffer. */
export class BitWriter {
  private bytes = new Uint8Array(64);
  private length = 0;
  private current = 0;
  private used = 0;

  private push(byte: number): void {
    if (this.length === this.bytes.length) {
      const grown = new Uint8Array(this.bytes.length * 2);
      grown.set(this.bytes);
      this.bytes = grown;
    }
    this.bytes[this.length++] = byte;
  }

  bit(value: number): void {
    this.current = (this.current << 1) | (value & 1);
    if (++this.used === 8) {
      this.push(this.current);
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
    if (this.length + data.length > this.bytes.length) {
      const grown = new Uint8Array(Math.max(this.bytes.length * 2, this.length + data.length));
      grown.set(this.bytes.subarray(0, this.length));
      this.bytes = grown;
    }
    this.bytes.set(data, this.length);
    this.length += data.length;
  }

  /** rbsp_trailing_bits: a stop bit then zero bits to the byte boundary. */
  trailing(): void {
    this.bit(1);
    this.alignZero();
  }

  finish(): Uint8Array {
    if (this.used !== 0) this.alignZero();
    return this.bytes.slice(0, this.length);
  }
}

/** Inserts emulation-prevention bytes so the payload never contains a start code (H.264 7.4.1). */
export function escapeRbsp(rbsp: Uint8Array): Uint8Array {
  // Counted first: most payloads need no escape and are answered as they are.
  let escapes = 0;
  let zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      escapes++;
      zeros = 0;
    }
    zeros = b === 0 ? zeros + 1 : 0;
  }
  if (escapes === 0) return rbsp;
  const out = new Uint8Array(rbsp.length + escapes);
  let at = 0;
  zeros = 0;
  for (const b of rbsp) {
    if (zeros >= 2 && b <= 3) {
      out[at++] = 3;
      zeros = 0;
    }
    out[at++] = b;
    zeros = b === 0 ? zeros + 1 : 0;
  }
  return out;
}
