/** The app's sections, in the order a breeder reaches for them. */
export interface NavItem {
  to: string;
  label: string;
  icon: string;
  /** Shown in the phone's bottom bar; the rest sit under "More". */
  primary?: boolean;
}

export const NAV: NavItem[] = [
  { to: "/today", label: "Today", icon: "☀", primary: true },
  { to: "/animals", label: "Collection", icon: "🦎", primary: true },
  { to: "/breeding", label: "Breeding", icon: "🥚", primary: true },
  { to: "/genetics", label: "Genetics", icon: "🧬" },
  { to: "/reminders", label: "Reminders", icon: "⏰" },
  { to: "/transfers", label: "Transfers", icon: "⇄" },
  { to: "/data", label: "Import & export", icon: "⇅" },
  { to: "/vivarium", label: "Vivarium & members", icon: "👥" },
];
