import { Button, ErrorState } from "@reptidex/ui";
import type { ReactNode } from "react";

import { explain } from "../lib/problems";

/** A read that failed, in plain words, with "Try again"; `children` are other ways out beside it. */
export function RetryError({ error, onRetry, children }: { error: unknown; onRetry: () => Promise<unknown>; children?: ReactNode }) {
  const retry = (
    <Button variant="secondary" onClick={() => void onRetry()}>
      Try again
    </Button>
  );
  return (
    <ErrorState
      {...explain(error)}
      action={
        children ? (
          <div className="flex flex-wrap gap-2">
            {retry}
            {children}
          </div>
        ) : (
          retry
        )
      }
    />
  );
}
