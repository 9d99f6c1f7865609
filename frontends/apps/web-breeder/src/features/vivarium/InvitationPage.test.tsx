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
const me = vi.hoisted(() => ({ email: "kim@example.com", email_verified: true }));
vi.mock("../../auth/AuthProvider", () => ({ useAuth: () => ({ me, signOut: vi.fn() }) }));
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
};
const problem = (status: number, type: string, detail: string) => ({
  error: { type: `https://docs.reptidex.app/problems/${type}`, title: "Refused", status, detail },
  response: new Response(null, { status }),
});

beforeEach(() => {
  calls.length = 0;
  me.email_verified = true;
  core.GET.mockImplementation(async (path: string, init?: { params?: { path?: { token?: string } } }) => {
    calls.push(`GET ${path}`);
    if (path === "/api/v1/invitations/{token}") {
      // Only the invitee's own token opens it; anything else is as if it did not exist.
      return init?.params?.path?.token === "tok-123" ? ok(INVITATION) : problem(404, "invitation-not-found", "Invitation not found.");
    }
    return ok({ id: "u1", memberships: [] });
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
  // The first render loads the page and its icons cold: slow on a busy machine.
  expect(await screen.findByRole("heading", { name: "Join Gecko Gardens" }, { timeout: 5000 })).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Accept and join" }));
  expect(await screen.findByRole("heading", { name: "Collection" })).toBeInTheDocument();
  const accepted = calls.indexOf("POST /api/v1/invitations/{token}/accept");
  const meRead = calls.indexOf("GET /api/v1/auth/me");
  const switched = calls.indexOf("switch v-gecko");
  expect(accepted).toBeGreaterThan(-1);
  expect(meRead).toBeGreaterThan(accepted);
  expect(switched).toBeGreaterThan(meRead);
}, 15_000);

it("says so when the invitation is not open for the signed-in account", async () => {
  await renderAt("someone-elses-token");
  expect(await screen.findByRole("heading", { name: "This invitation is not open for kim@example.com" })).toBeInTheDocument();
  expect(screen.getByRole("button", { name: "Sign in with another account" })).toBeInTheDocument();
  expect(screen.queryByRole("button", { name: "Accept and join" })).toBeNull();
});

it("asks an unverified account to confirm its email first, in plain words, and can send the link again", async () => {
  me.email_verified = false;
  core.POST.mockImplementation(async (path: string) => {
    calls.push(`POST ${path}`);
    if (path === "/api/v1/auth/verify-email/request") return ok({ detail: "A verification link is on its way to kim@example.com." }, 202);
    return problem(403, "email-not-verified", "Verify your email address kim@example.com before answering this invitation.");
  });
  const user = userEvent.setup();
  await renderAt("tok-123");
  expect(await screen.findByText("Confirm your email address first")).toBeInTheDocument();
  await user.click(screen.getByRole("button", { name: "Accept and join" }));
  expect(calls).toContain("POST /api/v1/invitations/{token}/accept");
  expect(screen.queryByRole("heading", { name: "Collection" })).toBeNull();
  await user.click(screen.getByRole("button", { name: "Send the confirmation email again" }));
  expect(await screen.findByText("A verification link is on its way to kim@example.com.")).toBeInTheDocument();
  expect(calls).toContain("POST /api/v1/auth/verify-email/request");
});
