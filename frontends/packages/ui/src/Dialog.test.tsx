import { fireEvent, render, screen } from "@testing-library/react";
import { describe, expect, it, vi } from "vitest";

import { Dialog } from "./Dialog";

describe("Dialog", () => {
  it("is named by its title and closes on Escape", () => {
    const onClose = vi.fn();
    render(
      <Dialog open onClose={onClose} title="Archive BP-004?" description="It leaves the active list.">
        <p>Body</p>
      </Dialog>,
    );
    const dialog = screen.getByRole("dialog", { name: "Archive BP-004?", hidden: true });
    expect(dialog).toHaveAccessibleDescription("It leaves the active list.");
    fireEvent(dialog, new Event("cancel", { cancelable: true }));
    expect(onClose).toHaveBeenCalledOnce();
  });

  it("renders nothing inside while closed", () => {
    render(<Dialog open={false} onClose={() => undefined} title="Hidden" />);
    expect(screen.queryByText("Hidden")).toBeNull();
  });
});
