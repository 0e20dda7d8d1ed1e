/**
 * An independent reading of a module by the npm `wasmparser` package (the owner's pick for
 * reading wasm), used as an oracle: environ's translation must agree with it on what a valid
 * module imports, exports and declares. wasmparser does not validate, so it is only asked
 * about modules that environ accepted.
 */
import { BinaryReader as WasmparserReader } from 'wasmparser';

// wasmparser declares its states as an ambient const enum, which isolated modules cannot
// read; these are its values.
const STATE_ERROR = -1;
const STATE_END_WASM = 2;
const STATE_IMPORT_SECTION_ENTRY = 12;
const STATE_FUNCTION_SECTION_ENTRY = 13;
const STATE_EXPORT_SECTION_ENTRY = 17;
const STATE_BEGIN_FUNCTION_BODY = 28;
const STATE_BEGIN_DATA_SECTION_ENTRY = 36;
const STATE_BEGIN_ELEMENT_SECTION_ENTRY = 33;

const KIND_NAMES = ['func', 'table', 'memory', 'global', 'tag'] as const;

/** What wasmparser reads out of a module's sections. */
export interface OracleReading {
  readonly imports: { module: string; field: string; kind: string }[];
  readonly exports: { name: string; kind: string; index: number }[];
  /** Type index of each defined function. */
  readonly definedFunctionTypes: number[];
  functionBodies: number;
  dataSegments: number;
  elementSegments: number;
}

const utf8 = new TextDecoder();

/** Reads `bytes` with wasmparser; throws if wasmparser reports an error. */
export function readWithWasmparser(bytes: Uint8Array): OracleReading {
  const reader = new WasmparserReader();
  reader.setData(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength);
  const reading: OracleReading = {
    imports: [],
    exports: [],
    definedFunctionTypes: [],
    functionBodies: 0,
    dataSegments: 0,
    elementSegments: 0,
  };
  for (;;) {
    if (!reader.read()) throw new Error('wasmparser stopped before the end of the module');
    const state = reader.state as number;
    if (state === STATE_ERROR) throw reader.error;
    if (state === STATE_END_WASM) return reading;
    const result = reader.result as unknown as Record<string, unknown>;
    switch (state) {
      case STATE_IMPORT_SECTION_ENTRY:
        reading.imports.push({
          module: utf8.decode(result['module'] as Uint8Array),
          field: utf8.decode(result['field'] as Uint8Array),
          kind: KIND_NAMES[result['kind'] as number] ?? 'unknown',
        });
        break;
      case STATE_EXPORT_SECTION_ENTRY:
        reading.exports.push({
          name: utf8.decode(result['field'] as Uint8Array),
          kind: KIND_NAMES[result['kind'] as number] ?? 'unknown',
          index: result['index'] as number,
        });
        break;
      case STATE_FUNCTION_SECTION_ENTRY:
        reading.definedFunctionTypes.push(result['typeIndex'] as number);
        break;
      case STATE_BEGIN_FUNCTION_BODY:
        reading.functionBodies++;
        reader.skipFunctionBody();
        break;
      case STATE_BEGIN_DATA_SECTION_ENTRY:
        reading.dataSegments++;
        break;
      case STATE_BEGIN_ELEMENT_SECTION_ENTRY:
        reading.elementSegments++;
        break;
    }
  }
}
