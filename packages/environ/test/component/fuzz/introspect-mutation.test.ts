import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import fc from 'fast-check';
import { existsSync, readFileSync } from 'node:fs';
import { ALL_SUPPORTED_FEATURES, ValidationError, componentType, componentWit, withFeatures } from '../../../src/index.js';
import { join } from 'node:path';
import { CONFORMANCE_DIR } from '../../support/conformance-dir.js';
import { assertOnlyValidationErrors } from '../../support/mutated-inputs.js';

// Interfaces with resources, uses between them, every type constructor and a nested component,
// so that mutations reach the naming and printing paths, not only the reader.
const COMPONENT = `(component
  (import "a:b/types@1.0.0" (instance $t
    (export "r" (type $r (sub resource)))
    (type $rec (record (field "x" u32) (field "y" (list string 2))))
    (export "rec" (type $rr (eq $rec)))
    (export "[constructor]r" (func (result (own $r))))
    (export "[method]r.get" (func (param "self" (borrow $r)) (result (option $rr))))
    (export "v" (func async (param "s" (stream u8)) (result (tuple (map string u8) (future $rr)))))))
  (alias export $t "r" (type $r))
  (alias export $t "rec" (type $rec))
  (import "a:b/user@1.0.0" (instance
    (export "r" (type $ur (eq $r)))
    (export "rec" (type $urec (eq $rec)))
    (type $e (enum "p" "q"))
    (export "e" (type $ee (eq $e)))
    (type $g (flags "m"))
    (export "g" (type $gg (eq $g)))
    (export "f" (func (param "e" $ee) (param "g" $gg) (result (result (own $ur) (error $urec)))))))
  (import "c" (component (import "x" (func)) (export "y" (instance (export "z" (func))))))
  (import "log" (func (param "msg" string))))`;

const FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, { componentModelAsync: true, componentModelFixedLengthLists: true, componentModelMap: true });

describe('componentWit and componentType on mutated components', () => {
  it('accept the unmutated component', async () => {
    const bytes = await parse(COMPONENT);
    expect(componentWit(bytes, FEATURES)).to.contain('import a:b/user@1.0.0;');
    expect(componentType(bytes, FEATURES).imports).to.have.length(4);
  });

  it('throw nothing but ValidationError for byte flips, insertions and truncations', async () => {
    const base = await parse(COMPONENT);
    assertOnlyValidationErrors(base, (input) => {
      // Each inspection must fail cleanly on its own, so a throw from the first skips neither.
      for (const inspect of [componentWit, componentType]) {
        try {
          inspect(input, FEATURES);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
        }
      }
    });
  });

  it('throw nothing but ValidationError for byte flips in a real wasip3 component', function () {
    const file = join(CONFORMANCE_DIR, 'wasi-testsuite/tests/rust/testsuite/wasm32-wasip3/http-service.wasm');
    // The conformance folder lives outside the repository and may be absent.
    if (!existsSync(file)) this.skip();
    const base = readFileSync(file);
    // Flips in the type-heavy first part of the component, where the imports are declared.
    const typeEnd = Math.min(base.length, 40_000);
    fc.assert(
      fc.property(fc.nat({ max: typeEnd - 9 }), fc.integer({ min: 0, max: 255 }), (at, value) => {
        const bytes = Uint8Array.from(base);
        bytes[8 + at] = value;
        try {
          componentWit(bytes, FEATURES);
        } catch (error) {
          if (!(error instanceof ValidationError)) throw error;
        }
      }),
      { numRuns: 200 },
    );
  });
});
