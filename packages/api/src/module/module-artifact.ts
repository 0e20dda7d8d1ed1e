// The artifact of a core module (`Module.serialize`, `Engine.precompileModule`,
// `Module.deserialize`). It holds what compiling produced, so loading skips environ's
// validation and translation: one wasm section with the module's bytes unchanged (V8 compiles
// them on load, as it does for `Module.new`), and as metadata environ's translation through
// jit's codec. The JS section is empty: our trampolines are made per signature and arity and
// shared by every module of an engine (jit's TrampolineCache), not generated per module, so
// there is nothing module-specific to carry and nothing is evaluated on load.

import type { ModuleTranslation } from '@tswasm/environ';
import { ArtifactError, CodeMemory, ObjectBuilder, decodeModuleTranslation, encodeModuleTranslation, type ArtifactOwnership } from '@tswasm/jit';
import type { Engine } from '../engine/engine.js';

/** What `loadModuleArtifact` gives back: the translation and the host engine's module. */
export interface LoadedModule {
  readonly translation: ModuleTranslation;
  readonly compiled: WebAssembly.Module;
}

// The metadata is an object so the api can add fields later (the tswasm version in the
// fingerprint covers any change of its shape); the module's name travels in the translation.
const MODULE_METADATA_KEY = 'translation';

/**
 * Writes the artifact of a translated module for `engine`.
 * @param engine the engine the module was validated for; its fingerprint goes in the header
 * @param translation environ's translation, whose `wasm` is the module's binary
 * @returns the artifact bytes
 * @throws ArtifactError when the artifact would exceed the format's 4 GiB
 */
export function buildModuleArtifact(engine: Engine, translation: ModuleTranslation): Uint8Array {
  const builder = new ObjectBuilder('module', engine.fingerprint, engine.fingerprintInput);
  builder.addWasm(translation.wasm);
  builder.setMetadata({ [MODULE_METADATA_KEY]: encodeModuleTranslation(translation) });
  builder.setJsSource('');
  return builder.finish();
}

/**
 * Checks and loads a module artifact written for an engine with `engine`'s fingerprint, and
 * compiles its wasm with the host engine. Nothing is validated again (see `Module.deserialize`).
 * @param ownership `'take'` when nothing else holds `artifact` (a file just read): no copy
 * @throws ArtifactError when the bytes are not a module artifact of this engine, or are
 *   truncated, corrupted or malformed
 */
export function loadModuleArtifact(engine: Engine, artifact: Uint8Array, ownership: ArtifactOwnership = 'copy'): LoadedModule {
  const code = CodeMemory.fromBytes(artifact, { kind: 'module', fingerprint: engine.fingerprint, engine: engine.fingerprintInput }, ownership);
  const [wasm, ...extra] = code.wasm;
  if (wasm === undefined || extra.length > 0) {
    throw new ArtifactError(`module artifact is malformed: expected 1 wasm section, found ${code.wasm.length}`);
  }
  // We never write module JS; refusing it keeps a forged artifact from running code on load.
  if (code.jsSource !== '') throw new ArtifactError('module artifact is malformed: expected an empty JS section');
  const metadata = code.metadata;
  if (metadata === null || typeof metadata !== 'object' || !(MODULE_METADATA_KEY in metadata)) {
    throw new ArtifactError(`module artifact is malformed: metadata has no \`${MODULE_METADATA_KEY}\``);
  }
  // Decode before publishing: a bad translation is rejected before V8 compiles anything.
  const translation = decodeModuleTranslation((metadata as Record<string, unknown>)[MODULE_METADATA_KEY], wasm);
  const compiled = code.publish().modules[0];
  if (compiled === undefined) throw new ArtifactError('module artifact is malformed: its wasm section did not publish');
  return { translation, compiled };
}
