// A Node on PATH too old to run OpenZoom (the system Node 20 on machines that
// have one), outside node_modules/.bin where npm puts the pinned Node 24.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

export async function oldNode(): Promise<string | null> {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (!dir || dir.includes('node_modules')) continue;
    const bin = join(dir, 'node');
    if (!existsSync(bin)) continue;
    try {
      const [major, minor] = execFileSync(bin, ['-p', 'process.versions.node'], { encoding: 'utf8' }).trim().split('.').map(Number);
      if (major! < 22 || (major === 22 && minor! < 16)) return bin;
    } catch {
      // not runnable
    }
  }
  return null;
}
