// MP4 (video + audio) and M4A (audio only) recordings, muxed by mediabunny from the streams
// made in h264.ts and audio.ts.
import {
  BufferTarget,
  EncodedAudioPacketSource,
  EncodedPacket,
  EncodedVideoPacketSource,
  Mp4OutputFormat,
  Output,
} from 'mediabunny';
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

async function addSilence(source: EncodedAudioPacketSource, durationMs: number): Promise<void> {
  const frameSeconds = AAC_FRAME_SAMPLES / AAC_SAMPLE_RATE;
  const frames = Math.max(1, Math.ceil(durationMs / 1000 / frameSeconds));
  const frame = aacSilentFrame();
  for (let i = 0; i < frames; i++) {
    await source.add(new EncodedPacket(frame, 'key', i * frameSeconds, frameSeconds), i === 0 ? { decoderConfig: audioConfig() } : undefined);
  }
}

function mp4Output() {
  return new Output({ format: new Mp4OutputFormat({ fastStart: 'in-memory' }), target: new BufferTarget() });
}

async function finish(output: ReturnType<typeof mp4Output>): Promise<Uint8Array> {
  await output.finalize();
  return new Uint8Array(output.target.buffer!);
}

/** An MP4 with an H.264 video track painting the scenes in the given layout and an AAC audio track. */
export async function videoMp4(options: VideoOptions): Promise<Uint8Array> {
  const format: H264Format = { width: options.width ?? 320, height: options.height ?? 180 };
  const fps = options.fps ?? 5;
  const layout = options.layout ?? 'active_speaker';
  const scenes = [...(options.scenes ?? [])].sort((a, b) => a.atMs - b.atMs);
  const columns = Math.ceil(format.width / 16);
  const rows = Math.ceil(format.height / 16);
  const minGap = options.minKeyFrameGapMs ?? 2000;

  const output = mp4Output();
  const video = new EncodedVideoPacketSource('avc');
  const audio = new EncodedAudioPacketSource('aac');
  output.addVideoTrack(video, { frameRate: fps });
  output.addAudioTrack(audio);
  await output.start();

  const frames = Math.max(1, Math.ceil((options.durationMs / 1000) * fps));
  const header = [sequenceParameterSet(format), pictureParameterSet()];
  let sceneIndex = -1;
  let lastKeyMs = -Infinity;
  let idrs = 0;
  let sinceKey = 0;
  for (let i = 0; i < frames; i++) {
    const atMs = (i * 1000) / fps;
    let next = sceneIndex;
    while (next + 1 < scenes.length && scenes[next + 1]!.atMs <= atMs) next++;
    const key = i === 0 || (next !== sceneIndex && atMs - lastKeyMs >= minGap);
    let data: Uint8Array;
    if (key) {
      sceneIndex = next;
      const scene = scenes[sceneIndex] ?? { atMs: 0, people: [], speaking: null };
      data = lengthPrefixed(...header, keyFrame(format, painter(layout, scene, columns, rows), idrs++));
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
    await video.add(new EncodedPacket(data, key ? 'key' : 'delta', i / fps, 1 / fps), meta);
  }
  await addSilence(audio, options.durationMs);
  return finish(output);
}

/** An M4A: an MP4 file with one AAC audio track. */
export async function audioM4a(options: { durationMs: number }): Promise<Uint8Array> {
  const output = mp4Output();
  const audio = new EncodedAudioPacketSource('aac');
  output.addAudioTrack(audio);
  await output.start();
  await addSilence(audio, options.durationMs);
  return finish(output);
}
