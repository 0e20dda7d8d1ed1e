/**
 * A large real component for benchmarks and tests: tools/examples/component/hello.js built by
 * @bytecodealliance/componentize-js (StarlingMonkey inside, about 12 MB). Building takes
 * seconds, so the result is kept in the OS temp folder, keyed by the input and the
 * componentize-js version; a changed input or version builds anew.
 */
import { componentize, version } from '@bytecodealliance/componentize-js';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const exampleDir = join(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'examples', 'component');

/** Builds (or reuses) the example component and returns its bytes and path. */
export async function componentizeExample(): Promise<{ bytes: Uint8Array; path: string }> {
  const source = readFileSync(join(exampleDir, 'hello.js'), 'utf8');
  const witPath = join(exampleDir, 'hello.wit');
  const key = createHash('sha256').update(version).update(source).update(readFileSync(witPath)).digest('hex').slice(0, 16);
  const path = join(tmpdir(), `tswasm-componentize-${key}.wasm`);
  if (!existsSync(path)) {
    const { component } = await componentize({ sourcePath: join(exampleDir, 'hello.js'), witPath });
    // Write then rename, so a concurrent reader never sees half a file.
    const partial = `${path}.${process.pid}.partial`;
    writeFileSync(partial, component);
    renameSync(partial, path);
  }
  return { bytes: new Uint8Array(readFileSync(path)), path };
}
