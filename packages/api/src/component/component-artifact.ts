// The artifact of a component (`Component.serialize`, `Engine.precompileComponent`,
// `Component.deserialize`), written and read through jit's `buildComponentArtifact` and
// `loadComponentArtifact`: one wasm section per static module, byte for byte (V8 compiles them
// on load, as it does for `Component.new`), environ's translation as metadata, and as JS the
// factory of every prepared trampoline under its key. Loading compiles each factory from that
// JS when it is first used, so no generator runs (wasmtime's artifacts likewise carry the compiled trampolines); that is why
// `Component.deserialize` trusts its input.

import type { ComponentTranslation } from '@tswasm/environ';
import { ArtifactError, CodeMemory, buildComponentArtifact, decodeComponentArtifact, lazyFactories, loadComponentArtifact } from '@tswasm/jit';
import type { ArtifactOwnership, ExpectedArtifact, LoadedComponentArtifact, LoadedFactory, PublishedCode } from '@tswasm/jit';
import type { Engine } from '../engine/engine.js';
import { factorySources, type ComponentTrampolines } from './canonical-trampolines.js';

/** What `loadComponentArtifact` gives the api: the translation, each static module compiled, the factories. */
export interface LoadedComponent {
  readonly translation: ComponentTranslation;
  /** The host engine's module of each static module, by `StaticModuleIndex`. */
  readonly modules: readonly WebAssembly.Module[];
  /** The prepared trampolines' factories, by key, compiled from the artifact's JS on first use. */
  readonly factories: ReadonlyMap<string, LoadedFactory>;
}

/**
 * Writes the artifact of a translated component for `engine`.
 * @param engine the engine the component was validated for; its fingerprint goes in the header
 * @param translation environ's translation, whose static modules keep their binaries
 * @param trampolines the component's prepared trampolines, whose sources become the JS section
 * @returns the artifact bytes
 * @throws ArtifactError when the artifact would exceed the format's 4 GiB
 */
export function buildComponentArtifactFor(engine: Engine, translation: ComponentTranslation, trampolines: ComponentTrampolines): Uint8Array {
  return buildComponentArtifact(translation, engine.fingerprint, engine.fingerprintInput, factorySources(trampolines));
}

/**
 * Checks and loads a component artifact written for an engine with `engine`'s fingerprint,
 * compiles its static modules with the host engine and gives its JS factories (compiled on
 * first use).
 * Nothing is validated again (see `Component.deserialize`).
 *
 * Trust: this runs the artifact's JS (`lazyFactories`), as wasmtime's
 * `unsafe fn deserialize` maps the artifact's machine code; only load what your engines wrote.
 * @param ownership `'take'` when nothing else holds `artifact` (a file just read): no copy
 * @throws ArtifactError when the bytes are not a component artifact of this engine (a module
 *   artifact is named as such), or are truncated, corrupted or malformed
 */
export function loadComponentArtifactFor(engine: Engine, artifact: Uint8Array, ownership: ArtifactOwnership = 'copy'): LoadedComponent {
  const loaded = readComponentArtifact(engine, artifact, ownership);
  return materialize(loaded, loaded.code.publish());
}

/**
 * `loadComponentArtifactFor`, compiling the static modules with `WebAssembly.compile`, side by
 * side on the host's threads (same trust and errors; the promise rejects). The compile starts
 * as soon as the checksum and header passed, and the translation is decoded while V8 compiles
 * on its threads: in a fresh process the two took 30 and 60 ms one after the other.
 */
export async function loadComponentArtifactForAsync(engine: Engine, artifact: Uint8Array): Promise<LoadedComponent> {
  const code = CodeMemory.fromBytes(artifact, expectedArtifact(engine));
  const compiling = code.publishAsync();
  let loaded: LoadedComponentArtifact;
  try {
    loaded = checkSections(decodeComponentArtifact(code));
  } catch (error) {
    // The compile's own outcome no longer matters; do not leave its rejection unhandled.
    compiling.catch(() => undefined);
    throw error;
  }
  return materialize(loaded, await compiling);
}

function expectedArtifact(engine: Engine): ExpectedArtifact {
  return { kind: 'component', fingerprint: engine.fingerprint, engine: engine.fingerprintInput };
}

function readComponentArtifact(engine: Engine, artifact: Uint8Array, ownership: ArtifactOwnership = 'copy'): LoadedComponentArtifact {
  // The translation is decoded before publishing, so a bad one is rejected before V8 compiles anything.
  return checkSections(loadComponentArtifact(artifact, expectedArtifact(engine), ownership));
}

function checkSections(loaded: LoadedComponentArtifact): LoadedComponentArtifact {
  const expected = loaded.translation.staticModules.length;
  if (loaded.code.wasm.length !== expected) {
    throw new ArtifactError(`component artifact is malformed: expected ${expected} wasm sections, found ${loaded.code.wasm.length}`);
  }
  return loaded;
}

function materialize({ translation, code, factories }: LoadedComponentArtifact, published: PublishedCode): LoadedComponent {
  return { translation, modules: published.modules, factories: lazyFactories(factories, code.jsSource) };
}
