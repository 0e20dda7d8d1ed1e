import { expect } from 'chai';
import type { RuntimeComponentInstanceIndex, RuntimeMemoryIndex } from '@tswasm/environ';
import { ComponentInstanceState } from '../../src/component/component-instance-state.js';
import { Trap } from '../../src/trap/trap.js';

const COUNTS = {
  numRuntimeInstances: 1,
  numRuntimeComponentInstances: 2,
  numRuntimeMemories: 1,
  numRuntimeReallocs: 0,
  numRuntimePostReturns: 0,
  numLowerings: 0,
  numAlwaysTrap: 0,
  numAdapters: 0,
  numResources: 0,
};
const first = 0 as RuntimeComponentInstanceIndex;
const second = 1 as RuntimeComponentInstanceIndex;

describe('ComponentInstanceState', () => {
  it('refuses to enter a component instance that is already entered, until it exits', () => {
    const state = new ComponentInstanceState(COUNTS);
    state.enter(first);
    expect(() => state.enter(first)).to.throw(Trap).with.property('code', 'CannotEnterComponent');
    state.enter(second);
    state.exit(first);
    expect(() => state.enter(first)).not.to.throw();
  });

  it('keeps a may-leave flag per component instance', () => {
    const state = new ComponentInstanceState(COUNTS);
    expect(() => state.checkMayLeave(first)).not.to.throw();
    state.setMayLeave(first, false);
    expect(() => state.checkMayLeave(first)).to.throw(Trap).with.property('code', 'CannotLeaveComponent');
    expect(() => state.checkMayLeave(second)).not.to.throw();
    state.setMayLeave(first, true);
    expect(() => state.checkMayLeave(first)).not.to.throw();
  });

  it('holds what initializers extract, by runtime index', () => {
    const state = new ComponentInstanceState(COUNTS);
    const memory = new WebAssembly.Memory({ initial: 1 });
    state.memories.set(0 as RuntimeMemoryIndex, memory);
    expect(state.memories.get(0 as RuntimeMemoryIndex)).to.equal(memory);
  });
});
