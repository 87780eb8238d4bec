// Media files made locally for recordings: real, small, valid files (see README.md).
export { videoMp4, audioM4a, writeVideoMp4, writeAudioM4a, personColour, type VideoOptions, type VideoScene, type VideoLayout } from './mp4.ts';
export { mp3, MP3_SAMPLE_RATE, AAC_SAMPLE_RATE } from './audio.ts';
export { vtt, chatTxt, timelineJson, type SpeechCue, type ChatLine, type TimelineEntry, type TimelineUser } from './text.ts';
export { mediaPool, MediaPool, type MediaJob } from './pool.ts';
