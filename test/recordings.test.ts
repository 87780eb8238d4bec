// Cloud recordings made by live meetings: processing on the server clock, the
// files and their media, downloads and their authorisation, get and list.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startServer, type TestServer } from './helpers/server.ts';
import { liveAccount, type Live } from './helpers/live.ts';
import { advance, fetchUrl, recordMeeting, type Recorded } from './helpers/recordings.ts';
import { ffprobe, hasFfmpeg, parseMedia } from './helpers/media.ts';

let s: TestServer;
let live: Live;
let rec: Recorded;
let token: string;

before(async () => {
  s = await startServer();
  live = await liveAccount(s);
  rec = await recordMeeting(s, live);
  token = (live.api as unknown as { token: string }).token;
});
after(() => s.close());

describe('processing', () => {
  test('nothing is listed until the processing delay has passed on the server clock, then recording.completed', async () => {
    const pending = await recordMeeting(s, live, { process: false });
    assert.equal((await live.api.get(`/v2/meetings/${pending.meetingId}/recordings`)).body.code, 3301);
    // Recorded 65 s: twice that, at least a minute.
    await advance(s, 100);
    assert.equal((await live.api.get(`/v2/meetings/${pending.meetingId}/recordings`)).status, 404);
    await advance(s, 40);
    const done = await live.api.get(`/v2/meetings/${pending.meetingId}/recordings`);
    assert.equal(done.status, 200, done.raw);
    const completed = await live.events('recording.completed', pending.meetingId);
    assert.equal(completed.length, 1);
  });
});

