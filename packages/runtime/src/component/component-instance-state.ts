// The running state of one component instance, after wasmtime's `VMComponentContext`: what the
// `GlobalInitializer`s produce (core instances, extracted memories, reallocs and post-returns,
// lowered imports, always-trap functions), indexed by environ's runtime indices, plus the
// per-component-instance flags of CanonicalABI.md ("may_enter" / "may_leave"). The api layer
// fills it while it walks the initializers; the canonical trampolines read it through `env`.

import type {
  AlwaysTrapIndex,
  LoweredIndex,
  RuntimeComponentInstanceIndex,
  RuntimeInstanceIndex,
  RuntimeMemoryIndex,
  RuntimePostReturnIndex,
  RuntimeReallocIndex,
  TrampolineIndex,
} from '@tswasm/environ';
import { unreachable } from '@tswasm/environ';
import { Trap } from '../trap/trap.js';
import { InstanceResources } from './resources/instance-resources.js';

/** A core `realloc` as the canonical ABI calls it. */
export type ReallocFunc = (originalPtr: number, originalSize: number, alignment: number, newSize: number) => number;

/** Slots filled during instantiation; an unfilled slot read is a broken invariant (environ orders them). */
class Slots<K extends number, V> {
  readonly #values: (V | undefined)[];
  readonly #what: string;

  constructor(count: number, what: string) {
    this.#values = new Array<V | undefined>(count).fill(undefined);
    this.#what = what;
  }

  set(key: K, value: V): void {
    this.#values[key] = value;
  }

  get(key: K): V {
    const value = this.#values[key];
    if (value === undefined) unreachable(`${this.#what} ${key} used before it was defined`);
    return value;
  }
}

/** The counts a component's translation records (`ComponentInfo.num*`). */
export interface ComponentInstanceCounts {
  readonly numRuntimeInstances: number;
  readonly numRuntimeComponentInstances: number;
  readonly numRuntimeMemories: number;
  readonly numRuntimeReallocs: number;
  readonly numRuntimePostReturns: number;
  readonly numLowerings: number;
  readonly numAlwaysTrap: number;
  /** Resource types (`ComponentInfo.numResources`); 0 when absent. */
  readonly numResources?: number;
}

/**
 * Everything one instantiation of a component made, and its flags. Like wasmtime's, a
 * component instance that trapped stays unenterable: `mayEnter` is cleared while guest code
 * runs and set again only when a call returns normally.
 */
export class ComponentInstanceState {
  /** Core instances by `RuntimeInstanceIndex`. */
  readonly coreInstances: Slots<RuntimeInstanceIndex, WebAssembly.Instance>;
  readonly memories: Slots<RuntimeMemoryIndex, WebAssembly.Memory>;
  readonly reallocs: Slots<RuntimeReallocIndex, ReallocFunc>;
  readonly postReturns: Slots<RuntimePostReturnIndex, Function>;
  /** The core functions host imports were lowered into. */
  readonly lowerings: Slots<LoweredIndex, Function>;
  readonly alwaysTraps: Slots<AlwaysTrapIndex, Function>;
  /** The core functions of canonical built-ins (`resource.new/rep/drop`), by `TrampolineIndex`. */
  readonly trampolines: Slots<TrampolineIndex, Function>;
  /** Handle tables, resource types and borrow scopes. */
  readonly resources: InstanceResources;
  readonly #mayEnter: boolean[];
  readonly #mayLeave: boolean[];

  constructor(counts: ComponentInstanceCounts) {
    this.coreInstances = new Slots(counts.numRuntimeInstances, 'core instance');
    this.memories = new Slots(counts.numRuntimeMemories, 'memory');
    this.reallocs = new Slots(counts.numRuntimeReallocs, 'realloc');
    this.postReturns = new Slots(counts.numRuntimePostReturns, 'post-return');
    this.lowerings = new Slots(counts.numLowerings, 'lowered import');
    this.alwaysTraps = new Slots(counts.numAlwaysTrap, 'always-trap function');
    this.trampolines = new Slots(0, 'canonical built-in');
    this.resources = new InstanceResources(counts.numRuntimeComponentInstances, counts.numResources ?? 0);
    this.#mayEnter = new Array<boolean>(counts.numRuntimeComponentInstances).fill(true);
    this.#mayLeave = new Array<boolean>(counts.numRuntimeComponentInstances).fill(true);
  }

  /**
   * Marks component instance `instance` entered by the host (CanonicalABI.md `canon lift`:
   * `trap_if(not inst.may_enter)`, then `may_enter = False`).
   * @throws Trap with code `CannotEnterComponent` when it is already entered or has trapped
   */
  enter(instance: RuntimeComponentInstanceIndex): void {
    if (this.#mayEnter[instance] !== true) throw new Trap('CannotEnterComponent');
    this.#mayEnter[instance] = false;
  }

  /** Lets the host enter `instance` again once a call returned normally (post-return included). */
  exit(instance: RuntimeComponentInstanceIndex): void {
    this.#mayEnter[instance] = true;
  }

  /** Whether `instance` may call out to the host now (false during realloc and post-return). */
  mayLeave(instance: RuntimeComponentInstanceIndex): boolean {
    return this.#mayLeave[instance] === true;
  }

  /** Sets the may-leave flag of `instance`. */
  setMayLeave(instance: RuntimeComponentInstanceIndex, value: boolean): void {
    this.#mayLeave[instance] = value;
  }
}
