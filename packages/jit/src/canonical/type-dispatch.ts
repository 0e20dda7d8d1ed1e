// The one implementation of `ValueCodegen`: routes each operation to the family of the type.
// It is the only file that imports every family, so families stay independent of each other.

import { assertNever } from '@tswasm/environ';
import type { ComponentTypeList, ComponentValType, Layout, ResourceId, ValType } from '@tswasm/environ';
import type { CanonicalAbiOptions } from './abi-options.js';
import { TRAP_MESSAGES } from './abi-options.js';
import type { JsEmitter } from './js-emitter.js';
import { liftFixedListFlat, liftList, liftMap, loadFixedList, lowerFixedListFlat, lowerList, lowerMap, storeFixedList } from './lists.js';
import {
  liftFlagsFlat,
  liftRecordFlat,
  liftTupleFlat,
  loadFlags,
  loadRecord,
  loadTuple,
  lowerFlagsFlat,
  lowerRecordFlat,
  lowerTupleFlat,
  storeFlags,
  storeRecord,
  storeTuple,
} from './records.js';
import { asyncValueKey, liftAsyncValueFlat, loadAsyncValue, lowerAsyncValueFlat, storeAsyncValue } from './async-values.js';
import { liftHandleFlat, loadHandle, lowerHandleFlat, storeHandle } from './resources.js';
import { liftScalarFlat, loadScalar, lowerScalarFlat, storeScalar } from './scalars.js';
import { liftString, lowerString } from './strings.js';
import type { FlatSource, FlatValue, ResolvedType, ValueCodegen } from './value-codegen.js';
import { CORE, flatTypes, layoutOf, resolveValType, resourceSlotOf } from './value-codegen.js';
import { liftVariantFlat, loadVariant, lowerVariantFlat, storeVariant, variantCases } from './variants.js';
import type { VariantInfo } from './variants.js';

/** Generates the value conversions of one trampoline. */
export class TypeDispatch implements ValueCodegen {
  readonly types: ComponentTypeList;
  readonly options: CanonicalAbiOptions;
  readonly emit: JsEmitter;
  /** Resource types in slot order (the signature key's order): handles of `resources[slot]`. */
  readonly #resources: readonly ResourceId[];
  // Set while the payload of an `option` is being generated: an option directly inside an
  // option cannot be `undefined`-or-payload (none and some(none) would collide), so it takes
  // the `{ kind, value }` form (JS-Reference.md "nested option").
  #optionPayload = false;

  constructor(types: ComponentTypeList, options: CanonicalAbiOptions, emit: JsEmitter, resources: readonly ResourceId[]) {
    this.types = types;
    this.options = options;
    this.emit = emit;
    this.#resources = resources;
  }

  /** Whether any handle of a resource type is passed. */
  get hasResources(): boolean {
    return this.#resources.length > 0;
  }

  resolve(type: ComponentValType): ResolvedType {
    return resolveValType(this.types, type);
  }

  layout(type: ComponentValType): Layout {
    return layoutOf(this.types, type);
  }

  flat(type: ComponentValType): ValType[] {
    return flatTypes(this.types, type);
  }

  describe(type: ComponentValType, depth = 0): string {
    const r = this.resolve(type);
    if (depth > 2) return r.kind === 'primitive' ? r.type : r.kind;
    const d = (t: ComponentValType | null): string => (t === null ? '_' : this.describe(t, depth + 1));
    switch (r.kind) {
      case 'primitive':
        return r.type;
      case 'list':
        return r.length === null ? `list<${d(r.element)}>` : `list<${d(r.element)}, ${r.length}>`;
      case 'map':
        return `map<${d(r.key)}, ${d(r.value)}>`;
      case 'option':
        return `option<${d(r.type)}>`;
      case 'result':
        return `result<${d(r.ok)}, ${d(r.err)}>`;
      case 'tuple':
        return `tuple<${r.types.map(d).join(', ')}>`;
      case 'record':
      case 'variant':
      case 'flags':
      case 'enum':
      case 'own':
      case 'borrow':
      case 'stream':
      case 'future':
        return r.kind;
      default:
        return assertNever(r);
    }
  }

