import { parse } from '@bytecodealliance/jco';
import { validateComponent } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

describe('readCoreInstanceSection', () => {
  it('checks core instantiation arguments against the import types', async () => {
    const bytes = await parse('(component (core module $e (func (export "f") (param i64))) (core instance $ei (instantiate $e)) (core module $m (import "env" "f" (func (param i32)))) (core instance (instantiate $m (with "env" (instance $ei)))))');
    expectValidationError(() => validateComponent(bytes), 0x65, 'type mismatch for export `f` of module instantiation argument `env`: expected [i32] -> [], found [i64] -> []');
  });
});

describe('readCoreModuleSection', () => {
  it('rejects duplicate two-level import names, which mangle to one', async () => {
    const bytes = await parse('(component (core module (import "" "a" (func)) (import "" "a" (func))))');
    expectValidationError(() => validateComponent(bytes), 0x25, 'duplicate import name `:a`');
  });
});
