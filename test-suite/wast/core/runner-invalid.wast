;; Written for tswasm's runner: modules validation must reject, as text and as bytes.

(assert_invalid
  (module (func (result i32) (i64.const 0)))
  "type mismatch")

(assert_invalid
  (module (func (local.get 0)))
  "unknown local")

;; Exports function 0 of a module that has none.
(assert_invalid
  (module binary
    "\00asm\01\00\00\00"
    "\07\05\01\01f\00\00")
  "unknown function")

;; Malformed binaries: each must end in a ValidationError, not in another exception.
(assert_malformed (module binary "") "unexpected end")
(assert_malformed (module binary "\00asm") "unexpected end")
(assert_malformed (module binary "\00ASM\01\00\00\00") "magic header not detected")
(assert_malformed (module binary "\00asm\02\00\00\00") "unknown binary version")
(assert_malformed (module binary "\00asm\01\00\00\00\01\05\00") "unexpected end")

;; Text-parser tests are not ours: skipped.
(assert_malformed (module quote "(func (i32.const))") "unexpected token")
