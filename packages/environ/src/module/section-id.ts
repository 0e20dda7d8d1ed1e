// Section ids and the order the spec requires (binary format, section 5.5.2). Custom sections
// may appear anywhere; every other section at most once, in this order. The data count
// section (12) sits between element and code, and the tag section (13) between memory and
// global, so the order is not the numeric order of the ids.

/** The id byte of each known section. */
export const SectionId = {
  custom: 0,
  type: 1,
  import: 2,
  function: 3,
  table: 4,
  memory: 5,
  global: 6,
  export: 7,
  start: 8,
  element: 9,
  code: 10,
  data: 11,
  dataCount: 12,
  tag: 13,
} as const;

/** A known section id. */
export type SectionId = (typeof SectionId)[keyof typeof SectionId];

// Rank of each non-custom section id in the required order (index = id).
const ORDER_RANK: readonly number[] = [0, 1, 2, 3, 4, 5, 7, 8, 9, 10, 12, 13, 11, 6];

/**
 * The position of section `id` in the required order, 1 for the type section and growing;
 * -1 for an id that is no section.
 */
export function sectionOrderRank(id: number): number {
  return id >= 1 && id < ORDER_RANK.length ? (ORDER_RANK[id] as number) : -1;
}
