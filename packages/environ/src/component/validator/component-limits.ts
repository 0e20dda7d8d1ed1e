// The count limit of the component readers, checked before anything is allocated (as
// module/limits.ts does for modules), so a hostile count cannot exhaust memory.

/** Most items of any one vector in a component binary: definitions, fields, cases, arguments. */
export const MAX_COMPONENT_ITEMS = 1_000_000;
