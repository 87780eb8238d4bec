// The web console end to end, in a real headless browser (Debian's chromium
// driven by playwright-core): open it, find a user, schedule and start a
// meeting, add two participants, end it, see the past meeting and the
// meeting.ended delivery at a real endpoint, and a failing request with its
// Zoom error in the live request log. Screenshots of the main views go to
// .output/console (OPENZOOM_CONSOLE_SHOTS to choose; docs/console holds a
// committed set). Also the console's serving rules: caching headers, the
// Host check, the admin key, and the request-log stream.
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import Fastify from 'fastify';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { registerConsole } from '../src/control/console.ts';
import { BrowserGuard } from '../src/core/browser.ts';
import { startServer, type TestServer } from './helpers/server.ts';
import { Receiver } from './helpers/receiver.ts';
import { ensureConsoleBuilt } from './helpers/console.ts';

const CHROMIUM = '/usr/bin/chromium';
// The network is closed: nothing that phones home.
const FLAGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const SHOTS = process.env.OPENZOOM_CONSOLE_SHOTS ?? join(import.meta.dirname, '../.output/console');

ensureConsoleBuilt();

describe('console: serving', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer();
  });
  after(() => s.close());

  test('the page is revalidated, hashed assets are cached for a year, and neither is logged', async () => {
    const page = await s.app.inject({ url: '/_openzoom/console' });
    assert.equal(page.statusCode, 200);
    assert.match(page.headers['content-type'] as string, /text\/html/);
    assert.equal(page.headers['cache-control'], 'no-cache');
    assert.ok(page.headers.etag);
    const again = await s.app.inject({ url: '/_openzoom/console/', headers: { 'if-none-match': page.headers.etag as string } });
    assert.equal(again.statusCode, 304);
    const asset = /src="(\/_openzoom\/console\/assets\/[^"]+\.js)"/.exec(page.body)?.[1];
    assert.ok(asset, 'the page loads a hashed script');
    const js = await s.app.inject({ url: asset });
    assert.equal(js.statusCode, 200);
    assert.equal(js.headers['cache-control'], 'public, max-age=31536000, immutable');
    // Nothing from a CDN: every script and stylesheet is the server's own.
    assert.doesNotMatch(page.body, /(src|href)="https?:/);
    const logged = await s.client.get('/_openzoom/requests');
    assert.ok(!logged.body.requests.some((r: { path: string }) => r.path.startsWith('/_openzoom/console')));
  });

  test('a foreign Host (DNS rebinding) is refused', async () => {
    const r = await s.app.inject({ url: '/_openzoom/console', headers: { host: 'attacker.example' } });
    assert.equal(r.statusCode, 403);
    assert.equal(r.json().code, 200);
  });

  test('the coverage table counts what the version reports', async () => {
    const [cov, version] = await Promise.all([s.client.get('/_openzoom/coverage'), s.client.get('/_openzoom/version')]);
    assert.equal(cov.status, 200);
    assert.equal(cov.body.implemented, version.body.implemented);
    const rows = cov.body.categories as { operations: number; implemented: number; items: { implemented: boolean }[] }[];
    assert.equal(rows.reduce((n, r) => n + r.implemented, 0), version.body.implemented);
    for (const r of rows) assert.equal(r.items.filter((i) => i.implemented).length, r.implemented);
    assert.equal((await s.client.get('/_openzoom/coverage?x=1')).status, 400);
  });

  test('the request stream sends the backlog, then new requests as they come', async () => {
    await s.api.get('/v2/users/nobody@example.com');
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    const port = (s.app.server.address() as AddressInfo).port;
    const stop = new AbortController();
    const res = await fetch(`http://127.0.0.1:${port}/_openzoom/requests/stream?status=4xx&limit=5`, { signal: stop.signal });
    assert.equal(res.headers.get('content-type'), 'text/event-stream; charset=utf-8');
    const reader = res.body!.pipeThrough(new TextDecoderStream()).getReader();
    let text = '';
    const until = async (pattern: RegExp) => {
      while (!pattern.test(text)) text += (await reader.read()).value ?? '';
    };
    await until(/"path":"\/v2\/users\/nobody@example.com"/);
    assert.match(text, /"code":1001/);
    await s.api.get('/v2/groups/nothing-here');
    await until(/\/v2\/groups\/nothing-here/);
    stop.abort();
    assert.equal((await fetch(`http://127.0.0.1:${port}/_openzoom/requests/stream?status=7xx`)).status, 400);
  });
});

test('a server closes with a request stream still open (the stream ends first)', { timeout: 10_000 }, async () => {
  const s = await startServer();
  await s.app.listen({ port: 0, host: '127.0.0.1' });
  const res = await fetch(`http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}/_openzoom/requests/stream`);
  const reader = res.body!.getReader();
  await reader.read();
  await s.close();
  // The stream was ended by the server, not left hanging.
  for (;;) if ((await reader.read()).done) break;
});

