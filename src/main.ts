// `openzoom start [--port N --db PATH|:memory:|postgres://… --redis redis://…]` (and
// `node src/main.ts …`): open storage, build the app, listen, and print where it
// is and how to get a token.
import { realpathSync } from 'node:fs';
import module from 'node:module';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

// Node caches compiled (and type-stripped) modules on disk: a warm start is
// about 40% faster. The rest of the app is imported after it is enabled.
module.enableCompileCache?.();
const { buildApp } = await import('./app.ts');
const { loadConfig } = await import('./config.ts');
const { openDb } = await import('./storage/db.ts');
const { LOOPBACK_HOSTS } = await import('./config.ts');

export async function main(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  const config = loadConfig(argv, process.env);
  const db = await openDb(config.db);
  const { app, demo, implemented, contract, counters } = await buildApp({ config, db });
  const coverage = contract.coverage(implemented);
  const address = await app.listen({ host: config.host, port: config.port });
  const base = config.baseUrl ?? address;
  const lines = [
    `OpenZoom listening on ${base}  (ready in ${Math.round(performance.now())} ms)`,
    `  database      ${db.description}`,
    `  operations    ${coverage.implemented} of ${coverage.operations} implemented${coverage.implemented < coverage.operations ? ' (others answer 501)' : ''}, and ${coverage.extra.implemented} beyond Zoom's reference`,
    `  rate limits   ${config.rateLimits ? `on (${counters} counters)` : 'off'}`,
  ];
  if (demo) {
    lines.push(
      `  account id    ${demo.accountId}`,
      `  client id     ${demo.clientId}`,
      `  client secret ${demo.clientSecret}`,
      '',
      `  curl -u ${demo.clientId}:${demo.clientSecret} -X POST "${base}/oauth/token?grant_type=account_credentials&account_id=${demo.accountId}"`,
    );
  }
  if (!LOOPBACK_HOSTS.has(config.host)) {
    lines.push(
      '',
      config.adminKey
        ? `  control plane needs OPENZOOM_ADMIN_KEY (bound to ${config.host}); /_openzoom/health is open`
        : `  control plane CLOSED: bound to ${config.host} without OPENZOOM_ADMIN_KEY, only /_openzoom/health answers`,
    );
  }
  console.log(lines.join('\n'));

  // Stop accepting, let requests in flight finish (a keep-alive connection
  // closes as soon as it is idle), cut whatever is still open after the grace
  // period, close the database. A second signal, or a close that hangs, exits.
  let stopping = false;
  const stop = async (signal: NodeJS.Signals) => {
    if (stopping) process.exit(1);
    stopping = true;
    console.log(`OpenZoom stopping (${signal}): finishing requests in flight, at most ${config.shutdownGrace / 1000} s`);
    const idle = setInterval(() => app.server.closeIdleConnections(), 100);
    const cut = setTimeout(() => app.server.closeAllConnections(), config.shutdownGrace);
    setTimeout(() => process.exit(1), config.shutdownGrace + 5000).unref();
    await app.close();
    clearInterval(idle);
    clearTimeout(cut);
    await db.close();
    process.exit(0);
  };
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

// Run when started as a script; `openzoom start` imports main() instead.
const isEntry = () => {
  try {
    return realpathSync(process.argv[1] ?? '') === fileURLToPath(import.meta.url);
  } catch {
    return false;
  }
};
if (isEntry()) {
  main().catch((err: unknown) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
  });
}
