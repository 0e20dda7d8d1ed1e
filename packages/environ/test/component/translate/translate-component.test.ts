import { expect } from 'chai';
import { parse } from '@bytecodealliance/jco';
import { translateComponent, validateComponent, ValidationError } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';
import { FEATURES, kinds, ofKind, paths, translateText } from './support.js';

const LIBC = `
  (core module $libc
    (memory (export "mem") 1)
    (func (export "realloc") (param i32 i32 i32 i32) (result i32) i32.const 0))
  (core instance $libc (instantiate $libc))`;

describe('translateComponent', () => {
  it('instantiates one core module and lifts its export', async () => {
    const { staticModules, component } = await translateText(`(component
      (core module $m (func (export "f") (param i32) (result i32) local.get 0))
      (core instance $i (instantiate $m))
      (func (export "f") (param "x" u32) (result u32) (canon lift (core func $i "f"))))`);
    expect(staticModules.length).to.equal(1);
    expect(staticModules.get(0 as never).exports.has('f')).to.equal(true);
    expect(component.initializers).to.deep.equal([{ kind: 'InstantiateModule', instance: 0, module: { kind: 'Static', index: 0, args: [] } }]);
    const f = component.exports.get('f');
    expect(f?.kind).to.equal('LiftedFunction');
    if (f?.kind !== 'LiftedFunction') return;
    expect(f.func).to.deep.equal({ kind: 'Export', instance: 0, name: 'f' });
    expect(f.options).to.deep.equal({ instance: 0, stringEncoding: 'utf8', memory: null, realloc: null, postReturn: null, async: false, callback: null });
    expect(component.numRuntimeInstances).to.equal(1);
    expect(component.numRuntimeComponentInstances).to.equal(1);
  });

  it('lowers a host import after extracting the memory and realloc its options name', async () => {
    const { component } = await translateText(`(component
      (import "host" (instance $host (export "log" (func (param "msg" string)))))
      ${LIBC}
      (alias export $host "log" (func $log))
      (core func $log (canon lower (func $log) (memory (core memory $libc "mem")) (realloc (core func $libc "realloc")) string-encoding=utf16))
      (core module $main (import "host" "log" (func (param i32 i32))))
      (core instance (instantiate $main (with "host" (instance (export "log" (func $log)))))))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'ExtractMemory', 'ExtractRealloc', 'LowerImport', 'InstantiateModule']);
    expect(component.initializers[1]).to.deep.equal({ kind: 'ExtractMemory', index: 0, export: { instance: 0, name: 'mem' } });
    expect(component.initializers[2]).to.deep.equal({ kind: 'ExtractRealloc', index: 0, def: { kind: 'Export', instance: 0, name: 'realloc' } });
    const [lower] = ofKind(component.initializers, 'LowerImport');
    expect(lower?.options).to.deep.equal({ instance: 0, stringEncoding: 'utf16', memory: 0, realloc: 0, postReturn: null, async: false, callback: null });
    expect(component.types.get(lower?.lowerType ?? (-1 as never)).kind).to.equal('func');
    expect(paths([component.importTypes.get(lower?.import ?? (-1 as never))])).to.deep.equal([{ import: 0, path: ['log'] }]);
    expect(component.importTypes.get(lower?.import ?? (-1 as never)).type.kind).to.equal('func');
    expect(component.imports.get(0 as never).name).to.equal('host');
    const [, main] = ofKind(component.initializers, 'InstantiateModule');
    expect(main?.module).to.deep.equal({ kind: 'Static', index: 1, args: [{ kind: 'Lowered', index: 0 }] });
    expect(component.numLowerings).to.equal(1);
    expect(component.numRuntimeMemories).to.equal(1);
    expect(component.numRuntimeReallocs).to.equal(1);
  });

  it('extracts one memory for two options naming it', async () => {
    const { component } = await translateText(`(component
      (import "a" (func $a (param "s" string)))
      (import "b" (func $b (param "s" string)))
      ${LIBC}
      (core func (canon lower (func $a) (memory (core memory $libc "mem"))))
      (core func (canon lower (func $b) (memory (core memory $libc "mem")))))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'ExtractMemory', 'LowerImport', 'LowerImport']);
    expect(paths(component.importTypes.values())).to.deep.equal([
      { import: 0, path: [] },
      { import: 1, path: [] },
    ]);
  });

  it('extracts the post-return function of a lift', async () => {
    const { component } = await translateText(`(component
      (core module $m (func (export "run") (result i32) i32.const 1) (func (export "post") (param i32)))
      (core instance $i (instantiate $m))
      (func (export "run") (result u32) (canon lift (core func $i "run") (post-return (core func $i "post")))))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'ExtractPostReturn']);
    expect(component.initializers[1]).to.deep.equal({ kind: 'ExtractPostReturn', index: 0, def: { kind: 'Export', instance: 0, name: 'post' } });
    const run = component.exports.get('run');
    expect(run?.kind === 'LiftedFunction' && run.options.postReturn).to.equal(0);
    expect(component.numRuntimePostReturns).to.equal(1);
  });

  it('inlines nested components: their modules become static modules and instantiation order is kept', async () => {
    const { staticModules, component } = await translateText(`(component
      (core module $root (func (export "g")))
      (component $C
        (core module $m (func (export "f") (result i32) i32.const 7))
        (core instance $i (instantiate $m))
        (func (export "f") (result u32) (canon lift (core func $i "f"))))
      (core instance (instantiate $root))
      (instance $c1 (instantiate $C))
      (instance $c2 (instantiate $C))
      (export "f1" (func $c1 "f"))
      (export "c2" (instance $c2)))`);
    expect(staticModules.length).to.equal(2);
    expect(component.initializers).to.deep.equal([
      { kind: 'InstantiateModule', instance: 0, module: { kind: 'Static', index: 0, args: [] } },
      { kind: 'InstantiateModule', instance: 1, module: { kind: 'Static', index: 1, args: [] } },
      { kind: 'InstantiateModule', instance: 2, module: { kind: 'Static', index: 1, args: [] } },
    ]);
    const f1 = component.exports.get('f1');
    expect(f1?.kind === 'LiftedFunction' && f1.func).to.deep.equal({ kind: 'Export', instance: 1, name: 'f' });
    expect(f1?.kind === 'LiftedFunction' && f1.options.instance).to.equal(1);
    const c2 = component.exports.get('c2');
    expect(c2?.kind).to.equal('Instance');
    const f2 = c2?.kind === 'Instance' ? c2.exports.get('f') : undefined;
    expect(f2?.kind === 'LiftedFunction' && f2.func).to.deep.equal({ kind: 'Export', instance: 2, name: 'f' });
    expect(component.numRuntimeComponentInstances).to.equal(3);
  });

  it('passes instantiation arguments and outer aliases into a nested component', async () => {
    const { component } = await translateText(`(component
      (import "log" (func $log (param "x" u32)))
      (core module $shared (func (export "f")))
      (component $C
        (import "log" (func $log (param "x" u32)))
        (alias outer 1 $shared (core module $shared))
        (core instance (instantiate $shared))
        (core func $log (canon lower (func $log)))
        (core module $m (import "" "log" (func (param i32))))
        (core instance (instantiate $m (with "" (instance (export "log" (func $log)))))))
      (instance (instantiate $C (with "log" (func $log)))))`);
    expect(component.initializers).to.deep.equal([
      { kind: 'InstantiateModule', instance: 0, module: { kind: 'Static', index: 0, args: [] } },
      { kind: 'LowerImport', index: 0, import: 0, lowerType: ofKind(component.initializers, 'LowerImport')[0]?.lowerType, options: { instance: 1, stringEncoding: 'utf8', memory: null, realloc: null, postReturn: null, async: false, callback: null } },
      { kind: 'InstantiateModule', instance: 1, module: { kind: 'Static', index: 1, args: [{ kind: 'Lowered', index: 0 }] } },
    ]);
    expect(paths(component.importTypes.values())).to.deep.equal([{ import: 0, path: [] }]);
  });

  it('re-exports an imported function and an imported instance as imports', async () => {
    const { component } = await translateText(`(component
      (import "f" (func $f))
      (import "i" (instance $i (export "g" (func))))
      (export "f2" (func $f))
      (export "i2" (instance $i))
      (export "g2" (func $i "g")))`);
    expect(component.initializers).to.deep.equal([]);
    expect(component.exports.get('f2')).to.deep.equal({ kind: 'Import', import: 0 });
    expect(component.exports.get('i2')).to.deep.equal({ kind: 'Import', import: 1 });
    expect(component.exports.get('g2')).to.deep.equal({ kind: 'Import', import: 2 });
    expect(paths(component.importTypes.values())).to.deep.equal([
      { import: 0, path: [] },
      { import: 1, path: [] },
      { import: 1, path: ['g'] },
    ]);
  });

  it('instantiates an imported core module with arguments in its import order', async () => {
    const { component } = await translateText(`(component
      (import "m" (core module $m (import "a" "x" (func)) (import "a" "y" (func))))
      (core module $p (func (export "x")) (func (export "y")))
      (core instance $p (instantiate $p))
      (core instance (instantiate $m (with "a" (instance $p))))
      (export "m2" (core module $m)))`);
    const [, inst] = ofKind(component.initializers, 'InstantiateModule');
    expect(inst?.module.kind).to.equal('Import');
    expect(inst?.module.args).to.deep.equal([
      { kind: 'Export', instance: 0, name: 'x' },
      { kind: 'Export', instance: 0, name: 'y' },
    ]);
    expect(component.exports.get('m2')).to.deep.equal({ kind: 'ModuleImport', import: 0 });
  });

  it('defines a resource with its destructor and the resource built-ins as trampolines', async () => {
    const { component } = await translateText(`(component
      (core module $d (func (export "dtor") (param i32)))
      (core instance $d (instantiate $d))
      (type $R (resource (rep i32) (dtor (core func $d "dtor"))))
      (core func $new (canon resource.new $R))
      (core func $rep (canon resource.rep $R))
      (core func $drop (canon resource.drop $R))
      (core module $m (import "" "new" (func (param i32) (result i32))) (import "" "rep" (func (param i32) (result i32))) (import "" "drop" (func (param i32))))
      (core instance (instantiate $m (with "" (instance (export "new" (func $new)) (export "rep" (func $rep)) (export "drop" (func $drop))))))
      (export "r" (type $R)))`);
    expect(kinds(component.initializers)).to.deep.equal(['InstantiateModule', 'Resource', 'Trampoline', 'Trampoline', 'Trampoline', 'InstantiateModule']);
    expect(component.initializers[1]).to.deep.equal({ kind: 'Resource', index: 0, rep: 'i32', destructor: { kind: 'Export', instance: 0, name: 'dtor' }, instance: 0 });
    expect(ofKind(component.initializers, 'Trampoline').map((t) => t.trampoline)).to.deep.equal([
      { kind: 'ResourceNew', resource: 0, instance: 0 },
      { kind: 'ResourceRep', resource: 0, instance: 0 },
      { kind: 'ResourceDrop', resource: 0, instance: 0 },
    ]);
    const [, main] = ofKind(component.initializers, 'InstantiateModule');
    expect(main?.module.args).to.deep.equal([0, 1, 2].map((index) => ({ kind: 'Trampoline', index })));
    const r = component.exports.get('r');
    expect(r?.kind === 'Type' && r.resource).to.equal(0);
    expect(component.resources.values()).to.deep.equal([{ kind: 'Defined', instance: 0 }]);
    expect(component.numResources).to.equal(1);
  });

  it('resolves a dropped imported resource to the host resource at its import path', async () => {
    const { component } = await translateText(`(component
      (import "i" (instance $i (export "r" (type (sub resource)))))
      (alias export $i "r" (type $r))
      (core func (canon resource.drop $r)))`);
    expect(component.resources.values()).to.deep.equal([{ kind: 'Imported', import: 0 }]);
    expect(paths(component.importTypes.values())).to.deep.equal([{ import: 0, path: ['r'] }]);
    expect(ofKind(component.initializers, 'Trampoline')[0]?.trampoline).to.deep.equal({ kind: 'ResourceDrop', resource: 0, instance: 0 });
  });

  it('gives each instantiation of a nested component its own resources', async () => {
    const { component } = await translateText(`(component
      (component $C
        (type $R (resource (rep i32)))
        (core func (canon resource.new $R))
        (export "r" (type $R)))
      (instance $a (instantiate $C))
      (instance $b (instantiate $C))
      (export "a" (instance $a))
      (export "b" (instance $b)))`);
    expect(ofKind(component.initializers, 'Resource').map((r) => [r.index, r.instance])).to.deep.equal([
      [0, 1],
      [1, 2],
    ]);
    expect(ofKind(component.initializers, 'Trampoline').map((t) => t.trampoline)).to.deep.equal([
      { kind: 'ResourceNew', resource: 0, instance: 1 },
      { kind: 'ResourceNew', resource: 1, instance: 2 },
    ]);
  });

  it('maps the resources named by a lowered import type without an alias of the resource', async () => {
    const { component } = await translateText(`(component
      (import "i" (instance $i (export "r" (type $r (sub resource))) (export "make" (func (result (own $r))))))
      (alias export $i "make" (func $make))
      (core func (canon lower (func $make))))`);
    const [lower] = ofKind(component.initializers, 'LowerImport');
    const type = component.types.get(lower?.lowerType ?? (-1 as never));
    const result = type.kind === 'func' && type.result?.kind === 'defined' ? component.types.get(type.result.id) : null;
    const resource = result?.kind === 'defined' && result.type.kind === 'own' ? result.type.resource : null;
    expect(resource).to.not.equal(null);
    expect(component.instanceResources.get(0 as never).get(resource ?? (-1 as never))).to.equal(0);
    expect(component.resources.values()).to.deep.equal([{ kind: 'Imported', import: 0 }]);
    expect(paths(component.importTypes.values())).to.deep.equal([{ import: 0, path: ['r'] }, { import: 0, path: ['make'] }]);
  });

  it('maps a resource exported by a nested instance in both component instances', async () => {
    const { component } = await translateText(`(component
      (component $C
        (type $R (resource (rep i32)))
        (core module $m (func (export "f") (result i32) i32.const 0))
        (core instance $i (instantiate $m))
        (export $R2 "r" (type $R))
        (func (export "f") (result (own $R2)) (canon lift (core func $i "f"))))
      (instance $c (instantiate $C))
      (alias export $c "f" (func $f))
      (core func (canon lower (func $f))))`);
    const [adapter] = ofKind(component.initializers, 'Adapter');
    const ownOf = (id: number): number | null => {
      const t = component.types.get(id as never);
      const r = t.kind === 'func' && t.result?.kind === 'defined' ? component.types.get(t.result.id) : null;
      return r?.kind === 'defined' && r.type.kind === 'own' ? r.type.resource : null;
    };
    const inner = ownOf(adapter?.type ?? -1);
    const outer = ownOf(adapter?.lowerType ?? -1);
    expect(inner).to.not.equal(outer);
    expect(component.instanceResources.get(1 as never).get(inner as never)).to.equal(0);
    expect(component.instanceResources.get(0 as never).get(outer as never)).to.equal(0);
  });

  it('records the instance that instantiated each component instance as its parent', async () => {
    const { component } = await translateText(`(component
      (component $Leaf)
      (component $Mid
        (component $Leaf2)
        (instance (instantiate $Leaf2)))
      (instance (instantiate $Mid))
      (instance (instantiate $Leaf)))`);
    // The root is 0; $Mid is 1 and its $Leaf2 is 2; the root's $Leaf is 3.
    expect(component.instanceParents.values()).to.deep.equal([null, 0, 1, 0]);
  });

  it('records async built-ins as trampolines with their immediates', async () => {
    const { component } = await translateText(`(component
      ${LIBC}
      (type $s (stream u8))
      (core func (canon stream.new $s))
      (core func (canon task.return (result string) (memory (core memory $libc "mem"))))
      (core func (canon waitable-set.wait (memory (core memory $libc "mem")))))`);
    const builtins = ofKind(component.initializers, 'Trampoline').map((t) => t.trampoline);
    expect(builtins.map((t) => (t.kind === 'Builtin' ? t.builtin : t.kind))).to.deep.equal(['stream.new', 'task.return', 'waitable-set.wait']);
    const [streamNew, taskReturn, wait] = builtins;
    expect(streamNew?.kind === 'Builtin' && component.types.get(streamNew.type ?? (-1 as never)).kind).to.equal('defined');
    expect(taskReturn?.kind === 'Builtin' && taskReturn.result).to.deep.equal({ kind: 'primitive', type: 'string' });
    expect(taskReturn?.kind === 'Builtin' && taskReturn.options?.memory).to.equal(0);
    expect(wait?.kind === 'Builtin' && [wait.flag, wait.memory]).to.deep.equal([false, 0]);
    expect(component.numRuntimeMemories).to.equal(1);
  });

  it('rejects a truncated component with a ValidationError', async () => {
    const bytes = await parse(`(component (core module (func (export "f"))))`);
    expect(() => translateComponent(bytes.subarray(0, bytes.length - 2), FEATURES)).to.throw(ValidationError);
  });

  it('reports an invalid core module at the same offset as validateComponent', async () => {
    const bytes = await parse(`(component (core module (func (result i32) i64.const 0)))`);
    let expected: unknown;
    try {
      validateComponent(bytes, FEATURES);
    } catch (error) {
      expected = error;
    }
    expect(expected).to.be.instanceOf(ValidationError);
    const { offset, reason } = expected as ValidationError;
    expectValidationError(() => translateComponent(bytes, FEATURES), offset, reason);
  });

  it('keeps each static module as a view of its own bytes', async () => {
    const bytes = await parse(`(component (core module (func (export "f"))) (component (core module (memory 1))))`);
    const { staticModules } = translateComponent(bytes, FEATURES);
    expect(staticModules.length).to.equal(2);
    for (const module of staticModules.values()) {
      expect(module.wasm.buffer).to.equal(bytes.buffer);
      expect(WebAssembly.validate(module.wasm.slice())).to.equal(true);
    }
    expect(staticModules.get(0 as never).exports.has('f')).to.equal(true);
  });

  it('rejects instantiating an imported component', async () => {
    const bytes = await parse(`(component (import "c" (component $c)) (instance (instantiate $c)))`);
    expectValidationError(() => translateComponent(bytes, FEATURES), 0, 'unsupported component feature: instantiating an imported component');
  });

  it('bounds the work of nested components instantiated many times', async () => {
    // Each level instantiates the one inside it twice: 2^24 instantiations after flattening.
    let wat = '(component $L0 (core module $m) (core instance (instantiate $m)))';
    for (let i = 1; i <= 24; i++) wat = `(component $L${i} ${wat} (instance (instantiate $L${i - 1})) (instance (instantiate $L${i - 1})))`;
    const bytes = await parse(`(component ${wat} (instance (instantiate $L24)))`);
    expectValidationError(() => translateComponent(bytes, FEATURES), 0, /^component is too large to inline/);
  });
});
