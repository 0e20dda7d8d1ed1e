;; Written for tswasm's runner: valid modules in each form the runner reads. Every `module`
;; directive here must assemble and validate.

(module)
(module $named
  (func $add (param i32 i32) (result i32)
    (i32.add (local.get 0) (local.get 1)))
  (export "add" (func $add)))

;; A string literal with escapes that name the same bytes as plain text would.
(module (func (export "\u{41}\42C\t")))

;; Module fields may carry annotations, which the text parser passes over.
(module (@custom-note "kept as text") (memory 1))

;; The same empty module as bytes, split over several strings.
(module binary "\00asm" "\01\00\00\00")
(module $bin binary
  "\00asm\01\00\00\00"
  "\01\05\01\60\00\01\7f"      ;; type section: [] -> [i32]
  "\03\02\01\00"               ;; function section: one function of type 0
  "\0a\06\01\04\00\41\2a\0b"   ;; code section: i32.const 42
)

(; Block comments (; nest ;) and may hold "quotes" and ) parens. ;)
(module (func (result i32) (i32.const 7)))

;; Execution directives (skipped by an engine that can only validate) reach named modules.
(invoke $named "add" (i32.const 0) (i32.const 0))
(assert_return (invoke $named "add" (i32.const 1) (i32.const 2)) (i32.const 3))
