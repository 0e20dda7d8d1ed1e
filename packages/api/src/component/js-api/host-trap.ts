// A host function's failure that JS-Reference.md turns into a trap: an exception from an import
// whose result is not a `result`, or a result that does not convert. It travels out of the guest
// to the export call that ran it, which locks the store down and throws a
// `WebAssembly.RuntimeError` in its place.

/** A trap raised by the binding inside a host function call; `cause` is the host's error. */
export class HostTrap extends Error {
  constructor(message: string, cause: unknown) {
    super(message, { cause });
    this.name = 'HostTrap';
  }
}
