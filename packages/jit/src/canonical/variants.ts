// Variants and their specializations, CanonicalABI.md "Variants" and "Despecialization":
// `enum`, `option` and `result` are variants, laid out as a discriminant followed by the case
// payload at the cases' largest alignment, flattened as the discriminant followed by the
// cases' flat values joined position by position (`flatten_variant`, `join`). The JS forms
// differ (JS-Reference.md): a variant (and a nested option, and a result) is `{ kind, value }`
// with `kind` the case's `PascalCase` label, an enum is its label string, a top-level option is
// `undefined` or its payload.

import { alignTo, assertNever, discriminantSize } from '@tswasm/environ';
import type { ComponentValType, ValType } from '@tswasm/environ';
import { TRAP_MESSAGES } from './abi-options.js';
import { requireObjectHelper } from './host-values.js';
import { jsString } from './js-emitter.js';
import { pascalCase } from './names.js';
import { nullProtoObject } from './null-object.js';
import type { FlatSource, FlatValue, ValueCodegen } from './value-codegen.js';
import { CORE, FlatList, coerceLowered, flatZero } from './value-codegen.js';

/** How the cases of a variant-like type look in JS. */
export type VariantForm = 'variant' | 'top-level-option' | 'enum';

/** One case: its label, its JS `kind` (or enum string) and its payload type. */
export interface VariantCaseInfo {
  readonly label: string;
  readonly kind: string;
  readonly type: ComponentValType | null;
}

/** A variant-like type as the generators see it. */
export interface VariantInfo {
  /** The variant's own type (for its layout). */
  readonly self: ComponentValType;
  readonly form: VariantForm;
  readonly cases: readonly VariantCaseInfo[];
  /** A readable name for host error messages. */
  readonly name: string;
  /** wasmtime's message for a bad discriminant; null: `unexpected discriminant: N`. */
  readonly badDiscriminant: string | null;
}

/** Cases of `variant`/`option`/`result` with their JS kinds. */
export function variantCases(labels: readonly string[], types: readonly (ComponentValType | null)[]): VariantCaseInfo[] {
  return labels.map((label, i) => ({ label, kind: pascalCase(label), type: types[i] ?? null }));
}

// CanonicalABI.md `join`.
function join(a: ValType, b: ValType): ValType {
  if (a === b) return a;
  if ((a === CORE.i32 && b === CORE.f32) || (a === CORE.f32 && b === CORE.i32)) return CORE.i32;
  return CORE.i64;
}

function joinedFlat(g: ValueCodegen, info: VariantInfo): ValType[] {
  const joined: ValType[] = [];
  for (const c of info.cases) {
    if (c.type === null) continue;
    g.flat(c.type).forEach((t, i) => {
      const have = joined[i];
      joined[i] = have === undefined ? t : join(have, t);
    });
  }
  return joined;
}

function discriminantAccess(cases: number): { get: (a: string) => string; set: (a: string, v: string) => string } {
  switch (discriminantSize(cases)) {
    case 1:
      return { get: (a) => `u8[${a}]`, set: (a, v) => `u8[${a}] = ${v};` };
    case 2:
      return { get: (a) => `dv.getUint16(${a}, true)`, set: (a, v) => `dv.setUint16(${a}, ${v}, true);` };
    default:
      return { get: (a) => `dv.getUint32(${a}, true)`, set: (a, v) => `dv.setUint32(${a}, ${v}, true);` };
  }
}

function payloadOffset(g: ValueCodegen, info: VariantInfo): number {
  return alignTo(discriminantSize(info.cases.length), g.layout(info.self).align);
}

// The JS value of case `c` with payload `payload` (null when the case has none).
function caseValue(g: ValueCodegen, info: VariantInfo, c: VariantCaseInfo, payload: string | null): string {
  switch (info.form) {
    case 'enum':
      return jsString(c.label);
    case 'top-level-option':
      return payload ?? 'undefined';
    case 'variant':
      return payload === null ? nullProtoObject(g.emit, ['kind'], [jsString(c.kind)], 'vo') : nullProtoObject(g.emit, ['kind', 'value'], [jsString(c.kind), payload], 'vo');
    default:
      return assertNever(info.form);
  }
}

// Emits `switch (disc)` over the cases; `payloadOf(c)` emits the payload's lifting.
function liftCases(g: ValueCodegen, info: VariantInfo, disc: string, payloadOf: (c: ComponentValType) => string): string {
  const emit = g.emit;
  if (info.form === 'enum') {
    const labels = emit.constant(`[${info.cases.map((c) => jsString(c.label)).join(', ')}]`, 'labels');
    const r = emit.bind(`${labels}[${disc}]`, 'en');
    emit.line(`if (${r} === undefined) trap(null, ${jsString(TRAP_MESSAGES.discriminant)} + ${disc});`);
    return r;
  }
  const r = emit.tmp('v');
  emit.line(`let ${r};`);
  emit.open(`switch (${disc})`);
  info.cases.forEach((c, i) => {
    emit.open(`case ${i}:`);
    const payload = c.type === null ? null : payloadOf(c.type);
    emit.line(`${r} = ${caseValue(g, info, c, payload)};`);
    emit.line('break;');
    emit.close();
  });
  const message = info.badDiscriminant === null ? `${jsString(TRAP_MESSAGES.discriminant)} + ${disc}` : jsString(info.badDiscriminant);
  emit.line(`default: trap(null, ${message});`);
  emit.close();
  return r;
}

