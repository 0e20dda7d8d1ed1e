// The component half of the api engine's session: components compile with `Component`,
// instantiate through a `component.Linker` of the script's store (with nothing defined in it:
// the suite's components import nothing from the host), and their exports are called through
// `component.Func.call` with the JS values of the Component Model JS API mapping.

import type { WasmFeatures } from '@tswasm/environ';
import { validateComponent, ValidationError, withFeatures } from '@tswasm/environ';
import { detectHostSupport, type HostWasmSupport } from '@tswasm/jit';
import type { Engine, Store } from '@tswasm/api';
import { Component, component, hostJspi, LinkError, Trap } from '@tswasm/api';

import { fromJsValue, toJsValue } from './component-js-value.js';
import type { ComponentSession } from './runner/conformance-engine.js';
import { ExecutionError } from './runner/execution-error.js';
import type { ComponentValue } from './wast/component-value.js';

// The api's TypeError for what it cannot run yet says so in these words (api/src/component).
const NOT_SUPPORTED = /not supported yet/;

/** Sorts what the component api threw into the runner's kinds; anything else passes through as a crash. */
function classify(error: unknown): unknown {
  if (error instanceof LinkError) return new ExecutionError('unlinkable', error.message, { cause: error });
  if (error instanceof Trap) return new ExecutionError(error.code === 'StackOverflow' ? 'exhaustion' : 'trap', error.message, { cause: error });
  if (error instanceof TypeError && NOT_SUPPORTED.test(error.message)) return new ExecutionError('unsupported', error.message, { cause: error });
  return error;
}

/** The script features the host's WebAssembly engine lacks (as the api engine's `executionUnsupported` finds them). */
function hostLackedFeatures(features: WasmFeatures): (keyof HostWasmSupport)[] {
  const host = detectHostSupport();
  return (Object.keys(host) as (keyof HostWasmSupport)[]).filter((name) => features[name] && !host[name]);
}

function validWith(bytes: Uint8Array, features: WasmFeatures): boolean {
  try {
    validateComponent(bytes, features);
    return true;
  } catch (error) {
    if (error instanceof ValidationError) return false;
    throw error;
  }
}

/** Components of one script, in its store. */
export class ApiComponentSession implements ComponentSession<Component, component.Instance> {
  readonly #engine: Engine;
  readonly #store: Store;
  readonly #linker: component.Linker;
  /** The script's features, which the engine may narrow to what it can run. */
  readonly #features: WasmFeatures;
  /** Whether components are loaded from their artifacts (see `ApiEngineOptions`). */
  readonly #viaArtifacts: boolean;
  /** Whether exports are called with `callAsync`: the host has JSPI and the engine async. */
  readonly #asyncCalls: boolean;

  constructor(engine: Engine, store: Store, features: WasmFeatures, viaArtifacts: boolean) {
    this.#engine = engine;
    this.#store = store;
    this.#features = features;
    this.#viaArtifacts = viaArtifacts;
    this.#asyncCalls = hostJspi() !== null && engine.features.componentModelAsync;
    this.#linker = new component.Linker(engine).allowShadowing(true);
  }

  compileComponent(bytes: Uint8Array): Component {
    try {
      const compiled = Component.fromBinary(this.#engine, bytes);
      return this.#viaArtifacts ? Component.deserialize(this.#engine, compiled.serialize()) : compiled;
    } catch (error) {
      // The engine turns off what it cannot run (the async proposals, a core feature the host
      // lacks); a component valid with the script's features is then unsupported, not invalid.
      if (error instanceof ValidationError && validWith(bytes, this.#features)) {
        // Invalid without the features the host lacks: the host is (also) what is missing.
        const hostLacks = hostLackedFeatures(this.#features);
        if (hostLacks.length > 0 && !validWith(bytes, withFeatures(this.#features, Object.fromEntries(hostLacks.map((name) => [name, false]))))) {
          throw new ExecutionError('host-unsupported', `the host's WebAssembly engine cannot run ${hostLacks.join(', ')}: ${error.message}`, { cause: error });
        }
        throw new ExecutionError('unsupported', `the engine's features cannot run this component: ${error.message}`, { cause: error });
      }
      throw classify(error);
    }
  }

  instantiateComponent(compiled: Component): component.Instance {
    try {
      return this.#linker.instantiate(this.#store, compiled);
    } catch (error) {
      throw classify(error);
    }
  }

  invokeComponent(instance: component.Instance, name: string, args: readonly ComponentValue[]): ComponentValue[] | Promise<ComponentValue[]> {
    const func = instance.getFunc(this.#store, name);
    if (func === null) throw new TypeError(`no exported function ${name}`);
    const { params, result } = func.type;
    if (args.length !== params.length) throw new TypeError(`${name} takes ${params.length} arguments, ${args.length} given`);
    const types = instance.component.translation.component.types;
    const values = params.map((param, i) => toJsValue(types, param.type, args[i] as ComponentValue));
    const toResults = (returned: unknown): ComponentValue[] => (result === null ? [] : [fromJsValue(types, result, returned)]);
    // Where the host has JSPI, a blocked task is suspended while the others go on (`callAsync`).
    if (this.#asyncCalls) return func.callAsync(this.#store, values).then(toResults, (error: unknown) => {
      throw classify(error);
    });
    let returned: unknown;
    try {
      returned = func.call(this.#store, values);
    } catch (error) {
      throw classify(error);
    }
    return toResults(returned);
  }
}
