// The artifact of a component (`Component.serialize`, `Engine.precompileComponent`,
// `Component.deserialize`), written and read through jit's `buildComponentArtifact` and
// `loadComponentArtifact`: one wasm section per static module, byte for byte (V8 compiles them
// on load, as it does for `Component.new`), and environ's translation as metadata. The JS
// section is empty, as for modules: the canonical-ABI trampolines are generated per signature
// key and shared by every component of an engine (jit's `TrampolineCache`), and regenerating
// them on load costs little next to compiling the static modules (see the api README), so
// nothing component-specific needs carrying and nothing is evaluated on load.

import type { ComponentTranslation } from '@tswasm/environ';
import { ArtifactError, buildComponentArtifact, loadComponentArtifact } from '@tswasm/jit';
import type { Engine } from '../engine/engine.js';

/** What `loadComponentArtifact` gives the api: the translation and each static module compiled. */
export interface LoadedComponent {
  readonly translation: ComponentTranslation;
  /** The host engine's module of each static module, by `StaticModuleIndex`. */
  readonly modules: readonly WebAssembly.Module[];
}

/**
 * Writes the artifact of a translated component for `engine`.
 * @param engine the engine the component was validated for; its fingerprint goes in the header
 * @param translation environ's translation, whose static modules keep their binaries
 * @returns the artifact bytes
 * @throws ArtifactError when the artifact would exceed the format's 4 GiB
 */
export function buildComponentArtifactFor(engine: Engine, translation: ComponentTranslation): Uint8Array {
  return buildComponentArtifact(translation, engine.fingerprint, engine.fingerprintInput, '');
}

/**
 * Checks and loads a component artifact written for an engine with `engine`'s fingerprint, and
 * compiles its static modules with the host engine. Nothing is validated again (see
 * `Component.deserialize`).
 * @throws ArtifactError when the bytes are not a component artifact of this engine (a module
 *   artifact is named as such), or are truncated, corrupted or malformed
 */
export function loadComponentArtifactFor(engine: Engine, artifact: Uint8Array): LoadedComponent {
  const { translation, code } = loadComponentArtifact(artifact, { kind: 'component', fingerprint: engine.fingerprint, engine: engine.fingerprintInput });
  // We never write component JS; refusing it keeps a forged artifact from running code on load.
  if (code.jsSource !== '') throw new ArtifactError('component artifact is malformed: expected an empty JS section');
  const expected = translation.staticModules.length;
  if (code.wasm.length !== expected) {
    throw new ArtifactError(`component artifact is malformed: expected ${expected} wasm sections, found ${code.wasm.length}`);
  }
  // The translation was decoded first, so a bad one is rejected before V8 compiles anything.
  return { translation, modules: code.publish().modules };
}
