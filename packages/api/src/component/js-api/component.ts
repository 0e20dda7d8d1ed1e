// JS-Reference.md's `WebAssembly.Component`: a compiled component, with the builtins its
// instances may use. It wraps the embedding `Component`, which does the compiling.

import { Engine } from '../../engine/engine.js';
import { Component as EmbeddingComponent } from '../component.js';
import type { ComponentCompileOptions } from './compile-options.js';
import { stableBytes, type ComponentSource } from './source-bytes.js';
import { compileError } from './wasm-errors.js';

// The spec wants a `CompileError` for anything wrong with the bytes (environ's ValidationError,
// the WAT parser's errors). A TypeError means what is not supported yet, and stays one.
function asCompileError(error: unknown): unknown {
  if (error instanceof TypeError || error instanceof WebAssembly.CompileError) return error;
  return compileError(error instanceof Error ? error.message : String(error), error);
}

function builtinsOf(options: ComponentCompileOptions): readonly string[] {
  return options.builtins === undefined ? [] : Array.from(options.builtins, (b) => String(b));
}

/** A compiled component of the JS API (`WebAssembly.Component`). */
export class Component {
  /** The embedding component this wraps (a tswasm extension). */
  readonly component: EmbeddingComponent;
  /** The enabled builtins (JS-Reference.md [[EnabledBuiltins]]). */
  readonly builtins: readonly string[];

  /**
   * Compiles `bytes` (copied first; WAT text too, a tswasm extension) synchronously.
   * @throws WebAssembly.CompileError when the bytes are not a valid component (cause: the
   *   `ValidationError` with its offset)
   * @throws TypeError when `bytes` is not a buffer source or text, or the component needs what
   *   this version does not support (async lifts and lowers)
   */
  constructor(bytes: ComponentSource, options: ComponentCompileOptions = {}) {
    const stable = stableBytes(bytes);
    this.builtins = builtinsOf(options);
    try {
      this.component = EmbeddingComponent.new(options.engine ?? new Engine(), stable);
    } catch (error) {
      throw asCompileError(error);
    }
  }

  /**
   * Compiles `bytes` on any host (text is parsed asynchronously), as `WebAssembly.compile` does
   * for a component.
   * @throws WebAssembly.CompileError and TypeError as the constructor
   */
  static async compile(bytes: ComponentSource, options: ComponentCompileOptions = {}): Promise<Component> {
    const stable = stableBytes(bytes);
    let compiled: EmbeddingComponent;
    try {
      compiled = await EmbeddingComponent.compile(options.engine ?? new Engine(), stable);
    } catch (error) {
      throw asCompileError(error);
    }
    return Component.fromComponent(compiled, options);
  }

  /**
   * The JS API's view of an embedding component already compiled (a tswasm extension), e.g.
   * one loaded with `Component.deserialize`. `options.engine` is ignored: the component's is used.
   */
  static fromComponent(component: EmbeddingComponent, options: ComponentCompileOptions = {}): Component {
    const self = Object.create(Component.prototype) as { -readonly [K in keyof Component]: Component[K] };
    self.component = component;
    self.builtins = builtinsOf(options);
    return self as Component;
  }
}
