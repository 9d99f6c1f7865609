import {
  ArrowLeftRight,
  ArrowUpDown,
  Bell,
  Dna,
  Egg,
  GitMerge,
  List,
  Sun,
  Users,
  type LucideIcon,
} from "lucide-react";

/** The app's sections, in the order a breeder reaches for them. */
export interface NavItem {
  to: string;
  label: string;
  icon: LucideIcon;
  /** Shown in the phone's bottom bar; the rest sit under "More". */
  primary?: boolean;
}

export const NAV: NavItem[] = [
  { to: "/today", label: "Today", icon: Sun, primary: true },
  { to: "/animals", label: "Collection", icon: List, primary: true },
  { to: "/breeding", label: "Breeding", icon: Egg, primary: true },
  { to: "/genetics", label: "Genetics", icon: Dna },
  { to: "/reminders", label: "Reminders", icon: Bell },
  { to: "/transfers", label: "Transfers", icon: ArrowLeftRight },
  { to: "/parent-requests", label: "Parent requests", icon: GitMerge },
  { to: "/data", label: "Import & export", icon: ArrowUpDown },
  { to: "/vivarium", label: "Vivarium & members", icon: Users },
];
