/**
 * The Component Model embedding API (wasmtime's `wasmtime::component`): `Component`, `Linker`,
 * `LinkerInstance`, `Instance`, `Func`, and the resource types `ResourceType`, `Resource`,
 * `ResourceAny` and `ResourceTable`.
 * @module
 */
export { Component } from './component.js';
export { Linker } from './linker.js';
export { LinkerInstance } from './linker-instance.js';
export type { ComponentHostFunc } from './linker-instance.js';
export { Instance } from './instance.js';
export { Func } from './func.js';
export { ResourceType } from './resource-type.js';
export { Resource } from './resource.js';
export { ResourceAny } from './resource-any.js';
export { ResourceTable, ResourceTableError } from './resource-table.js';
export type { ResourceTableErrorKind } from './resource-table.js';
export type { HostResourceDestructor } from './resource-builtins.js';
export type { ResourceRepConversions, ResourceValueHooks } from './resource-value-hooks.js';
