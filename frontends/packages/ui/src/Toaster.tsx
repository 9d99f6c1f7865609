import { Toaster as SonnerToaster, toast } from "sonner";

/**
 * Toasts announced politely to screen readers; one place decides how they look. Plain (not
 * "rich") colours: sonner's green-on-green success text falls below 4.5:1 contrast.
 */
export function Toaster({ theme }: { theme: "light" | "dark" }) {
  return <SonnerToaster theme={theme} position="top-center" closeButton />;
}

export { toast };