  resourceSlot(resource: ResourceId): number {
    return resourceSlotOf(this.#resources, resource);
  }

  isTopLevelOption(type: ComponentValType): boolean {
    return this.resolve(type).kind === 'option';
  }

  // The variant view of a variant-like type; `nested` tells whether it is an option's payload.
  #variantInfo(type: ComponentValType, nested: boolean): VariantInfo | null {
    const r = this.resolve(type);
    const name = this.describe(type);
    switch (r.kind) {
      case 'variant':
        return { self: type, form: 'variant', cases: variantCases(r.cases.map((c) => c.name), r.cases.map((c) => c.type)), name, badDiscriminant: null };
      case 'enum':
        return { self: type, form: 'enum', cases: variantCases(r.names, r.names.map(() => null)), name, badDiscriminant: null };
      case 'option':
        return {
          self: type,
          form: nested ? 'variant' : 'top-level-option',
          cases: variantCases(['none', 'some'], [null, r.type]),
          name,
          badDiscriminant: TRAP_MESSAGES.optionDiscriminant,
        };
      case 'result':
        return { self: type, form: 'variant', cases: variantCases(['ok', 'err'], [r.ok, r.err]), name, badDiscriminant: TRAP_MESSAGES.resultDiscriminant };
      default:
        return null;
    }
  }

