;; Written for tswasm's runner: an exception that escapes to the host, and one that does not.
;; It catches with the legacy `try`, which Node 20's V8 runs (it lacks `try_table`).

(module
  (tag $e (param i32))
  (func (export "throw") (throw $e (i32.const 1)))
  (func (export "catch") (result i32)
    (try (result i32)
      (do (throw $e (i32.const 5)))
      (catch $e)))
)
(assert_exception (invoke "throw"))
(assert_return (invoke "catch") (i32.const 5))
