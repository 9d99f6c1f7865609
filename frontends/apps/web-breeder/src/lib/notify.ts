import { toast } from "@reptidex/ui";

import { explain } from "./problems";

/** A toast that says what failed and what to do next. */
export function notifyError(error: unknown): void {
  const { title, message, next } = explain(error);
  toast.error(title, { description: [message, next].filter(Boolean).join(" ") });
}

export function notifySuccess(message: string): void {
  toast.success(message);
}
