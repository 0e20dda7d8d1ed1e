import { parse } from '@bytecodealliance/jco';
import { validateComponent } from '../../../src/index.js';
import { expectValidationError } from '../../expect-invalid.js';

async function rejects(text: string, offset: number, reason: string): Promise<void> {
  const bytes = await parse(text);
  expectValidationError(() => validateComponent(bytes), offset, reason);
}

describe('readComponentTypeDef', () => {
  it('rejects a borrow in a function result', async () => {
    await rejects('(component (type $r (resource (rep i32))) (type (func (result (borrow $r)))))', 0x13, 'function result cannot contain a `borrow` type');
  });

  it('rejects an enum without cases', async () => {
    await rejects('(component (type (enum)))', 0xb, 'enum type must have at least one variant');
  });

  it('rejects record fields that differ only in case', async () => {
    await rejects('(component (type (record (field "a" u32) (field "A" u32))))', 0x10, 'record field name `A` conflicts with previous field name `a`');
  });

  it('rejects resource definitions inside component types', async () => {
    await rejects('(component (type (component (type (resource (rep i32))))))', 0xe, 'resources can only be defined within a concrete component');
  });

  it('requires a function type where a func import names its type', async () => {
    await rejects('(component (type $t u32) (import "f" (func (type $t))))', 0x13, 'type index 0 is not a function type');
  });

  it('gates stream types behind componentModelAsync', async () => {
    await rejects('(component (type (stream u8)))', 0xb, '`stream` requires the component model async feature');
  });
});
