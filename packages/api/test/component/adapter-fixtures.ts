// Compositions for the fused-adapter tests: an outer component with two inner components, the
// caller D and the callee C, each a core module that only forwards its core arguments. The host
// calls D's `run`; D's core code passes its flat arguments on to `echo`, which it imports from C
// (a fused adapter); C's core code passes them on to the host's `sink`; the results travel
// back the same way. The host trampolines at both ends are the oracle, so one builder covers
// every value type, each side with its own string encoding and memory.

import { LIBC_FUNCS } from './fixtures.js';

/** The core signature a function of the composition's type has. */
export interface CoreShape {
  /** The flat core params (ignored when `spillParams`: one i32 pointer then). */
  readonly params: readonly string[];
  /** The flat core result; null when the result goes through a return area (or there is none). */
  readonly result: string | null;
  /** Whether the params are spilled (more than 16 flat values). */
  readonly spillParams?: boolean;
  /** Whether the result is returned through memory (more than one flat value). */
  readonly spillResult?: boolean;
}

/** One composition: the function type's param and result text, the type definitions, the core shape. */
export interface Composition {
  /** Component type definitions both inner components and the outer one need, e.g. `(type $r (record ...))` exported as "r". */
  readonly typeDefs?: readonly { readonly name: string; readonly def: string }[];
  /** The params of the function type, e.g. `(param "x" string)`. */
  readonly params: string;
  /** The result clause, e.g. `(result string)`, or ''. */
  readonly result: string;
  readonly shape: CoreShape;
  /** The string encodings of the caller (D) and callee (C). */
  readonly callerEncoding?: string;
  readonly calleeEncoding?: string;
  /** Extra canonical options of C's lift of `echo` (e.g. a post-return). */
  readonly calleeLiftExtra?: string;
  /** Extra core functions of C's module (e.g. a post-return counter). */
  readonly calleeCore?: string;
  /** Extra lifted exports of C, re-exported by the outer component. */
  readonly calleeExports?: string;
}

// Type definitions inside a component: each defined, then imported as an equal type so the
// function types can name it (a record or variant in an import must be named).
function types(c: Composition): string {
  return (c.typeDefs ?? []).map((t) => `(type $${t.name}' ${t.def}) (import "${t.name}" (type $${t.name} (eq $${t.name}')))`).join('\n    ');
}

function instanceTypeArgs(c: Composition): string {
  return (c.typeDefs ?? []).map((t) => `(with "${t.name}" (type $${t.name}))`).join(' ');
}

// The lowered import's and the lifted export's core signatures.
function coreSignatures(shape: CoreShape): { lowered: string; lifted: string; call: string; ret: string } {
  const params = shape.spillParams ? ['i32'] : shape.params;
  const loweredParams = [...params, ...(shape.spillResult ? ['i32'] : [])];
  const lowered = `(param ${loweredParams.join(' ')}) ${shape.result === null ? '' : `(result ${shape.result})`}`;
  const liftedResult = shape.spillResult ? 'i32' : shape.result;
  const lifted = `(param ${params.join(' ')}) ${liftedResult === null ? '' : `(result ${liftedResult})`}`;
  const args = params.map((_, i) => `(local.get ${i})`);
  if (shape.spillResult) args.push('(i32.const 16)');
  return { lowered, lifted, call: `(call $f ${args.join(' ')})`, ret: shape.spillResult ? '(i32.const 16)' : '' };
}

// An inner component that imports `imported` and exports `exported`, both of the function
// type, forwarding one to the other in core code; `encoding` applies to both.
function forwarder(c: Composition, imported: string, exported: string, encoding: string, liftExtra = '', core = '', exports = ''): string {
  const sig = coreSignatures(c.shape);
  const opts = `(memory (core memory $libc "memory")) (realloc (core func $libc "cabi_realloc")) string-encoding=${encoding}`;
  return `(component
    ${types(c)}
    (import "${imported}" (func $f ${c.params} ${c.result}))
    (core module $Libc (memory (export "memory") 1) ${LIBC_FUNCS})
    (core instance $libc (instantiate $Libc))
    (core func $f' (canon lower (func $f) ${opts}))
    (core module $M
      (import "" "f" (func $f ${sig.lowered}))
      (import "" "memory" (memory 1))
      (func (export "fwd") ${sig.lifted} ${sig.call} ${sig.ret})
      ${core})
    (core instance $m (instantiate $M (with "" (instance (export "f" (func $f')) (export "memory" (memory $libc "memory"))))))
    (func (export "${exported}") ${c.params} ${c.result} (canon lift (core func $m "fwd") ${opts} ${liftExtra}))
    ${exports}
  )`;
}

/** The WAT text of the composition host -> D.run -> (adapter) -> C.echo -> host sink, and back. */
export function compositionWat(c: Composition): string {
  const defs = types(c);
  return `(component
  ${defs}
  (import "sink" (func $sink ${c.params} ${c.result}))
  (component $C ${forwarder(c, 'sink', 'echo', c.calleeEncoding ?? 'utf8', c.calleeLiftExtra, c.calleeCore, c.calleeExports).slice('(component'.length)}
  (component $D ${forwarder(c, 'echo', 'run', c.callerEncoding ?? 'utf8').slice('(component'.length)}
  (instance $c (instantiate $C ${instanceTypeArgs(c)} (with "sink" (func $sink))))
  (instance $d (instantiate $D ${instanceTypeArgs(c)} (with "echo" (func $c "echo"))))
  (func (export "run") (alias export $d "run"))
)`;
}
