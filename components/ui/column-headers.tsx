// A table's header row: one column header per name, then, when the rows have buttons, the actions column (named for
// screen readers only).
export function ColumnHeaders({
  names,
  hasActions,
  cellClassName,
}: {
  names: readonly string[];
  hasActions: boolean;
  cellClassName: string;
}) {
  return (
    <tr>
      {names.map((name) => (
        <th key={name} scope="col" className={cellClassName}>
          {name}
        </th>
      ))}
      {hasActions && (
        <th scope="col" className={cellClassName}>
          <span className="sr-only">Actions</span>
        </th>
      )}
    </tr>
  );
}
