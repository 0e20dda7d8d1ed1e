// JS-Reference.md "Guest resource classes" and "Guest resource instances": the JS class an
// exported resource type becomes, and the handle state its instances hold (the rep, whether
// they own it, how many borrows are lent out). This is the JS side only: what a rep is, how the
// `[constructor]` is called and how an owned rep is dropped come in as hooks, which the
// embedding API's resources will provide. Conversions (`own` taken, `borrow` lent) go through
// `takeOwn` and `lend`, which the binding's own/borrow lowering will call.

import { RESERVED_CLASS_MEMBERS, type Accessor } from './names.js';

/** What a guest resource class needs from the embedding API. */
export interface GuestResourceHooks {
  /**
   * Calls the `[constructor]` export with the JS arguments and returns the new resource's rep
   * (JS-Reference.md `invoke a component function` on [[ConstructorFunc]]); null when the
   * resource has no constructor.
   */
  readonly construct: ((args: unknown[]) => unknown) | null;
  /** Drops an owned rep (JS-Reference.md `drop a guest resource`); traps when that traps. */
  readonly drop: (rep: unknown) => void;
}

/** The state of one instance of a guest resource class (JS-Reference.md's slots). */
interface ResourceSlots {
  /** The rep, or null once taken or dropped ([[Rep]] **empty**). */
  rep: { readonly value: unknown } | null;
  readonly own: boolean;
  lendCount: number;
}

/** A guest resource class and the operations the binding performs on its instances. */
export class GuestResourceClass {
  /** The class JS sees (JS-Reference.md's built-in constructor with [[ConstructorFunc]]). */
  readonly constructorFunction: Function;
  readonly #slots = new WeakMap<object, ResourceSlots>();
  readonly #hooks: GuestResourceHooks;
  // Owned instances the program forgot are dropped when collected; the held value is the rep,
  // not the instance, so registering does not keep the instance alive.
  readonly #registry: FinalizationRegistry<{ readonly value: unknown }>;

  /**
   * JS-Reference.md `create a guest resource class` named `name`, whose constructor takes
   * `arity` arguments.
   */
  constructor(name: string, arity: number, hooks: GuestResourceHooks) {
    this.#hooks = hooks;
    this.#registry = new FinalizationRegistry((rep) => hooks.drop(rep.value));
    const prototype: object = {};
    // Bound here: `this` inside the function below is the new object, not this record.
    const create = (rep: unknown, newTarget: Function): object => this.createInstance(rep, true, newTarget);
    const constructorFunction = function (this: unknown, ...args: unknown[]): object {
      if (new.target === undefined) throw new TypeError(`class constructor ${name} cannot be invoked without 'new'`);
      if (hooks.construct === null) throw new TypeError(`${name} has no constructor`);
      return create(hooks.construct(args), new.target);
    };
    Object.defineProperty(constructorFunction, 'name', { value: name });
    Object.defineProperty(constructorFunction, 'length', { value: arity });
    const disposeOf = (self: unknown): void => this.dispose(self);
    // A method definition: named `[Symbol.dispose]`, length 0, and not a constructor.
    const disposer = {
      [Symbol.dispose](this: unknown): void {
        disposeOf(this);
      },
    };
    Object.defineProperty(prototype, Symbol.dispose, { value: disposer[Symbol.dispose], writable: true, enumerable: false, configurable: true });
    Object.defineProperty(prototype, Symbol.toStringTag, { value: name, writable: false, enumerable: false, configurable: true });
    Object.defineProperty(prototype, 'constructor', { value: constructorFunction, writable: true, enumerable: false, configurable: true });
    Object.defineProperty(constructorFunction, 'prototype', { value: prototype, writable: false, enumerable: false, configurable: false });
    this.constructorFunction = constructorFunction;
  }

