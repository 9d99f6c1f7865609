import type { ComponentType } from "react";
import { Navigate, type RouteObject } from "react-router";

import LoginPage from "../auth/LoginPage";
import { RequireAuth, ShellSkeleton } from "../auth/RequireAuth";
import { AppShell } from "../layout/AppShell";
import { VivariumProvider } from "../vivarium/VivariumProvider";
import { NotFoundPage, RouteError } from "./RouteError";

/** Pages load on demand, so the first visit downloads only the shell and the page it opens. */
function page(load: () => Promise<{ default: ComponentType }>): Pick<RouteObject, "lazy"> {
  return { lazy: async () => ({ Component: (await load()).default }) };
}

export const routes: RouteObject[] = [
  { path: "/login", Component: LoginPage },
  { path: "/signup", ...page(() => import("../auth/SignupPage")) },
  {
    path: "/forgot-password",
    lazy: async () => ({ Component: (await import("../auth/PasswordPages")).ForgotPasswordPage }),
  },
  {
    path: "/reset-password",
    lazy: async () => ({ Component: (await import("../auth/PasswordPages")).ResetPasswordPage }),
  },
  {
    path: "/verify-email",
    lazy: async () => ({ Component: (await import("../auth/PasswordPages")).VerifyEmailPage }),
  },
  {
    path: "/",
    element: (
      <RequireAuth>
        <VivariumProvider>
          <AppShell />
        </VivariumProvider>
      </RequireAuth>
    ),
    errorElement: <RouteError />,
    HydrateFallback: ShellSkeleton,
    children: [
      { index: true, element: <Navigate to="/today" replace /> },
      { path: "today", ...page(() => import("../features/today/TodayPage")) },
      { path: "animals", ...page(() => import("../features/animals/AnimalsPage")) },
      { path: "animals/new", ...page(() => import("../features/animals/NewAnimalPage")) },
      { path: "animals/:animalId", ...page(() => import("../features/animals/AnimalPage")) },
      { path: "animals/:animalId/pedigree", ...page(() => import("../features/pedigree/PedigreePage")) },
      { path: "genetics", ...page(() => import("../features/genetics/GeneticsPage")) },
      { path: "breeding", ...page(() => import("../features/breeding/BreedingPage")) },
      { path: "breeding/pairings/:pairingId", ...page(() => import("../features/breeding/PairingPage")) },
      { path: "breeding/clutches/:clutchId", ...page(() => import("../features/breeding/ClutchPage")) },
      { path: "reminders", ...page(() => import("../features/reminders/RemindersPage")) },
      { path: "transfers", ...page(() => import("../features/transfers/TransfersPage")) },
      { path: "parent-requests", ...page(() => import("../features/parentLinks/ParentLinksPage")) },
      { path: "data", ...page(() => import("../features/data/DataPage")) },
      { path: "vivarium", ...page(() => import("../features/vivarium/VivariumPage")) },
      { path: "invitations/:token", ...page(() => import("../features/vivarium/InvitationPage")) },
      { path: "account", ...page(() => import("../features/account/AccountPage")) },
      { path: "*", Component: NotFoundPage },
    ],
  },
];
