import { unwrap } from "@reptidex/api-client";
import { Button, Dialog, Skeleton } from "@reptidex/ui";
import { useQuery } from "@tanstack/react-query";
import { Copy } from "lucide-react";
import { useEffect, useState } from "react";

import { api } from "../../api";
import { notifyError, notifySuccess } from "../../lib/notify";
import type { Animal } from "../../queries/animals";
import { VISIBILITY_LABEL } from "./labels";

/** The public site's address: configured, or the `public.` host next to this app's. */
export function publicProfileUrl(animalId: string, location: Pick<Location, "protocol" | "hostname" | "port"> = window.location): string {
  const configured = import.meta.env.VITE_PUBLIC_URL as string | undefined;
  if (configured) return `${configured.replace(/\/$/, "")}/animals/${animalId}`;
  const labels = location.hostname.split(".");
  const parent = labels.length > 1 ? labels.slice(1).join(".") : labels[0];
  const port = location.port ? `:${location.port}` : "";
  return `${location.protocol}//public.${parent}${port}/animals/${animalId}`;
}

/** The QR code as an image address: fetched with the session, as it may not be public yet. */
function useQrImage(animalId: string, enabled: boolean) {
  const query = useQuery({
    queryKey: ["animal", animalId, "qr"],
    queryFn: () =>
      unwrap(api.animal.GET("/api/v1/animals/{animal_id}/qr.svg", { params: { path: { animal_id: animalId } }, parseAs: "blob" })),
    enabled,
    staleTime: Infinity,
  });
  const [url, setUrl] = useState<string | null>(null);
  useEffect(() => {
    if (!(query.data instanceof Blob)) return;
    const next = URL.createObjectURL(query.data);
    setUrl(next);
    return () => URL.revokeObjectURL(next);
  }, [query.data]);
  return { url, isError: query.isError };
}

export function ShareDialog({
  animal,
  open,
  onClose,
  canCurate,
}: {
  animal: Animal;
  open: boolean;
  onClose: () => void;
  canCurate: boolean;
}) {
  const link = publicProfileUrl(animal.id);
  const qr = useQrImage(animal.id, open);
  const isPublic = animal.visibility === "public";

  async function copy() {
    try {
      await navigator.clipboard.writeText(link);
      notifySuccess("Link copied.");
    } catch (error) {
      notifyError(error);
    }
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      title={`Share ${animal.display_id}`}
      description={
        isPublic
          ? "Anyone with this link or QR code sees the profile and pedigree, without an account."
          : "Not public yet: the link and QR code open its profile once it is made public."
      }
      footer={
        <Button variant="secondary" onClick={onClose}>
          Close
        </Button>
      }
    >
      <div className="flex flex-col gap-4">
        {!isPublic ? (
          <p className="rounded-lg bg-amber-50 px-3 py-2 text-sm text-amber-900 dark:bg-amber-950/60 dark:text-amber-100">
            It is “{VISIBILITY_LABEL[animal.visibility].toLowerCase()}” now.{" "}
            {canCurate
              ? "To share it, set its visibility to Public under Overview → Edit details."
              : "A curator or the owner can make it public."}
          </p>
        ) : null}
        <div className="flex flex-col gap-1">
          <label htmlFor="share-link" className="text-sm font-medium">
            Public link
          </label>
          <div className="flex gap-2">
            <input
              id="share-link"
              readOnly
              value={link}
              onFocus={(event) => event.currentTarget.select()}
              className="min-h-11 min-w-0 flex-1 rounded-lg border border-stone-300 bg-stone-50 px-3 text-sm dark:border-stone-600 dark:bg-stone-800"
            />
            <Button variant="secondary" onClick={() => void copy()} icon={<Copy aria-hidden="true" size={16} />}>
              Copy
            </Button>
          </div>
        </div>
        <div className="flex flex-col items-center gap-2">
          {qr.url ? (
            <img src={qr.url} alt={`QR code for ${animal.display_id}'s profile`} className="h-48 w-48 rounded-lg bg-white p-2" />
          ) : qr.isError ? (
            <p className="text-sm text-stone-600 dark:text-stone-400">The QR code could not be loaded; the link above works the same.</p>
          ) : (
            <Skeleton className="h-48 w-48" />
          )}
          <p className="text-xs text-stone-600 dark:text-stone-400">Print it on the tub label or the sale card.</p>
        </div>
      </div>
    </Dialog>
  );
}