  /**
   * Defines member `key` (a JS name) from a `[method]` or `[static]` export: a method on the
   * prototype or a static on the class, or one half of an accessor. Reserved names are skipped
   * (JS-Reference.md puts them on the exports object instead).
   * @returns whether the member was defined
   */
  defineMember(key: string, scope: 'method' | 'static', accessor: Accessor | null, func: Function): boolean {
    if (RESERVED_CLASS_MEMBERS.has(key)) return false;
    const target = scope === 'method' ? (this.constructorFunction.prototype as object) : this.constructorFunction;
    if (accessor === 'get') Object.defineProperty(target, key, { get: func as () => unknown, set: undefined, enumerable: false, configurable: true });
    else if (accessor === 'set') Object.defineProperty(target, key, { set: func as (v: unknown) => void });
    else Object.defineProperty(target, key, { value: func, writable: true, enumerable: false, configurable: true });
    return true;
  }

  /** JS-Reference.md `create a guest resource instance`. */
  createInstance(rep: unknown, own: boolean, newTarget?: Function): object {
    let proto: unknown = this.constructorFunction.prototype;
    if (newTarget !== undefined) {
      const fromTarget: unknown = (newTarget as { prototype?: unknown }).prototype;
      if ((typeof fromTarget === 'object' && fromTarget !== null) || typeof fromTarget === 'function') proto = fromTarget;
    }
    const instance = Object.create(proto as object) as object;
    const held = { value: rep };
    this.#slots.set(instance, { rep: held, own, lendCount: 0 });
    if (own) this.#registry.register(instance, held, instance);
    return instance;
  }

  /** Whether `value` is an instance of this class (the [[ResourceClass]] brand check). */
  isInstance(value: unknown): boolean {
    return typeof value === 'object' && value !== null && this.#slots.has(value);
  }

  /**
   * JS-Reference.md `ToComponentValue(v, own<R>)`: takes the rep out of `value`, which then
   * holds none.
   * @throws TypeError when `value` is not an owning, live, unlent instance of this class
   */
  takeOwn(value: unknown): unknown {
    const slots = this.#slotsOf(value);
    if (slots.rep === null || !slots.own || slots.lendCount !== 0) throw new TypeError(`expected an owned ${this.constructorFunction.name} that is neither dropped nor lent`);
    const rep = slots.rep.value;
    slots.rep = null;
    this.#registry.unregister(value as object);
    return rep;
  }

  /**
   * JS-Reference.md `ToComponentValue(v, borrow<R>)`: lends `value`'s rep for one call; `lenders`
   * is the call's lender list, which `release` gives back.
   * @throws TypeError when `value` is not a live instance of this class
   */
  lend(value: unknown, lenders: object[]): unknown {
    const slots = this.#slotsOf(value);
    if (slots.rep === null) throw new TypeError(`expected a ${this.constructorFunction.name} that is not dropped`);
    slots.lendCount++;
    lenders.push(value as object);
    return slots.rep.value;
  }

  /** Ends the loans of a call (JS-Reference.md: the lender list's counts are decremented). */
  release(lenders: readonly object[]): void {
    for (const lender of lenders) {
      const slots = this.#slots.get(lender);
      if (slots !== undefined) slots.lendCount--;
    }
  }

  /**
   * JS-Reference.md `drop a guest resource instance` (`Symbol.dispose`): drops an owned rep once;
   * does nothing for a borrowed or already dropped instance.
   * @throws TypeError when `value` is not an instance of this class, or is lent right now
   */
  dispose(value: unknown): void {
    const slots = this.#slotsOf(value);
    if (slots.rep === null || !slots.own) return;
    if (slots.lendCount !== 0) throw new TypeError(`cannot dispose a ${this.constructorFunction.name} while it is lent to a call`);
    const rep = slots.rep.value;
    slots.rep = null;
    this.#registry.unregister(value as object);
    this.#hooks.drop(rep);
  }

  #slotsOf(value: unknown): ResourceSlots {
    const slots = typeof value === 'object' && value !== null ? this.#slots.get(value) : undefined;
    if (slots === undefined) throw new TypeError(`expected a ${this.constructorFunction.name}`);
    return slots;
  }
}
