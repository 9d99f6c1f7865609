import { Button, type ButtonVariant } from "@reptidex/ui";

/** A form's last row: Cancel (held while the form saves) and the submit button, busy meanwhile. */
export function FormActions({ submitLabel, busy, onCancel }: { submitLabel: string; busy: boolean; onCancel: () => void }) {
  return (
    <div className="flex flex-wrap justify-end gap-2">
      <Button variant="secondary" onClick={onCancel} disabled={busy}>
        Cancel
      </Button>
      <Button type="submit" busy={busy}>
        {submitLabel}
      </Button>
    </div>
  );
}

/** A form dialog's footer: Cancel, and the submit button of the form `formId` inside the dialog. */
export function DialogFormFooter({
  formId,
  submitLabel,
  busy,
  onCancel,
  disabled,
  variant,
}: {
  formId: string;
  submitLabel: string;
  busy: boolean;
  onCancel: () => void;
  disabled?: boolean;
  variant?: ButtonVariant;
}) {
  return (
    <>
      <Button variant="secondary" onClick={onCancel}>
        Cancel
      </Button>
      <Button type="submit" form={formId} busy={busy} disabled={disabled} variant={variant}>
        {submitLabel}
      </Button>
    </>
  );
}
