// Files on local disk, one file per key under a root directory. Writes go to a
// temporary name first and are renamed into place, so a reader never sees half
// a file and two writers of one key leave one whole file.
import { createReadStream } from 'node:fs';
import { copyFile, link, mkdir, opendir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { Readable } from 'node:stream';
import { checkKey, type ByteRange, type FileStore } from './index.ts';

export class LocalStore implements FileStore {
  readonly kind = 'local' as const;
  private readonly root: string;

  private constructor(root: string) {
    this.root = root;
  }

  static async open(dir: string): Promise<LocalStore> {
    const root = resolve(dir);
    await mkdir(root, { recursive: true });
    return new LocalStore(root);
  }

  private path(key: string): string {
    return join(this.root, ...checkKey(key).split('/'));
  }

  async put(key: string, bytes: Uint8Array): Promise<void> {
    await this.putFrom(key, '', (temp) => writeFile(temp, bytes));
  }

  async putFrom(key: string, _contentType: string, make: (path: string) => Promise<void>): Promise<number> {
    const target = this.path(key);
    await mkdir(dirname(target), { recursive: true });
    const temp = `${target}.${randomBytes(6).toString('hex')}.part`;
    try {
      await make(temp);
      const { size } = await stat(temp);
      await rename(temp, target);
      return size;
    } catch (err) {
      await rm(temp, { force: true });
      throw err;
    }
  }

  /** A hard link where the file system allows (files are never changed in place: writes replace them), else a copy. */
  async copy(from: string, to: string): Promise<boolean> {
    const source = this.path(from);
    try {
      await this.putFrom(to, '', (temp) => link(source, temp).catch(() => copyFile(source, temp)));
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return false;
      throw err;
    }
  }

  async size(key: string): Promise<number | undefined> {
    try {
      const s = await stat(this.path(key));
      return s.isFile() ? s.size : undefined;
    } catch {
      return undefined;
    }
  }

  async read(key: string, range?: ByteRange): Promise<Readable | undefined> {
    if ((await this.size(key)) === undefined) return undefined;
    // Large chunks: a recording is read start to end, and fewer chunks cost less per byte.
    return createReadStream(this.path(key), { highWaterMark: 1024 * 1024, ...(range ? { start: range.start, end: range.end } : {}) });
  }

  async delete(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }

  async *keys(prefix: string): AsyncIterable<string> {
    const trimmed = prefix.replace(/\/+$/, '');
    const start = trimmed === '' ? this.root : this.path(trimmed);
    yield* this.walk(start);
  }

  private async *walk(dir: string): AsyncIterable<string> {
    let handle;
    try {
      handle = await opendir(dir);
    } catch {
      return;
    }
    for await (const entry of handle) {
      const full = join(dir, entry.name);
      if (entry.isDirectory()) yield* this.walk(full);
      else if (entry.isFile() && !entry.name.endsWith('.part')) yield relative(this.root, full).split(sep).join('/');
    }
  }

  async close(): Promise<void> {}
}
