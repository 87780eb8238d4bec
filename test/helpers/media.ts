// Checks that served files are real media: parsed by mediabunny's demuxers, and where Debian's
// ffmpeg is installed (CI installs it), probed and fully decoded by ffprobe/ffmpeg.
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ALL_FORMATS, BufferSource, Input } from 'mediabunny';

export interface MediaFacts {
  mimeType: string;
  durationSeconds: number;
  video: { codec: string | null; width: number; height: number } | null;
  audio: { codec: string | null; sampleRate: number; channels: number } | null;
}

export async function parseMedia(bytes: Uint8Array): Promise<MediaFacts> {
  const input = new Input({ source: new BufferSource(bytes), formats: ALL_FORMATS });
  const format = await input.getFormat();
  const video = await input.getPrimaryVideoTrack();
  const audio = await input.getPrimaryAudioTrack();
  return {
    mimeType: format.mimeType,
    durationSeconds: await input.computeDuration(),
    video: video ? { codec: video.codec, width: video.displayWidth, height: video.displayHeight } : null,
    audio: audio ? { codec: audio.codec, sampleRate: audio.sampleRate, channels: audio.numberOfChannels } : null,
  };
}

export const hasFfmpeg = spawnSync('ffprobe', ['-version']).status === 0 && spawnSync('ffmpeg', ['-version']).status === 0;

/** ffprobe's streams and format, after ffmpeg decoded every frame without an error. */
export function ffprobe(bytes: Uint8Array, extension: string): { streams: Array<Record<string, unknown>>; format: Record<string, unknown> } {
  const dir = mkdtempSync(join(tmpdir(), 'openzoom-media-'));
  try {
    const file = join(dir, `file.${extension}`);
    writeFileSync(file, bytes);
    execFileSync('ffmpeg', ['-v', 'error', '-xerror', '-i', file, '-f', 'null', '-'], { stdio: ['ignore', 'ignore', 'pipe'] });
    const out = execFileSync('ffprobe', ['-v', 'error', '-print_format', 'json', '-show_streams', '-show_format', file]);
    return JSON.parse(out.toString());
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
