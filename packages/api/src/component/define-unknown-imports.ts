// `component.Linker.defineUnknownImportsAsTraps`, after wasmtime's `define_unknown_imports_as_traps`:
// walks the component's import types (not only what its initializers use, so the type check of
// linking passes) and defines what the linker lacks, keeping every definition it has.

import { assertNever, unreachable, type ComponentEntityType, type ComponentInfo } from '@tswasm/environ';
import { LinkError } from '@tswasm/runtime';
import type { LinkerDefinition } from './linker-instance.js';
import { importDesc } from './resolve-imports.js';
import { ResourceType } from './resource-type.js';

// Defines `name` of `items` (the namespace `path`, '' for the root) as a stub of `type`.
function stubItem<T>(info: ComponentInfo, items: Map<string, LinkerDefinition<T>>, path: string, name: string, type: ComponentEntityType, allowShadowing: boolean): void {
  const existing = items.get(name);
  const qualified = path === '' ? name : `${path}/${name}`;
  switch (type.kind) {
    case 'func': {
      if (existing !== undefined) return;
      // wasmtime names the function `instance#name` in this message.
      const message = `unknown import: \`${path === '' ? name : `${path}#${name}`}\` has not been defined`;
      items.set(name, {
        kind: 'func',
        func: () => {
          throw new LinkError(message);
        },
      });
      return;
    }
    case 'instance': {
      let nested: Map<string, LinkerDefinition<T>>;
      if (existing !== undefined && existing.kind === 'instance') {
        nested = existing.items;
      } else {
        if (existing !== undefined && !allowShadowing) throw new TypeError(`import \`${qualified}\` is already defined`);
        nested = new Map();
        items.set(name, { kind: 'instance', items: nested });
      }
      const instanceType = info.types.get(type.id);
      if (instanceType.kind !== 'instance') return unreachable(`the type of instance import \`${qualified}\` is a ${instanceType.kind}`);
      for (const [exportName, exportType] of instanceType.exports) stubItem(info, nested, qualified, exportName, exportType, allowShadowing);
      return;
    }
    case 'type':
      // A value type needs no definition; a resource gets a fresh host type without destructor.
      if (existing !== undefined || info.types.get(type.id).kind !== 'resource') return;
      items.set(name, { kind: 'resource', type: ResourceType.host(qualified), destructor: null });
      return;
    case 'module':
    case 'component':
      if (existing !== undefined) return;
      throw new LinkError(`unable to define ${importDesc(info, type)} imports as traps`);
    case 'value':
      return;
    default:
      return assertNever(type);
  }
}

/**
 * Defines each import of `info` that `root` lacks as a stub: functions that throw a `LinkError`
 * when called, fresh host resource types, and instances filled in likewise.
 * @throws LinkError when a core module or component import is undefined (it cannot be stubbed)
 * @throws TypeError when an instance import's name is defined as something else and
 *   `allowShadowing` is off
 */
export function defineUnknownImports<T>(info: ComponentInfo, root: Map<string, LinkerDefinition<T>>, allowShadowing: boolean): void {
  for (const [, item] of info.imports.entries()) stubItem(info, root, '', item.name, item.type, allowShadowing);
}
