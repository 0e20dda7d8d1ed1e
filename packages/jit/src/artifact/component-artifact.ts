// The artifact of a component: one wasm section per static module (byte for byte, in
// `StaticModuleIndex` order), the generated JS (every prepared trampoline's factory, laid out by
// factory-sources.ts), and as metadata the translation through `encodeComponentTranslation` and
// the index of the factories. The metadata is an object so fields can be added later (the
// tswasm version in the fingerprint covers any change of its shape).

import type { ComponentTranslation } from '@tswasm/environ';
import { ArtifactError } from './artifact-error.js';
import { CodeMemory, type ArtifactOwnership, type ExpectedArtifact } from './code-memory.js';
import { decodeComponentTranslation, encodeComponentTranslation } from './component-translation-codec.js';
import type { EngineFingerprintInput } from './engine-fingerprint.js';
import { buildFactorySection, decodeFactoryIndex, type FactoryIndexEntry, type FactorySource } from './factory-sources.js';
import { ObjectBuilder } from './object-builder.js';

const TRANSLATION_KEY = 'translation';
const FACTORIES_KEY = 'factories';

/** What `loadComponentArtifact` gives back: the translation, and the loaded (unpublished) code. */
export interface LoadedComponentArtifact {
  readonly translation: ComponentTranslation;
  /** Its `wasm` sections are the static modules in order; `publish()` compiles them. */
  readonly code: CodeMemory;
  /** Where each factory's source lies in `code.jsSource` (for `lazyFactories`). */
  readonly factories: readonly FactoryIndexEntry[];
}

/**
 * Writes the artifact of a translated component.
 * @param t the translation
 * @param fingerprint the compiling engine's `engineFingerprint`
 * @param engineInput that fingerprint's input, so a mismatch on load can name the setting
 * @param factories the source of every prepared trampoline the component uses, by key
 * @returns the artifact bytes
 * @throws TypeError when `engineInput` does not produce `fingerprint`
 * @throws ArtifactError when the artifact would exceed the format's 4 GiB
 */
export function buildComponentArtifact(
  t: ComponentTranslation,
  fingerprint: string,
  engineInput?: EngineFingerprintInput,
  factories: Iterable<FactorySource> = [],
): Uint8Array {
  const builder = new ObjectBuilder('component', fingerprint, engineInput);
  const { metadata, wasm } = encodeComponentTranslation(t);
  for (const bytes of wasm) builder.addWasm(bytes);
  const section = buildFactorySection(factories);
  builder.setMetadata({ [TRANSLATION_KEY]: metadata, [FACTORIES_KEY]: section.index });
  builder.setJsSource(section.jsSource);
  return builder.finish();
}

/**
 * Checks and loads a component artifact and decodes its translation and the index of its
 * factories; nothing runs (the caller `publish()`es the wasm and compiles factories with
 * `lazyFactories` when it needs them: see `CodeMemory` on trust).
 * @param bytes the artifact
 * @param expected the fingerprint (and engine input) of the loading engine; its `kind` must be
 *   'component'
 * @param ownership whether the bytes are copied first or taken over (`CodeMemory.fromBytes`)
 * @throws ArtifactError when the bytes are not a component artifact of this engine (a module
 *   artifact is named as such), are truncated, corrupted, or their metadata does not decode
 *   (a factory index out of the JS section included)
 * @throws TypeError when `expected.kind` is not 'component'
 */
export function loadComponentArtifact(bytes: Uint8Array, expected: ExpectedArtifact, ownership: ArtifactOwnership = 'copy'): LoadedComponentArtifact {
  if (expected.kind !== 'component') throw new TypeError(`loadComponentArtifact loads components, not a ${expected.kind}`);
  return decodeComponentArtifact(CodeMemory.fromBytes(bytes, expected, ownership));
}

/**
 * The second half of `loadComponentArtifact`: decodes the translation and the factory index
 * of a checked component artifact. Apart, so that a loader can start compiling the wasm
 * sections (`publishAsync`) before decoding, and V8 compiles on its threads meanwhile.
 * @throws ArtifactError as `loadComponentArtifact` does for its metadata
 */
export function decodeComponentArtifact(code: CodeMemory): LoadedComponentArtifact {
  const metadata = code.metadata;
  if (metadata === null || typeof metadata !== 'object' || !Object.hasOwn(metadata, TRANSLATION_KEY)) {
    throw new ArtifactError(`component artifact is malformed: metadata has no \`${TRANSLATION_KEY}\``);
  }
  const fields = metadata as Record<string, unknown>;
  const translation = decodeComponentTranslation(fields[TRANSLATION_KEY], code.wasm);
  const factories = decodeFactoryIndex(fields[FACTORIES_KEY], code.jsSource);
  return { translation, code, factories };
}
