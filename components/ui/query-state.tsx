// The loading / error / empty / data chain of a list fed by one query, so every list says "loading" to screen
// readers, offers Retry and shows its empty text the same way.
import type { ReactNode } from "react";
import { Notice } from "./notice";
import { Skeleton } from "./skeleton";
import { buttonClass } from "./styles";

type TQueryStatus<TData> = {
  data: TData | undefined;
  isPending: boolean;
  isError: boolean;
  error: Error | null;
  refetch: () => unknown;
};

type QueryStateProps<TData> = {
  query: TQueryStatus<TData>;
  /** Read by screen readers while the query loads, e.g. "Loading keys…". */
  loadingLabel: string;
  errorTitle: string;
  errorTestId?: string;
  /** The padding around the loading and error states (a card's own spacing). */
  padding?: "p-4" | "p-6";
  skeletonClassName?: string;
  isEmpty?: boolean;
  empty?: ReactNode;
  /** Called only once the data is there. */
  children: (data: TData) => ReactNode;
};

export function QueryState<TData>({
  query,
  loadingLabel,
  errorTitle,
  errorTestId,
  padding = "p-4",
  skeletonClassName = "h-5 w-full",
  isEmpty = false,
  empty,
  children,
}: QueryStateProps<TData>) {
  if (query.isPending) {
    return (
      <div className={`space-y-3 ${padding}`}>
        <p role="status" className="sr-only">
          {loadingLabel}
        </p>
        <Skeleton className={skeletonClassName} />
        <Skeleton className={skeletonClassName} />
      </div>
    );
  }
  if (query.isError) {
    const retry = (
      <button type="button" className={buttonClass.secondary} onClick={() => query.refetch()}>
        Retry
      </button>
    );
    return (
      <div className={padding} data-testid={errorTestId}>
        <Notice tone="error" title={errorTitle} action={retry}>
          {query.error?.message}
        </Notice>
      </div>
    );
  }
  if (isEmpty) return empty;
  return query.data === undefined ? null : children(query.data);
}
