/**
 * jco's `transpile` output of a component, written once to a folder in the OS temp folder keyed
 * by jco's version, the options and the bytes (transpiling takes a while; benchmarks time what
 * loads and runs the output, not the transpiler).
 */
import { transpile } from '@bytecodealliance/jco';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

/** jco's `transpile` options, as far as the benchmarks use them. */
export type JcoTranspileOptions = Parameters<typeof transpile>[1] & { readonly name: string };

// jco's package version, part of the cache key of its output.
function jcoVersion(): string {
  const entry = createRequire(import.meta.url).resolve('@bytecodealliance/jco');
  let dir = dirname(entry);
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

/**
 * The folder holding jco's output for `bytes`: `<name>.js`, its core `.wasm` files, and a
 * `package.json` that makes the ESM an ES module wherever the folder is.
 *
 * @returns the folder and the paths of the core wasm files in it
 */
export async function jcoTranspile(bytes: Uint8Array, options: JcoTranspileOptions): Promise<{ dir: string; corePaths: string[] }> {
  const key = createHash('sha256').update(jcoVersion()).update(JSON.stringify(options)).update(bytes).digest('hex').slice(0, 16);
  const dir = join(tmpdir(), `tswasm-bench-jco-${key}`);
  if (!existsSync(join(dir, 'package.json'))) {
    const { files } = await transpile(bytes, options);
    // Written beside, then renamed, so a concurrent run never sees half a folder.
    const partial = `${dir}.${process.pid}.partial`;
    mkdirSync(partial, { recursive: true });
    for (const [name, content] of Object.entries(files)) {
      mkdirSync(dirname(join(partial, name)), { recursive: true });
      writeFileSync(join(partial, name), content);
    }
    writeFileSync(join(partial, 'package.json'), '{ "type": "module" }');
    if (!existsSync(dir)) renameSync(partial, dir);
  }
  const corePaths = readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((name) => name.endsWith('.wasm'))
    .map((name) => join(dir, name));
  return { dir, corePaths };
}
