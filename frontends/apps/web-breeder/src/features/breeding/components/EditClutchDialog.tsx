import { Dialog } from "@reptidex/ui";

import { DialogFormFooter } from "../../../components/FormActions";
import { notifySuccess } from "../../../lib/notify";
import { draftFromClutch } from "../clutchForm";
import type { Clutch } from "../incubation";
import { useUpdateClutch } from "../queries";
import { ClutchForm } from "./ClutchForm";

/** Correct a clutch: counts after candling, the incubator's settings, the laid date. */
export function EditClutchDialog({ clutch, open, onClose }: { clutch: Clutch; open: boolean; onClose: () => void }) {
  const update = useUpdateClutch(clutch);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Edit clutch"
      footer={<DialogFormFooter formId="edit-clutch" submitLabel="Save changes" busy={update.isPending} onCancel={onClose} />}
    >
      {open ? (
        <ClutchForm
          id="edit-clutch"
          initial={() => draftFromClutch(clutch)}
          speciesId={clutch.species_id}
          hatchedCount={clutch.hatched_count}
          onSave={async (body) => {
            await update.mutateAsync(body);
            notifySuccess("Clutch updated");
          }}
          onDone={onClose}
        />
      ) : null}
    </Dialog>
  );
}
