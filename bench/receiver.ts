// The webhook endpoint for `npm run bench`, as a process of its own (as an app
// receiving Zoom's webhooks is): it answers url validation and every delivery
// at once, and counts them. `GET /stats` answers {count, first, last} (times in
// ms of this process) for the benchmark to read.
//   node bench/receiver.ts PORT SECRET
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';

const [port, secret] = [Number(process.argv[2]), process.argv[3]!];
let count = 0;
let first = 0;
let last = 0;

createServer((req, res) => {
  if (req.method === 'GET' && req.url === '/stats') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ count, first, last }));
    return;
  }
  if (req.method === 'POST' && req.url === '/reset') {
    count = first = last = 0;
    res.writeHead(204).end();
    return;
  }
  const chunks: Buffer[] = [];
  req.on('data', (c: Buffer) => chunks.push(c));
  req.on('end', () => {
    const body = JSON.parse(Buffer.concat(chunks).toString()) as { event: string; payload: { plainToken?: string } };
    if (body.event === 'endpoint.url_validation') {
      const plainToken = body.payload.plainToken!;
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ plainToken, encryptedToken: createHmac('sha256', secret).update(plainToken).digest('hex') }));
      return;
    }
    res.writeHead(200).end();
    const now = performance.now();
    if (count++ === 0) first = now;
    last = now;
  });
}).listen(port, '127.0.0.1');
