// The baseline for `npm run bench`: a bare node:http server answering each
// path with a fixed JSON body. `/` answers a ~1 KB user-like body (the single
// reads' yardstick); `node bench/baseline.ts PORT BODIES.json` also answers
// every path of BODIES.json (path → body text) with those exact bytes, so a
// list is compared with a plain server sending the same bytes. It runs as its
// own process, like OpenZoom, so both compete with the load generator alike.
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const port = Number(process.argv[2]);
const user = {
  id: 'benchBaselineUser00001', first_name: 'Bench', last_name: 'User', display_name: 'Bench User',
  email: 'bench@example.com', type: 1, role_name: 'Owner', pmi: 1234567890, use_pmi: false,
  personal_meeting_url: 'https://example.com/j/1234567890', timezone: 'UTC', verified: 1, dept: '',
  created_at: '2024-01-01T00:00:00Z', last_login_time: '2024-01-01T00:00:00Z', language: 'en-US',
  phone_number: '', status: 'active', role_id: '0', account_id: 'benchAccount0000000000',
  login_types: [100], cluster: 'us01', user_created_at: '2024-01-01T00:00:00Z',
};
// Pad to ~1 KB so the payload is comparable to a real user record.
const oneKb = Buffer.from(JSON.stringify({ ...user, padding: 'x'.repeat(Math.max(0, 1024 - JSON.stringify(user).length - 14)) }));

const bodies = new Map<string, Buffer>([['/', oneKb]]);
if (process.argv[3]) {
  for (const [path, text] of Object.entries(JSON.parse(readFileSync(process.argv[3], 'utf8')) as Record<string, string>)) bodies.set(path, Buffer.from(text));
}

createServer((req, res) => {
  const body = bodies.get(req.url ?? '/') ?? oneKb;
  res.writeHead(200, { 'content-type': 'application/json', 'content-length': body.length });
  res.end(body);
}).listen(port, '127.0.0.1');
