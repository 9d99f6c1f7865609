import { Toaster as SonnerToaster, toast } from "sonner";

/** Toasts announced politely to screen readers; one place decides how they look. */
export function Toaster({ theme }: { theme: "light" | "dark" }) {
  return <SonnerToaster theme={theme} position="top-center" richColors closeButton />;
}

export { toast };
