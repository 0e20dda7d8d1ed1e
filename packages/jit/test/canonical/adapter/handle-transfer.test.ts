import { expect } from 'chai';
import type { ComponentFuncType, ComponentValType, ResourceId } from '@tswasm/environ';
import type { AdapterCallScope, AdapterEnv, AdapterHandleTable } from '../../../src/canonical/adapter/adapter-env.js';
import { fusedAdapterSignature, generateFusedAdapter, makeAdapterFactory } from '../../../src/canonical/adapter/fused-adapter.js';
import { FLAG_MAY_ENTER, FLAG_MAY_LEAVE, InstanceFlags } from '../../../src/canonical/adapter/instance-flags.js';
import { TestTrap, Types } from '../canonical-fixtures.js';

// A handle table that logs each call as `name(args)` and answers with fixed numbers: a lifted
// handle's rep is its index + 100, a lowered rep gets index rep + 1000.
class LogTable implements AdapterHandleTable {
  constructor(
    readonly name: string,
    readonly log: string[],
  ) {}
  liftOwn(index: number, type: unknown): number {
    this.log.push(`${this.name}.liftOwn(${index},${String(type)})`);
    return index + 100;
  }
  lowerOwn(type: unknown, rep: number): number {
    this.log.push(`${this.name}.lowerOwn(${String(type)},${rep})`);
    return rep + 1000;
  }
  liftBorrow(index: number, type: unknown, scope: AdapterCallScope): number {
    this.log.push(`${this.name}.liftBorrow(${index},${String(type)},${String(scope)})`);
    return index + 100;
  }
  lowerBorrow(type: unknown, rep: number, scope: AdapterCallScope): number {
    this.log.push(`${this.name}.lowerBorrow(${String(type)},${rep},${String(scope)})`);
    return rep + 1000;
  }
}

function logScope(log: string[]): AdapterCallScope {
  return {
    exit: () => log.push('scope.exit'),
    release: () => log.push('scope.release'),
    toString: () => 'scope',
  } as AdapterCallScope;
}

const NO_MEMORY = { lower: { stringEncoding: 'utf8', memory: false, realloc: false, postReturn: false }, lift: { stringEncoding: 'utf8', memory: false, realloc: false, postReturn: false } } as const;

function adapter(t: Types, type: ComponentFuncType, callee: (log: string[]) => Function): { fn: Function; log: string[]; flags: readonly InstanceFlags[] } {
  const { source, resources } = generateFusedAdapter(t.list, type, type, NO_MEMORY);
  const log: string[] = [];
  const flags = [new InstanceFlags(), new InstanceFlags()];
  const env: AdapterEnv = {
    callee: callee(log),
    trap: (code, message) => {
      throw new TestTrap(code, message);
    },
    flags,
    lowerInstance: 0,
    liftInstance: 1,
    lowerTable: new LogTable('caller', log),
    liftTable: new LogTable('callee', log),
    resourceTypes: resources.map((_, i) => `R${i}`),
    newCallScope: () => {
      log.push('scope.new');
      return logScope(log);
    },
  };
  return { fn: makeAdapterFactory(source)(env), log, flags };
}

function own(t: Types, resource: number): ComponentValType {
  return t.def({ kind: 'own', resource: resource as ResourceId, type: 0 as never });
}

function borrow(t: Types, resource: number): ComponentValType {
  return t.def({ kind: 'borrow', resource: resource as ResourceId, type: 0 as never });
}

