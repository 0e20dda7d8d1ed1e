// The JS section of a component artifact: every prepared trampoline's factory source, stored
// under its key, so loading materializes them without running a generator. Any generated
// trampoline that is the body of a `function (env)` fits (lowered imports and lifted exports
// today; fused adapters and the like the same way): the producer picks keys that cannot clash
// (a canonical key names its direction).
//
// The section is one function body returning an object literal whose properties are the
// factories, so it is valid JS as a whole; the metadata keeps each key with the character range
// of its source in the section, and loading compiles a factory from its range only when it is
// first used (`lazyFactories`). A loaded component so knows every source (for `serialize`)
// without a second copy, and pays for none it does not run.

import { ArtifactError } from './artifact-error.js';
import { asArray, asIndex, asString, shapeError } from './metadata-shape.js';
import type { CanonicalFactory } from '../canonical/func-trampolines.js';

/** One prepared trampoline's code: the body of a `function (env)` that makes it, and its key. */
export interface FactorySource {
  /** Unique among the artifact's factories; equal keys mean equal sources. */
  readonly key: string;
  readonly source: string;
}

/** A factory loaded from an artifact: its source, and that source compiled. */
export interface LoadedFactory {
  readonly source: string;
  readonly factory: CanonicalFactory;
}

/** A component artifact's JS section and the index the metadata keeps of it. */
export interface FactorySection {
  /** The JS section: the body of a function returning the object of factories. */
  readonly jsSource: string;
  /** Flat metadata: key, start and end of each source in `jsSource`. */
  readonly index: readonly (string | number)[];
}

/** Items per factory in the flat index: key, start, end. */
const INDEX_ITEMS = 3;

/**
 * Lays out the factories as one JS section, the first of equal keys winning.
 * @param factories the prepared trampolines' sources, in any order
 * @returns the section and its index for the metadata
 */
export function buildFactorySection(factories: Iterable<FactorySource>): FactorySection {
  const parts: string[] = ['return {\n'];
  let length = parts[0]?.length ?? 0;
  const index: (string | number)[] = [];
  const seen = new Set<string>();
  for (const { key, source } of factories) {
    if (seen.has(key)) continue;
    seen.add(key);
    // JSON string literals are JS string literals, whatever the key holds.
    const head = `${JSON.stringify(key)}: function (env) {\n`;
    const start = length + head.length;
    parts.push(head, source, '\n},\n');
    index.push(key, start, start + source.length);
    length = start + source.length + 4;
  }
  parts.push('};\n');
  return { jsSource: parts.join(''), index };
}

/** One entry of a decoded index: the key and where its source lies in the JS section. */
export interface FactoryIndexEntry {
  readonly key: string;
  readonly start: number;
  readonly end: number;
}

/**
 * Checks the index read from an artifact's metadata against its JS section: keys are unique
 * strings, ranges lie in order inside the section.
 * @throws ArtifactError when the index does not have that shape
 */
export function decodeFactoryIndex(value: unknown, jsSource: string): FactoryIndexEntry[] {
  const where = 'factories[]';
  const data = asArray(value, 'factories');
  if (data.length % INDEX_ITEMS !== 0) shapeError(`a multiple of ${INDEX_ITEMS} items`, 'factories', data.length);
  const entries: FactoryIndexEntry[] = [];
  const seen = new Set<string>();
  let previousEnd = 0;
  for (let i = 0; i < data.length; i += INDEX_ITEMS) {
    const key = asString(data[i], where, 'key');
    if (seen.has(key)) shapeError('a key not seen before', `${where}.key`, key);
    seen.add(key);
    const start = asIndex(data[i + 1], jsSource.length + 1, where, 'start');
    if (start < previousEnd) shapeError(`a start at or after ${previousEnd}`, `${where}.start`, start);
    const end = asIndex(data[i + 2], jsSource.length + 1, where, 'end');
    if (end < start) shapeError(`an end at or after ${start}`, `${where}.end`, end);
    previousEnd = end;
    entries.push({ key, start, end });
  }
  return entries;
}

/**
 * The indexed factories, each compiled from its own source on first use (`new Function('env',
 * source)`): a loaded component uses few of them directly (its lowered imports and lifted
 * exports are compiled from the sources into entries of their own), and evaluating the whole
 * section took 10 ms of a fresh process's load of a 12 MB component.
 *
 * Trust: this compiles the artifact's JS, which a loader does only for an artifact the user
 * chose to deserialize (see `CodeMemory`).
 * @param entries the decoded index
 * @param jsSource the JS section
 * @returns the factories by key; reading a `factory` throws ArtifactError when its source does
 *   not compile
 */
export function lazyFactories(entries: readonly FactoryIndexEntry[], jsSource: string): Map<string, LoadedFactory> {
  const factories = new Map<string, LoadedFactory>();
  for (const { key, start, end } of entries) {
    const source = jsSource.slice(start, end);
    let compiled: CanonicalFactory | null = null;
    factories.set(key, {
      source,
      get factory(): CanonicalFactory {
        return (compiled ??= compileFactory(key, source));
      },
    });
  }
  return factories;
}

function compileFactory(key: string, source: string): CanonicalFactory {
  try {
    // The source is the body of a `function (env)` (see `buildFactorySection`).
    return new Function('env', source) as CanonicalFactory;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new ArtifactError(`component artifact is malformed: the factory \`${key}\` does not compile: ${reason}`, { cause: error });
  }
}
