// The JS names of component imports and exports, JS-Reference.md "Names": every `plainname`
// matches exactly one of four patterns (Plain, Property, Constructor, Method), whose captures
// the rest of the binding dispatches on; `interfacename`s are used as they are. The case
// conversions themselves (`CamelCase`, `PascalCase`) are jit's, shared with the value mapping
// of record fields, flags and variant cases.

import { camelCase, pascalCase } from '@tswasm/jit';

export { camelCase, pascalCase };

/** A `get` or `set` accessor capture. */
export type Accessor = 'get' | 'set';

/** A `plainname` taken apart by the pattern it matches (JS-Reference.md's table of patterns). */
export type PlainName =
  | { readonly kind: 'plain'; readonly name: string }
  | { readonly kind: 'property'; readonly accessor: Accessor; readonly name: string }
  | { readonly kind: 'constructor'; readonly resource: string }
  | { readonly kind: 'method'; readonly scope: 'method' | 'static'; readonly accessor: Accessor | null; readonly resource: string; readonly name: string };

// Explainer.md `label`: kebab-case fragments, each all lower case or all upper case. Only the
// first must start with a letter (`a1-2-3` is a label), as environ's name grammar has it.
const LABEL = '[a-z][0-9a-z]*(?:-(?:[0-9a-z]+|[0-9A-Z]+))*|[A-Z][0-9A-Z]*(?:-(?:[0-9a-z]+|[0-9A-Z]+))*';
const PLAIN = new RegExp(`^(${LABEL})$`);
const PROPERTY = new RegExp(`^\\[(get|set)\\](${LABEL})$`);
const CONSTRUCTOR = new RegExp(`^\\[constructor\\](${LABEL})$`);
const METHOD = new RegExp(`^\\[(method|static)\\](\\[(get|set)\\])?(${LABEL})\\.(${LABEL})$`);

/**
 * Takes `name` apart by the `plainname` pattern it matches, or returns null when it matches
 * none (an `interfacename` such as `wasi:http/handler@1.0.0`, or another import name form).
 */
export function parsePlainName(name: string): PlainName | null {
  let m = PLAIN.exec(name);
  if (m !== null) return { kind: 'plain', name: m[1] ?? '' };
  m = PROPERTY.exec(name);
  if (m !== null) return { kind: 'property', accessor: m[1] === 'set' ? 'set' : 'get', name: m[2] ?? '' };
  m = CONSTRUCTOR.exec(name);
  if (m !== null) return { kind: 'constructor', resource: m[1] ?? '' };
  m = METHOD.exec(name);
  if (m !== null) {
    const accessor = m[3] === undefined ? null : m[3] === 'set' ? 'set' : 'get';
    return { kind: 'method', scope: m[1] === 'static' ? 'static' : 'method', accessor, resource: m[4] ?? '', name: m[5] ?? '' };
  }
  return null;
}

/** JS-Reference.md `LabelOf(name)`: the label naming the definition in JS. */
export function labelOf(name: PlainName): string {
  return name.kind === 'constructor' ? name.resource : name.name;
}

/**
 * JS-Reference.md `JSName(decl)`: an `interfacename` as it is, otherwise `PascalCase` of the
 * label for a type and `CamelCase` for anything else. Names of neither form (the import-only
 * dependency and URL names) are used as they are, as an `interfacename` is.
 * @throws TypeError for an `[async]` name, which has no JS name yet (async is not supported)
 */
export function jsName(name: string, isType: boolean): string {
  const parts = parsePlainName(name);
  if (parts === null) {
    if (name.startsWith('[')) throw new TypeError(`\`${name}\` has no JS name: async functions are not supported yet`);
    return name;
  }
  const label = labelOf(parts);
  return isType ? pascalCase(label) : camelCase(label);
}

/**
 * JS-Reference.md's `reserved class members`: names that would change what a class is if they
 * were defined on a resource class or its prototype.
 */
export const RESERVED_CLASS_MEMBERS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype', 'arguments', 'caller', 'name', 'length']);
