// A table that becomes a stack of cards below 640 px (one DOM for both: 1,000 rows cost no more on a phone). Cells
// stack, each shows its column's name from data-label, and the header row stays for screen readers only.
export const responsiveTable = {
  wrapper: "overflow-x-auto max-sm:overflow-visible",
  table: "w-full text-left text-sm max-sm:block",
  // Relative: the header's sr-only cells are positioned inside the table, not past the page's edge.
  head: "max-sm:sr-only",
  body: "max-sm:block max-sm:space-y-3 max-sm:divide-y-0 max-sm:p-3",
  row: "max-sm:block max-sm:rounded-lg max-sm:border max-sm:border-slate-200 max-sm:bg-white max-sm:px-4 max-sm:py-2 max-sm:shadow-sm",
  cell: "px-4 py-3 max-sm:flex max-sm:min-w-0 max-sm:items-center max-sm:justify-between max-sm:gap-3 max-sm:px-0 max-sm:py-1",
  /** A cell that names its column on a phone: give it data-label. */
  labelled:
    "px-4 py-3 max-sm:flex max-sm:min-w-0 max-sm:items-center max-sm:justify-between max-sm:gap-3 max-sm:px-0 max-sm:py-1 max-sm:before:shrink-0 max-sm:before:text-xs max-sm:before:font-semibold max-sm:before:uppercase max-sm:before:tracking-wide max-sm:before:text-slate-700 max-sm:before:content-[attr(data-label)]",
  actions: "max-sm:justify-end max-sm:border-t max-sm:border-slate-100 max-sm:pt-2",
};
