import { CheckboxField, Dialog, TextAreaField, TextField } from "@reptidex/ui";

import { FormProblem } from "../../auth/AuthLayout";
import { FormActions } from "../../components/FormActions";
import { notifySuccess } from "../../lib/notify";
import { deviceTimeZone } from "../../lib/timeZone";
import { useFormSubmit } from "../../lib/useFormSubmit";
import { useCreateVivarium, vivariumProfile } from "./vivariumQueries";

/** A new workspace (a business, a shared collection) with the creator as its owner. */
export function CreateVivariumDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const create = useCreateVivarium();
  const { form, onSubmit } = useFormSubmit(async (data) => {
    // Its "today" starts as the creator's; the owner can change the zone in the settings.
    const vivarium = await create.mutateAsync({ ...vivariumProfile(data), time_zone: deviceTimeZone() });
    notifySuccess(`${vivarium.name} created. You are its owner and it is now the vivarium you work in.`);
    close();
  });

  function close() {
    form.clear();
    onClose();
  }

  return (
    <Dialog
      open={open}
      onClose={close}
      title="New vivarium"
      description="A separate collection with its own animals, members and plan, e.g. a business or a shared room."
    >
      <FormProblem summary={form.summary} />
      <form onSubmit={onSubmit} className="flex flex-col gap-4">
        <TextField label="Vivarium name" name="name" required maxLength={120} error={form.fields.name} />
        <TextAreaField label="Description (optional)" name="description" maxLength={5000} error={form.fields.description} />
        <TextField label="Location (optional)" name="location" maxLength={200} error={form.fields.location} />
        <CheckboxField name="is_public" label="Public profile" hint="You can change this later." />
        <FormActions submitLabel="Create vivarium" busy={create.isPending} onCancel={close} />
      </form>
    </Dialog>
  );
}