describe('the files', () => {
  test('stop and start makes two file sets; pause makes none; realistic fields', async () => {
    const r = await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`);
    assert.equal(r.status, 200, r.raw);
    assert.equal(r.body.uuid, rec.uuid);
    assert.equal(r.body.id, Number(rec.meetingId));
    const files = r.body.recording_files as Array<Record<string, any>>;
    const types = files.map((f) => f.recording_type);
    // First set: shared screen (Alice shared) with speaker and gallery views, audio, chat, timeline, transcript.
    assert.deepEqual(types.filter((t) => t === 'shared_screen_with_speaker_view').length, 2);
    assert.ok(types.includes('shared_screen_with_gallery_view'));
    assert.equal(types.filter((t) => t === 'audio_only').length, 2);
    assert.equal(types.filter((t) => t === 'chat_file').length, 1);
    assert.equal(types.filter((t) => t === 'timeline').length, 2);
    assert.equal(types.filter((t) => t === 'audio_transcript').length, 2);
    const mp4 = files.find((f) => f.file_type === 'MP4')!;
    assert.equal(mp4.file_extension, 'MP4');
    assert.equal(mp4.status, 'completed');
    assert.equal(mp4.meeting_id, rec.uuid);
    assert.match(mp4.download_url, /\/rec\/download\//);
    assert.match(mp4.play_url, /\/rec\/play\//);
    // 30 s + 20 s recorded in the first segment (the 10 s pause cut out), 15 s in the second.
    const sizes = files.filter((f) => f.file_type === 'M4A');
    assert.equal(r.body.recording_count, files.length);
    assert.equal(r.body.total_size, files.reduce((n, f) => n + f.file_size, 0));
    assert.ok(sizes.every((f) => f.file_size > 0));
    assert.equal(r.body.duration, 2);
  });

  test('downloads are real media: MP4 with video and audio, M4A, VTT cues from who spoke, the chat, the timeline', async () => {
    const files = (await live.api.get(`/v2/meetings/${rec.meetingId}/recordings`)).body.recording_files as Array<Record<string, any>>;
    const get = async (f: Record<string, any>) => {
      const redirect = await fetchUrl(s.client, f.download_url, {}, token);
      assert.equal(redirect.status, 302, redirect.raw);
      const file = await fetchUrl(s.client, String(redirect.headers.location));
      assert.equal(file.status, 200, file.raw.slice(0, 200));
      assert.equal(Number(file.headers['content-length']), f.file_size);
      return file.bytes;
    };
    const [first, second] = files.filter((f) => f.recording_type === 'shared_screen_with_speaker_view');
    const video = await parseMedia(await get(first!));
    assert.equal(video.video?.codec, 'avc');
    assert.equal(video.audio?.codec, 'aac');
    assert.ok(Math.abs(video.durationSeconds - 50) < 0.5, `first segment ${video.durationSeconds}s`);
    assert.ok(Math.abs((await parseMedia(await get(second!))).durationSeconds - 15) < 0.5);
    const audio = await get(files.find((f) => f.file_type === 'M4A')!);
    assert.equal((await parseMedia(audio)).video, null);
    if (hasFfmpeg) {
      assert.deepEqual(ffprobe(await get(first!), 'mp4').streams.map((x) => x.codec_name).sort(), ['aac', 'h264']);
      assert.equal(ffprobe(audio, 'm4a').streams[0]!.codec_name, 'aac');
    }
    const transcript = (await get(files.find((f) => f.file_type === 'TRANSCRIPT')!)).toString();
    assert.match(transcript, /^WEBVTT\n\n1\n00:00:00\.000 --> 00:00:04\.000\nAlice Smith: Good morning everyone, let us start\.\n/);
    assert.match(transcript, /00:00:10\.000 --> 00:00:13\.000\nBob Jones: I have one risk to raise\./);
    const chat = (await get(files.find((f) => f.file_type === 'CHAT')!)).toString();
    assert.match(chat, /^00:00:05 From Bob Jones to Everyone:\n\tMorning! Notes are in the doc\.\n/);
    const timeline = JSON.parse((await get(files.find((f) => f.file_type === 'TIMELINE')!)).toString());
    assert.deepEqual(timeline.timeline.map((e: any) => [e.ts, e.users[0].username]), [['00:00:00.000', 'Alice Smith'], ['00:00:10.000', 'Bob Jones']]);
  });

  test('recording.completed carries download_token and every file but the transcript; recording.transcript_completed the transcript', async () => {
    const [completed] = await live.events('recording.completed', rec.meetingId);
    assert.ok(completed);
    assert.ok(completed.object.recording_files.every((f: any) => f.file_type !== 'TRANSCRIPT'));
    const [transcript] = await live.events('recording.transcript_completed', rec.meetingId);
    assert.ok(transcript.object.recording_files.every((f: any) => f.file_type === 'TRANSCRIPT'));
  });
});

describe('files of the same picture', () => {
  test('a second recording of the same length and picture answers the same media (copied in the store), and outlives the first one', async () => {
    const twin = await recordMeeting(s, live);
    const files = async (meetingId: string) => (await live.api.get(`/v2/meetings/${meetingId}/recordings`)).body.recording_files as Array<{ file_type: string; recording_type: string; file_size: number; download_url: string }>;
    const download = async (url: string) => {
      const redirect = await fetchUrl(s.client, url, {}, token);
      assert.equal(redirect.status, 302, redirect.raw);
      return (await fetchUrl(s.client, String(redirect.headers.location))).bytes;
    };
    const media = (list: Awaited<ReturnType<typeof files>>) => list.filter((f) => f.file_type === 'MP4' || f.file_type === 'M4A');
    const first = media(await files(rec.meetingId));
    const second = media(await files(twin.meetingId));
    assert.deepEqual(second.map((f) => [f.recording_type, f.file_size]), first.map((f) => [f.recording_type, f.file_size]));
    const kept = await Promise.all(second.map((f) => download(f.download_url)));
    assert.deepEqual(kept[0], await download(first[0]!.download_url));
    // The first recording gone for good, the copies still answer whole.
    assert.equal((await live.api.delete(`/v2/meetings/${rec.meetingId}/recordings?action=delete`)).status, 204);
    assert.equal((await s.client.post('/_openzoom/recordings/sweep', {})).status, 200);
    const again = await Promise.all(media(await files(twin.meetingId)).map((f) => download(f.download_url)));
    assert.deepEqual(again, kept);
    assert.equal((await parseMedia(again[0]!)).video?.codec, 'avc');
  });
});
