import { parse } from '@bytecodealliance/jco';
import { validateComponent } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

async function rejects(text: string, offset: number, reason: string): Promise<void> {
  const bytes = await parse(text);
  expectValidationError(() => validateComponent(bytes), offset, reason);
}

describe('addImportOrExport', () => {
  it('requires exported types to mention only named types', async () => {
    await rejects(
      '(component (core module $m (func (export "f") (result i32) unreachable)) (core instance $i (instantiate $m)) (type $R (resource (rep i32))) (func $f (result (own $R)) (canon lift (core func $i "f"))) (export "f" (func $f)))',
      0x5d,
      'func not valid to be used as export',
    );
  });

  it('requires a [constructor] to return an own handle', async () => {
    await rejects('(component (import "a" (type $a (sub resource))) (import "[constructor]a" (func (result string))))', 0x1b, 'function should return `(own $T)` or `(result (own $T))`');
  });

  it('requires a [method] to take self first', async () => {
    await rejects('(component (import "a" (type $a (sub resource))) (import "[method]a.b" (func (param "x" u32))))', 0x1e, 'function should have a first argument called `self`');
  });

  it('makes a [method] label clash with a plain name (strong uniqueness)', async () => {
    await rejects('(component (import "a" (type $a (sub resource))) (import "[method]a.a" (func (param "self" (borrow $a)))))', 0x23, 'import name `[method]a.a` conflicts with previous name `a`');
  });

  it('allows `implements` only on instances', async () => {
    await rejects('(component (import "a" (implements "a:b/c") (func)))', 0x13, 'only instances can have an `implements` attribute');
  });
});
