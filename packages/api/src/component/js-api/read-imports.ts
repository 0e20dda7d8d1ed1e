// JS-Reference.md "Read the imports object": walks a component's imports in declaration order,
// looks each up in the imports object by its JS name (an `interfacename` as it is, a label in
// camelCase; instance imports nest), and defines what it finds in an embedding
// `component.Linker` under the component's own names. Everything is read before anything is
// instantiated, so a missing import fails whole, naming the property to set.

import { assertNever, type ComponentEntityType, type ComponentTypeList, type ResourceId } from '@tswasm/environ';
import type { Component } from '../component.js';
import { Linker } from '../linker.js';
import type { LinkerInstance } from '../linker-instance.js';
import { resolveBuiltin } from './builtins.js';
import type { ComponentStore } from './component-store.js';
import { functionImport } from './function-import.js';
import { defineHostResource, readTypeImport, type HostResourceType } from './host-resource-type.js';
import { linkError } from './wasm-errors.js';
import { describeValue, jsPath } from './js-path.js';
import { jsName, parsePlainName, type Accessor, type PlainName } from './names.js';
import { resultShape } from './result-shape.js';

/** What reading a scope of imports needs. */
interface ReadContext {
  readonly types: ComponentTypeList;
  readonly cs: ComponentStore;
  /** Host resource types by abstract type (JS-Reference.md [[HostResourceTypes]]). */
  readonly hostResourceTypes: Map<ResourceId, HostResourceType>;
}

// JS-Reference.md `find an accessor`: the getter or setter of the first own property named
// `key` up the prototype chain; undefined when that property is a data property.
function findAccessor(target: object, key: string, kind: Accessor): unknown {
  let object: object | null = target;
  while (object !== null) {
    const desc = Object.getOwnPropertyDescriptor(object, key);
    if (desc !== undefined) {
      if (desc.get === undefined && desc.set === undefined) return undefined;
      return kind === 'get' ? desc.get : desc.set;
    }
    object = Object.getPrototypeOf(object) as object | null;
  }
  return undefined;
}

