import { Button, Card } from "@reptidex/ui";
import { Check, Copy } from "lucide-react";
import { useState } from "react";

import { notifyError } from "../../lib/notify";

/**
 * The vivarium's id, which another breeder needs to send it an animal: transfers are addressed
 * by id, so a breeder shares it the way they would share an account number.
 */
export function VivariumIdCard({ vivariumId, vivariumName }: { vivariumId: string; vivariumName: string }) {
  const [copied, setCopied] = useState(false);

  async function copy() {
    try {
      await navigator.clipboard.writeText(vivariumId);
      setCopied(true);
      setTimeout(() => setCopied(false), 2000);
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <Card className="flex flex-col gap-2">
      <h2 className="text-lg font-semibold">Receive animals</h2>
      <p className="text-sm text-stone-600 dark:text-stone-400">
        To send you an animal, another breeder needs the ID of {vivariumName}. Share it with them; it only lets them
        offer you animals, which you accept or decline.
      </p>
      <label htmlFor="vivarium-id" className="text-sm font-medium text-stone-800 dark:text-stone-200">
        Vivarium ID
      </label>
      <div className="flex flex-wrap items-center gap-2">
        <output
          id="vivarium-id"
          className="min-w-0 flex-1 rounded-lg border border-stone-300 bg-stone-50 px-3 py-2 font-mono text-sm break-all select-all dark:border-stone-700 dark:bg-stone-950"
        >
          {vivariumId}
        </output>
        <Button
          variant="secondary"
          size="sm"
          icon={copied ? <Check aria-hidden="true" size={16} /> : <Copy aria-hidden="true" size={16} />}
          onClick={() => void copy()}
        >
          {copied ? "Copied" : "Copy ID"}
        </Button>
      </div>
    </Card>
  );
}
