import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import {
  componentTranslationFromSections,
  translateComponent,
  translateComponentSections,
  validateAllNestedFunctionBodies,
  validateComponent,
  validateModule,
  validateNestedFunctionBodies,
} from '../../../src/index.js';
import { expectValidationError, thrownValidationError } from '../../expect-invalid.js';
import { FEATURES } from '../translate/support.js';

const GOOD = '(func (export "a") (result i32) i32.const 1) (func (export "b") (result i32) i32.const 2)';
const BAD = '(func (export "a") (result i32) i32.const 1) (func (export "b") (result i32) i64.const 2)';

/** A component of three modules, `second` being the middle one's fields, and `tail` after them. */
function componentText(second: string, tail = ''): string {
  return `(component (core module ${GOOD}) (core module ${second}) (core module ${GOOD}) ${tail})`;
}

/** Where `needle` starts in `haystack` (a nested module is encoded as on its own). */
function indexOf(haystack: Uint8Array, needle: Uint8Array): number {
  const at = Buffer.from(haystack).indexOf(Buffer.from(needle));
  if (at < 0) throw new Error('module bytes not found in the component');
  return at;
}


describe('nested module bodies', () => {
  it('reports a bad body of the second module at its offset in the component, whether validating or translating', async () => {
    const bytes = await parse(componentText(BAD));
    const module = await parse(`(module ${BAD})`);
    const alone = thrownValidationError(() => validateModule(module, FEATURES));
    const offset = indexOf(bytes, module) + alone.offset;
    expectValidationError(() => validateComponent(bytes, FEATURES), offset, alone.reason);
    expectValidationError(() => translateComponent(bytes, FEATURES), offset, alone.reason);
  });

  it('validates the bodies after the whole component, so a later section error comes first (as wasmparser validate_all)', async () => {
    const bytes = await parse(componentText(BAD, '(core instance (instantiate 7))'));
    const error = thrownValidationError(() => translateComponent(bytes, FEATURES));
    expect(error.reason).to.equal('unknown module 7: module index out of bounds');
    expect(thrownValidationError(() => validateComponent(bytes, FEATURES))).to.include({ message: error.message });
  });

  it('leaves the bodies to translateComponentSections callers, in any grouping, with the same error', async () => {
    const bytes = await parse(componentText(BAD));
    const expected = thrownValidationError(() => translateComponent(bytes, FEATURES));
    const sections = translateComponentSections(bytes, FEATURES);
    expect(sections.nestedModules.map((module) => module.state.functionBodies.length)).to.deep.equal([2, 2, 2]);
    validateNestedFunctionBodies(sections.nestedModules[0]!, 0, 2);
    validateNestedFunctionBodies(sections.nestedModules[1]!, 0, 1);
    const error = thrownValidationError(() => validateNestedFunctionBodies(sections.nestedModules[1]!, 1, 2));
    expect(error).to.include({ reason: expected.reason, offset: expected.offset });
    expect(thrownValidationError(() => validateAllNestedFunctionBodies(sections.nestedModules))).to.include({ message: expected.message });
  });

  it('translates a valid component through the split exactly as translateComponent does', async () => {
    const bytes = await parse(componentText(GOOD));
    const sections = translateComponentSections(bytes, FEATURES);
    validateAllNestedFunctionBodies(sections.nestedModules);
    expect(componentTranslationFromSections(sections)).to.deep.equal(translateComponent(bytes, FEATURES));
  });
});
