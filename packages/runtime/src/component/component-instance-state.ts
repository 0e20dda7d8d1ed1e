// The running state of one component instance, after wasmtime's `VMComponentContext`: what the
// `GlobalInitializer`s produce (core instances, extracted memories, reallocs and post-returns,
// lowered imports, always-trap functions), indexed by environ's runtime indices, plus the
// per-component-instance flags of CanonicalABI.md ("may_enter" / "may_leave"). The api layer
// fills it while it walks the initializers; the canonical trampolines read it through `env`.

import { AsyncScheduler } from './async/async-scheduler.js';
import type {
  AdapterIndex,
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
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, InstanceFlags } from '@tswasm/jit';
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
  /** Resource types (`ComponentInfo.numResources`). */
  readonly numResources: number;
  /** Fused adapters (`ComponentInfo.numAdapters`). */
  readonly numAdapters: number;
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
  /** The core functions of fused adapters (component-to-component calls). */
  readonly adapters: Slots<AdapterIndex, Function>;
  /** The `callback` functions of async lifts, by `RuntimeCallbackIndex`. */
  readonly callbacks = new Map<number, Function>();
  /** The scheduler of its async tasks, made when the first async built-in or lift needs it. */
  #scheduler: AsyncScheduler | null = null;
  /**
   * The `InstanceFlags` of each `RuntimeComponentInstanceIndex`; fused adapters take theirs
   * from this array (`flagsOf` for one).
   */
  readonly flags: readonly InstanceFlags[];

  /** The scheduler of this instantiation's async tasks (CanonicalABI.md's tasks and waitables). */
  get scheduler(): AsyncScheduler {
    return (this.#scheduler ??= new AsyncScheduler((instance) => this.resources.table(instance)));
  }

  constructor(counts: ComponentInstanceCounts) {
    this.coreInstances = new Slots(counts.numRuntimeInstances, 'core instance');
    this.memories = new Slots(counts.numRuntimeMemories, 'memory');
    this.reallocs = new Slots(counts.numRuntimeReallocs, 'realloc');
    this.postReturns = new Slots(counts.numRuntimePostReturns, 'post-return');
    this.lowerings = new Slots(counts.numLowerings, 'lowered import');
    this.alwaysTraps = new Slots(counts.numAlwaysTrap, 'always-trap function');
    this.trampolines = new Slots(0, 'canonical built-in');
    this.resources = new InstanceResources(counts.numRuntimeComponentInstances, counts.numResources);
    this.adapters = new Slots(counts.numAdapters, 'fused adapter');
    this.flags = Array.from({ length: counts.numRuntimeComponentInstances }, () => new InstanceFlags());
  }

  /**
   * Marks component instance `instance` entered by the host (CanonicalABI.md `canon lift`:
   * `trap_if(not inst.may_enter)`, then `may_enter = False`).
   * @throws Trap with code `CannotEnterComponent` when it is already entered or has trapped
   */
  enter(instance: RuntimeComponentInstanceIndex): void {
    const flags = this.flagsOf(instance);
    if ((flags.bits & FLAG_MAY_ENTER) === 0) throw new Trap('CannotEnterComponent');
    flags.bits &= ~FLAG_MAY_ENTER;
  }

  /** Lets the host enter `instance` again once a call returned normally (post-return included). */
  exit(instance: RuntimeComponentInstanceIndex): void {
    this.flagsOf(instance).bits |= FLAG_MAY_ENTER;
    // The call's implicit task ends here, and with it its thread's handle-table slot.
    this.#scheduler?.exitImplicit(instance);
  }

  /**
   * Checks that `instance` may call out now (CanonicalABI.md `trap_if(not inst.may_leave)`, as
   * `canon lower` and the built-ins do): not while its realloc or post-return runs.
   * @throws Trap with code `CannotLeaveComponent` otherwise
   */
  checkMayLeave(instance: RuntimeComponentInstanceIndex): void {
    if ((this.flagsOf(instance).bits & FLAG_MAY_LEAVE) === 0) throw new Trap('CannotLeaveComponent');
  }

  /** Sets the may-leave flag of `instance`. */
  setMayLeave(instance: RuntimeComponentInstanceIndex, value: boolean): void {
    const flags = this.flagsOf(instance);
    flags.bits = value ? flags.bits | FLAG_MAY_LEAVE : flags.bits & ~FLAG_MAY_LEAVE;
  }

  /** The flags of component instance `instance` (generated code takes them once and flips their bits). */
  flagsOf(instance: RuntimeComponentInstanceIndex): InstanceFlags {
    const flags = this.flags[instance];
    if (flags === undefined) noInstance(instance);
    return flags as InstanceFlags;
  }
}

// Out of line: the message's template would keep `flagsOf` from inlining into its callers.
function noInstance(instance: RuntimeComponentInstanceIndex): never {
  return unreachable(`no component instance ${instance}`);
}