describe('fused adapter handle transfer', () => {
  it('numbers the resources of the callee type in slots, in order of first appearance', () => {
    const t = new Types();
    const f = t.func([own(t, 7), borrow(t, 3), own(t, 7)], own(t, 3));
    expect(fusedAdapterSignature(t.list, f, f, NO_MEMORY).resources).to.deep.equal([7, 3]);
  });

  it("moves an own param from the caller's table to the callee's, and an own result back", () => {
    const t = new Types();
    const f = t.func([own(t, 0)], own(t, 0));
    const { fn, log } = adapter(t, f, (l) => (h: number) => {
      l.push(`callee(${h})`);
      return 5;
    });
    expect(fn(2)).to.equal(1105);
    expect(log).to.deep.equal(['caller.liftOwn(2,R0)', 'callee.lowerOwn(R0,102)', 'callee(1102)', 'callee.liftOwn(5,R0)', 'caller.lowerOwn(R0,105)']);
  });

  it('lends a borrow param for one call scope, which ends after the results moved', () => {
    const t = new Types();
    const f = t.func([borrow(t, 0), own(t, 1)], own(t, 1));
    const { fn, log } = adapter(t, f, (l) => (b: number, o: number) => {
      l.push(`callee(${b},${o})`);
      return 9;
    });
    expect(fn(1, 4)).to.equal(1109);
    expect(log).to.deep.equal([
      'scope.new',
      'caller.liftBorrow(1,R0,scope)',
      'callee.lowerBorrow(R0,101,scope)',
      'caller.liftOwn(4,R1)',
      'callee.lowerOwn(R1,104)',
      'callee(1101,1104)',
      'callee.liftOwn(9,R1)',
      'caller.lowerOwn(R1,109)',
      'scope.exit',
    ]);
  });

  it('gives the lends back and rethrows when the callee throws', () => {
    const t = new Types();
    const f = t.func([borrow(t, 0)], null);
    const { fn, log, flags } = adapter(t, f, () => () => {
      throw new RangeError('boom');
    });
    expect(() => fn(1)).to.throw(RangeError, 'boom');
    expect(log.slice(-1)).to.deep.equal(['scope.release']);
    // The callee trapped: it stays unenterable.
    expect((flags[1]?.bits ?? 0) & FLAG_MAY_ENTER).to.equal(0);
  });

  it('opens no call scope for a signature without borrows', () => {
    const t = new Types();
    const f = t.func([own(t, 0)], null);
    const { source } = generateFusedAdapter(t.list, f, f, NO_MEMORY);
    expect(source).not.to.contain('newCallScope');
    expect(source).to.contain('liftTable');
  });

  it('moves handles inside a list through both memories', () => {
    const t = new Types();
    const f = t.func([t.listOf(own(t, 0))], null);
    const options = { lower: { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false }, lift: { stringEncoding: 'utf8', memory: true, realloc: true, postReturn: false } } as const;
    const { source } = generateFusedAdapter(t.list, f, f, options);
    const lower = new WebAssembly.Memory({ initial: 1 });
    const lift = new WebAssembly.Memory({ initial: 1 });
    const log: string[] = [];
    let seen: number[] = [];
    const env: AdapterEnv = {
      callee: (ptr: number, len: number) => {
        seen = Array.from({ length: len }, (_, i) => new DataView(lift.buffer).getInt32(ptr + 4 * i, true));
      },
      trap: (code, message) => {
        throw new TestTrap(code, message);
      },
      flags: [new InstanceFlags(), new InstanceFlags()],
      lowerInstance: 0,
      liftInstance: 1,
      lowerMemory: lower,
      liftMemory: lift,
      lowerRealloc: () => 0,
      liftRealloc: () => 64,
      lowerTable: new LogTable('caller', log),
      liftTable: new LogTable('callee', log),
      resourceTypes: ['R0'],
    };
    const dv = new DataView(lower.buffer);
    dv.setInt32(16, 3, true);
    dv.setInt32(20, 8, true);
    makeAdapterFactory(source)(env)(16, 2);
    expect(seen).to.deep.equal([1103, 1108]);
    expect(log).to.deep.equal(['caller.liftOwn(3,R0)', 'callee.lowerOwn(R0,103)', 'caller.liftOwn(8,R0)', 'callee.lowerOwn(R0,108)']);
  });
});
