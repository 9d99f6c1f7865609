import { useState, type FormEvent } from "react";

import { useFormError } from "./useFormError";

/**
 * A form's submit: the browser's own submit is stopped, the last failure is cleared, `busy`
 * holds while the action runs, and whatever the action throws becomes the form's error.
 */
export function useFormSubmit(action: (data: FormData, target: HTMLFormElement) => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const form = useFormError();

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const target = event.currentTarget;
    const data = new FormData(target);
    setBusy(true);
    form.clear();
    try {
      await action(data, target);
    } catch (error) {
      form.setError(error);
    } finally {
      setBusy(false);
    }
  }

  return { busy, form, onSubmit };
}
