// The host's own state behind host resources (wasmtime's `component::ResourceTable`, which
// wasmtime-wasi keeps its files, streams and sockets in): `push` stores a value and returns an
// own `Resource` whose rep is the value's key, so a host function given that resource back (own
// or borrow) finds the value again. Entries may have a parent; a parent cannot be deleted while
// it has children (a stream opened on a file keeps the file).

import { Resource } from './resource.js';

/** Why a `ResourceTable` operation failed (wasmtime's `ResourceTableError`). */
export type ResourceTableErrorKind = 'Full' | 'NotPresent' | 'HasChildren';

const MESSAGES: Readonly<Record<ResourceTableErrorKind, string>> = {
  Full: 'resource table has no free keys',
  NotPresent: 'resource not present',
  HasChildren: 'resource has children',
};

/** A failed `ResourceTable` operation; `kind` says why. */
export class ResourceTableError extends Error {
  /** Why it failed. */
  readonly kind: ResourceTableErrorKind;

  constructor(kind: ResourceTableErrorKind) {
    super(MESSAGES[kind]);
    this.name = 'ResourceTableError';
    this.kind = kind;
  }
}

interface Entry {
  readonly value: unknown;
  readonly parent: number | null;
  readonly children: Set<number>;
}

// Keys are u32 reps; the largest is kept below 2^32.
const MAX_KEYS = 0xffff_ffff;

/** Values of host resources, by rep. */
export class ResourceTable {
  readonly #entries: (Entry | undefined)[] = [];
  readonly #free: number[] = [];

  /**
   * Stores `value` and returns an own resource for it.
   * @throws ResourceTableError `Full` when no key is left
   */
  push<T>(value: T): Resource<T> {
    return Resource.newOwn<T>(this.#insert({ value, parent: null, children: new Set() }));
  }

  /**
   * Stores `value` as a child of `parent`, which then cannot be deleted before it.
   * @throws ResourceTableError `NotPresent` when `parent` is not in the table, `Full` when no key is left
   */
  pushChild<T>(value: T, parent: Resource<unknown>): Resource<T> {
    const parentEntry = this.#entry(parent.rep);
    const key = this.#insert({ value, parent: parent.rep, children: new Set() });
    parentEntry.children.add(key);
    return Resource.newOwn<T>(key);
  }

  /**
   * The value of `resource` (own or borrow). `T` is the embedder's claim: the table does not
   * check it, as values carry no Rust type here.
   * @throws ResourceTableError `NotPresent` when it is not in the table
   */
  get<T>(resource: Resource<T>): T {
    return this.#entry(resource.rep).value as T;
  }

  /**
   * Removes `resource` and returns its value.
   * @throws ResourceTableError `NotPresent` when it is not in the table, `HasChildren` when
   *   children of it are still in the table
   */
  delete<T>(resource: Resource<T>): T {
    const key = resource.rep;
    const entry = this.#entry(key);
    if (entry.children.size > 0) throw new ResourceTableError('HasChildren');
    if (entry.parent !== null) this.#entries[entry.parent]?.children.delete(key);
    this.#entries[key] = undefined;
    this.#free.push(key);
    return entry.value as T;
  }

  /**
   * The values of the children of `parent`.
   * @throws ResourceTableError `NotPresent` when `parent` is not in the table
   */
  iterChildren(parent: Resource<unknown>): unknown[] {
    return [...this.#entry(parent.rep).children].map((key) => this.#entry(key).value);
  }

  /** Whether the table holds no value. */
  isEmpty(): boolean {
    return this.#entries.length === this.#free.length;
  }

  #entry(key: number): Entry {
    const entry = this.#entries[key];
    if (entry === undefined) throw new ResourceTableError('NotPresent');
    return entry;
  }

  #insert(entry: Entry): number {
    const reused = this.#free.pop();
    if (reused !== undefined) {
      this.#entries[reused] = entry;
      return reused;
    }
    if (this.#entries.length >= MAX_KEYS) throw new ResourceTableError('Full');
    return this.#entries.push(entry) - 1;
  }
}
