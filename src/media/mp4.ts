// MP4 (video + audio) and M4A (audio only) recordings, muxed by mediabunny from the streams
// made in h264.ts and audio.ts, into memory (small files, tests) or straight into a file: a
// long recording never sits in memory whole (an hour with frequent speaker changes is hundreds
// of MB). Both write the same bytes: Fast Start by reserving the `moov` box up front, which the
// exact packet counts known here allow.
// mediabunny loads when the first file is made, not when the server starts.
import type { EncodedAudioPacketSource, Output, Target } from 'mediabunny';
import { AAC_FRAME_SAMPLES, AAC_SAMPLE_RATE, aacAudioSpecificConfig, aacSilentFrame } from './audio.ts';
import {
  avcCodecString,
  avcDecoderConfiguration,
  keyFrame,
  lengthPrefixed,
  pictureParameterSet,
  repeatFrame,
  sequenceParameterSet,
  type H264Format,
  type Painter,
  type Yuv,
} from './h264.ts';

/** Who is in the picture from `atMs` on: everyone present, and who is speaking (or null). */
export interface VideoScene {
  atMs: number;
  people: readonly string[];
  speaking: string | null;
}

/** The views Zoom records; each paints the scene differently. */
export type VideoLayout = 'active_speaker' | 'gallery_view' | 'shared_screen' | 'shared_screen_with_speaker_view';

export interface VideoOptions {
  durationMs: number;
  layout?: VideoLayout;
  scenes?: readonly VideoScene[];
  width?: number;
  height?: number;
  fps?: number;
  /** Scene changes closer than this to the previous key frame wait for the next one (keeps files small). */
  minKeyFrameGapMs?: number;
}

const BACKGROUND: Yuv = [32, 128, 128];
const SCREEN: Yuv = [220, 128, 128];

/** A stable colour per person, so a speaker looks the same in every file of a session. */
export function personColour(name: string): Yuv {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0)!, 16777619) >>> 0;
  const angle = ((hash % 360) * Math.PI) / 180;
  return [110 + (hash % 50), 128 + 80 * Math.cos(angle), 128 + 80 * Math.sin(angle)];
}

function painter(layout: VideoLayout, scene: VideoScene, columns: number, rows: number): Painter {
  const speakerTile: Painter = () => (scene.speaking ? personColour(scene.speaking) : BACKGROUND);
  if (layout === 'active_speaker') return speakerTile;
  if (layout === 'gallery_view') {
    const people = scene.people.length ? scene.people : [''];
    const across = Math.ceil(Math.sqrt(people.length));
    const down = Math.ceil(people.length / across);
    return (column, row) => {
      const person = people[Math.floor((row * down) / rows) * across + Math.floor((column * across) / columns)];
      if (!person) return BACKGROUND;
      const [y, cb, cr] = personColour(person);
      return person === scene.speaking ? [Math.min(235, y + 60), cb, cr] : [y, cb, cr];
    };
  }
  const strip = layout === 'shared_screen_with_speaker_view' ? Math.max(1, Math.floor(columns / 5)) : 0;
  return (column, row) => (column >= columns - strip ? speakerTile(column, row) : row === 0 ? BACKGROUND : SCREEN);
}

function audioConfig() {
  return {
    codec: 'mp4a.40.2',
    sampleRate: AAC_SAMPLE_RATE,
    numberOfChannels: 1,
    description: aacAudioSpecificConfig(),
  };
}

type Mediabunny = typeof import('mediabunny');
const mediabunny = (): Promise<Mediabunny> => import('mediabunny');

const AAC_FRAME_SECONDS = AAC_FRAME_SAMPLES / AAC_SAMPLE_RATE;
const audioFrames = (durationMs: number) => Math.max(1, Math.ceil(durationMs / 1000 / AAC_FRAME_SECONDS));

async function addSilence(mb: Mediabunny, source: EncodedAudioPacketSource, durationMs: number): Promise<void> {
  const frameSeconds = AAC_FRAME_SECONDS;
  const frames = audioFrames(durationMs);
  const frame = aacSilentFrame();
  const seconds = durationMs / 1000;
  for (let i = 0; i < frames; i++) {
    // The last frame lasts what is left, so the track ends at the asked duration.
    const length = i === frames - 1 ? Math.max(0.001, Math.min(frameSeconds, seconds - i * frameSeconds)) : frameSeconds;
    await source.add(new mb.EncodedPacket(frame, 'key', i * frameSeconds, length), i === 0 ? { decoderConfig: audioConfig() } : undefined);
  }
}

/** Where a file goes: memory (answered as bytes) or a path on disk. */
type Into = { path: string } | null;

