/**
 * The Component Model embedding API (wasmtime's `wasmtime::component`): `Component`, `Linker`,
 * `LinkerInstance`, `InstancePre`, `Instance`, `Func`, `TypedFunc`, and the resource types
 * `ResourceType`, `Resource`, `ResourceAny` and `ResourceTable`.
 * @module
 */
export { Component } from './component.js';
export { Linker } from './linker.js';
export { LinkerInstance } from './linker-instance.js';
export type { ComponentDynamicHostFunc, ComponentHostFunc } from './linker-instance.js';
export { InstancePre } from './instance-pre.js';
export { Instance } from './instance.js';
export { Func } from './func.js';
export { ComponentExportIndex } from './export-index.js';
export type {
  CaseDescription,
  ComponentDescription,
  CoreItemDescription,
  ExternDescription,
  FuncDescription,
  ItemDescription,
  NamedValTypeDescription,
  ValTypeDescription,
} from '@tswasm/environ';
export { ResourceType } from './resource-type.js';
export { Resource } from './resource.js';
export { ResourceAny } from './resource-any.js';
export { ResourceTable, ResourceTableError } from './resource-table.js';
export type { ResourceTableErrorKind } from './resource-table.js';
export type { HostResourceDestructor } from './resource-builtins.js';
export { TypedFunc } from './typed-func.js';
export type { JsValueOf, ParamsOf, PrimitiveSpec, ResultOf, TypeSpec, TypedSignature } from './typed-signature.js';
export type { ResourceRepConversions, ResourceValueHooks } from './resource-value-hooks.js';
