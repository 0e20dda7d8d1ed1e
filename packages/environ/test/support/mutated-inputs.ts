import fc from 'fast-check';
import { ValidationError } from '../../src/index.js';

/**
 * Property: `attempt` on `base` after 1 to 4 edits (a byte overwritten, a byte inserted, or
 * the rest cut off; the 8-byte preamble is left alone) throws nothing but ValidationError.
 */
export function assertOnlyValidationErrors(base: Uint8Array, attempt: (input: Uint8Array) => void, numRuns = 3000): void {
  const edit = fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 2 }));
  fc.assert(
    fc.property(fc.array(edit, { minLength: 1, maxLength: 4 }), (edits) => {
      let bytes = Array.from(base);
      for (const [at, value, op] of edits) {
        const pos = 8 + (at % Math.max(1, bytes.length - 8));
        if (op === 0) bytes[pos] = value;
        else if (op === 1) bytes.splice(pos, 0, value);
        else bytes = bytes.slice(0, pos);
      }
      try {
        attempt(Uint8Array.from(bytes));
      } catch (error) {
        if (!(error instanceof ValidationError)) throw error;
      }
    }),
    { numRuns },
  );
}