test('without a build, the console says how to build it', async () => {
  const app = Fastify();
  registerConsole(app, { browser: new BrowserGuard([], undefined), root: null });
  for (const url of ['/_openzoom/console', '/_openzoom/console/', '/_openzoom/console/assets/x.js']) {
    const r = await app.inject({ url });
    assert.equal(r.statusCode, 404, url);
    assert.match(r.body, /npm run build:console/);
  }
  await app.close();
});

describe('console: the admin key', () => {
  let s: TestServer;
  before(async () => {
    s = await startServer({ adminKey: 'console-key' });
  });
  after(() => s.close());

  test('the files need none, the data behind them does', async () => {
    assert.equal((await s.app.inject({ url: '/_openzoom/console' })).statusCode, 200);
    assert.equal((await s.app.inject({ url: '/_openzoom/coverage' })).statusCode, 403);
    assert.equal((await s.app.inject({ url: '/_openzoom/requests/stream' })).statusCode, 403);
    assert.equal((await s.app.inject({ url: '/_openzoom/coverage', headers: { 'x-openzoom-admin-key': 'console-key' } })).statusCode, 200);
  });
});

// CI installs chromium (.ci/run): there a missing browser fails instead of skipping.
describe('console: in a browser', { skip: existsSync(CHROMIUM) || process.env.CI ? false : `${CHROMIUM} is missing (apt-get install chromium)` }, () => {
  let s: TestServer;
  let rx: Receiver;
  let base: string;
  let context: BrowserContext;
  let page: Page;
  let profile: string;
  const pageErrors: string[] = [];

  before(async () => {
    s = await startServer();
    rx = await new Receiver().start();
    await s.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(s.app.server.address() as AddressInfo).port}/_openzoom/console`;
    profile = mkdtempSync(join(tmpdir(), 'openzoom-chromium-'));
    mkdirSync(SHOTS, { recursive: true });
    context = await chromium.launchPersistentContext(profile, { executablePath: CHROMIUM, headless: true, args: FLAGS, viewport: { width: 1366, height: 860 }, colorScheme: 'light' });
    context.setDefaultTimeout(15_000);
    page = context.pages()[0] ?? (await context.newPage());
    page.on('pageerror', (e) => pageErrors.push(e.message));
  });
  after(async () => {
    await context?.close();
    rmSync(profile, { recursive: true, force: true });
    await rx.close();
    await s.close();
  });

  const shot = (name: string) => page.screenshot({ path: join(SHOTS, `${name}.png`) });
  const section = async (name: string) => {
    await page.getByRole('link', { name, exact: true }).click();
    await page.getByRole('link', { name, exact: true }).and(page.locator('[aria-current=page]')).waitFor();
  };

  test('open the console and find a user', async () => {
    const ada = await s.api.post('/v2/users', { action: 'custCreate', user_info: { email: 'ada@example.com', type: 1, first_name: 'Ada', last_name: 'Lovelace' } });
    assert.equal(ada.status, 201);
    await page.goto(base);
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    await page.getByLabel('Find a user').fill('lovelace');
    await page.getByRole('button', { name: 'Ada Lovelace' }).click();
    // The user's JSON as the API answers it.
    const json = page.getByRole('figure').filter({ hasText: `GET /v2/users/${ada.body.id}` });
    await json.getByText('"email": "ada@example.com"').waitFor();
    assert.equal(await page.getByRole('list', { name: 'users' }).getByRole('listitem').count(), 1);
    await shot('accounts');
  });

  test('every form control has a label, and the keyboard reaches the sections first', async () => {
    const unlabelled = await page.evaluate(() =>
      [...document.querySelectorAll('input, select, textarea')].filter((el) => !el.closest('label') && !el.getAttribute('aria-label') && !(el.id && document.querySelector(`label[for="${el.id}"]`))).length,
    );
    assert.equal(unlabelled, 0);
    await page.reload();
    await page.getByRole('heading', { name: 'Accounts', exact: true }).waitFor();
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Skip to content');
    await page.keyboard.press('Tab');
    assert.equal(await page.evaluate(() => document.activeElement?.textContent), 'Accounts');
  });

  test('subscribe a real endpoint from the webhooks view', async () => {
    await section('Webhooks');
    await page.getByLabel('Endpoint URL').fill(rx.url);
    await page.getByLabel('Secret token').fill(rx.secret);
    await page.getByLabel('Events (comma separated)').fill('meeting.started, meeting.ended, meeting.participant_joined');
    await page.getByRole('button', { name: 'Subscribe' }).click();
    await page.getByRole('status').getByText('Subscribed').waitFor();
    await page.getByRole('list', { name: 'subscriptions' }).getByText('validated').waitFor();
  });

  test('schedule a meeting, start it, add two participants, end it', async () => {
    await section('Meetings');
    await page.getByLabel('New meeting topic').fill('Console walkthrough');
    await page.getByRole('button', { name: 'Schedule' }).click();
    await page.getByRole('heading', { name: 'Console walkthrough' }).waitFor();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByText('in progress').waitFor();
    for (const [name, email] of [
      ['Grace Hopper', 'grace@example.com'],
      ['Alan Turing', 'alan@example.com'],
    ]) {
      await page.getByLabel('Participant name').fill(name!);
      await page.getByLabel('Participant email').fill(email!);
      await page.getByRole('button', { name: 'Add participant' }).click();
      await page.getByRole('table', { name: 'Participants' }).getByText(name!, { exact: true }).waitFor();
      // The waiting room is on by default, as in Zoom: the host admits them.
      await page.getByRole('button', { name: `Admit ${name}` }).click();
      await page.getByRole('button', { name: `Move ${name} to the waiting room` }).waitFor();
    }
    const rows = page.getByRole('table', { name: 'Participants' }).getByRole('row');
    assert.equal(await rows.count(), 4, 'a header, the host and two participants');
    await page.getByRole('button', { name: 'Share screen: Grace Hopper' }).click();
    await page.getByRole('status').getByText('Grace Hopper shares.').waitFor();
    // The live list shows it too.
    await page.getByRole('button', { name: 'Live', exact: true }).click();
    await page.getByRole('list', { name: 'live meetings' }).getByRole('button', { name: 'Console walkthrough' }).click();
    await page.getByText('in progress').waitFor();
    await shot('meeting-live');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await page.getByText('not started').waitFor();
    await rx.next((r) => r.body?.event === 'meeting.ended', true);
  });

  test('see the past meeting with its participants', async () => {
    await page.getByRole('button', { name: 'Past', exact: true }).click();
    await page.getByRole('list', { name: 'past meetings' }).getByRole('button', { name: 'Console walkthrough' }).click();
    await page.getByRole('heading', { name: 'Past meeting: Console walkthrough' }).waitFor();
    // Each took two stints: the waiting room, then the meeting (Zoom lists both).
    const table = page.getByRole('table').filter({ has: page.getByRole('columnheader', { name: 'Joined' }) });
    for (const name of ['Grace Hopper', 'Alan Turing']) {
      await table.getByRole('row').filter({ has: page.getByRole('cell', { name, exact: true }) }).filter({ hasText: 'in meeting' }).waitFor();
    }
    await shot('meeting-past');
  });

  test('see the meeting.ended delivery and its attempt', async () => {
    await section('Webhooks');
    const ended = page.getByRole('row').filter({ has: page.getByRole('button', { name: 'meeting.ended' }) });
    await ended.getByRole('cell', { name: 'delivered' }).waitFor();
    await ended.getByRole('button', { name: 'meeting.ended' }).click();
    const attempts = page.getByRole('table', { name: 'Delivery attempts' });
    await attempts.getByRole('cell', { name: '200', exact: true }).waitFor();
    await page.getByText('"event": "meeting.ended"').waitFor();
    await shot('webhooks');
  });

  test('a recurring meeting shows its occurrences and registrants', async () => {
    const owner = (await s.client.get(`/_openzoom/accounts/${s.demo!.accountId}`)).body.owner_id as string;
    const start = new Date(s.clock.now() + 86_400_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const m = await s.api.post(`/v2/users/${owner}/meetings`, { topic: 'Weekly sync', type: 8, start_time: start, duration: 30, recurrence: { type: 2, weekly_days: '2', end_times: 3 }, settings: { approval_type: 1 } });
    assert.equal(m.status, 201, m.raw);
    assert.equal((await s.api.post(`/v2/meetings/${m.body.id}/registrants`, { email: 'ida@example.com', first_name: 'Ida', last_name: 'Rhodes' })).status, 201);
    await section('Meetings');
    await page.getByRole('button', { name: 'Upcoming', exact: true }).click();
    await page.getByRole('list', { name: 'upcoming meetings' }).getByRole('button', { name: 'Weekly sync' }).click();
    const occurrences = page.getByRole('table', { name: 'Occurrences' }).getByRole('row');
    await occurrences.nth(3).waitFor();
    assert.equal(await occurrences.count(), 4, 'a header and three occurrences');
    const registrant = page.getByRole('table', { name: 'Registrants' }).getByRole('row').filter({ hasText: 'ida@example.com' });
    await registrant.getByRole('cell', { name: 'pending', exact: true }).waitFor();
    await shot('meeting-recurring');
  });

  test('answer a poll for a participant, and find the answers in the past poll results', async () => {
    const owner = (await s.client.get(`/_openzoom/accounts/${s.demo!.accountId}`)).body.owner_id as string;
    const start = new Date(s.clock.now() + 3_600_000).toISOString().replace(/\.\d+Z$/, 'Z');
    const m = await s.api.post(`/v2/users/${owner}/meetings`, { topic: 'Lunch vote', type: 2, start_time: start, duration: 30 });
    assert.equal(m.status, 201, m.raw);
    const poll = await s.api.post(`/v2/meetings/${m.body.id}/polls`, {
      title: 'Lunch',
      questions: [
        { name: 'Where?', type: 'single', answers: ['Cafe', 'Canteen'] },
        { name: 'What?', type: 'multiple', answers: ['Soup', 'Salad', 'Pie'] },
      ],
    });
    assert.equal(poll.status, 201, poll.raw);
    await page.getByRole('button', { name: 'Upcoming', exact: true }).click();
    await page.getByRole('list', { name: 'upcoming meetings' }).getByRole('button', { name: 'Lunch vote' }).click();
    await page.getByRole('button', { name: 'Start', exact: true }).click();
    await page.getByLabel('Participant name').fill('Ann');
    await page.getByLabel('Participant email').fill('ann@example.com');
    await page.getByRole('button', { name: 'Add participant' }).click();
    await page.getByRole('button', { name: 'Admit Ann' }).click();
    const form = page.getByRole('form', { name: 'Poll: Lunch' });
    await form.getByLabel('Answering participant').selectOption({ label: 'Ann' });
    await form.getByLabel('Where?').selectOption('Cafe');
    await form.getByRole('checkbox', { name: 'Soup' }).check();
    await form.getByRole('checkbox', { name: 'Pie' }).check();
    await form.getByRole('button', { name: 'Answer the poll' }).click();
    await page.getByRole('status').getByText('Answered.').waitFor();
    await shot('meeting-poll');
    await page.getByRole('button', { name: 'End', exact: true }).click();
    await page.getByText('not started').waitFor();
    const results = await s.api.get(`/v2/past_meetings/${m.body.id}/polls`);
    assert.equal(results.status, 200, results.raw);
    assert.deepEqual(
      results.body.questions.map((q: { name: string; question_details: { question: string; answer: string }[] }) => [q.name, q.question_details.map((d) => [d.question, d.answer])]),
      [['Ann', [['Where?', 'Cafe'], ['What?', 'Soup;Pie']]]],
    );
  });

  test('see a failing request in the live log with its Zoom error', async () => {
    await section('Requests');
    await page.getByText('live', { exact: true }).waitFor();
    // Made after the log is open: it arrives over the stream.
    const failed = await s.api.get('/v2/meetings/12345678901');
    assert.equal(failed.status, 404);
    await page.getByLabel('Status').selectOption('4xx');
    await page.getByRole('button', { name: 'GET /v2/meetings/12345678901' }).click();
    const note = page.getByRole('note');
    await note.getByText(String(failed.body.code), { exact: true }).waitFor();
    assert.match((await note.textContent()) ?? '', new RegExp(`Zoom error ${failed.body.code}: ${failed.body.message.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    await shot('requests');
  });

  test('move the clock, and see the coverage table', async () => {
    await section('Clock');
    const before = Date.parse((await page.locator('time[datetime]').getAttribute('datetime'))!);
    await page.getByRole('button', { name: '+1 day' }).click();
    await page.getByRole('status').getByText('Advanced').waitFor();
    // The page shows the server's new time.
    await page.waitForFunction((from) => Date.parse(document.querySelector('time')!.getAttribute('datetime')!) - from >= 86_400_000, before);
    assert.ok(s.clock.now() - before >= 86_400_000);
    await shot('clock');
    await section('Coverage');
    await page.getByRole('table', { name: "Zoom's reference, by category" }).getByText('Meetings', { exact: true }).waitFor();
    await shot('coverage');
    // The API still answers after the clock moved past the console's token: it takes a new one.
    await section('Accounts');
    await page.getByRole('button', { name: 'Ada Lovelace' }).waitFor();
  });

  test('the dark scheme', async () => {
    await page.emulateMedia({ colorScheme: 'dark' });
    await section('Meetings');
    await page.getByRole('button', { name: 'Past', exact: true }).click();
    await page.getByRole('list', { name: 'past meetings' }).getByRole('button', { name: 'Console walkthrough' }).click();
    const background = await page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    assert.equal(background, 'rgb(15, 20, 25)');
    await shot('meetings-dark');
    assert.deepEqual(pageErrors, []);
  });
});
