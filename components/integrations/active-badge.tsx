/** "Active" or "Inactive" as a coloured pill, next to the switch that changes it. */
export function ActiveBadge({ isActive }: { isActive: boolean }) {
  return (
    <span
      className={`inline-flex items-center gap-1.5 rounded-full px-2 py-0.5 text-xs font-medium ${
        isActive ? "bg-green-100 text-green-900" : "bg-slate-200 text-slate-800"
      }`}
    >
      <span aria-hidden="true" className={`h-1.5 w-1.5 rounded-full ${isActive ? "bg-green-700" : "bg-slate-600"}`} />
      {isActive ? "Active" : "Inactive"}
    </span>
  );
}
