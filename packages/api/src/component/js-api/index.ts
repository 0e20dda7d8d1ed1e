/**
 * The Component Model JS API (JS-Reference.md), on top of the embedding API: `Component`,
 * `ComponentInstance`, `ComponentError`, and the `WebAssembly` namespace's `validate`,
 * `compile` and `instantiate` extended to components.
 * @module
 */
export { Component } from './component.js';
export { ComponentInstance } from './component-instance.js';
export { ComponentError } from './component-error.js';
export { compile, instantiate, validate } from './namespace.js';
export type { InstantiatedComponentSource } from './namespace.js';
export type { ComponentCompileOptions } from './compile-options.js';
export type { ComponentSource } from './source-bytes.js';
export { camelCase, jsName, labelOf, parsePlainName, pascalCase, RESERVED_CLASS_MEMBERS } from './names.js';
export type { Accessor, PlainName } from './names.js';
