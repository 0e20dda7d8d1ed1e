import { parse } from '@bytecodealliance/jco';
import { expect } from 'chai';
import { ALL_SUPPORTED_FEATURES, containsPointers, valueTypeParts, withFeatures } from '../../../src/index.js';
import { validateComponentBinary } from '../../../src/component/validator/validate-component.js';
import type { ComponentValType } from '../../../src/index.js';

const FEATURES = withFeatures(ALL_SUPPORTED_FEATURES, { componentModelAsync: true });

/** The parameter types of the component's imported function `f`. */
async function paramsOf(signature: string): Promise<{ types: ReturnType<typeof validateComponentBinary>['types']; params: ComponentValType[] }> {
  const { types, type } = validateComponentBinary(await parse(`(component (import "f" (func ${signature})))`), FEATURES);
  const component = types.get(type);
  if (component.kind !== 'component') throw new Error('expected a component type');
  const f = component.imports.get('f');
  if (f?.kind !== 'func') throw new Error('expected a func import');
  const func = types.get(f.id);
  if (func.kind !== 'func') throw new Error('expected a func type');
  return { types, params: func.params.map((p) => p.type) };
}

describe('valueTypeParts', () => {
  it('names the element of a stream as one of its parts', async () => {
    const { types, params } = await paramsOf('(param "s" (stream string))');
    const stream = params[0];
    if (stream?.kind !== 'defined') throw new Error('expected a defined type');
    const entry = types.get(stream.id);
    if (entry.kind !== 'defined') throw new Error('expected a defined type');
    expect(valueTypeParts(entry.type)).to.deep.equal([{ kind: 'primitive', type: 'string' }]);
  });
});

describe('containsPointers', () => {
  it('is true for a list of strings and false for a stream of them, which passes a handle', async () => {
    const { types, params } = await paramsOf('(param "l" (list string)) (param "s" (stream string))');
    expect(params.map((p) => containsPointers(types, p))).to.deep.equal([true, false]);
  });
});
