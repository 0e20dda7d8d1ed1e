// JS-Reference.md "Create the exports object": a frozen null-prototype object with one property
// per export under its JS name, holding a JS function per lifted function (over the embedding
// `component.Func`), a nested exports object per exported instance, a `WebAssembly.Module`
// per exported core module, and its guest resource class per exported resource type (made
// before, by `createGuestResourceClasses`). Type exports that are not resources have no JS
// representation.

import { assertNever, type ComponentInfo, type Export } from '@tswasm/environ';
import type { Instance } from '../instance.js';
import type { ComponentStore } from './component-store.js';
import { exportFunctionAt } from './export-function.js';
import { jsName, parsePlainName, RESERVED_CLASS_MEMBERS } from './names.js';

/** What the exports of one instance are made from. */
interface ExportsContext {
  readonly instance: Instance;
  readonly cs: ComponentStore;
}

function liftedFunction(context: ExportsContext, path: readonly string[], name: string, takesSelf: boolean): (...args: unknown[]) => unknown {
  return exportFunctionAt(context.cs, context.instance, path, name, takesSelf);
}

function exportsObjectOf(context: ExportsContext, exports: ReadonlyMap<string, Export>, path: readonly string[]): object {
  const object: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [name, item] of exports) {
    const parts = parsePlainName(name);
    const itemPath = [...path, name];
    // Constructors and methods are members of their resource's class, unless a method's name is
    // reserved there (JS-Reference.md then puts it here).
    if (parts !== null && parts.kind === 'constructor') continue;
    if (parts !== null && parts.kind === 'method' && !RESERVED_CLASS_MEMBERS.has(jsName(name, false))) continue;
    if (parts !== null && parts.kind === 'property') {
      // JS-Reference.md `define an accessor for a component function`, enumerable on the exports object.
      const key = jsName(name, false);
      const func = liftedFunction(context, itemPath, `${parts.accessor} ${key}`, false);
      if (parts.accessor === 'get') Object.defineProperty(object, key, { get: func, set: undefined, enumerable: true, configurable: true });
      else Object.defineProperty(object, key, { set: func });
      continue;
    }
    const key = jsName(name, item.kind === 'Type');
    switch (item.kind) {
      case 'LiftedFunction':
        object[key] = liftedFunction(context, itemPath, key, false);
        break;
      case 'Instance':
        object[key] = exportsObjectOf(context, item.exports, itemPath);
        break;
      case 'ModuleStatic':
        object[key] = context.instance.component.staticModule(item.index);
        break;
      case 'Type': {
        // A type that is not a resource has no JS representation.
        if (item.resource === null) break;
        const type = context.instance.getResource(context.cs.store, itemPath);
        const guest = type === null ? undefined : context.cs.resources.guestClass(type);
        if (guest === undefined) throw new TypeError(`internal error: no guest resource class for \`${name}\``);
        object[key] = guest.constructorFunction;
        break;
      }
      case 'ModuleImport':
      case 'Import':
        throw new TypeError(`cannot instantiate this component: re-exports of imports (\`${name}\`) are not supported yet`);
      default:
        assertNever(item);
    }
  }
  return Object.freeze(object);
}

/**
 * Refuses, before anything is instantiated, exports this version cannot represent: re-exported
 * imports, and (as JS-Reference.md `create guest resource classes` does) a resource type
 * export that is an imported resource type.
 * @throws TypeError naming the first such export
 */
export function checkExportsSupported(info: ComponentInfo, exports: ReadonlyMap<string, Export> = info.exports): void {
  for (const [name, item] of exports) {
    if (item.kind === 'Instance') checkExportsSupported(info, item.exports);
    else if (item.kind === 'Type' && item.resource !== null && info.resources.get(item.resource).kind === 'Imported') throw new TypeError(`cannot instantiate this component: resource type export \`${name}\` is an imported resource type`);
    else if (item.kind === 'Import' || item.kind === 'ModuleImport') throw new TypeError(`cannot instantiate this component: re-exports of imports (\`${name}\`) are not supported yet`);
  }
}

/**
 * JS-Reference.md `create the exports object` of `instance`, whose functions call into `cs`'s
 * store.
 * @throws TypeError when the component exports what this version cannot represent yet
 *   (re-exported imports)
 */
export function createExportsObject(instance: Instance, cs: ComponentStore): object {
  return exportsObjectOf({ instance, cs }, instance.component.translation.component.exports, []);
}
