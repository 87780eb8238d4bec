#!/usr/bin/env node
// The `openzoom` command. OpenZoom needs Node 22.16 or newer (node:sqlite);
// many machines still have Node 20, so the package depends on the npm package
// `node`, which installs Node 24. This launcher runs on any Node: it runs the
// CLI in-process when the current Node is recent enough, and otherwise starts
// it again on that Node 24. Plain JavaScript, no syntax newer than Node 14's.
//
// In a clone it runs the TypeScript sources (src/cli.ts: Node strips the
// types); in the installed package, the built JavaScript (dist/cli.js), since
// Node refuses to strip types under node_modules.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const self = fileURLToPath(import.meta.url);
const root = join(dirname(self), '..');
const source = join(root, 'src', 'cli.ts');
const fromSource = existsSync(source);
const entry = fromSource ? source : join(root, 'dist', 'cli.js');

const [major, minor] = process.versions.node.split('.').map(Number);
const atLeast = (M, m) => major > M || (major === M && minor >= m);
// Sources need type stripping on by default (22.18); the built code needs 22.16.
const fits = fromSource ? atLeast(22, 18) && Boolean(process.features.typescript) : atLeast(22, 16);

function bundledNode() {
  try {
    const pkg = createRequire(self).resolve('node/package.json');
    const bin = join(dirname(pkg), 'bin', process.platform === 'win32' ? 'node.exe' : 'node');
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

if (fits) {
  await import(pathToFileURL(entry).href);
} else {
  const node = process.env.OPENZOOM_RELAUNCHED ? null : bundledNode();
  if (!node) {
    process.stderr.write(
      `openzoom needs Node.js 22.16 or newer${fromSource ? ' (22.18 to run from a clone)' : ''}; this is ${process.version}.\n` +
        'The Node 24 that the package installs (the npm package "node") is missing: were install scripts skipped\n' +
        '(--ignore-scripts, or a package manager that blocks them)? Install Node 24, or reinstall with scripts allowed.\n',
    );
    process.exit(1);
  }
  const child = spawn(node, [self, ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, OPENZOOM_RELAUNCHED: '1' },
  });
  // Ctrl-C in a terminal reaches the whole process group, the child included;
  // signals sent to this process alone (a supervisor's SIGTERM) are passed on.
  for (const signal of ['SIGTERM', 'SIGHUP', 'SIGINT']) {
    process.on(signal, () => {
      if (signal !== 'SIGINT' || !process.stdin.isTTY) child.kill(signal);
    });
  }
  child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' ? 130 : 1)));
}
