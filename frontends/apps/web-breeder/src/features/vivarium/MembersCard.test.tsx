import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, expect, it, vi } from "vitest";

import type { Role } from "../../lib/roles";
import { MembersCard } from "./MembersCard";

const state = vi.hoisted(() => ({ role: "keeper" as Role }));
const core = vi.hoisted(() => ({ GET: vi.fn(), PATCH: vi.fn(), DELETE: vi.fn() }));

vi.mock("../../api", () => ({ api: { core } }));
vi.mock("../../auth/AuthProvider", () => ({ useAuth: () => ({ me: { id: "u-owner" } }) }));
vi.mock("../../vivarium/VivariumProvider", () => ({ useVivarium: () => ({ role: state.role, vivariumId: "v1" }) }));

const json = (status: number, body: unknown) => ({
  data: status < 400 ? body : undefined,
  error: status >= 400 ? body : undefined,
  response: new Response(null, { status }),
});

const MEMBERS = [
  { user_id: "u-owner", display_name: "Morgan", email: "morgan@example.com", role: "herpetologist", joined_at: "2026-01-01T00:00:00Z" },
  { user_id: "u-keeper", display_name: "Sam", email: "sam@example.com", role: "keeper", joined_at: "2026-02-01T00:00:00Z" },
];

beforeEach(() => {
  core.GET.mockResolvedValue(json(200, MEMBERS));
  core.PATCH.mockReset();
});

function renderCard() {
  render(
    <QueryClientProvider client={new QueryClient()}>
      <MembersCard vivariumId="v1" vivariumName="Reyes Reptiles" />
    </QueryClientProvider>,
  );
}

it("offers a keeper no role changes and no removals, only leaving", async () => {
  state.role = "keeper";
  renderCard();
  const list = await screen.findByRole("list", { name: "Members" });
  expect(within(list).queryAllByRole("combobox")).toHaveLength(0);
  expect(within(list).getByText("Herpetologist (owner)")).toBeInTheDocument();
  expect(within(list).queryByRole("button", { name: /^Remove/ })).toBeNull();
  expect(within(list).getByRole("button", { name: "Leave Reyes Reptiles" })).toBeInTheDocument();
});

it("lets an owner try to demote themselves and shows why the API refuses", async () => {
  state.role = "herpetologist";
  core.PATCH.mockResolvedValue(
    json(409, {
      type: "https://docs.reptidex.app/problems/last-owner",
      title: "Conflict",
      detail: "A vivarium always keeps at least one herpetologist (owner).",
    }),
  );
  const user = userEvent.setup();
  renderCard();
  const own = await screen.findByRole("combobox", { name: "Role of Morgan" });
  expect(screen.getByRole("button", { name: "Remove Sam" })).toBeInTheDocument();
  await user.selectOptions(own, "keeper");
  const row = screen.getByRole("listitem", { name: "Morgan (you)" });
  expect(await within(row).findByRole("alert")).toHaveTextContent("A vivarium always needs an owner");
  expect(core.PATCH).toHaveBeenCalledWith(
    "/api/v1/vivariums/{vivarium_id}/members/{user_id}",
    expect.objectContaining({ body: { role: "keeper" } }),
  );
  expect(own).toHaveValue("herpetologist");
});
