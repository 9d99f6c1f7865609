import { Dialog } from "@reptidex/ui";

import { DialogFormFooter } from "../../../components/FormActions";
import { notifySuccess } from "../../../lib/notify";
import { blankClutch } from "../clutchForm";
import { formatDate, plural } from "../dates";
import type { Pairing } from "../pairingStatus";
import { useLayClutch } from "../queries";
import { ClutchForm } from "./ClutchForm";

/** Record the eggs of a pairing; an open pairing becomes completed (the eggs prove it took). */
export function LayClutchDialog({ pairing, open, onClose }: { pairing: Pairing; open: boolean; onClose: () => void }) {
  const lay = useLayClutch(pairing);
  return (
    <Dialog
      open={open}
      onClose={onClose}
      title="Record a clutch"
      description={pairing.status === "completed" ? undefined : "Recording eggs marks this pairing completed."}
      footer={<DialogFormFooter formId="lay-clutch" submitLabel="Save clutch" busy={lay.isPending} onCancel={onClose} />}
    >
      {open ? (
        <ClutchForm
          id="lay-clutch"
          initial={blankClutch}
          speciesId={pairing.species_id}
          onSave={async (body) => {
            const clutch = await lay.mutateAsync(body);
            notifySuccess(
              `Clutch of ${plural(clutch.eggs_total, "egg")} saved${clutch.expected_hatch_date ? `; expected to hatch ${formatDate(clutch.expected_hatch_date)}` : ""}`,
            );
          }}
          onDone={onClose}
        />
      ) : null}
    </Dialog>
  );
}
