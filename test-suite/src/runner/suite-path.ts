import * as path from 'node:path';

/**
 * The path of a script relative to its suite root, with `/` separators: the part after the last
 * `conformance/` folder (the shared tree), e.g. `core/binary.wast`, or for our own scripts the
 * part after `test-suite/wast/`, whose layout mirrors it. This is the key of expected failures
 * and what chooses the features; a file outside both keeps its path relative to the working
 * directory.
 */
export function suitePath(file: string): string {
  const parts = path.resolve(file).split(path.sep);
  const conformance = parts.lastIndexOf('conformance');
  if (conformance >= 0 && conformance < parts.length - 1) return parts.slice(conformance + 1).join('/');
  for (let i = parts.length - 2; i > 0; i--) {
    if (parts[i] === 'wast' && parts[i - 1] === 'test-suite') return parts.slice(i + 1).join('/');
  }
  return path.relative(process.cwd(), file).split(path.sep).join('/');
}
