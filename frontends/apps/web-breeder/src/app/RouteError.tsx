import { Button, ErrorState } from "@reptidex/ui";
import { Link, useRouteError } from "react-router";

import { explain } from "../lib/problems";

export function RouteError() {
  const error = useRouteError();
  const { title, message, next } = explain(error);
  return (
    <div className="mx-auto max-w-xl p-6">
      <ErrorState
        title={title}
        message={message}
        next={next}
        action={
          <Button variant="secondary" onClick={() => window.location.reload()}>
            Reload
          </Button>
        }
      />
    </div>
  );
}

export function NotFoundPage() {
  return (
    <ErrorState
      title="There is no page here"
      message="The address may be mistyped, or the page has moved."
      next="Go back to today's list and carry on from there."
      action={
        <Link to="/today" className="font-medium underline">
          Open Today
        </Link>
      }
    />
  );
}
