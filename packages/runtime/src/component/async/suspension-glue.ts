// Small core modules that keep the frames between a `WebAssembly.promising` entry and a
// `WebAssembly.Suspending` import wasm-only. V8 refuses to suspend a stack that has JS frames
// between the two ("trying to suspend JS frames"), and a Suspending import called on a stack
// not entered through `promising` throws before its function runs ("trying to suspend without
// WebAssembly.promising"); it also suspends even when its function returns a plain value. So:
//
// - the entry glue's `run` calls a task's core function wasm-to-wasm and hands its result to a
//   plain `done` import: whoever entered it sees at once whether the function returned or its
//   stack was suspended;
// - the blocking glue of a built-in first calls its plain `now` import, which does the work and
//   says whether it must block; only then does it call the Suspending `wait` import. When V8
//   refuses to suspend (the caller is not on a suspendable stack, or JS frames are in between),
//   `wait`'s function never ran, which the glue tells apart from a throw inside it by the
//   `entered` global that function sets; it then calls `waitSync`, which blocks on the JS stack
//   as tswasm does without JSPI.

import { I32, type ValType } from '@tswasm/environ';
import { WASM_HEADER, name, section, uleb, valTypeBytes, vec } from '@tswasm/jit';

const EXNREF = 0x69;

// A section of `items` (jit's `section` takes the content already counted).
function itemsSection(id: number, items: readonly (readonly number[])[]): number[] {
  return section(id, vec(items));
}

function funcType(params: readonly ValType[], results: readonly ValType[]): number[] {
  return [0x60, ...vec(params.map(valTypeBytes)), ...vec(results.map(valTypeBytes))];
}

function importFunc(field: string, type: number): number[] {
  return [...name(''), ...name(field), 0x00, ...uleb(type)];
}

function module(sections: readonly number[][]): Uint8Array<ArrayBuffer> {
  return Uint8Array.from([...WASM_HEADER, ...sections.flat()]);
}

function localGets(n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push(0x20, ...uleb(i));
  return out;
}

/**
 * The entry glue for a core function of type `params -> results` (at most one result):
 * imports `f` (the function) and `done` (takes its results), exports `run` (takes its params).
 */
export function entryGlueBytes(params: readonly ValType[], results: readonly ValType[]): Uint8Array<ArrayBuffer> {
  const types = itemsSection(1, [funcType(params, results), funcType(results, []), funcType(params, [])]);
  const imports = itemsSection(2, [importFunc('f', 0), importFunc('done', 1)]);
  const funcs = itemsSection(3, [[2]]);
  const exports = itemsSection(7, [[...name('run'), 0x00, 2]]);
  const body = [0x00, ...localGets(params.length), 0x10, 0, 0x10, 1, 0x0b];
  const code = itemsSection(10, [[...uleb(body.length), ...body]]);
  return module([types, imports, funcs, exports, code]);
}

/**
 * The blocking glue of a built-in of type `params -> results` (at most one result): imports
 * `now` (`params -> i32`, 1 when it must block), `take` (the result when it did not block),
 * `wait` (the Suspending import, the result after blocking), `waitSync` (the same on the JS
 * stack); exports `f` and the `entered` global.
 */
export function blockingGlueBytes(params: readonly ValType[], results: readonly ValType[]): Uint8Array<ArrayBuffer> {
  const types = itemsSection(1, [funcType(params, [I32]), funcType([], results), funcType(params, results)]);
  const imports = itemsSection(2, [importFunc('now', 0), importFunc('take', 1), importFunc('wait', 1), importFunc('waitSync', 1)]);
  const funcs = itemsSection(3, [[2]]);
  const globals = itemsSection(6, [[I32, 0x01, 0x41, 0x00, 0x0b]]);
  const exports = itemsSection(7, [[...name('f'), 0x00, 4], [...name('entered'), 0x03, 0]]);
  const exn = params.length;
  const body = [
    ...vec([[1, EXNREF]]),
    // if (now(params) == 0) return take();
    ...localGets(params.length), 0x10, 0,
    0x45, 0x04, 0x40, 0x10, 1, 0x0f, 0x0b,
    // block $caught (result exnref)
    0x02, EXNREF,
    //   try_table (catch_all_ref $caught) entered = 0; return wait() end
    0x1f, 0x40, 0x01, 0x03, 0x00,
    0x41, 0x00, 0x24, 0x00, 0x10, 2, 0x0f,
    0x0b,
    0x00,
    0x0b,
    // A throw from inside `wait`'s function goes on; V8's refusal to suspend means block here.
    0x21, ...uleb(exn),
    0x23, 0x00, 0x04, 0x40, 0x20, ...uleb(exn), 0x0a, 0x0b,
    0x10, 3,
    0x0b,
  ];
  const code = itemsSection(10, [[...uleb(body.length), ...body]]);
  return module([types, imports, funcs, globals, exports, code]);
}
