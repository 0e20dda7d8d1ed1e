// Instantiation of a component's resources: the runtime type of every `RuntimeResourceIndex`
// (the host's type for an imported resource, a fresh type per instantiation for a defined one),
// the `Resource` initializers (destructors), and the `Trampoline` initializers of `canon
// resource.new/rep/drop` as core functions (wasmtime's resource libcalls).

import { assertNever, unreachable, type ComponentInfo, type CoreDef, type Export, type RuntimeComponentInstanceIndex, type RuntimeImportIndex, type RuntimeResourceIndex, type Trampoline } from '@tswasm/environ';
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE } from '@tswasm/jit';
import { DROPPED_BORROW, Trap, mapEngineError, type ComponentInstanceState } from '@tswasm/runtime';
import type { Store } from '../store/store.js';
import type { LinkerDefinition } from './linker-instance.js';
import { ResourceType } from './resource-type.js';

/** A host resource's destructor: called with the store and the rep when a guest drops an own. */
export type HostResourceDestructor<T> = (store: Store<T>, rep: number) => void;

// Names of the resources the component exports, for messages.
function exportedNames(exports: ReadonlyMap<string, Export>, out: Map<RuntimeResourceIndex, string>): void {
  for (const [name, item] of exports) {
    if (item.kind === 'Type' && item.resource !== null && !out.has(item.resource)) out.set(item.resource, name);
    if (item.kind === 'Instance') exportedNames(item.exports, out);
  }
}

function cannotLeave(): never {
  throw new Trap('CannotLeaveComponent');
}

function cannotEnter(): never {
  throw new Trap('CannotEnterComponent');
}

/** What instantiation keeps about resources while it runs the initializers. */
export class ResourceBuiltins<T> {
  readonly #store: Store<T>;
  readonly #info: ComponentInfo;
  readonly #state: ComponentInstanceState;
  // Guest destructors by resource (null: none), and host destructors of imported resources.
  readonly #guestDestructors = new Map<RuntimeResourceIndex, Function | null>();
  readonly #hostDestructors = new Map<RuntimeResourceIndex, HostResourceDestructor<T> | null>();

  /**
   * Gives every resource of the component its runtime type, before any initializer runs.
   * @param hosts the host definition of each runtime import
   */
  constructor(store: Store<T>, info: ComponentInfo, state: ComponentInstanceState, hosts: ReadonlyMap<RuntimeImportIndex, LinkerDefinition<T>>) {
    this.#store = store;
    this.#info = info;
    this.#state = state;
    const names = new Map<RuntimeResourceIndex, string>();
    exportedNames(info.exports, names);
    for (const [index, def] of info.resources.entries()) {
      switch (def.kind) {
        case 'Imported': {
          const host = hosts.get(def.import);
          if (host === undefined || host.kind !== 'resource') return unreachable(`import ${def.import} was not resolved to a resource`);
          state.resources.setType(index, host.type);
          this.#hostDestructors.set(index, host.destructor);
          break;
        }
        case 'Defined':
          state.resources.setType(index, new ResourceType(names.get(index) ?? `resource ${index}`, state.resources.table(def.instance)));
          break;
        default:
          assertNever(def);
      }
    }
  }

  /**
   * Runs a `Resource` initializer: the destructor of a resource the component defines. From
   * outside its instance (the host dropping a `ResourceAny`, another instance dropping a
   * handle) the destructor enters the instance, as a call would.
   * @param resolve resolves the destructor's core definition
   */
  defineResource(index: RuntimeResourceIndex, destructor: CoreDef | null, instance: RuntimeComponentInstanceIndex, resolve: (def: CoreDef) => unknown): void {
    const raw = destructor === null ? null : resolve(destructor);
    if (raw !== null && typeof raw !== 'function') return unreachable('a resource destructor is not a function');
    this.#guestDestructors.set(index, raw);
    const state = this.#state;
    const flags = state.flagsOf(instance);
    this.#state.resources.type(index).destructor = (rep) => {
      // wasmtime checks may-enter whether or not there is a destructor. `state.enter` by hand:
      // this runs for every resource the host drops, and the call would not inline.
      if ((flags.bits & FLAG_MAY_ENTER) === 0) cannotEnter();
      flags.bits &= ~FLAG_MAY_ENTER;
      try {
        raw?.(rep);
      } catch (error) {
        // The instance stays unenterable after a trap, as after any failed call.
        throw mapEngineError(error);
      }
      state.exit(instance);
    };
  }

  /** The core function of a `Trampoline` initializer for a resource built-in. */
  builtin(trampoline: Trampoline): Function {
    const state = this.#state;
    const resources = state.resources;
    switch (trampoline.kind) {
      case 'ResourceNew': {
        const { instance } = trampoline;
        const table = resources.table(instance);
        const type = resources.type(trampoline.resource);
        const flags = state.flagsOf(instance);
        // The may-leave check inline: this runs once per resource the guest creates.
        return (rep: number): number => {
          if ((flags.bits & FLAG_MAY_LEAVE) === 0) cannotLeave();
          return table.lowerOwn(type, rep >>> 0);
        };
      }
      case 'ResourceRep': {
        const { instance } = trampoline;
        const table = resources.table(instance);
        const type = resources.type(trampoline.resource);
        // CanonicalABI.md `canon resource.rep` only reads the table, so unlike new and drop it
        // runs during post-return too.
        return (handle: number): number => table.rep(handle >>> 0, type);
      }
      case 'ResourceDrop':
        return this.#drop(trampoline.resource, trampoline.instance);
      case 'Builtin':
        return unreachable(`the \`${trampoline.builtin}\` built-in is rejected before instantiation`);
      default:
        return assertNever(trampoline);
    }
  }

  // `canon resource.drop`: removes the handle; for an own, the destructor runs: the guest's
  // (directly when the dropping instance implements the type), or the host's for a host type.
  #drop(resource: RuntimeResourceIndex, instance: RuntimeComponentInstanceIndex): Function {
    const state = this.#state;
    const table = state.resources.table(instance);
    const type = state.resources.type(resource);
    const def = this.#info.resources.get(resource);
    if (def.kind === 'Imported') {
      const destructor = this.#hostDestructors.get(resource) ?? null;
      const store = this.#store;
      return (index: number): void => {
        state.checkMayLeave(instance);
        const rep = table.drop(index >>> 0, type);
        if (rep !== DROPPED_BORROW && destructor !== null) destructor(store, rep);
      };
    }
    const guestDestructors = this.#guestDestructors;
    const local = def.instance === instance;
    return (index: number): void => {
      state.checkMayLeave(instance);
      const rep = table.drop(index >>> 0, type);
      if (rep === DROPPED_BORROW) return;
      if (!local) {
        type.destructor?.(rep);
        return;
      }
      const raw = guestDestructors.get(resource);
      if (raw !== undefined && raw !== null) raw(rep);
    };
  }
}
