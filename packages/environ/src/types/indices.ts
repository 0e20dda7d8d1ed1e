/** Index of a type in a module's type section (across all rec groups). */
export type TypeIndex = number & { readonly __brand: 'TypeIndex' };
/** Index in a module's function space: imported functions first, then defined ones. */
export type FuncIndex = number & { readonly __brand: 'FuncIndex' };
/** Index of a function defined (not imported) by a module. */
export type DefinedFuncIndex = number & { readonly __brand: 'DefinedFuncIndex' };
/** Index in a module's table space: imported tables first. */
export type TableIndex = number & { readonly __brand: 'TableIndex' };
/** Index in a module's memory space: imported memories first. */
export type MemoryIndex = number & { readonly __brand: 'MemoryIndex' };
/** Index in a module's global space: imported globals first. */
export type GlobalIndex = number & { readonly __brand: 'GlobalIndex' };
/** Index in a module's tag space: imported tags first. */
export type TagIndex = number & { readonly __brand: 'TagIndex' };
/** Index of an element segment. */
export type ElemIndex = number & { readonly __brand: 'ElemIndex' };
/** Index of a data segment. */
export type DataIndex = number & { readonly __brand: 'DataIndex' };