function mp4Output(mb: Mediabunny, into: Into): Output<import('mediabunny').Mp4OutputFormat, Target> {
  const target = into ? new mb.FilePathTarget(into.path, { chunked: true, chunkSize: 2 ** 20 }) : new mb.BufferTarget();
  return new mb.Output({ format: new mb.Mp4OutputFormat({ fastStart: 'reserve' }), target });
}

async function finish(output: Output<import('mediabunny').Mp4OutputFormat, Target>): Promise<Uint8Array | undefined> {
  await output.finalize();
  const target = output.target;
  return 'buffer' in target && target.buffer ? new Uint8Array(target.buffer as ArrayBuffer) : undefined;
}

/** An MP4 with an H.264 video track painting the scenes in the given layout and an AAC audio track. */
export async function videoMp4(options: VideoOptions): Promise<Uint8Array> {
  return (await encodeVideo(options, null))!;
}

/** The same MP4, written to `path` as it is made. */
export async function writeVideoMp4(path: string, options: VideoOptions): Promise<void> {
  await encodeVideo(options, { path });
}

async function encodeVideo(options: VideoOptions, into: Into): Promise<Uint8Array | undefined> {
  const format: H264Format = { width: options.width ?? 320, height: options.height ?? 180 };
  // 2 frames a second: the pictures are still tiles that change with the speaker.
  const fps = options.fps ?? 2;
  const layout = options.layout ?? 'active_speaker';
  const scenes = [...(options.scenes ?? [])].sort((a, b) => a.atMs - b.atMs);
  const columns = Math.ceil(format.width / 16);
  const rows = Math.ceil(format.height / 16);
  const minGap = options.minKeyFrameGapMs ?? 2000;

  const mb = await mediabunny();
  const output = mp4Output(mb, into);
  const video = new mb.EncodedVideoPacketSource('avc');
  const audio = new mb.EncodedAudioPacketSource('aac');
  const frames = Math.max(1, Math.ceil((options.durationMs / 1000) * fps));
  output.addVideoTrack(video, { frameRate: fps, maximumPacketCount: frames });
  output.addAudioTrack(audio, { maximumPacketCount: audioFrames(options.durationMs) });
  await output.start();

  const header = [sequenceParameterSet(format), pictureParameterSet()];
  let sceneIndex = -1;
  let lastKeyMs = -Infinity;
  let idrs = 0;
  let sinceKey = 0;
  const keyFrames = new Map<string, Uint8Array>();
  for (let i = 0; i < frames; i++) {
    const atMs = (i * 1000) / fps;
    let next = sceneIndex;
    while (next + 1 < scenes.length && scenes[next + 1]!.atMs <= atMs) next++;
    const key = i === 0 || (next !== sceneIndex && atMs - lastKeyMs >= minGap);
    let data: Uint8Array;
    if (key) {
      sceneIndex = next;
      const scene = scenes[sceneIndex] ?? { atMs: 0, people: [], speaking: null };
      // A picture comes back each time its speaker does: made once per picture and IDR id
      // (alternating 0/1, so consecutive IDRs differ as the standard asks), then reused.
      const idrPicId = idrs++ % 2;
      const cacheKey = `${idrPicId}\u0001${scene.speaking ?? ''}\u0001${scene.people.join('\u0000')}`;
      let cached = keyFrames.get(cacheKey);
      if (!cached) keyFrames.set(cacheKey, (cached = lengthPrefixed(...header, keyFrame(format, painter(layout, scene, columns, rows), idrPicId))));
      data = cached;
      lastKeyMs = atMs;
      sinceKey = 0;
    } else {
      data = lengthPrefixed(repeatFrame(format, ++sinceKey));
    }
    const meta =
      i === 0
        ? {
            decoderConfig: {
              codec: avcCodecString(),
              codedWidth: format.width,
              codedHeight: format.height,
              description: avcDecoderConfiguration(format),
            },
          }
        : undefined;
    await video.add(new mb.EncodedPacket(data, key ? 'key' : 'delta', i / fps, 1 / fps), meta);
  }
  await addSilence(mb, audio, options.durationMs);
  return finish(output);
}

/** An M4A: an MP4 file with one AAC audio track. */
export async function audioM4a(options: { durationMs: number }): Promise<Uint8Array> {
  return (await encodeAudio(options, null))!;
}

/** The same M4A, written to `path` as it is made. */
export async function writeAudioM4a(path: string, options: { durationMs: number }): Promise<void> {
  await encodeAudio(options, { path });
}

async function encodeAudio(options: { durationMs: number }, into: Into): Promise<Uint8Array | undefined> {
  const mb = await mediabunny();
  const output = mp4Output(mb, into);
  const audio = new mb.EncodedAudioPacketSource('aac');
  output.addAudioTrack(audio, { maximumPacketCount: audioFrames(options.durationMs) });
  await output.start();
  await addSilence(mb, audio, options.durationMs);
  return finish(output);
}
