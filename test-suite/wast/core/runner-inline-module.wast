;; Written for tswasm's runner: a script of bare module fields is one module.
(type $t (func (result i32)))
(func $f (type $t) (i32.const 1))
(memory 1)
(export "f" (func $f))
