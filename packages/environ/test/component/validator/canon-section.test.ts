import { parse } from '@bytecodealliance/jco';
import { validateComponent, WASM2_FEATURES, withFeatures } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

const ASYNC = withFeatures(WASM2_FEATURES, { componentModelAsync: true, componentModelAsyncStackful: true });

describe('readCanon', () => {
  it('checks the realloc signature', async () => {
    const bytes = await parse(`(component
      (core module $m (func (export "r") (param i32) (result i32) unreachable) (memory (export "mem") 1))
      (core instance $i (instantiate $m))
      (alias core export $i "mem" (core memory $mem))
      (alias core export $i "r" (core func $r))
      (import "f" (func $f (result string)))
      (core func (canon lower (func $f) (memory $mem) (realloc $r))))`);
    expectValidationError(() => validateComponent(bytes), 0x72, 'canonical option `realloc` uses a core function with an incorrect signature: expected [i32 i32 i32 i32] -> [i32], found [i32] -> [i32]');
  });

  it('rejects post-return on a lowered function', async () => {
    const bytes = await parse(`(component
      (core module $m (func (export "p")))
      (core instance $i (instantiate $m))
      (alias core export $i "p" (core func $p))
      (import "f" (func $f))
      (core func (canon lower (func $f) (post-return $p))))`);
    expectValidationError(() => validateComponent(bytes), 0x5a, 'canonical option `post-return` cannot be used on a lowered function');
  });

  it('requires an async function type for the async option', async () => {
    const bytes = await parse('(component (core module $M (func (export "f"))) (core instance $i (instantiate $M)) (func (export "f") (canon lift (core func $i "f") async)))');
    expectValidationError(() => validateComponent(bytes, ASYNC), 0x50, 'the `async` canonical option requires an async function type');
  });

  it('allows only context slot 0 without threading', async () => {
    const bytes = await parse('(component (core func (canon context.get i32 1)))');
    expectValidationError(() => validateComponent(bytes, ASYNC), 0xd, 'immediate must be zero: 1');
  });
});
