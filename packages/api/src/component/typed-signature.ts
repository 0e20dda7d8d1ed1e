// The signature a caller gives `component.TypedFunc`: a small description of the component
// value types it expects (`{ params: ['u32', 'u32'], result: 'u32' }`), from which TypeScript
// infers the JS types of the arguments and the result, and which is checked once against the
// function's component type when the typed function is made. This takes the place of
// wasmtime's `ComponentNamedList`/`Lift`/`Lower` traits, which TypeScript has no runtime form of.

import { assertNever } from '@tswasm/environ';
import type { ComponentFuncType, ComponentTypeList, ComponentValType } from '@tswasm/environ';
import { camelCase, pascalCase } from '@tswasm/jit';

/** A primitive component value type by its WIT name. */
export type PrimitiveSpec = 'bool' | 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 's64' | 'u64' | 'f32' | 'f64' | 'char' | 'string';

/**
 * A component value type as the caller of `getTypedFunc` writes it. Record fields and flags go
 * by their JS names (`CamelCase` of the label), variant cases by their `kind` (`PascalCase`),
 * enum cases by their label; `'unknown'` accepts any type and gives its value as `unknown`
 * (for types the description cannot name, such as resources).
 */
export type TypeSpec =
  | PrimitiveSpec
  | 'unknown'
  | { readonly list: TypeSpec; readonly length?: number }
  | { readonly tuple: readonly TypeSpec[] }
  | { readonly record: { readonly [field: string]: TypeSpec } }
  | { readonly variant: { readonly [kind: string]: TypeSpec | null } }
  | { readonly enum: readonly string[] }
  | { readonly flags: readonly string[] }
  | { readonly option: TypeSpec }
  | { readonly result: { readonly ok: TypeSpec | null; readonly err: TypeSpec | null } }
  | { readonly map: readonly [TypeSpec, TypeSpec] };

/** The signature of a `TypedFunc`: its parameter types in order and its result type (none when absent or null). */
export interface TypedSignature {
  readonly params: readonly TypeSpec[];
  readonly result?: TypeSpec | null;
}

type ScalarArray<S> = S extends 's8'
  ? Int8Array
  : S extends 'u8'
    ? Uint8Array
    : S extends 's16'
      ? Int16Array
      : S extends 'u16'
        ? Uint16Array
        : S extends 's32'
          ? Int32Array
          : S extends 'u32'
            ? Uint32Array
            : S extends 'f32'
              ? Float32Array
              : S extends 'f64'
                ? Float64Array
                : S extends 's64'
                  ? BigInt64Array
                  : S extends 'u64'
                    ? BigUint64Array
                    : never;

// An option's payload: itself, unless it is an option again, which then comes as `{ kind }`.
type OptionPayload<S> = S extends { readonly option: infer I } ? { kind: 'None' } | { kind: 'Some'; value: OptionPayload<I> } : JsValueOf<S>;

type VariantValue<C> = { [K in keyof C & string]: C[K] extends null ? { kind: K } : { kind: K; value: JsValueOf<C[K]> } }[keyof C & string];

/** The JS value of a `TypeSpec` under the Component Model JS API mapping. */
export type JsValueOf<S> = S extends 'bool'
  ? boolean
  : S extends 's64' | 'u64'
    ? bigint
    : S extends 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 'f32' | 'f64'
      ? number
      : S extends 'char' | 'string'
        ? string
        : S extends { readonly list: infer E }
          ? E extends 's8' | 'u8' | 's16' | 'u16' | 's32' | 'u32' | 'f32' | 'f64' | 's64' | 'u64'
            ? ScalarArray<E>
            : JsValueOf<E>[]
          : S extends { readonly tuple: infer T }
            ? { -readonly [I in keyof T]: JsValueOf<T[I]> }
            : S extends { readonly record: infer R }
              ? { [K in keyof R]: JsValueOf<R[K]> }
              : S extends { readonly variant: infer C }
                ? VariantValue<C>
                : S extends { readonly enum: readonly (infer L)[] }
                  ? L
                  : S extends { readonly flags: readonly (infer L extends string)[] }
                    ? { [K in L]: boolean }
                    : S extends { readonly option: infer I }
                      ? OptionPayload<I> | undefined
                      : S extends { readonly result: { readonly ok: infer O; readonly err: infer E } }
                        ? { kind: 'Ok'; value: O extends null ? undefined : JsValueOf<O> } | { kind: 'Err'; value: E extends null ? undefined : JsValueOf<E> }
                        : S extends { readonly map: readonly [infer K, infer V] }
                          ? Map<JsValueOf<K>, JsValueOf<V>>
                          : unknown;

/** The JS argument types of a signature, as a tuple. */
export type ParamsOf<G extends TypedSignature> = JsValuesOf<G['params']>;

