import { expect } from 'chai';
import { Engine, Trap } from '../../../src/index.js';
import { ComponentStore } from '../../../src/component/js-api/component-store.js';
import { HostTrap } from '../../../src/component/js-api/host-trap.js';

describe('ComponentStore.trapFrom', () => {
  it('locks the store down and gives the message of a host trap, with the error of the host as cause', () => {
    const cs = new ComponentStore(new Engine());
    const hostError = new Error('boom');
    const error = cs.trapFrom(new HostTrap('`log` threw an exception', hostError));
    expect(error).to.be.instanceOf(WebAssembly.RuntimeError);
    expect(error.message).to.equal('`log` threw an exception');
    expect(error.cause).to.equal(hostError);
    expect(cs.lockedDown).to.equal(true);
  });

  it('gives the message of any other error, with that error as cause', () => {
    const cs = new ComponentStore(new Engine());
    const trap = new Trap('UnreachableCodeReached');
    const error = cs.trapFrom(trap);
    expect(error.message).to.equal(trap.message);
    expect(error.cause).to.equal(trap);
    expect(cs.trapFrom('not an error').message).to.equal('not an error');
    expect(cs.lockedDown).to.equal(true);
  });
});
