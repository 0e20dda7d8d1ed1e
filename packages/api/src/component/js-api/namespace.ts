// The `WebAssembly` namespace functions as JS-Reference.md extends them: each looks at the
// `layer` field of the bytes and handles a component itself, leaving a core module to the
// host's `WebAssembly` (tswasm's own `Module` is the embedding API's).

import { Engine } from '../../engine/engine.js';
import type { ComponentCompileOptions } from './compile-options.js';
import { Component } from './component.js';
import { ComponentInstance } from './component-instance.js';
import { isComponentBinary, stableBytes, type ComponentSource } from './source-bytes.js';

/** What `instantiate` gives for component bytes (`WebAssemblyInstantiatedComponentSource`). */
export interface InstantiatedComponentSource {
  readonly component: Component;
  readonly instance: ComponentInstance;
}

// The host's view of core module bytes, which it wants in an ArrayBuffer.
function moduleBytes(bytes: Uint8Array): Uint8Array<ArrayBuffer> {
  return bytes.buffer instanceof ArrayBuffer ? (bytes as Uint8Array<ArrayBuffer>) : Uint8Array.from(bytes);
}

/**
 * `WebAssembly.validate`: whether `bytes` are a valid component (for the engine's features) or
 * a valid core module (for the host).
 * @throws TypeError when `bytes` is not a buffer source
 */
export function validate(bytes: ArrayBuffer | SharedArrayBuffer | ArrayBufferView, options: ComponentCompileOptions = {}): boolean {
  const stable = stableBytes(bytes);
  if (typeof stable === 'string') throw new TypeError('expected an ArrayBuffer, a typed array or a DataView, found a string');
  if (!isComponentBinary(stable)) return WebAssembly.validate(moduleBytes(stable));
  try {
    // The engine's own path (as `Component.new` takes it), which validates large static
    // modules' function bodies on its workers too.
    (options.engine ?? new Engine()).translateComponent(stable);
    return true;
  } catch {
    // Any failure to translate means "not valid"; `validate` reports no reason.
    return false;
  }
}

/**
 * `WebAssembly.compile`: a `Component` for component bytes or WAT text, the host's
 * `WebAssembly.Module` for core module bytes.
 * @throws WebAssembly.CompileError (rejects) when the bytes are invalid
 */
export async function compile(bytes: ComponentSource, options: ComponentCompileOptions = {}): Promise<Component | WebAssembly.Module> {
  const stable = stableBytes(bytes);
  if (typeof stable !== 'string' && !isComponentBinary(stable)) return WebAssembly.compile(moduleBytes(stable));
  return Component.compile(stable, options);
}

/** `WebAssembly.instantiate` for a compiled `Component`: the instance. */
export async function instantiate(source: Component, importsObject?: unknown): Promise<ComponentInstance>;
/**
 * `WebAssembly.instantiate` for bytes (or WAT text of a component): compiles, instantiates, and
 * gives both.
 */
export async function instantiate(source: ComponentSource, importsObject?: unknown, options?: ComponentCompileOptions): Promise<InstantiatedComponentSource | WebAssembly.WebAssemblyInstantiatedSource>;
/** `WebAssembly.instantiate` for the host's compiled `WebAssembly.Module`: the instance. */
export async function instantiate(source: WebAssembly.Module, importsObject?: WebAssembly.Imports): Promise<WebAssembly.Instance>;
/**
 * JS-Reference.md's `WebAssembly.instantiate`.
 * @throws WebAssembly.CompileError, WebAssembly.LinkError, WebAssembly.RuntimeError or
 *   TypeError (rejects) as `Component` and `ComponentInstance` do
 */
export async function instantiate(source: Component | WebAssembly.Module | ComponentSource, importsObject?: unknown, options: ComponentCompileOptions = {}): Promise<unknown> {
  if (source instanceof Component) return new ComponentInstance(source, importsObject);
  if (source instanceof WebAssembly.Module) return WebAssembly.instantiate(source, importsObject as WebAssembly.Imports | undefined);
  const stable = stableBytes(source);
  if (typeof stable !== 'string' && !isComponentBinary(stable)) return WebAssembly.instantiate(moduleBytes(stable), importsObject as WebAssembly.Imports | undefined);
  const component = await Component.compile(stable, options);
  return { component, instance: new ComponentInstance(component, importsObject) };
}
