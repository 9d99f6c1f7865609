import { Button, cx, useTheme } from "@reptidex/ui";
import { useState } from "react";
import { LogOut, Menu, Moon, SunMedium, UserRound } from "lucide-react";
import { NavLink, Outlet, useNavigate } from "react-router";

import { useAuth } from "../auth/AuthProvider";
import { SessionExpiredDialog } from "../auth/SessionExpiredDialog";
import { VivariumSwitcher } from "../vivarium/VivariumSwitcher";
import { NAV } from "./nav";

function linkClass({ isActive }: { isActive: boolean }) {
  return cx(
    "flex min-h-11 items-center gap-3 rounded-lg px-3 text-sm font-medium",
    "focus-visible:outline-2 focus-visible:outline-teal-600",
    isActive
      ? "bg-teal-50 text-teal-900 dark:bg-teal-950 dark:text-teal-100"
      : "text-stone-700 hover:bg-stone-100 dark:text-stone-300 dark:hover:bg-stone-800",
  );
}

function ThemeButton() {
  const [theme, setTheme] = useTheme();
  const next = theme === "dark" ? "light" : "dark";
  return (
    <Button variant="ghost" size="sm" onClick={() => setTheme(next)} aria-label={`Switch to ${next} theme`}>
      {theme === "dark" ? <SunMedium aria-hidden="true" size={18} /> : <Moon aria-hidden="true" size={18} />}
    </Button>
  );
}

export function AppShell() {
  const { me, signOut } = useAuth();
  const navigate = useNavigate();
  const [moreOpen, setMoreOpen] = useState(false);

  async function leave() {
    await signOut();
    navigate("/login", { replace: true });
  }

  return (
    <div className="flex min-h-dvh">
      <a
        href="#main"
        className="sr-only z-50 rounded bg-teal-700 px-3 py-2 text-white focus:not-sr-only focus:fixed focus:top-2 focus:left-2"
      >
        Skip to content
      </a>
      {/* The column runs the page's full height; its contents stay in view while the page scrolls. */}
      <aside className="no-print hidden w-64 shrink-0 border-r border-stone-200 bg-white md:block dark:border-stone-800 dark:bg-stone-900">
        <div className="sticky top-0 flex h-dvh flex-col gap-4 overflow-y-auto p-4">
        <NavLink to="/today" className="flex items-center gap-2 text-lg font-bold text-teal-800 dark:text-teal-300">
          <img src="/favicon.svg" alt="" className="h-8 w-8" /> ReptiDex
        </NavLink>
        <VivariumSwitcher />
        <nav aria-label="Main" className="flex flex-col gap-1">
          {NAV.map((item) => (
            <NavLink key={item.to} to={item.to} className={linkClass}>
              <item.icon aria-hidden="true" size={18} />
              {item.label}
            </NavLink>
          ))}
        </nav>
        <div className="mt-auto flex items-center justify-between gap-2 border-t border-stone-200 pt-3 dark:border-stone-800">
          <NavLink to="/account" className="min-w-0 truncate text-sm hover:underline" title={me?.email}>
            {me?.display_name}
          </NavLink>
          <div className="flex items-center">
            <ThemeButton />
            <Button variant="ghost" size="sm" className="whitespace-nowrap" onClick={() => void leave()}>
              Sign out
            </Button>
          </div>
        </div>
        </div>
      </aside>

      <div className="flex min-w-0 flex-1 flex-col">
        <header className="no-print sticky top-0 z-20 flex items-center gap-2 border-b border-stone-200 bg-white/95 px-3 py-2 backdrop-blur md:hidden dark:border-stone-800 dark:bg-stone-900/95">
          <NavLink to="/today" aria-label="ReptiDex home">
            <img src="/favicon.svg" alt="" className="h-8 w-8" />
          </NavLink>
          <div className="min-w-0 flex-1">
            <VivariumSwitcher compact />
          </div>
          <ThemeButton />
        </header>
        <main id="main" tabIndex={-1} className="mx-auto w-full max-w-6xl flex-1 px-3 pt-4 pb-24 sm:px-6 md:pb-10">
          <Outlet />
        </main>
      </div>

      <nav
        aria-label="Main"
        className="no-print fixed inset-x-0 bottom-0 z-30 grid grid-cols-4 border-t border-stone-200 bg-white pb-[env(safe-area-inset-bottom)] md:hidden dark:border-stone-800 dark:bg-stone-900"
      >
        {NAV.filter((item) => item.primary).map((item) => (
          <NavLink
            key={item.to}
            to={item.to}
            onClick={() => setMoreOpen(false)}
            className={({ isActive }) =>
              cx(
                "flex min-h-14 flex-col items-center justify-center text-xs font-medium",
                isActive ? "text-teal-800 dark:text-teal-300" : "text-stone-600 dark:text-stone-400",
              )
            }
          >
            <item.icon aria-hidden="true" size={22} />
            {item.label}
          </NavLink>
        ))}
        <button
          type="button"
          aria-expanded={moreOpen}
          aria-controls="more-menu"
          onClick={() => setMoreOpen((open) => !open)}
          className="flex min-h-14 flex-col items-center justify-center text-xs font-medium text-stone-600 dark:text-stone-400"
        >
          <Menu aria-hidden="true" size={22} />
          More
        </button>
        {moreOpen ? (
          <div
            id="more-menu"
            className="absolute inset-x-2 bottom-16 flex flex-col gap-1 rounded-2xl border border-stone-200 bg-white p-2 shadow-xl dark:border-stone-700 dark:bg-stone-900"
          >
            {NAV.filter((item) => !item.primary).map((item) => (
              <NavLink key={item.to} to={item.to} className={linkClass} onClick={() => setMoreOpen(false)}>
                <item.icon aria-hidden="true" size={18} />
                {item.label}
              </NavLink>
            ))}
            <NavLink to="/account" className={linkClass} onClick={() => setMoreOpen(false)}>
              <UserRound aria-hidden="true" size={18} />
              Account
            </NavLink>
            <button type="button" className={linkClass({ isActive: false })} onClick={() => void leave()}>
              <LogOut aria-hidden="true" size={18} />
              Sign out
            </button>
          </div>
        ) : null}
      </nav>
      <SessionExpiredDialog />
    </div>
  );
}
