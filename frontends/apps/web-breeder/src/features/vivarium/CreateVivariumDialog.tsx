import { CheckboxField, Dialog, TextAreaField, TextField } from "@reptidex/ui";
import type { FormEvent } from "react";

import { FormProblem } from "../../auth/AuthLayout";
import { FormActions } from "../../components/FormActions";
import { notifySuccess } from "../../lib/notify";
import { useFormError } from "../../lib/useFormError";
import { useCreateVivarium, vivariumProfile } from "./vivariumQueries";

/** A new workspace (a business, a shared collection) with the creator as its owner. */
export function CreateVivariumDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateVivarium();
  const form = useFormError();

  function close() {
    form.clear();
    onClose();
  }

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    form.clear();
    const data = new FormData(event.currentTarget);
    try {
      const vivarium = await create.mutateAsync(vivariumProfile(data));
      notifySuccess(`${vivarium.name} created. You are its owner and it is now the vivarium you work in.`);
      close();
    } catch (error) {
      form.setError(error);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New vivarium"
      description="A separate collection with its own animals, members and plan, e.g. a business or a shared room."
    >
      <FormProblem summary={form.summary} />
      <form onSubmit={submit} className="flex flex-col gap-4">
        <TextField label="Vivarium name" name="name" required maxLength={120} error={form.fields.name} />
        <TextAreaField label="Description (optional)" name="description" maxLength={5000} error={form.fields.description} />
        <TextField label="Location (optional)" name="location" maxLength={200} error={form.fields.location} />
        <CheckboxField name="is_public" label="Public profile" hint="You can change this later." />
        <FormActions submitLabel="Create vivarium" busy={create.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
