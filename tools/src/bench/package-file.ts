import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/**
 * The path of a file inside an installed npm package, found along Node's module search paths.
 * Packages such as componentize-js export no entry that `require.resolve` could start from.
 */
export function packageFile(packageName: string, relativePath: string): string {
  for (const dir of require.resolve.paths(packageName) ?? []) {
    const candidate = join(dir, packageName, relativePath);
    if (existsSync(candidate)) return candidate;
  }
  throw new Error(`${relativePath} of ${packageName} is not installed: run npm ci`);
}
