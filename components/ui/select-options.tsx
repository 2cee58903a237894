// The <option>s of a <select> drawn from a list: `valueOf` gives each item's value (and key), `labelOf` its text.
import type { ReactNode } from "react";

type SelectOptionsProps<T> = { items: readonly T[]; valueOf: (item: T) => string; labelOf: (item: T) => ReactNode };

export function SelectOptions<T>({ items, valueOf, labelOf }: SelectOptionsProps<T>) {
  return items.map((item) => (
    <option key={valueOf(item)} value={valueOf(item)}>
      {labelOf(item)}
    </option>
  ));
}
