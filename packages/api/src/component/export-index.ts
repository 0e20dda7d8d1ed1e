// Export indices (wasmtime's `ComponentExportIndex`): an export found once by name, through
// exported instances, and then used to get the same export of every instance of the component
// without another name lookup (`Instance.getFunc(store, index)`).

import type { ComponentDescription, Export, ItemDescription } from '@tswasm/environ';
import { unreachable } from '@tswasm/environ';
import type { Component } from './component.js';

/** An export of one component, found by `Component.getExportIndex` or `Instance.getExportIndex`. */
export class ComponentExportIndex {
  /** The component whose export this is; an index works only with its instances. */
  readonly component: Component;
  /** What the export is, with its type (a function's parameters, an instance's exports, ...). */
  readonly item: ItemDescription;
  /** The translated export; not for embedders. */
  readonly export: Export;

  /** Made by `getExportIndex`; not for embedders. */
  constructor(component: Component, export_: Export, item: ItemDescription) {
    this.component = component;
    this.export = export_;
    this.item = item;
  }
}

/**
 * The export `name` of `component` (`parent` null) or of its exported instance `parent`; null
 * when there is none, or when `parent` is not an instance or is another component's index (as
 * wasmtime's `Component::get_export_index`).
 * @throws TypeError when `name` is not a string or `parent` is not a `ComponentExportIndex`
 */
export function lookupExportIndex(component: Component, type: ComponentDescription, parent: ComponentExportIndex | null, name: string): ComponentExportIndex | null {
  if (typeof name !== 'string') throw new TypeError(`expected an export name, found ${typeof name}`);
  if (parent !== null && !(parent instanceof ComponentExportIndex)) throw new TypeError('expected a ComponentExportIndex or null as the instance');
  let exports: ReadonlyMap<string, Export>;
  let described: ComponentDescription['exports'];
  if (parent === null) {
    exports = component.translation.component.exports;
    described = type.exports;
  } else {
    if (parent.component !== component || parent.export.kind !== 'Instance' || parent.item.kind !== 'instance') return null;
    exports = parent.export.exports;
    described = parent.item.exports;
  }
  const found = exports.get(name);
  if (found === undefined) return null;
  // The translation's exports and the component type's are the same names, in the same tree.
  const item = described.find((extern) => extern.name === name)?.item;
  if (item === undefined) return unreachable(`export \`${name}\` has no type`);
  return new ComponentExportIndex(component, found, item);
}
