import { expect } from 'chai';

import { unfoldLegacyTry } from '../../src/wast/unfold-legacy-try.js';

describe('unfoldLegacyTry', () => {
  it('returns text without a folded try unchanged', () => {
    const text = '(module (func try catch_all end)) ;; (do';
    expect(unfoldLegacyTry(text)).to.equal(text);
  });

  it('flattens do, catch and catch_all clauses, keeping label and block type', () => {
    const text = '(module (func (result i32) (try $l (result i32) (do (i32.const 1)) (catch $e (i32.const 2)) (catch_all (i32.const 3)))))';
    expect(unfoldLegacyTry(text)).to.equal(
      '(module (func (result i32) try $l (result i32) (i32.const 1) catch $e (i32.const 2) catch_all (i32.const 3) end))',
    );
  });

  it('ends a try with delegate instead of end', () => {
    expect(unfoldLegacyTry('(func (try (do (throw $e)) (delegate 0)))')).to.equal('(func try (throw $e) delegate 0)');
  });

  it('flattens a try nested in the body of another', () => {
    expect(unfoldLegacyTry('(try $t (do (try (do nop) (delegate $t))) (catch_all))')).to.equal('try $t try nop delegate $t catch_all end');
  });
});
