import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { collectTypeNames } from '../../../src/component/introspect/type-names.js';
import { validateComponentBinary } from '../../../src/component/validator/validate-component.js';

describe('collectTypeNames', () => {
  it('names imported types and resources, and walks the component type once per table', async () => {
    const bytes = await parse('(component (import "r" (type $r (sub resource))) (type $l (list u8)) (import "l" (type (eq $l))))');
    const { types, type } = validateComponentBinary(bytes);
    const names = collectTypeNames(types, type);
    expect([...names.types.values()]).to.have.members(['r', 'l']);
    expect([...names.resources.values()]).to.deep.equal(['r']);
    expect(collectTypeNames(types, type)).to.equal(names);
  });
});
