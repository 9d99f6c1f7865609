import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { LoadMore } from "./LoadMore";

type Callback = (entries: { isIntersecting: boolean }[]) => void;
let observers: Callback[] = [];

beforeEach(() => {
  observers = [];
  vi.stubGlobal(
    "IntersectionObserver",
    class {
      constructor(callback: Callback) {
        observers.push(callback);
      }
      observe() {}
      disconnect() {}
    },
  );
});

afterEach(() => vi.unstubAllGlobals());

describe("LoadMore", () => {
  it("loads the next page when the end of the list comes into view", () => {
    const onLoad = vi.fn();
    render(<LoadMore hasMore loading={false} onLoad={onLoad} />);
    observers.at(-1)!([{ isIntersecting: false }]);
    expect(onLoad).not.toHaveBeenCalled();
    observers.at(-1)!([{ isIntersecting: true }]);
    expect(onLoad).toHaveBeenCalledTimes(1);
  });

  it("does not ask twice while a page is loading", () => {
    const onLoad = vi.fn();
    render(<LoadMore hasMore loading onLoad={onLoad} />);
    observers.at(-1)!([{ isIntersecting: true }]);
    expect(onLoad).not.toHaveBeenCalled();
  });

  it("is a button for keyboards, and disappears at the end", async () => {
    const onLoad = vi.fn();
    const { rerender } = render(<LoadMore hasMore loading={false} onLoad={onLoad} label="Load more animals" />);
    await userEvent.click(screen.getByRole("button", { name: "Load more animals" }));
    expect(onLoad).toHaveBeenCalledTimes(1);
    rerender(<LoadMore hasMore={false} loading={false} onLoad={onLoad} label="Load more animals" />);
    expect(screen.queryByRole("button")).not.toBeInTheDocument();
  });

  it("loads on scroll only when asked to", () => {
    render(<LoadMore hasMore loading={false} onLoad={vi.fn()} auto={false} />);
    expect(observers).toHaveLength(0);
  });
});