/** `lift_flat` of a variant-like type (CanonicalABI.md `lift_flat_variant`). */
export function liftVariantFlat(g: ValueCodegen, info: VariantInfo, src: FlatSource): string {
  const emit = g.emit;
  const disc = emit.bind(`(${src.next(CORE.i32)} >>> 0)`, 'd');
  const joined = joinedFlat(g, info);
  const values = joined.map((t) => ({ expr: emit.bind(src.next(t), 'j'), type: t }));
  return liftCases(g, info, disc, (t) => g.liftFlat(t, new FlatList(values, emit)));
}

/** `load` of a variant-like type at `addr`. */
export function loadVariant(g: ValueCodegen, info: VariantInfo, addr: string): string {
  const emit = g.emit;
  const base = emit.bind(addr, 'va');
  const disc = emit.bind(discriminantAccess(info.cases.length).get(base), 'd');
  const offset = payloadOffset(g, info);
  return liftCases(g, info, disc, (t) => g.load(t, `${base} + ${offset}`));
}

// Emits the dispatch on the host value's case; `lowerCase(i, c, payload)` emits the case's lowering.
function lowerCases(g: ValueCodegen, info: VariantInfo, value: string, lowerCase: (index: number, payload: { type: ComponentValType; value: string } | null) => void): void {
  const emit = g.emit;
  switch (info.form) {
    case 'enum': {
      const map = emit.constant(`new Map([${info.cases.map((c, i) => `[${jsString(c.label)}, ${i}]`).join(', ')}])`, 'enumIndex');
      const index = emit.bind(`${map}.get(typeof ${value} === 'string' ? ${value} : \`\${${value}}\`)`, 'd');
      emit.line(`if (${index} === undefined) throw new TypeError(${jsString(`expected one of ${info.cases.map((c) => `'${c.label}'`).join(', ')} for ${info.name}, found `)} + String(${value}));`);
      lowerCase(-1, { type: { kind: 'primitive', type: 'u32' }, value: index });
      return;
    }
    case 'top-level-option': {
      const some = info.cases[1]?.type ?? null;
      emit.open(`if (${value} === undefined || ${value} === null)`);
      lowerCase(0, null);
      emit.close(' else {');
      lowerCase(1, some === null ? null : { type: some, value });
      emit.close();
      return;
    }
    case 'variant': {
      emit.line(`${requireObjectHelper(emit)}(${value}, ${jsString(info.name)});`);
      const kind = emit.bind(`\`\${${value}.kind}\``, 'k');
      emit.open(`switch (${kind})`);
      info.cases.forEach((c, i) => {
        emit.open(`case ${jsString(c.kind)}:`);
        lowerCase(i, c.type === null ? null : { type: c.type, value: emit.bind(`${value}.value`, 'pv') });
        emit.line('break;');
        emit.close();
      });
      const kinds = info.cases.map((c) => `'${c.kind}'`).join(', ');
      emit.line(`default: throw new TypeError(${jsString(`expected kind ${kinds} for ${info.name}, found `)} + JSON.stringify(${kind}));`);
      emit.close();
      return;
    }
    default:
      return assertNever(info.form);
  }
}

/** `lower_flat` of the host value `value` as a variant-like type (CanonicalABI.md `lower_flat_variant`). */
export function lowerVariantFlat(g: ValueCodegen, info: VariantInfo, value: string): FlatValue[] {
  const emit = g.emit;
  const joined = joinedFlat(g, info);
  const disc = emit.tmp('d');
  const slots = joined.map(() => emit.tmp('j'));
  emit.line(`let ${disc} = 0${slots.map((s, i) => `, ${s} = ${flatZero(joined[i] as ValType)}`).join('')};`);
  lowerCases(g, info, value, (index, payload) => {
    if (index < 0) {
      // An enum: the looked-up index is the discriminant.
      emit.line(`${disc} = ${payload?.value ?? '0'};`);
      return;
    }
    emit.line(`${disc} = ${index};`);
    if (payload === null) return;
    g.lowerFlat(payload.type, payload.value).forEach((f, i) => {
      emit.line(`${slots[i]} = ${coerceLowered(emit, f.expr, f.type, joined[i] as ValType)};`);
    });
  });
  return [{ expr: disc, type: CORE.i32 }, ...slots.map((s, i) => ({ expr: s, type: joined[i] as ValType }))];
}

/** `store` of the host value `value` as a variant-like type at `addr`. */
export function storeVariant(g: ValueCodegen, info: VariantInfo, value: string, addr: string): void {
  const emit = g.emit;
  const base = emit.bind(addr, 'va');
  const access = discriminantAccess(info.cases.length);
  const offset = payloadOffset(g, info);
  lowerCases(g, info, value, (index, payload) => {
    if (index < 0) {
      emit.line(access.set(base, payload?.value ?? '0'));
      return;
    }
    emit.line(access.set(base, String(index)));
    if (payload !== null) g.store(payload.type, payload.value, `${base} + ${offset}`);
  });
}
