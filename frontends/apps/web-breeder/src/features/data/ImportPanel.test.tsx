import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { MemoryRouter } from "react-router";
import { beforeEach, expect, it, vi } from "vitest";

import { dryRunImport, runImport, type ImportResult } from "./dataApi";
import { ImportPanel } from "./ImportPanel";
import type { DryRun } from "./importReport";

vi.mock("./dataApi", () => ({ dryRunImport: vi.fn(), runImport: vi.fn(), exportCollection: vi.fn() }));
vi.mock("../../api", () => ({ api: {} }));

const row = (n: number, displayId: string) => ({
  row: n,
  display_id: displayId,
  name: null,
  species: "Ball python",
  sex: "male" as const,
  hatch_date: null,
  status: "active" as const,
  visibility: "private" as const,
  morph: null,
  sire: null,
  dam: null,
  genotype: ["Pastel"],
});

const bad: DryRun = {
  valid: false,
  rows: 2,
  errors: [{ row: 3, column: "sex", value: "x", message: "'x' is not one of: male, female, unknown." }],
  plan_limit: null,
  preview: [row(2, "BP-1"), row(3, "BP-2")],
  preview_truncated: false,
};
const good: DryRun = { ...bad, valid: true, errors: [] };

function renderPanel() {
  const client = new QueryClient();
  render(
    <QueryClientProvider client={client}>
      <MemoryRouter>
        <ImportPanel vivariumId="v1" />
      </MemoryRouter>
    </QueryClientProvider>,
  );
}

// jsdom's File has no text(); the browser's does.
const file = (text: string) => Object.assign(new File([text], "animals.csv", { type: "text/csv" }), { text: async () => text });

beforeEach(() => vi.mocked(dryRunImport).mockReset());

it("checks the file first, lists each bad row and refuses to import until it is fixed", async () => {
  const user = userEvent.setup();
  vi.mocked(dryRunImport).mockResolvedValueOnce(bad).mockResolvedValueOnce(good);
  vi.mocked(runImport).mockResolvedValue({ created: 2, animals: [{ row: 2, id: "a1", display_id: "BP-1" }, { row: 3, id: "a2", display_id: "BP-2" }] });
  renderPanel();

  await user.upload(screen.getByLabelText("CSV file"), file("species,sex\nBall python,m\nBall python,x\n"));
  expect(await screen.findByText("1 of 2 rows has problems. Nothing has been imported.")).toBeInTheDocument();
  const badRow = screen.getByRole("listitem", { name: "Row 3: 1 problem" });
  expect(within(badRow).getByText(/is not one of: male, female, unknown/)).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Import 2 animals" })).toBeDisabled();
  expect(runImport).not.toHaveBeenCalled();

  await user.upload(screen.getByLabelText("CSV file"), file("species,sex\nBall python,m\nBall python,f\n"));
  const confirm = await screen.findByRole("button", { name: "Import 2 animals" });
  await vi.waitFor(() => expect(confirm).toBeEnabled());
  await user.click(confirm);

  expect(await screen.findByRole("heading", { name: "Imported 2 animals from animals.csv" })).toBeInTheDocument();
  expect(screen.getByRole("link", { name: /BP-2/ })).toHaveAttribute("href", "/animals/a2");
  expect(runImport).toHaveBeenCalledWith("v1", "species,sex\nBall python,m\nBall python,f\n", expect.any(Function));
});

it("shows the job's progress while the server imports, then its report", async () => {
  const user = userEvent.setup();
  vi.mocked(dryRunImport).mockResolvedValueOnce(good);
  let finish: (result: ImportResult) => void = () => undefined;
  vi.mocked(runImport).mockImplementation((_vivarium, _csv, onProgress) => {
    const job = {
      id: "j1",
      status: "queued" as const,
      rows_total: 2,
      rows_done: 0,
      created_at: "2026-12-03T12:00:00Z",
      started_at: null,
      finished_at: null,
      result: null,
      problem: null,
    };
    onProgress?.(job);
    onProgress?.({ ...job, status: "running", rows_done: 1 });
    return new Promise<ImportResult>((resolve) => {
      finish = resolve;
    });
  });
  renderPanel();

  await user.upload(screen.getByLabelText("CSV file"), file("species,sex\nBall python,m\nBall python,f\n"));
  const confirm = await screen.findByRole("button", { name: "Import 2 animals" });
  await vi.waitFor(() => expect(confirm).toBeEnabled());
  await user.click(confirm);

  expect(await screen.findByText("Importing: 1 of 2 rows written…")).toBeInTheDocument();
  expect(screen.getByRole("progressbar", { name: "Import progress" })).toHaveAttribute("value", "1");
  finish({ created: 2, animals: [{ row: 2, id: "a1", display_id: "BP-1" }, { row: 3, id: "a2", display_id: "BP-2" }] });
  expect(await screen.findByRole("heading", { name: "Imported 2 animals from animals.csv" })).toBeInTheDocument();
});
