import type { FuncType } from '@tswasm/environ';
import type { Store } from '../store/store.js';
import type { StoreOpaque } from '../store/store-opaque.js';
import { valKindOf } from '../values/val.js';

/** An exception tag (wasmtime's `Tag`) over a `WebAssembly.Tag`; its type is a function type without results. */
export class Tag {
  readonly #opaque: StoreOpaque;
  readonly #tag: WebAssembly.Tag;
  readonly #type: FuncType;

  private constructor(opaque: StoreOpaque, tag: WebAssembly.Tag, type: FuncType) {
    this.#opaque = opaque;
    this.#tag = tag;
    this.#type = type;
  }

  /**
   * A new tag whose exceptions carry values of `type.params`.
   * @throws TypeError when the type has results or the host does not support exceptions
   */
  static new(store: Store<unknown>, type: FuncType): Tag {
    if (type.results.length !== 0) throw new TypeError(`expected a tag type without results, found ${type.results.length} results`);
    const parameters = type.params.map((t) => {
      const kind = valKindOf(t);
      return kind === 'funcref' ? 'anyfunc' : kind;
    }) as WebAssembly.ValueType[];
    return new Tag(store.opaque, new WebAssembly.Tag({ parameters }), type);
  }

  /** Wraps an engine tag of a declared type; internal to the api. */
  static fromRaw(opaque: StoreOpaque, tag: WebAssembly.Tag, type: FuncType): Tag {
    return new Tag(opaque, tag, type);
  }

  /** The store this tag belongs to; internal to the api. */
  get opaque(): StoreOpaque {
    return this.#opaque;
  }

  /** The engine tag; internal to the api. */
  get raw(): WebAssembly.Tag {
    return this.#tag;
  }

  /** The tag's type: the values its exceptions carry. */
  ty(_store?: Store<unknown>): FuncType {
    return this.#type;
  }
}
