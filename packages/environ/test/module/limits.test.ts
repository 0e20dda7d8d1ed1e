import { validateModule, withFeatures, WASM2_FEATURES } from '../../src/index.js';
import { expectValidationError } from '../expect-invalid.js';
import { TYPE_VOID, leb, name, section, vec, wasmModule } from '../wasm-builder.js';

// Each count is rejected at the count itself, before anything is read or allocated for it.
describe('module limits', () => {
  const cases: [string, number, number, string][] = [
    ['imports', 2, 1_000_001, 'import count 1000001 exceeds the limit of 1000000'],
    ['functions', 3, 1_000_001, 'function count 1000001 exceeds the limit of 1000000'],
    ['tables', 4, 101, 'table count 101 exceeds the limit of 100'],
    ['globals', 6, 1_000_001, 'global count 1000001 exceeds the limit of 1000000'],
    ['exports', 7, 1_000_001, 'export count 1000001 exceeds the limit of 1000000'],
    ['element segments', 9, 100_001, 'element segment count 100001 exceeds the limit of 100000'],
    ['function bodies', 10, 1_000_001, 'function body count 1000001 exceeds the limit of 1000000'],
    ['data segments', 11, 100_001, 'data segment count 100001 exceeds the limit of 100000'],
    ['the data count', 12, 100_001, 'data count section specifies too many data segments'],
  ];
  for (const [what, id, count, reason] of cases) {
    it(`limits ${what}`, () => {
      expectValidationError(() => validateModule(wasmModule(section(id, leb(count)))), 10, reason);
    });
  }
  it('limits memories with multi-memory', () => {
    const features = withFeatures(WASM2_FEATURES, { multiMemory: true });
    expectValidationError(() => validateModule(wasmModule(section(5, leb(101))), features), 10, 'memory count 101 exceeds the limit of 100');
  });
  it('limits tags', () => {
    const features = withFeatures(WASM2_FEATURES, { exceptions: true });
    expectValidationError(() => validateModule(wasmModule(section(13, leb(1_000_001))), features), 10, 'tag count 1000001 exceeds the limit of 1000000');
  });
  it('counts imported functions against the function limit', () => {
    const imports = section(2, vec([[...name('m'), ...name('f'), 0x00, 0x00]]));
    expectValidationError(
      () => validateModule(wasmModule(TYPE_VOID, imports, section(3, leb(1_000_000)))),
      25,
      'function count 1000001 exceeds the limit of 1000000',
    );
  });
});
