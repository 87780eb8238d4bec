import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { audioM4a, chatTxt, mp3, personColour, timelineJson, videoMp4, vtt, writeAudioM4a, writeVideoMp4 } from '../src/media/index.ts';
import { BitWriter, escapeRbsp } from '../src/media/bits.ts';
import { ffprobe, hasFfmpeg, parseMedia } from './helpers/media.ts';

const scenes = [
  { atMs: 0, people: ['Ann Lee', 'Bob Ray'], speaking: 'Ann Lee' },
  { atMs: 4000, people: ['Ann Lee', 'Bob Ray'], speaking: 'Bob Ray' },
  { atMs: 4500, people: ['Ann Lee', 'Bob Ray'], speaking: null },
];

describe('media: bit writer', () => {
  it('writes Exp-Golomb codes and escapes start codes', () => {
    const w = new BitWriter();
    w.ue(0); // 1
    w.ue(1); // 010
    w.ue(4); // 00101
    w.se(-1); // ue(2) = 011
    w.trailing();
    assert.deepEqual([...w.finish()], [0b10100010, 0b10111000]);
    assert.deepEqual([...escapeRbsp(Uint8Array.of(0, 0, 1, 0, 0, 0, 0, 0, 3))], [0, 0, 3, 1, 0, 0, 3, 0, 0, 3, 0, 3]);
  });
});

describe('media: MP4 and M4A', () => {
  for (const layout of ['active_speaker', 'gallery_view', 'shared_screen_with_speaker_view'] as const) {
    it(`${layout}: an MP4 with an H.264 video track and an AAC audio track of the asked duration`, async () => {
      const file = await videoMp4({ durationMs: 9000, layout, scenes, width: 320, height: 180 });
      const facts = await parseMedia(file);
      assert.equal(facts.mimeType, 'video/mp4');
      assert.deepEqual(facts.video, { codec: 'avc', width: 320, height: 180 });
      assert.equal(facts.audio?.codec, 'aac');
      assert.equal(facts.audio?.sampleRate, 8000);
      assert.ok(Math.abs(facts.durationSeconds - 9) < 0.1, `duration ${facts.durationSeconds}`);
      if (hasFfmpeg) {
        const probe = ffprobe(file, 'mp4');
        assert.deepEqual(probe.streams.map((s) => s.codec_name).sort(), ['aac', 'h264']);
        assert.match(String(probe.format.format_name), /mp4/);
      }
    });
  }

  it('paints the speaking person: the picture changes when the speaker does', async () => {
    const speaking = (who: string | null) => videoMp4({ durationMs: 1000, scenes: [{ atMs: 0, people: ['Ann Lee'], speaking: who }] });
    const [ann, bob] = await Promise.all([speaking('Ann Lee'), speaking('Bob Ray')]);
    assert.notDeepEqual(ann, bob);
    assert.deepEqual(personColour('Ann Lee'), personColour('Ann Lee'));
    assert.notDeepEqual(personColour('Ann Lee'), personColour('Bob Ray'));
  });

  it('an odd size is refused, not encoded wrongly', async () => {
    await assert.rejects(videoMp4({ durationMs: 1000, width: 321, height: 180 }), RangeError);
  });

  it('an M4A with one AAC track', async () => {
    const file = await audioM4a({ durationMs: 5000 });
    const facts = await parseMedia(file);
    assert.equal(facts.video, null);
    assert.equal(facts.audio?.codec, 'aac');
    assert.ok(Math.abs(facts.durationSeconds - 5) < 0.1);
    if (hasFfmpeg) assert.deepEqual(ffprobe(file, 'm4a').streams.map((s) => s.codec_type), ['audio']);
  });

  it('written to a file as it is made, the same bytes as in memory', async (t) => {
    // The muxer stamps the boxes with the wall-clock second they were made in: one second for both.
    t.mock.timers.enable({ apis: ['Date'], now: Date.UTC(2026, 0, 1) });
    const dir = mkdtempSync(join(tmpdir(), 'openzoom-media-'));
    try {
      await writeVideoMp4(join(dir, 'v.mp4'), { durationMs: 20_000, scenes });
      await writeAudioM4a(join(dir, 'a.m4a'), { durationMs: 3000 });
      assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'v.mp4'))), await videoMp4({ durationMs: 20_000, scenes }));
      assert.deepEqual(new Uint8Array(readFileSync(join(dir, 'a.m4a'))), await audioM4a({ durationMs: 3000 }));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('a long recording stays small (key frames only where the picture changes)', async () => {
    const file = await videoMp4({ durationMs: 600_000, scenes });
    // ~16 bytes a packet of it are the sample tables reserved up front for Fast Start (12,375 packets).
    assert.ok(file.length < 800_000, `${file.length} bytes`);
    assert.ok(Math.abs((await parseMedia(file)).durationSeconds - 600) < 0.2);
  });
});

describe('media: MP3', () => {
  it('constant-bitrate MPEG audio of the asked duration', async () => {
    const file = mp3({ durationMs: 7000 });
    assert.equal(file.length % 72, 0);
    const facts = await parseMedia(file);
    assert.equal(facts.mimeType, 'audio/mpeg');
    assert.equal(facts.audio?.codec, 'mp3');
    assert.equal(facts.audio?.sampleRate, 16000);
    assert.ok(Math.abs(facts.durationSeconds - 7) < 0.1, `duration ${facts.durationSeconds}`);
    if (hasFfmpeg) {
      const probe = ffprobe(file, 'mp3');
      assert.equal(probe.streams[0]!.codec_name, 'mp3');
      assert.equal(probe.format.format_name, 'mp3');
    }
  });
});

describe('media: text files', () => {
  it('VTT cues from who spoke, ordered and numbered, safe against cue-breaking text', () => {
    const out = vtt([
      { startMs: 65_250, endMs: 67_000, speaker: 'Bob Ray', text: 'second\n\nline --> here' },
      { startMs: 1000, endMs: 3500, speaker: 'Ann Lee', text: 'Hello' },
    ]);
    assert.equal(
      out,
      'WEBVTT\n\n1\n00:00:01.000 --> 00:00:03.500\nAnn Lee: Hello\n\n2\n00:01:05.250 --> 00:01:07.000\nBob Ray: second\nline -> here\n',
    );
  });

  it('chat TXT in time order with the recipient', () => {
    const out = chatTxt([
      { atMs: 3_723_000, sender: 'Bob Ray', to: 'Ann Lee', text: 'psst' },
      { atMs: 5000, sender: 'Ann Lee', text: 'hi all\nsecond line' },
    ]);
    assert.equal(out, '00:00:05 From Ann Lee to Everyone:\n\thi all\n\tsecond line\n01:02:03 From Bob Ray to Ann Lee:\n\tpsst\n');
  });

  it('timeline JSON', () => {
    const parsed = JSON.parse(timelineJson([{ atMs: 1500, users: [{ username: 'Ann Lee', user_id: '16778240' }] }]));
    assert.equal(parsed.timeline[0].ts, '00:00:01.500');
    assert.equal(parsed.timeline[0].users[0].username, 'Ann Lee');
    assert.equal(parsed.timeline[0].users[0].multiple_people, false);
  });
});
