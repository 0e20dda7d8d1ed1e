// JS-Reference.md "Create the exports object": a frozen null-prototype object with one property
// per export under its JS name, holding a JS function per lifted function (over the embedding
// `component.Func`), a nested exports object per exported instance, and a `WebAssembly.Module`
// per exported core module. Type exports that are not resources have no JS representation.

import { assertNever, type Export } from '@tswasm/environ';
import type { Instance } from '../instance.js';
import type { ComponentStore } from './component-store.js';
import { exportFunction } from './export-function.js';
import { jsName, parsePlainName, RESERVED_CLASS_MEMBERS } from './names.js';
import { resultShape } from './result-shape.js';

/** What the exports of one instance are made from. */
interface ExportsContext {
  readonly instance: Instance;
  readonly cs: ComponentStore;
}

function liftedFunction(context: ExportsContext, path: readonly string[], name: string, takesSelf: boolean): (...args: unknown[]) => unknown {
  const { instance, cs } = context;
  const func = instance.getFunc(cs.store, path);
  if (func === null) throw new TypeError(`internal error: no function export \`${path.join('/')}\``);
  return exportFunction(cs, func, resultShape(instance.component.translation.component.types, func.type), name, takesSelf);
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
      case 'Type':
        // TODO(resources): the guest resource class of the resource this declares.
        if (item.resource !== null) throw new TypeError(`cannot instantiate this component: resource type exports (\`${name}\`) are not supported yet`);
        break;
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
 * Refuses, before anything is instantiated, exports this version cannot represent yet: resource
 * types and re-exported imports.
 * @throws TypeError naming the first such export
 */
export function checkExportsSupported(exports: ReadonlyMap<string, Export>): void {
  for (const [name, item] of exports) {
    if (item.kind === 'Instance') checkExportsSupported(item.exports);
    else if (item.kind === 'Type' && item.resource !== null) throw new TypeError(`cannot instantiate this component: resource type exports (\`${name}\`) are not supported yet`);
    else if (item.kind === 'Import' || item.kind === 'ModuleImport') throw new TypeError(`cannot instantiate this component: re-exports of imports (\`${name}\`) are not supported yet`);
  }
}

/**
 * JS-Reference.md `create the exports object` of `instance`, whose functions call into `cs`'s
 * store.
 * @throws TypeError when the component exports what this version cannot represent yet
 *   (resource types, re-exported imports)
 */
export function createExportsObject(instance: Instance, cs: ComponentStore): object {
  return exportsObjectOf({ instance, cs }, instance.component.translation.component.exports, []);
}
