// The web console's built files (dist/console) for tests that open it: built
// with Vite when missing or older than its sources (about two seconds), so
// `npm test` works from a fresh clone. The full build (`npm run build:console`)
// also type-checks the console.
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const BUILT = join(ROOT, 'dist/console/index.html');

function newest(path: string): number {
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return Math.max(st.mtimeMs, ...readdirSync(path).map((name) => newest(join(path, name))));
}

export function consoleIsCurrent(): boolean {
  if (!existsSync(BUILT)) return false;
  const sources = Math.max(newest(join(ROOT, 'console/src')), newest(join(ROOT, 'console/index.html')), newest(join(ROOT, 'console/vite.config.ts')));
  return statSync(BUILT).mtimeMs >= sources;
}

export function ensureConsoleBuilt(): void {
  if (consoleIsCurrent()) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build', '--config', join(ROOT, 'console/vite.config.ts')], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'], timeout: 120_000 });
}
