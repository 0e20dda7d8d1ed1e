import { expect } from 'chai';
import fc from 'fast-check';
import { coreInstance, liftedExport, loweredImport, opts, TestTrap, Types } from './canonical-fixtures.js';
import type { StringEncoding } from '../../src/canonical/abi-options.js';

describe('canonical trampolines given arbitrary guest memory and core values', () => {
  it('either lift a value or trap, never throw anything else', async () => {
    const core = await coreInstance();
    const t = new Types();
    const text = t.prim('string');
    const item = t.variant({ a: t.listOf(text), b: t.record({ c: t.prim('char'), f: t.def({ kind: 'flags', names: ['x', 'y'] }) }), n: null, m: t.def({ kind: 'map', key: text, value: t.option(t.prim('u16')) }) });
    const type = t.func([t.listOf(item), t.def({ kind: 'enum', names: ['p', 'q'] })], null);
    const encodings: StringEncoding[] = ['utf8', 'utf16', 'latin1+utf16'];
    const bytes = new Uint8Array(core.memory.buffer);
    for (const encoding of encodings) {
      const imp = loweredImport(t, type, core, () => undefined, opts({ stringEncoding: encoding }));
      const exp = liftedExport(t, t.func([], t.listOf(item)), core, () => 256, opts({ stringEncoding: encoding }));
      fc.assert(
        fc.property(fc.uint8Array({ minLength: 512, maxLength: 512 }), fc.integer({ min: -1, max: 70000 }), fc.integer({ min: -1, max: 40 }), fc.integer({ min: -1, max: 3 }), (junk, ptr, len, e) => {
          // Pointers in the junk point mostly back into it.
          bytes.set(junk.map((b, i) => (i % 4 === 1 || i % 4 === 2 ? 0 : i % 4 === 3 ? b & 1 : b)), 256);
          for (const call of [() => imp(ptr, len, e), () => exp()]) {
            try {
              call();
            } catch (error) {
              expect(error, String(error)).to.be.instanceOf(TestTrap);
            }
          }
        }),
        { numRuns: 300 },
      );
    }
  });
});
