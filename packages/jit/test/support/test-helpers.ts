// Small helpers several test files share.

import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** What `run` throws; fails the test when it returns. */
export function thrown(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    return error;
  }
  throw new Error('expected a throw');
}

/** A file of an installed package (componentize-js exports no entry to resolve from). */
export function packageFile(name: string, path: string): string {
  for (const dir of require.resolve.paths(name) ?? []) {
    const candidate = join(dir, name, path);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${path} of ${name} is not installed`);
}
