/**
 * The Component Model embedding API (wasmtime's `wasmtime::component`): `Component`, `Linker`,
 * `LinkerInstance`, `Instance`, `Func` and `TypedFunc`.
 * @module
 */
export { Component } from './component.js';
export { Linker } from './linker.js';
export { LinkerInstance } from './linker-instance.js';
export type { ComponentHostFunc } from './linker-instance.js';
export { Instance } from './instance.js';
export { Func } from './func.js';
export { TypedFunc } from './typed-func.js';
export type { JsValueOf, ParamsOf, PrimitiveSpec, ResultOf, TypeSpec, TypedSignature } from './typed-signature.js';