// The abstract resource a type import or export declares, or null when it declares another type.
function declaredResource(types: ComponentTypeList, type: ComponentEntityType): ResourceId | null {
  if (type.kind !== 'type') return null;
  const entry = types.get(type.id);
  return entry.kind === 'resource' ? entry.id : null;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

// JS-Reference.md `read a scope of imports`, defining into `linker`. `where` is the JS path of
// the scope's imports object, `builtins` the enabled builtins (the root scope's only).
function readScope(context: ReadContext, decls: ReadonlyMap<string, ComponentEntityType>, importsObject: unknown, builtins: readonly string[], linker: LinkerInstance<undefined>, where: string): void {
  const { types, cs, hostResourceTypes } = context;
  for (const [name, type] of decls) {
    const resource = declaredResource(types, type);
    if (type.kind === 'type') {
      // A type that is not a resource has no JS representation and is not read.
      if (resource === null) continue;
      // A transparent (`eq`) import of a resource already read is that resource's type.
      const known = hostResourceTypes.get(resource);
      if (known !== undefined) {
        defineHostResource(linker, name, known, cs);
        continue;
      }
    }
    const key = jsName(name, type.kind === 'type');
    let path = jsPath(where, key);
    const parts: PlainName | null = parsePlainName(name);
    let staticReceiver: unknown = undefined;
    let importValue: unknown;
    const builtin = builtins.length === 0 ? null : resolveBuiltin(key, builtins);
    if (builtin !== null) {
      importValue = builtin.value;
    } else if (type.kind === 'func' && parts !== null && (parts.kind === 'constructor' || parts.kind === 'method')) {
      // Functions of an imported resource are read from the class that satisfied it.
      const resourceDecl = decls.get(parts.resource);
      const resourceId = resourceDecl === undefined ? null : declaredResource(types, resourceDecl);
      const host = resourceId === null ? undefined : hostResourceTypes.get(resourceId);
      if (host === undefined) throw new TypeError(`internal error: \`${name}\` names no resource type import read before it`);
      const constructorFunction = host.constructorObject;
      // Messages name where the function was looked for: the class, its prototype or itself.
      const classPath = jsPath(where, jsName(parts.resource, true));
      path = parts.kind === 'constructor' ? classPath : jsPath(parts.scope === 'static' ? classPath : `${classPath}.prototype`, key);
      if (parts.kind === 'constructor') {
        importValue = constructorFunction;
      } else {
        let lookupTarget: unknown;
        if (parts.scope === 'static') {
          lookupTarget = constructorFunction;
          staticReceiver = lookupTarget;
        } else {
          lookupTarget = (constructorFunction as unknown as { prototype: unknown }).prototype;
          if (!isObject(lookupTarget)) throw linkError(`${classPath}.prototype must be an object, found ${describeValue(lookupTarget)}`);
        }
        importValue = parts.accessor !== null && isObject(lookupTarget) ? findAccessor(lookupTarget, key, parts.accessor) : (lookupTarget as Record<string, unknown>)[key];
      }
    } else {
      if (!isObject(importsObject)) throw new TypeError(`${where} must be an object, found ${describeValue(importsObject)}`);
      if (type.kind === 'func' && parts !== null && parts.kind === 'property') {
        staticReceiver = importsObject;
        importValue = findAccessor(importsObject, key, parts.accessor);
      } else {
        importValue = (importsObject as Record<string, unknown>)[key];
      }
    }
    readImport(context, name, type, resource, importValue, parts, staticReceiver, linker, path);
  }
}

// JS-Reference.md `read an import`, by sort.
function readImport(context: ReadContext, name: string, type: ComponentEntityType, resource: ResourceId | null, importValue: unknown, parts: PlainName | null, staticReceiver: unknown, linker: LinkerInstance<undefined>, path: string): void {
  const { types, cs } = context;
  switch (type.kind) {
    case 'func': {
      const funcType = types.get(type.id);
      if (funcType.kind !== 'func') throw new TypeError(`internal error: import \`${name}\` has no function type`);
      linker.funcWrap(name, functionImport(cs, importValue, parts, staticReceiver, resultShape(types, funcType), path));
      return;
    }
    case 'instance': {
      const instanceType = types.get(type.id);
      if (instanceType.kind !== 'instance') throw new TypeError(`internal error: import \`${name}\` has no instance type`);
      if (!isObject(importValue)) throw linkError(`${path} must be an object, found ${describeValue(importValue)}`);
      readScope(context, instanceType.exports, importValue, [], linker.instance(name), path);
      return;
    }
    case 'type': {
      if (resource === null) return;
      const host = readTypeImport(importValue, jsName(name, true), path);
      context.hostResourceTypes.set(resource, host);
      defineHostResource(linker, name, host, cs);
      return;
    }
    case 'module':
      if (!(importValue instanceof WebAssembly.Module)) throw linkError(`${path} must be a WebAssembly.Module, found ${describeValue(importValue)}`);
      throw new TypeError(`cannot instantiate this component: core module imports (\`${name}\`) are not supported yet`);
    case 'value':
      throw new TypeError(`cannot instantiate this component: value imports (\`${name}\`) are not supported yet`);
    case 'component':
      throw new TypeError(`cannot instantiate this component: component imports (\`${name}\`) are not supported yet`);
    default:
      assertNever(type);
  }
}

/**
 * JS-Reference.md `read the imports`: a linker holding a definition for every import of
 * `component`, read from `importsObject`, with `builtins` the enabled builtins.
 * @throws TypeError when `importsObject` (or a nested scope) is not an object but an import
 *   must be read from it, or the component imports what this version cannot run yet
 * @throws WebAssembly.LinkError when an import is missing or of the wrong kind (the message
 *   names the JS property, e.g. `imports['my:pkg/host@1.0.0'].logMessage must be a function,
 *   found undefined`)
 */
export function readImports(component: Component, importsObject: unknown, builtins: readonly string[], cs: ComponentStore): Linker<undefined> {
  const info = component.translation.component;
  const linker = new Linker<undefined>(component.engine);
  const context: ReadContext = { types: info.types, cs, hostResourceTypes: new Map() };
  const decls = new Map<string, ComponentEntityType>();
  for (const [, item] of info.imports.entries()) decls.set(item.name, item.type);
  if (decls.size === 0) return linker;
  readScope(context, decls, importsObject, builtins, linker.root(), 'imports');
  return linker;
}
