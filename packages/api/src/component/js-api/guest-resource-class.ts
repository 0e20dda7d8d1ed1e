// JS-Reference.md "Guest resource classes" and "Guest resource instances": the JS class an
// exported resource type becomes, and the handle state its instances hold (the rep, whether
// they own it, how many borrows are lent out). This is the JS side only: calling the
// `[constructor]` and dropping an owned rep come in as hooks (`guest-resource-classes.ts`
// gives them); the binding's own/borrow conversions call `createInstance`, `takeOwn` and
// `lend`, and the call that lent gives its loans back when it ends (`ResourceValues.endCall`).

import { describeValue } from './js-path.js';
import { RESERVED_CLASS_MEMBERS, type Accessor } from './names.js';

/** What a guest resource class needs from the component instance. */
export interface GuestResourceHooks {
  /**
   * Calls the `[constructor]` export with the JS arguments (JS-Reference.md `invoke a
   * component function` on [[ConstructorFunc]]) and returns the new instance, which lifting
   * its `own` result made with `createInstance`; null when the resource has no constructor.
   */
  readonly construct: ((args: unknown[]) => unknown) | null;
  /**
   * Drops an owned rep (JS-Reference.md `drop a guest resource`).
   * @throws WebAssembly.RuntimeError when the store is locked down or the destructor traps
   *   (the store is then locked down)
   */
  readonly drop: (rep: number) => void;
}

/** The state of one instance of a guest resource class (JS-Reference.md's slots). */
export interface LendRecord {
  /** The rep, or null once taken or dropped ([[Rep]] **empty**). */
  rep: number | null;
  /** [[Own]]: whether the instance owns the resource. */
  readonly own: boolean;
  /** [[LendCount]]: borrows of it lent to calls in progress. */
  lendCount: number;
}

// The class of each guest resource class's constructor, for the brand check of a class passed
// back as a resource type import (JS-Reference.md: its [[ConstructorFunc]] slot). Keyed by the
// constructor object, so it holds nothing alive and nothing crosses between engines or stores.
const CLASSES = new WeakMap<Function, GuestResourceClass>();

/**
 * The guest resource class whose JS constructor is `constructorObject`, or null when it is
 * another function.
 */
export function guestResourceClassOf(constructorObject: Function): GuestResourceClass | null {
  return CLASSES.get(constructorObject) ?? null;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/** A guest resource class and the operations the binding performs on its instances. */
export class GuestResourceClass {
  /** The class JS sees (JS-Reference.md's built-in constructor with [[ConstructorFunc]]). */
  readonly constructorFunction: Function;
  readonly #slots = new WeakMap<object, LendRecord>();
  readonly #hooks: GuestResourceHooks;
  // Owned instances the program forgot are dropped when collected; the held value is the
  // record, not the instance, so registering does not keep the instance alive.
  readonly #registry: FinalizationRegistry<LendRecord>;

  /**
   * JS-Reference.md `create a guest resource class` named `name`, whose constructor takes
   * `arity` arguments.
   */
  constructor(name: string, arity: number, hooks: GuestResourceHooks) {
    this.#hooks = hooks;
    this.#registry = new FinalizationRegistry((record) => {
      const rep = record.rep;
      if (rep === null) return;
      record.rep = null;
      try {
        hooks.drop(rep);
      } catch {
        // A failed drop is a trap, which locked the store down already; a finalizer has no
        // caller to tell, and an exception here would end the process.
      }
    });
    const prototype: object = {};
    const adopt = (instance: unknown, newTarget: Function): unknown => this.#adopt(instance, newTarget);
    const constructorFunction = function (this: unknown, ...args: unknown[]): unknown {
      if (new.target === undefined) throw new TypeError(`class constructor ${name} cannot be invoked without 'new'`);
      if (hooks.construct === null) throw new TypeError(`${name} has no constructor`);
      return adopt(hooks.construct(args), new.target);
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
    CLASSES.set(constructorFunction, this);
  }

  /** The class's name, for messages. */
  get name(): string {
    return this.constructorFunction.name;
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

  /** JS-Reference.md `create a guest resource instance` of `rep`, with the class's prototype. */
  createInstance(rep: number, own: boolean): object {
    const instance = Object.create(this.constructorFunction.prototype as object) as object;
    const record: LendRecord = { rep, own, lendCount: 0 };
    this.#slots.set(instance, record);
    if (own) this.#registry.register(instance, record, instance);
    return instance;
  }

  /** Whether `value` is an instance of this class (the [[ResourceClass]] brand check). */
  isInstance(value: unknown): boolean {
    return isObject(value) && this.#slots.has(value);
  }

  /**
   * JS-Reference.md `ToComponentValue(v, own<R>)`: takes the rep out of `value`, which then
   * holds none.
   * @throws TypeError when `value` is not an owning, live, unlent instance of this class
   */
  takeOwn(value: unknown): number {
    const record = this.#recordOf(value);
    if (record.rep === null) throw new TypeError(`this ${this.name} was already disposed or passed on as an own`);
    if (!record.own) throw new TypeError(`a borrowed ${this.name} cannot be passed as an own`);
    if (record.lendCount !== 0) throw new TypeError(`cannot pass this ${this.name} as an own while it is lent to a call`);
    const rep = record.rep;
    record.rep = null;
    this.#registry.unregister(value as object);
    return rep;
  }

  /**
   * JS-Reference.md `ToComponentValue(v, borrow<R>)`: lends `value`'s rep for one call;
   * `lenders` is the call's lender list, which `ResourceValues.endCall` gives back.
   * @throws TypeError when `value` is not a live instance of this class
   */
  lend(value: unknown, lenders: { push(record: LendRecord): unknown }): number {
    const record = this.#recordOf(value);
    if (record.rep === null) throw new TypeError(`this ${this.name} was already disposed or passed on as an own`);
    record.lendCount++;
    lenders.push(record);
    return record.rep;
  }

  /**
   * JS-Reference.md `drop a guest resource instance` (`Symbol.dispose`): drops an owned rep once;
   * does nothing for a borrowed or already dropped instance.
   * @throws TypeError when `value` is not an instance of this class, or is lent right now
   * @throws WebAssembly.RuntimeError when the drop traps (see `GuestResourceHooks.drop`)
   */
  dispose(value: unknown): void {
    const record = this.#recordOf(value);
    if (record.rep === null || !record.own) return;
    if (record.lendCount !== 0) throw new TypeError(`cannot dispose this ${this.name} while it is lent to a call`);
    const rep = record.rep;
    record.rep = null;
    this.#registry.unregister(value as object);
    this.#hooks.drop(rep);
  }

  // JS-Reference.md's [[Construct]] makes the instance with `newTarget`'s prototype (a
  // subclass's); lifting the constructor's result made it with the class's own, replaced here
  // before anyone else sees the object.
  #adopt(instance: unknown, newTarget: Function): unknown {
    if (newTarget === this.constructorFunction || !this.isInstance(instance)) return instance;
    const proto: unknown = (newTarget as { prototype?: unknown }).prototype;
    if (isObject(proto)) Object.setPrototypeOf(instance, proto);
    return instance;
  }

  #recordOf(value: unknown): LendRecord {
    const record = isObject(value) ? this.#slots.get(value) : undefined;
    if (record === undefined) throw new TypeError(`expected a ${this.name}, found ${describeValue(value)}`);
    return record;
  }
}
