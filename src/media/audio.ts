// Audio elementary streams made by code. Both are silence, written as well-formed frames that
// every decoder accepts, so a file's length, duration and bitrate look like a real recording's.

/** AAC-LC settings of the audio tracks in MP4 and M4A recordings. */
// 8 kHz: a recording's silence is half as many frames to mux as at 16 kHz, and as valid.
export const AAC_SAMPLE_RATE = 8_000;
export const AAC_FRAME_SAMPLES = 1024;
const AAC_SAMPLE_RATE_INDEX = 11; // 8 kHz in the ISO/IEC 14496-3 table

/** AudioSpecificConfig: AAC-LC (object type 2), 8 kHz, mono, 1024-sample frames. */
export function aacAudioSpecificConfig(): Uint8Array {
  const bits = (2 << 11) | (AAC_SAMPLE_RATE_INDEX << 7) | (1 << 3);
  return Uint8Array.of(bits >> 8, bits & 0xff);
}

/**
 * One raw AAC frame of silence: a single-channel element with no scale-factor bands
 * (max_sfb = 0, so no spectral data) followed by the END element.
 */
export function aacSilentFrame(): Uint8Array {
  // SCE id (3) tag (4) global_gain (8) ics_info (11) pulse/tns/gain-control flags (3) = 29 zero bits, END = 111
  return Uint8Array.of(0x00, 0x00, 0x00, 0x07);
}

/** MP3 settings of phone recordings: MPEG-2 Layer III, 16 kHz mono, 16 kbit/s constant bitrate. */
export const MP3_SAMPLE_RATE = 16_000;
export const MP3_FRAME_SAMPLES = 576;
export const MP3_BITRATE = 16_000;
const MP3_FRAME_BYTES = (72 * MP3_BITRATE) / MP3_SAMPLE_RATE;

/**
 * A silent MP3 of the given duration: frames whose side information gives every granule zero
 * bits of main data (part2_3_length 0), which decoders play as silence.
 */
export function mp3(options: { durationMs: number }): Uint8Array {
  const frames = Math.max(1, Math.ceil((options.durationMs / 1000) * (MP3_SAMPLE_RATE / MP3_FRAME_SAMPLES)));
  const out = new Uint8Array(frames * MP3_FRAME_BYTES);
  // sync, MPEG-2, Layer III, no CRC | 16 kbit/s, 16 kHz, no padding | mono
  const header = [0xff, 0xf3, 0x28, 0xc0];
  for (let i = 0; i < frames; i++) out.set(header, i * MP3_FRAME_BYTES);
  return out;
}
