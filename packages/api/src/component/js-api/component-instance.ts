// JS-Reference.md's `WebAssembly.ComponentInstance`: a component instantiated in a store of its
// own from an imports object, with its exports object.

import { LinkError as EmbeddingLinkError, Trap } from '@tswasm/runtime';
import type { Instance } from '../instance.js';
import { Component } from './component.js';
import { ComponentStore } from './component-store.js';
import { checkExportsSupported, createExportsObject } from './exports-object.js';
import { createGuestResourceClasses } from './guest-resource-classes.js';
import { HostTrap } from './host-trap.js';
import { readImports } from './read-imports.js';
import { linkError } from './wasm-errors.js';

// JS-Reference.md `instantiate a component`: a trap while instantiating (in a start function,
// or a host function it called) is a `WebAssembly.RuntimeError`; the embedding's link errors
// are `WebAssembly.LinkError`s.
function instantiationError(error: unknown, cs: ComponentStore): unknown {
  if (error instanceof HostTrap || error instanceof Trap) return cs.trapFrom(error);
  // What is not supported is refused before anything runs; a TypeError once the guest called
  // the host is a host result that did not convert.
  if (error instanceof TypeError && cs.hostCalls > 0) return cs.trapFrom(error);
  if (error instanceof EmbeddingLinkError) return linkError(error.message, error);
  return error;
}

/** A component instance of the JS API (`WebAssembly.ComponentInstance`). */
export class ComponentInstance {
  readonly #exports: object;

  /**
   * Instantiates `component` with the imports read from `importsObject` (JS-Reference.md
   * `instantiate a component from an imports object`), in a store of its own.
   * @throws TypeError when `component` is not a `Component`, `importsObject` is not an object
   *   but the component has imports, or the component needs what this version cannot run yet
   * @throws WebAssembly.LinkError when an import is missing or of the wrong kind (the message
   *   names the property of the imports object)
   * @throws WebAssembly.RuntimeError when instantiation traps
   */
  constructor(component: Component, importsObject?: unknown) {
    if (!(component instanceof Component)) throw new TypeError('expected a Component');
    const embedding = component.component;
    const cs = new ComponentStore(embedding.engine);
    const linker = readImports(embedding, importsObject, component.builtins, cs);
    checkExportsSupported(embedding.translation.component);
    let instance: Instance;
    try {
      instance = linker.instantiate(cs.store, embedding);
    } catch (error) {
      throw instantiationError(error, cs);
    }
    createGuestResourceClasses(instance, cs);
    this.#exports = createExportsObject(instance, cs);
  }

  /** The exports object: frozen, null-prototype, one property per export by JS name. */
  get exports(): object {
    return this.#exports;
  }
}
