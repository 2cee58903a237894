// "Load more" under a list fed page by page (an infinite query): busy while the next page loads.
import { buttonClass } from "./styles";

type TPagedQuery = { isFetchingNextPage: boolean; fetchNextPage: () => Promise<unknown> };

export function LoadMoreButton({ query, label }: { query: TPagedQuery; label: string }) {
  return (
    <button
      type="button"
      className={buttonClass.secondary}
      disabled={query.isFetchingNextPage}
      onClick={() => void query.fetchNextPage()}
    >
      {query.isFetchingNextPage ? "Loading…" : label}
    </button>
  );
}