  // Consumes the "option payload" flag and, for an option, arms it for its payload.
  #enter(type: ComponentValType): boolean {
    const nested = this.#optionPayload;
    this.#optionPayload = this.resolve(type).kind === 'option';
    return nested;
  }

  liftFlat(type: ComponentValType, src: FlatSource): string {
    const nested = this.#enter(type);
    const r = this.resolve(type);
    switch (r.kind) {
      case 'primitive':
        if (r.type === 'string') {
          const ptr = src.next(CORE.i32);
          const len = src.next(CORE.i32);
          return liftString(this.emit, this.options.stringEncoding, ptr, len);
        }
        if (r.type === 'error-context') return liftAsyncValueFlat(this, 'error-context', src);
        return liftScalarFlat(this, r.type, src);
      case 'list':
        if (r.length !== null) return liftFixedListFlat(this, r.element, r.length, src);
        return liftList(this, r.element, this.emit.bind(src.next(CORE.i32), 'p'), this.emit.bind(src.next(CORE.i32), 'n'));
      case 'map':
        return liftMap(this, r.key, r.value, this.emit.bind(src.next(CORE.i32), 'p'), this.emit.bind(src.next(CORE.i32), 'n'));
      case 'record':
        return liftRecordFlat(this, r.fields, src);
      case 'tuple':
        return liftTupleFlat(this, r.types, src);
      case 'flags':
        return liftFlagsFlat(this, r.names, src);
      case 'variant':
      case 'enum':
      case 'option':
      case 'result':
        return liftVariantFlat(this, this.#variantInfo(type, nested) as VariantInfo, src);
      case 'own':
      case 'borrow':
        return liftHandleFlat(this, r.kind, r.resource, src);
      case 'stream':
      case 'future':
        return liftAsyncValueFlat(this, asyncValueKey(this.types, type), src);
      default:
        return assertNever(r);
    }
  }

  lowerFlat(type: ComponentValType, value: string): FlatValue[] {
    const nested = this.#enter(type);
    const r = this.resolve(type);
    const name = this.describe(type);
    switch (r.kind) {
      case 'primitive':
        if (r.type === 'string') {
          const [ptr, len] = lowerString(this.emit, this.options.stringEncoding, value);
          return [{ expr: ptr, type: CORE.i32 }, { expr: len, type: CORE.i32 }];
        }
        if (r.type === 'error-context') return lowerAsyncValueFlat(this, 'error-context', value);
        return lowerScalarFlat(this, r.type, value);
      case 'list': {
        if (r.length !== null) return lowerFixedListFlat(this, r.element, r.length, value);
        const [ptr, len] = lowerList(this, r.element, value);
        return [{ expr: ptr, type: CORE.i32 }, { expr: len, type: CORE.i32 }];
      }
      case 'map': {
        const [ptr, len] = lowerMap(this, r.key, r.value, value);
        return [{ expr: ptr, type: CORE.i32 }, { expr: len, type: CORE.i32 }];
      }
      case 'record':
        return lowerRecordFlat(this, r.fields, value, name);
      case 'tuple':
        return lowerTupleFlat(this, r.types, value, name);
      case 'flags':
        return lowerFlagsFlat(this, r.names, value, name);
      case 'variant':
      case 'enum':
      case 'option':
      case 'result':
        return lowerVariantFlat(this, this.#variantInfo(type, nested) as VariantInfo, value);
      case 'own':
      case 'borrow':
        return lowerHandleFlat(this, r.kind, r.resource, value);
      case 'stream':
      case 'future':
        return lowerAsyncValueFlat(this, asyncValueKey(this.types, type), value);
      default:
        return assertNever(r);
    }
  }

  load(type: ComponentValType, addr: string): string {
    const nested = this.#enter(type);
    const r = this.resolve(type);
    const emit = this.emit;
    switch (r.kind) {
      case 'primitive':
        if (r.type === 'string') {
          const base = emit.bind(addr, 'sa');
          return liftString(emit, this.options.stringEncoding, `dv.getUint32(${base}, true)`, `dv.getUint32(${base} + 4, true)`);
        }
        if (r.type === 'error-context') return loadAsyncValue(this, 'error-context', addr);
        return loadScalar(this, r.type, addr);
      case 'list': {
        if (r.length !== null) return loadFixedList(this, r.element, r.length, addr);
        const base = emit.bind(addr, 'la');
        return liftList(this, r.element, `dv.getUint32(${base}, true)`, `dv.getUint32(${base} + 4, true)`);
      }
      case 'map': {
        const base = emit.bind(addr, 'la');
        return liftMap(this, r.key, r.value, `dv.getUint32(${base}, true)`, `dv.getUint32(${base} + 4, true)`);
      }
      case 'record':
        return loadRecord(this, r.fields, addr);
      case 'tuple':
        return loadTuple(this, r.types, addr);
      case 'flags':
        return loadFlags(this, r.names, addr);
      case 'variant':
      case 'enum':
      case 'option':
      case 'result':
        return loadVariant(this, this.#variantInfo(type, nested) as VariantInfo, addr);
      case 'own':
      case 'borrow':
        return loadHandle(this, r.kind, r.resource, addr);
      case 'stream':
      case 'future':
        return loadAsyncValue(this, asyncValueKey(this.types, type), addr);
      default:
        return assertNever(r);
    }
  }

  store(type: ComponentValType, value: string, addr: string): void {
    const nested = this.#enter(type);
    const r = this.resolve(type);
    const emit = this.emit;
    const name = this.describe(type);
    switch (r.kind) {
      case 'primitive':
        if (r.type === 'string') {
          const [ptr, len] = lowerString(emit, this.options.stringEncoding, value);
          const base = emit.bind(addr, 'sa');
          emit.line(`dv.setUint32(${base}, ${ptr}, true);`);
          emit.line(`dv.setUint32(${base} + 4, ${len}, true);`);
          return;
        }
        if (r.type === 'error-context') return storeAsyncValue(this, 'error-context', value, addr);
        return storeScalar(this, r.type, value, addr);
      case 'list': {
        if (r.length !== null) return storeFixedList(this, r.element, r.length, value, addr);
        const [ptr, len] = lowerList(this, r.element, value);
        const base = emit.bind(addr, 'la');
        emit.line(`dv.setUint32(${base}, ${ptr}, true);`);
        emit.line(`dv.setUint32(${base} + 4, ${len}, true);`);
        return;
      }
      case 'map': {
        const [ptr, len] = lowerMap(this, r.key, r.value, value);
        const base = emit.bind(addr, 'la');
        emit.line(`dv.setUint32(${base}, ${ptr}, true);`);
        emit.line(`dv.setUint32(${base} + 4, ${len}, true);`);
        return;
      }
      case 'record':
        return storeRecord(this, r.fields, value, addr, name);
      case 'tuple':
        return storeTuple(this, r.types, value, addr, name);
      case 'flags':
        return storeFlags(this, r.names, value, addr, name);
      case 'variant':
      case 'enum':
      case 'option':
      case 'result':
        return storeVariant(this, this.#variantInfo(type, nested) as VariantInfo, value, addr);
      case 'own':
      case 'borrow':
        return storeHandle(this, r.kind, r.resource, value, addr);
      case 'stream':
      case 'future':
        return storeAsyncValue(this, asyncValueKey(this.types, type), value, addr);
      default:
        return assertNever(r);
    }
  }
}
