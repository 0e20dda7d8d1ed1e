// Validation of a whole core module (spec chapter 3.4 "Modules"), driven section by section
// in binary order like wasmparser's `Validator`. The readers fill a `ModuleState`, which is
// also the context C for constant expressions and function bodies. Everything a body needs
// (types, imports, globals, element segments declaring `ref.func` targets, exports, the data
// count) precedes the code section; bodies are still validated after the last section, so
// that a malformed later section is reported before any body is walked (as wasmparser's
// order of errors would have it for a module validated as a whole) and so that the bodies can
// be split across threads in one step (jit's translateModuleParallel).

import { BinaryReader } from '../binary/binary-reader.js';
import type { WasmFeatures } from '../features/wasm-features.js';
import { readCodeSection } from '../module/code-section.js';
import { readCustomSection } from '../module/custom-section.js';
import { readDataCountSection } from '../module/data-count-section.js';
import { readDataSection } from '../module/data-section.js';
import { readElementSection } from '../module/element-section.js';
import { readExportSection } from '../module/export-section.js';
import { readFunctionSection } from '../module/function-section.js';
import { readGlobalSection } from '../module/global-section.js';
import { readImportSection } from '../module/import-section.js';
import { readMemorySection } from '../module/memory-section.js';
import { readModuleHeader } from '../module/module-header.js';
import { createModuleState } from '../module/module-state.js';
import type { ModuleState } from '../module/module-state.js';
import { SectionId, sectionOrderRank } from '../module/section-id.js';
import { readStartSection } from '../module/start-section.js';
import { readTableSection } from '../module/table-section.js';
import { readTagSection } from '../module/tag-section.js';
import { readTypeSection } from '../module/type-section.js';
import { FunctionBodyValidator } from './function-body-validator.js';

/**
 * Validates the core module `bytes` under `features` and returns what its sections say. A module
 * nested in a component is the range `start..end` of the component's bytes; offsets, error
 * offsets included, stay positions in the whole `bytes`.
 * @throws ValidationError for the first malformed or invalid construct, with its offset
 */
export function validateModuleBinary(bytes: Uint8Array, features: WasmFeatures, start = 0, end = bytes.length): ModuleState {
  const state = readModuleSections(bytes, features, start, end);
  validateFunctionBodies(state, 0, state.functionBodies.length);
  return state;
}

/**
 * The first half of `validateModuleBinary`: reads and validates every section, framing the code
 * section's bodies without validating them. The result is the complete context C, so bodies can
 * then be validated in any grouping (`validateFunctionBodies`), on this thread or on another
 * that re-read the same bytes. Reading the sections is cheap (a few ms for 10 MB); the bodies
 * are where the time goes.
 * @throws ValidationError for the first malformed or invalid construct outside the bodies
 */
export function readModuleSections(bytes: Uint8Array, features: WasmFeatures, start = 0, end = bytes.length): ModuleState {
  const reader = new BinaryReader(bytes, start, end);
  readModuleHeader(reader);
  const state = createModuleState(bytes, features);
  let lastRank = 0;
  let sawCode = false;
  let sawData = false;
  while (!reader.eof) {
    const idPos = reader.pos;
    const id = reader.readU8();
    const sizePos = reader.pos;
    const size = reader.readVarU32();
    if (size > reader.remaining) {
      reader.fail(`unexpected end-of-file: section size ${size} exceeds the remaining ${reader.remaining} bytes`, sizePos);
    }
    const section = reader.subReader(size);
    if (id === SectionId.custom) {
      readCustomSection(section, state);
      continue;
    }
    const rank = sectionOrderRank(id);
    if (rank < 0) reader.fail(`malformed section id: ${id}`, idPos);
    if (rank <= lastRank) reader.fail('section out of order', idPos);
    lastRank = rank;
    readSection(id, section, state);
    if (id === SectionId.code) sawCode = true;
    if (id === SectionId.data) sawData = true;
    if (!section.eof) section.fail('section size mismatch: unexpected data at the end of the section');
  }
  const endPos = reader.pos;
  if (!sawCode && (state.definedFuncCount ?? 0) > 0) reader.fail('function and code section have inconsistent lengths', endPos);
  if (!sawData && (state.dataCount ?? 0) > 0) reader.fail('data count and data section have inconsistent lengths', endPos);
  return state;
}

/**
 * Validates the bodies of the defined functions `first..end` (indices into
 * `state.functionBodies`, so 0 is the first defined function) in order, against the context C
 * of `readModuleSections`. Validating contiguous ranges one after another is the same as
 * validating all bodies at once: the first invalid body in function order is the one reported.
 * @throws ValidationError for the first invalid body of the range
 */
export function validateFunctionBodies(state: ModuleState, first: number, end: number): void {
  const bytes = state.wasm;
  const bodyValidator = new FunctionBodyValidator(state);
  const bodies = state.functionBodies;
  // The bodies are read through a plain `Uint8Array` view even when the caller passed a
  // subclass (Node's `Buffer`): the hot loop's byte loads then see one typed-array class
  // whoever calls, instead of going polymorphic.
  const plain = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const last = Math.min(end, bodies.length);
  for (let i = first; i < last; i++) {
    const body = bodies[i];
    if (body === undefined) break;
    bodyValidator.validate(state.numImportedFuncs + i, new BinaryReader(plain, body.offset, body.offset + body.length));
  }
}

function readSection(id: number, section: BinaryReader, state: ModuleState): void {
  switch (id) {
    case SectionId.type:
      return readTypeSection(section, state);
    case SectionId.import:
      return readImportSection(section, state);
    case SectionId.function:
      return readFunctionSection(section, state);
    case SectionId.table:
      return readTableSection(section, state);
    case SectionId.memory:
      return readMemorySection(section, state);
    case SectionId.tag:
      return readTagSection(section, state);
    case SectionId.global:
      return readGlobalSection(section, state);
    case SectionId.export:
      return readExportSection(section, state);
    case SectionId.start:
      return readStartSection(section, state);
    case SectionId.element:
      return readElementSection(section, state);
    case SectionId.dataCount:
      return readDataCountSection(section, state);
    case SectionId.code:
      return readCodeSection(section, state);
    case SectionId.data:
      return readDataSection(section, state);
    default:
      return section.fail(`malformed section id: ${id}`);
  }
}
