import { unwrap } from "@reptidex/api-client";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { createMemoryRouter, RouterProvider } from "react-router";
import { beforeEach, expect, it, vi } from "vitest";

import InvitationPage from "./InvitationPage";

const calls = vi.hoisted(() => [] as string[]);
const core = vi.hoisted(() => ({ GET: vi.fn(), POST: vi.fn() }));
const switchTo = vi.hoisted(() => vi.fn((id: string) => calls.push(`switch ${id}`)));

vi.mock("../../api", () => ({ api: { core } }));
vi.mock("../../auth/AuthProvider", () => ({ useAuth: () => ({ me: { email: "kim@example.com" }, signOut: vi.fn() }) }));
vi.mock("../../vivarium/VivariumProvider", () => ({ useVivarium: () => ({ switchTo }) }));

const ok = (body: unknown, status = 200) => ({ data: body, response: new Response(null, { status }) });
const INVITATION = {
  id: "i1",
  email: "kim@example.com",
  role: "keeper",
  status: "pending",
  expires_at: "2030-01-01T00:00:00Z",
  vivarium_id: "v-gecko",
  vivarium_name: "Gecko Gardens",
  token: "tok-123",
};

beforeEach(() => {
  calls.length = 0;
  core.GET.mockImplementation(async (path: string) => {
    calls.push(`GET ${path}`);
    return ok(path === "/api/v1/invitations" ? [INVITATION] : { id: "u1", memberships: [] });
  });
  core.POST.mockImplementation(async (path: string) => {
    calls.push(`POST ${path}`);
    return ok({ vivarium_id: "v-gecko", role: "keeper" }, 201);
  });
});

async function renderAt(token: string) {
  const client = new QueryClient();
  // The app keeps `me` in the cache; accepting must read it again.
  await client.prefetchQuery({ queryKey: ["me"], queryFn: () => unwrap(core.GET("/api/v1/auth/me")) });
  calls.length = 0;
  const router = createMemoryRouter(
    [
      { path: "/invitations/:token", Component: InvitationPage },
      { path: "/animals", element: <h1>Collection</h1> },
    ],
    { initialEntries: [`/invitations/${token}`] },
  );
  render(
    <QueryClientProvider client={client}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
}

it("accepts, reads the memberships again, then switches to the vivarium and opens its collection", async () => {
  const user = userEvent.setup();
  await renderAt("tok-123");
  expect(await screen.findByRole("heading", { name: "Join Gecko Gardens" })).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Accept and join" }));
  expect(await screen.findByRole("heading", { name: "Collection" })).toBeInTheDocument();
  const accepted = calls.indexOf("POST /api/v1/invitations/{token}/accept");
  const meRead = calls.indexOf("GET /api/v1/auth/me");
  const switched = calls.indexOf("switch v-gecko");
  expect(accepted).toBeGreaterThan(-1);
  expect(meRead).toBeGreaterThan(accepted);
  expect(switched).toBeGreaterThan(meRead);
});

it("says so when the invitation is not open for the signed-in account", async () => {
  await renderAt("someone-elses-token");
  expect(await screen.findByRole("heading", { name: "This invitation is not open for kim@example.com" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Sign in with another account" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Accept and join" })).toBeNull();
});
