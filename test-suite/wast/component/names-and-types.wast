;; Written for tswasm: component validation of names and value types, as environ must judge them.

;; Every value type constructor in one import (definitions: their imports are not satisfied). Records, variants, flags and enums must be
;; named where an import mentions them, so each is imported under a name first.
(component definition
  (type $rd (record (field "a" u8) (field "b-c" string)))
  (import "r" (type $r (eq $rd)))
  (type $vd (variant (case "none") (case "some" $r)))
  (import "v" (type $v (eq $vd)))
  (type $fd (flags "read" "write"))
  (import "fl" (type $f (eq $fd)))
  (type $ed (enum "north" "south"))
  (import "e" (type $e (eq $ed)))
  (import "f" (func (param "x" $r) (param "y" $v) (param "z" $f) (param "w" $e)
    (param "l" (list u32)) (param "t" (tuple s64 f32 char)) (param "o" (option bool))
    (result (result string (error u16))))))

;; The same record used anonymously in an import is not valid: imports name their types.
(assert_invalid
  (component
    (type $rd (record (field "a" u8)))
    (import "f" (func (param "x" $rd))))
  "not valid to be used as import")

;; Interface names with versions, and resource functions beside a plain name that matches
;; a method label of another resource (wasi:http's `method` type and
;; `[method]incoming-request.method`).
(component definition
  (import "wasi:http/types@0.2.10" (instance
    (export "method" (type (sub resource)))
    (export "incoming-request" (type $req (sub resource)))
    (export "[method]incoming-request.method" (func (param "self" (borrow $req))))
    (export "[constructor]incoming-request" (func (result (own $req))))
    (export "[static]incoming-request.empty" (func (result (own $req)))))))

(assert_invalid
  (component (import "NotKebab" (func)))
  "not in kebab case")

(assert_invalid
  (component (import "a" (func)) (import "A" (func)))
  "conflicts with previous name")

;; A plain `l` and `[static]l.l` bind the same name.
(assert_invalid
  (component (import "i" (instance
    (export "l" (type (sub resource)))
    (export "[static]l.l" (func)))))
  "conflicts with previous name")

;; A method takes its resource as its first parameter.
(assert_invalid
  (component (import "i" (instance
    (export "r" (type (sub resource)))
    (export "[method]r.m" (func)))))
  "should have at least one argument")

;; Lifting a string needs a memory.
(assert_invalid
  (component
    (core module $m (func (export "f") (param i32 i32)))
    (core instance $i (instantiate $m))
    (func (export "f") (param "s" string) (canon lift (core func $i "f"))))
  "`memory` is required")

;; A core module where a component is expected.
(assert_malformed
  (component binary "\00asm\01\00\00\00")
  "expected a component")
