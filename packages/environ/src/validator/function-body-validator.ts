import type { BinaryReader } from '../binary/binary-reader.js';
import type { ModuleValidationContext } from './module-context.js';

// PLACEHOLDER: the real operator validator is written in parallel by another helper and
// replaces this file at merge. It only checks that the body ends with `end` (0x0b), so the
// module validator that calls it compiles and runs.

/**
 * Validates the body of function `funcIndex` (in the function index space, imports first).
 * `reader` covers exactly the body: the local declarations and the expression, ending in `end`.
 * @throws ValidationError when the body does not end with `end`
 */
export function validateFunctionBody(ctx: ModuleValidationContext, funcIndex: number, reader: BinaryReader): void {
  new FunctionBodyValidator(ctx).validate(funcIndex, reader);
}

/** Validates function bodies of one module, reusing its buffers from body to body. */
export class FunctionBodyValidator {
  readonly #ctx: ModuleValidationContext;

  constructor(ctx: ModuleValidationContext) {
    this.#ctx = ctx;
  }

  /**
   * Validates the body of function `funcIndex`; `reader` covers exactly the body.
   * @throws ValidationError when the body does not end with `end`
   */
  validate(funcIndex: number, reader: BinaryReader): void {
    void this.#ctx;
    void funcIndex;
    if (reader.end <= reader.pos || reader.bytes[reader.end - 1] !== 0x0b) {
      reader.fail('control frames remain at end of function: END opcode expected', Math.max(reader.pos, reader.end - 1));
    }
    reader.pos = reader.end;
  }
}