/** The JS values of a list of `TypeSpec`s, as a tuple. */
export type JsValuesOf<T extends readonly TypeSpec[]> = { -readonly [I in keyof T]: JsValueOf<T[I]> };

/** The JS result type of a signature (`undefined` without a result). */
export type ResultOf<G extends TypedSignature> = G['result'] extends TypeSpec ? JsValueOf<G['result']> : undefined;

function describeSpec(spec: TypeSpec | null): string {
  if (spec === null) return 'none';
  if (typeof spec === 'string') return spec;
  return Object.keys(spec)[0] ?? 'an empty description';
}

// Why `spec` does not describe `type`, or null when it does.
function mismatch(types: ComponentTypeList, type: ComponentValType | null, spec: TypeSpec | null | undefined, path: string): string | null {
  const want = spec ?? null;
  if (type === null || want === null) return type === null && want === null ? null : `${path}: expected ${type === null ? 'none' : 'a value'}, found ${describeSpec(want)}`;
  if (want === 'unknown') return null;
  const fail = (found: string): string => `${path}: the function has ${found}, the signature says ${describeSpec(want)}`;
  if (type.kind === 'primitive') return want === type.type ? null : fail(type.type);
  const entry = types.get(type.id);
  if (entry.kind !== 'defined') return fail(`a ${entry.kind} type`);
  const d = entry.type;
  if (typeof want === 'string') return d.kind === 'primitive' ? mismatch(types, d, want, path) : fail(`a ${d.kind}`);
  const same = (a: readonly string[], b: readonly string[]): boolean => a.length === b.length && a.every((x, i) => x === b[i]);
  switch (d.kind) {
    case 'primitive':
      return mismatch(types, d, want, path);
    case 'list':
      if (!('list' in want)) return fail('a list');
      if ((want.length ?? null) !== d.length) return fail(d.length === null ? 'a list' : `a list of length ${d.length}`);
      return mismatch(types, d.element, want.list, `${path} element`);
    case 'tuple':
      if (!('tuple' in want) || want.tuple.length !== d.types.length) return fail(`a tuple of ${d.types.length}`);
      return d.types.reduce<string | null>((m, t, i) => m ?? mismatch(types, t, want.tuple[i], `${path}[${i}]`), null);
    case 'record': {
      if (!('record' in want)) return fail('a record');
      const names = d.fields.map((f) => camelCase(f.name));
      if (!same(names, Object.keys(want.record))) return fail(`a record of ${names.join(', ')}`);
      return d.fields.reduce<string | null>((m, f, i) => m ?? mismatch(types, f.type, want.record[names[i] as string], `${path}.${names[i]}`), null);
    }
    case 'variant': {
      if (!('variant' in want)) return fail('a variant');
      const kinds = d.cases.map((c) => pascalCase(c.name));
      if (!same(kinds, Object.keys(want.variant))) return fail(`a variant of ${kinds.join(', ')}`);
      return d.cases.reduce<string | null>((m, c, i) => m ?? mismatch(types, c.type, want.variant[kinds[i] as string], `${path} case ${kinds[i]}`), null);
    }
    case 'enum':
      return 'enum' in want && same(d.names, want.enum) ? null : fail(`an enum of ${d.names.join(', ')}`);
    case 'flags':
      return 'flags' in want && same(d.names.map(camelCase), want.flags) ? null : fail(`flags ${d.names.map(camelCase).join(', ')}`);
    case 'option':
      return 'option' in want ? mismatch(types, d.type, want.option, `${path} payload`) : fail('an option');
    case 'result':
      if (!('result' in want)) return fail('a result');
      return mismatch(types, d.ok, want.result.ok, `${path} ok`) ?? mismatch(types, d.err, want.result.err, `${path} err`);
    case 'map':
      if (!('map' in want)) return fail('a map');
      return mismatch(types, d.key, want.map[0], `${path} key`) ?? mismatch(types, d.value, want.map[1], `${path} value`);
    case 'own':
    case 'borrow':
    case 'stream':
    case 'future':
      return fail(`a ${d.kind} (describe it as 'unknown')`);
    default:
      return assertNever(d);
  }
}

/**
 * Checks that `signature` describes `type`.
 * @throws TypeError naming the first parameter or result that differs
 */
export function checkTypedSignature(types: ComponentTypeList, type: ComponentFuncType, signature: TypedSignature): void {
  if (signature.params.length !== type.params.length) {
    throw new TypeError(`type mismatch: the function has ${type.params.length} parameter${type.params.length === 1 ? '' : 's'}, the signature ${signature.params.length}`);
  }
  for (const [i, p] of type.params.entries()) {
    const m = mismatch(types, p.type, signature.params[i], `parameter \`${p.name}\``);
    if (m !== null) throw new TypeError(`type mismatch: ${m}`);
  }
  const m = mismatch(types, type.result, signature.result, 'result');
  if (m !== null) throw new TypeError(`type mismatch: ${m}`);
}
