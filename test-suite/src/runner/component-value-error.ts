/**
 * A script's component value that does not fit the type it is used at (a `str.const` passed
 * for a `u32`, an unknown record field), or a result an engine gave that the runner cannot read
 * back. The runner reports it as a failure of the directive, not as a crash of the engine.
 */
export class ComponentValueError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ComponentValueError';
  }
}
