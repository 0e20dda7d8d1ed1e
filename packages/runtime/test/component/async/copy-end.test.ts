import { expect } from 'chai';
import { copyEndAt, CopyEnd } from '../../../src/component/async/copy-end.js';
import { SharedStream } from '../../../src/component/async/shared-stream.js';
import { HandleTable } from '../../../src/component/resources/handle-table.js';
import { Trap } from '../../../src/trap/trap.js';

describe('copyEndAt', () => {
  it('returns the end of the asked kind, side and type', () => {
    const table = new HandleTable();
    const end = new CopyEnd(new SharedStream('stream<u8>', true), true);
    const index = table.addEntry(end);
    expect(copyEndAt(table, index, 'stream', true, 'stream<u8>')).to.equal(end);
  });

  it('traps naming the expected end for the other side, and the expected type for another element type', () => {
    const table = new HandleTable();
    const index = table.addEntry(new CopyEnd(new SharedStream('stream<u8>', true), true));
    expect(() => copyEndAt(table, index, 'stream', false, 'stream<u8>')).to.throw(Trap, `handle index ${index} used with the wrong type, expected stream write end but found stream read end`);
    expect(() => copyEndAt(table, index, 'stream', true, 'stream<u32>')).to.throw(Trap, `handle index ${index} used with the wrong type, expected \`stream<u32>\` but found \`stream<u8>\``);
  });
});
