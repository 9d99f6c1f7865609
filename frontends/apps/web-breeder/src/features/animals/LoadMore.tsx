import { Button } from "@reptidex/ui";
import { useEffect, useRef } from "react";

/**
 * The end of a paged list: loads the next page when it scrolls into view, and is a plain
 * button too, for keyboards, screen readers and browsers without IntersectionObserver.
 */
export function LoadMore({
  hasMore,
  loading,
  onLoad,
  label = "Load more",
  auto = true,
}: {
  hasMore: boolean;
  loading: boolean;
  onLoad: () => void;
  label?: string;
  auto?: boolean;
}) {
  const sentinel = useRef<HTMLDivElement>(null);
  const latest = useRef({ hasMore, loading, onLoad });
  latest.current = { hasMore, loading, onLoad };

  // Observed afresh after each load: a new observer reports at once if the end is still in
  // view (a tall screen), where the old one would wait for the next scroll.
  useEffect(() => {
    const element = sentinel.current;
    if (!auto || !element || typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        const { hasMore: more, loading: busy, onLoad: load } = latest.current;
        if (entries.some((entry) => entry.isIntersecting) && more && !busy) load();
      },
      { rootMargin: "400px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [auto, hasMore, loading]);

  if (!hasMore) return null;
  return (
    <div ref={sentinel} className="flex justify-center py-4">
      <Button variant="secondary" busy={loading} onClick={onLoad}>
        {loading ? "Loading…" : label}
      </Button>
    </div>
  );
}
