import { expect } from 'chai';
import { ComponentTypeList, F32, F64, I32, I64 } from '../../../src/index.js';
import { flattenFuncType } from '../../../src/component/canonical-abi/flatten.js';
import type { ComponentFuncType, ComponentTypeId, ComponentValType } from '../../../src/index.js';

const u32: ComponentValType = { kind: 'primitive', type: 'u32' };
const string: ComponentValType = { kind: 'primitive', type: 'string' };

function defined(id: ComponentTypeId): ComponentValType {
  return { kind: 'defined', id };
}

function funcType(params: ComponentValType[], result: ComponentValType | null): ComponentFuncType {
  return { kind: 'func', async: false, params: params.map((type, i) => ({ name: `p${i}`, type })), result };
}

describe('flattenFuncType', () => {
  const SYNC = { async: false, callback: false };

  it('passes scalars flat and strings as pointer and length', () => {
    const types = new ComponentTypeList();
    const flat = flattenFuncType(types, funcType([u32, string, { kind: 'primitive', type: 'f64' }], { kind: 'primitive', type: 's64' }), 'lift', SYNC);
    expect(flat.params).to.deep.equal([I32, I32, I32, F64]);
    expect(flat.results).to.deep.equal([I64]);
  });

  it('spills more than MAX_FLAT_PARAMS parameters to one pointer', () => {
    const types = new ComponentTypeList();
    const flat = flattenFuncType(types, funcType(new Array<ComponentValType>(17).fill(u32), null), 'lift', SYNC);
    expect(flat.params).to.deep.equal([I32]);
  });

  it('returns multi-value results through a pointer: a result for lift, an extra parameter for lower', () => {
    const types = new ComponentTypeList();
    const type = funcType([], string);
    expect(flattenFuncType(types, type, 'lift', SYNC)).to.deep.include({ params: [], results: [I32] });
    expect(flattenFuncType(types, type, 'lower', SYNC)).to.deep.include({ params: [I32], results: [] });
  });

  it('joins variant payloads per position (f32 with i32 is i32, anything else with i64 is i64)', () => {
    const types = new ComponentTypeList();
    const variant = types.push({
      kind: 'defined',
      type: { kind: 'variant', cases: [{ name: 'a', type: { kind: 'primitive', type: 'f32' } }, { name: 'b', type: u32 }, { name: 'c', type: null }] },
      depth: 1,
      containsBorrow: false,
    });
    const wide = types.push({
      kind: 'defined',
      type: { kind: 'result', ok: { kind: 'primitive', type: 'f32' }, err: { kind: 'primitive', type: 'u64' } },
      depth: 1,
      containsBorrow: false,
    });
    expect(flattenFuncType(types, funcType([defined(variant)], null), 'lift', SYNC).params).to.deep.equal([I32, I32]);
    expect(flattenFuncType(types, funcType([defined(wide)], null), 'lift', SYNC).params).to.deep.equal([I32, I64]);
    expect(F32).to.not.equal(I32);
  });

  it('gives an async lift with a callback an i32 result and an async lower one i32 status', () => {
    const types = new ComponentTypeList();
    const type = funcType([u32, u32, u32, u32, u32], u32);
    expect(flattenFuncType(types, type, 'lift', { async: true, callback: true })).to.deep.include({ params: [I32, I32, I32, I32, I32], results: [I32] });
    expect(flattenFuncType(types, type, 'lower', { async: true, callback: false })).to.deep.include({ params: [I32, I32], results: [I32] });
  });
});
