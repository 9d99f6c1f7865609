import { Button, Dialog } from "@reptidex/ui";

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
      footer={
        <>
          <Button variant="secondary" onClick={onClose}>
            Cancel
          </Button>
          <Button type="submit" form="edit-clutch" busy={update.isPending}>
            Save changes
          </Button>
        </>
      }
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
