import type { RuntimeComponentInstanceIndex } from '@tswasm/environ';
import { expect } from 'chai';
import { CopyResult } from '../../../src/component/async/async-codes.js';
import { CopyEnd, CopyState } from '../../../src/component/async/copy-end.js';
import { GuestBuffer } from '../../../src/component/async/guest-buffer.js';
import { SharedFuture, SharedStream } from '../../../src/component/async/shared-stream.js';
import { Trap } from '../../../src/trap/trap.js';

const A = 0 as RuntimeComponentInstanceIndex;
const B = 1 as RuntimeComponentInstanceIndex;
const U8 = { size: 1, align: 1 };

function memory(bytes: number[]): () => ArrayBuffer {
  const buffer = new ArrayBuffer(64);
  new Uint8Array(buffer).set(bytes);
  return () => buffer;
}

describe('GuestBuffer', () => {
  it('rejects a range beyond the end of memory', () => {
    expect(() => new GuestBuffer(A, memory([]), U8, 60, 8)).to.throw(Trap, 'pointer out of bounds of memory');
  });

  it('rejects a misaligned range of aligned elements', () => {
    expect(() => new GuestBuffer(A, memory([]), { size: 4, align: 4 }, 2, 1)).to.throw(Trap, 'pointer not aligned');
  });

  it('accepts any pointer for zero elements', () => {
    expect(new GuestBuffer(A, memory([]), U8, 1_000_000, 0).isZeroLength()).to.equal(true);
  });
});

describe('SharedStream', () => {
  it('copies as many elements as both sides have and reports each side', () => {
    const stream = new SharedStream('stream<u8>', true);
    const src = memory([1, 2, 3, 4, 5]);
    const dst = memory([]);
    const results: string[] = [];
    const writer = new GuestBuffer(A, src, U8, 0, 5);
    stream.write(writer, (reclaim) => { results.push('write copied'); reclaim(); }, (r) => results.push(`write done ${r}`));
    const reader = new GuestBuffer(B, dst, U8, 10, 3);
    stream.read(reader, () => results.push('read copied'), (r) => results.push(`read done ${r}`));
    expect(results).to.deep.equal(['write copied', `read done ${CopyResult.COMPLETED}`]);
    expect([...new Uint8Array(dst(), 10, 3)]).to.deep.equal([1, 2, 3]);
    expect(writer.progress).to.equal(3);
    expect(reader.progress).to.equal(3);
  });

  it('tells a pending reader DROPPED when the writer drops', () => {
    const stream = new SharedStream('stream<u8>', true);
    let result = -1;
    stream.read(new GuestBuffer(B, memory([]), U8, 0, 4), () => {}, (r) => (result = r));
    stream.drop();
    expect(result).to.equal(CopyResult.DROPPED);
  });

  it('cancels a pending copy with CANCELLED', () => {
    const stream = new SharedStream('stream<u8>', true);
    let result = -1;
    const buffer = new GuestBuffer(B, memory([]), U8, 0, 4);
    stream.read(buffer, () => {}, (r) => (result = r));
    expect(stream.isPending(buffer)).to.equal(true);
    stream.cancel();
    expect(result).to.equal(CopyResult.CANCELLED);
    expect(stream.isPending(buffer)).to.equal(false);
  });

  it('completes two zero-length writes against each other without copying', () => {
    const stream = new SharedStream('stream<u8>', true);
    let first = -1;
    let second = -1;
    stream.write(new GuestBuffer(A, memory([]), U8, 0, 0), () => {}, (r) => (first = r));
    stream.write(new GuestBuffer(A, memory([]), U8, 0, 0), () => {}, (r) => (second = r));
    expect(first).to.equal(-1);
    expect(second).to.equal(CopyResult.COMPLETED);
  });

  it('traps on a copy within one instance of elements that are not numbers', () => {
    const stream = new SharedStream('stream<char>', false);
    stream.write(new GuestBuffer(A, memory([]), { size: 4, align: 4 }, 0, 1), () => {}, () => {});
    expect(() => stream.read(new GuestBuffer(A, memory([]), { size: 4, align: 4 }, 8, 1), () => {}, () => {})).to.throw(Trap, 'cannot read from and write to intra-component stream');
  });
});

describe('SharedFuture', () => {
  it('moves the one value of a write into a pending read', () => {
    const future = new SharedFuture('future<u8>', true);
    const dst = memory([]);
    let read = -1;
    let written = -1;
    future.read(new GuestBuffer(B, dst, U8, 4, 1), (r) => (read = r));
    future.write(new GuestBuffer(A, memory([42]), U8, 0, 1), (r) => (written = r));
    expect([read, written]).to.deep.equal([CopyResult.COMPLETED, CopyResult.COMPLETED]);
    expect(new Uint8Array(dst())[4]).to.equal(42);
  });
});

describe('CopyEnd', () => {
  it('refuses to drop a future writable end that never wrote', () => {
    const end = new CopyEnd(new SharedFuture('future<u8>', true), false);
    expect(() => end.drop()).to.throw(Trap, 'cannot drop future write end without first writing a value');
  });

  it('refuses to drop an end while it copies', () => {
    const end = new CopyEnd(new SharedStream('stream<u8>', true), true);
    end.state = CopyState.ASYNC_COPYING;
    expect(() => end.drop()).to.throw(Trap, 'cannot drop busy stream');
  });

  it('refuses to lift a stream end after the writer dropped', () => {
    const end = new CopyEnd(new SharedStream('stream<u8>', true), true);
    end.state = CopyState.DONE;
    expect(() => end.checkLift()).to.throw(Trap, 'cannot lift stream after being notified that the writable end dropped');
  });
});
