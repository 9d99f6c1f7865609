import { Skeleton } from "@reptidex/ui";
import type { ReactNode } from "react";
import { Navigate, useLocation } from "react-router";

import { useAuth } from "./AuthProvider";

export function RequireAuth({ children }: { children: ReactNode }) {
  const { signedIn, me, loading, expired } = useAuth();
  const location = useLocation();
  if (loading && !signedIn) return <ShellSkeleton />;
  if (!signedIn && !expired) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/login?next=${next}`} replace />;
  }
  if (loading || !me) return <ShellSkeleton />;
  return children;
}

/** The app's frame in grey while the account loads, so nothing jumps when it arrives. */
export function ShellSkeleton() {
  return (
    <div className="flex min-h-dvh" aria-busy="true">
      <div className="hidden w-60 border-r border-stone-200 p-4 md:block dark:border-stone-800">
        <Skeleton className="mb-6 h-8 w-32" />
        {Array.from({ length: 7 }, (_, index) => (
          <Skeleton key={index} className="mb-3 h-6 w-40" />
        ))}
      </div>
      <div className="flex-1 p-6">
        <Skeleton className="mb-4 h-8 w-48" />
        <Skeleton className="h-40 w-full" />
      </div>
    </div>
  );
}
