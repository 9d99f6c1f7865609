import { render, screen } from "@testing-library/react";
import { describe, expect, it } from "vitest";

import { useFocusFirstError } from "./useFocusFirstError";

function Form({ attempt, invalid }: { attempt: unknown; invalid: boolean }) {
  const ref = useFocusFirstError<HTMLFormElement>(attempt);
  return (
    <form ref={ref}>
      <div role="alert">Not saved yet</div>
      <input aria-label="Name" />
      <input aria-label="Hatch date" aria-invalid={invalid || undefined} />
    </form>
  );
}

describe("useFocusFirstError", () => {
  it("focuses the first marked field after a refused attempt", () => {
    const { rerender } = render(<Form attempt={null} invalid={false} />);
    expect(document.body).toHaveFocus();
    rerender(<Form attempt={{ hatch_date: "In the future" }} invalid />);
    expect(screen.getByLabelText("Hatch date")).toHaveFocus();
  });

  it("falls back to the message on top when no field is marked", () => {
    render(<Form attempt={new Error("offline")} invalid={false} />);
    expect(screen.getByRole("alert")).toHaveFocus();
  });
});
