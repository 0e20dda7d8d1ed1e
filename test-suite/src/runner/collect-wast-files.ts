import { readdirSync, statSync } from 'node:fs';
import * as path from 'node:path';

/**
 * Expands the given files and folders into .wast files: a folder yields every .wast file below
 * it, sorted by path so runs and reports are stable; a file is taken as given. Arguments keep
 * their order and a file named twice runs once.
 *
 * @throws {Error} (from `fs`) if a path does not exist.
 */
export function collectWastFiles(paths: readonly string[]): string[] {
  const files: string[] = [];
  const seen = new Set<string>();
  for (const given of paths) {
    const found = statSync(given).isDirectory() ? walk(given).sort() : [given];
    for (const file of found) {
      const key = path.resolve(file);
      if (seen.has(key)) continue;
      seen.add(key);
      files.push(file);
    }
  }
  return files;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  // An explicit stack rather than recursion: folder depth is not ours to bound.
  const pending = [dir];
  for (let next = pending.pop(); next !== undefined; next = pending.pop()) {
    for (const entry of readdirSync(next, { withFileTypes: true })) {
      const full = path.join(next, entry.name);
      if (entry.isDirectory()) pending.push(full);
      else if (entry.isFile() && entry.name.endsWith('.wast')) out.push(full);
    }
  }
  return out;
}
