import type { Engine } from '../engine/engine.js';
import { StoreOpaque } from './store-opaque.js';

/**
 * The context of everything instantiated in it (wasmtime's `Store<T>`): instances, and the
 * functions, memories, tables and globals made in or exported to it; plus the embedder's
 * `data`, which host functions reach through their `Caller`. Unlike wasmtime's, it does not
 * keep instances alive: JS's garbage collector frees what the embedder drops.
 */
export class Store<T = undefined> {
  /** The engine of every module used with this store. */
  readonly engine: Engine;
  /** The embedder's data (wasmtime's `data()` / `data_mut()`). */
  data: T;
  /** The store's internal state; not for embedders. */
  readonly opaque: StoreOpaque;

  constructor(engine: Engine, ...data: undefined extends T ? [data?: T] : [data: T]) {
    this.engine = engine;
    this.data = data[0] as T;
    this.opaque = new StoreOpaque(engine);
  }
}
