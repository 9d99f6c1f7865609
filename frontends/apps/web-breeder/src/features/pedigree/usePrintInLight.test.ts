import { renderHook } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";

import { usePrintInLight } from "./usePrintInLight";

const root = document.documentElement;

describe("usePrintInLight", () => {
  afterEach(() => root.classList.remove("dark"));

  it("prints a dark page in the light theme and gives the dark theme back after", () => {
    root.classList.add("dark");
    renderHook(() => usePrintInLight());
    window.dispatchEvent(new Event("beforeprint"));
    expect(root.classList.contains("dark")).toBe(false);
    window.dispatchEvent(new Event("afterprint"));
    expect(root.classList.contains("dark")).toBe(true);
  });

  it("leaves a light page light", () => {
    renderHook(() => usePrintInLight());
    window.dispatchEvent(new Event("beforeprint"));
    window.dispatchEvent(new Event("afterprint"));
    expect(root.classList.contains("dark")).toBe(false);
  });
});
