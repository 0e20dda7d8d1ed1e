// JS-Reference.md's `ComponentError`: what a component function with a `result<_, E>` result
// throws to JS for `error(e)`, carrying the converted `E` as `data`.

/**
 * The error of a component function that returned a `result`'s `error` case. `data` is the
 * error payload converted to JS (`undefined` for a `result` without an error type).
 */
export class ComponentError extends Error {
  readonly #data: unknown;

  /**
   * @param message the message (converted with `String`, as a WebIDL `DOMString`)
   * @param data the error payload
   */
  constructor(message: unknown = '', data?: unknown) {
    super(String(message));
    this.#data = data;
  }

  /** The error payload, converted to JS. */
  get data(): unknown {
    return this.#data;
  }
}

// On the prototype, as the built-in error classes have it, so `error.name` is not an own property.
Object.defineProperty(ComponentError.prototype, 'name', { value: 'ComponentError', writable: true, enumerable: false, configurable: true });
