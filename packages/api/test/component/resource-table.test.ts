import { expect } from 'chai';
import { component } from '../../src/index.js';

describe('component.ResourceTable', () => {
  it('stores values under own resources and gives them back by own or borrow', () => {
    const table = new component.ResourceTable();
    const a = table.push('a');
    const b = table.push('b');
    expect(a.owned).to.equal(true);
    expect(table.get(b)).to.equal('b');
    expect(table.get(component.Resource.newBorrow<string>(a.rep))).to.equal('a');
  });

  it('reuses a deleted key', () => {
    const table = new component.ResourceTable();
    const a = table.push(1);
    expect(table.delete(a)).to.equal(1);
    expect(table.isEmpty()).to.equal(true);
    expect(table.push(2).rep).to.equal(a.rep);
  });

  it('reports a missing resource as NotPresent', () => {
    const table = new component.ResourceTable();
    const a = table.push(1);
    table.delete(a);
    expect(() => table.get(a)).to.throw(component.ResourceTableError, 'resource not present').with.property('kind', 'NotPresent');
  });

  it('refuses to delete a parent before its children', () => {
    const table = new component.ResourceTable();
    const file = table.push('file');
    const stream = table.pushChild('stream', file);
    expect(table.iterChildren(file)).to.deep.equal(['stream']);
    expect(() => table.delete(file)).to.throw(component.ResourceTableError).with.property('kind', 'HasChildren');
    table.delete(stream);
    expect(table.delete(file)).to.equal('file');
  });
});

describe('component.Resource', () => {
  it('refuses a rep that is not a u32', () => {
    expect(() => component.Resource.newOwn(-1)).to.throw(RangeError);
    expect(() => component.Resource.newBorrow(1.5)).to.throw(RangeError);
  });

  it('cannot move a borrow as an own', () => {
    expect(() => component.Resource.newBorrow(1).take()).to.throw(TypeError, 'cannot lower a `borrow` resource into an `own`');
  });
});
