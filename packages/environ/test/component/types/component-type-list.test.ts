import { expect } from 'chai';
import { ComponentTypeList } from '../../../src/index.js';
import type { ComponentTypeEntry, ComponentTypeId, ResourceId } from '../../../src/index.js';

describe('ComponentTypeList', () => {
  it('counts its entries and the resource ids it handed out', () => {
    const types = new ComponentTypeList();
    expect([types.length, types.resourceCount]).to.deep.equal([0, 0]);
    const resource = types.freshResource();
    types.push({ kind: 'resource', id: resource });
    types.freshResource();
    expect([types.length, types.resourceCount]).to.deep.equal([1, 2]);
  });

  it('restores entries, aliases and the next resource id from its parts', () => {
    const entries: ComponentTypeEntry[] = [
      { kind: 'resource', id: 0 as ResourceId },
      { kind: 'resource', id: 0 as ResourceId },
    ];
    const types = ComponentTypeList.restore(entries, [[1 as ComponentTypeId, 0 as ComponentTypeId]], 5);
    expect(types.length).to.equal(2);
    expect(types.get(1 as ComponentTypeId)).to.equal(entries[1]);
    expect(types.aliasOf(1 as ComponentTypeId)).to.equal(0);
    expect(types.aliasOf(0 as ComponentTypeId)).to.equal(undefined);
    expect(types.freshResource()).to.equal(5);
    expect(types.push({ kind: 'resource', id: 5 as ResourceId })).to.equal(2);
  });
});
