import { unwrap } from "@reptidex/api-client";
import { Button, Card, Dialog, Skeleton, controlClass, cx } from "@reptidex/ui";
import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Copy, Download, ExternalLink, Globe, Lock, Share2 } from "lucide-react";
import { useId, useRef, useState } from "react";

import { api } from "../../api";
import { notifyError, notifySuccess } from "../../lib/notify";
import { animalLabel, type Animal } from "../../queries/animals";
import { keys } from "../../queries/keys";
import { useCanIn } from "../../vivarium/useCan";
import { useVivarium } from "../../vivarium/VivariumProvider";
import { qrCodeUrl, usePedigreeQrAllowed, usePublicProfile } from "./queries";

/**
 * Share an animal: its public profile link and the QR code that opens it. Only a public
 * animal has a profile; otherwise the panel says why there is nothing to share, and offers
 * to make it public to those whose role may change visibility (curators and owners).
 */
export function SharePanel({ animal, className }: { animal: Animal; className?: string }) {
  const shareable = animal.visibility === "public" && !animal.archived_at;
  const profile = usePublicProfile(animal.id, shareable);
  const label = animalLabel(animal);

  return (
    <Card className={cx("no-print flex min-w-0 flex-col gap-3", className)}>
      <h2 className="flex items-center gap-2 text-lg font-semibold">
        <Share2 aria-hidden="true" size={18} /> Share
      </h2>
      {!shareable ? (
        <NotShareable animal={animal} />
      ) : profile.isPending ? (
        <div aria-busy="true" className="flex flex-col gap-2">
          <Skeleton className="h-11 w-full" />
          <Skeleton className="h-40 w-40" />
        </div>
      ) : profile.data ? (
        <ShareLink animal={animal} url={profile.data.profile_url} label={label} />
      ) : (
        <p className="text-sm text-stone-700 dark:text-stone-300">
          {profile.isError
            ? "The public link could not be loaded. Reload the page to try again."
            : `${label} has no public profile right now. Reload the page; if it stays like this, check its visibility on the animal page.`}
        </p>
      )}
    </Card>
  );
}

function ShareLink({ animal, url, label }: { animal: Animal; url: string; label: string }) {
  const inputId = useId();
  const input = useRef<HTMLInputElement>(null);
  const [downloading, setDownloading] = useState(false);
  const qrAllowed = usePedigreeQrAllowed(animal.vivarium_id);

  async function copy() {
    try {
      await navigator.clipboard.writeText(url);
      notifySuccess("Link copied. Paste it in a message, a listing or your website.");
    } catch {
      // No clipboard access (an old browser, or permission refused): select it for a manual copy.
      input.current?.select();
      notifySuccess("The link is selected: copy it with your device's copy command.");
    }
  }

  async function share() {
    try {
      await navigator.share({ title: label, url });
    } catch {
      // Cancelled by the user; nothing to say.
    }
  }

  async function downloadPng() {
    setDownloading(true);
    try {
      const blob = await unwrap(
        api.animal.GET("/api/v1/animals/{animal_id}/qr.png", {
          params: { path: { animal_id: animal.id } },
          parseAs: "blob",
        }),
      );
      const href = URL.createObjectURL(blob as Blob);
      const link = document.createElement("a");
      link.href = href;
      link.download = `${animal.display_id}-qr.png`;
      link.click();
      setTimeout(() => URL.revokeObjectURL(href), 10_000);
    } catch (error) {
      notifyError(error);
    } finally {
      setDownloading(false);
    }
  }

  return (
    <div className="flex flex-col gap-4 sm:flex-row sm:items-start">
      <div className="flex min-w-0 flex-1 flex-col gap-3">
        <p className="text-sm text-stone-700 dark:text-stone-300">
          Anyone with this link sees {label}'s public profile and pedigree. Private ancestors stay hidden.
        </p>
        <div className="flex flex-col gap-1">
          <label htmlFor={inputId} className="text-sm font-medium">
            Public profile link
          </label>
          <input
            ref={input}
            id={inputId}
            readOnly
            value={url}
            className={controlClass}
            onFocus={(event) => event.currentTarget.select()}
          />
        </div>
        <div className="flex flex-wrap gap-2">
          <Button size="sm" onClick={() => void copy()} icon={<Copy aria-hidden="true" size={16} />}>
            Copy link
          </Button>
          {typeof navigator.share === "function" ? (
            <Button
              variant="secondary"
              size="sm"
              onClick={() => void share()}
              icon={<Share2 aria-hidden="true" size={16} />}
            >
              Share…
            </Button>
          ) : null}
          <a
            href={url}
            target="_blank"
            rel="noreferrer"
            className="inline-flex min-h-9 items-center gap-2 rounded-lg border border-stone-300 px-3 text-sm font-medium hover:bg-stone-100 focus-visible:outline-2 focus-visible:outline-teal-600 dark:border-stone-600 dark:hover:bg-stone-800"
          >
            <ExternalLink aria-hidden="true" size={16} /> Open profile
          </a>
        </div>
      </div>
      {qrAllowed ? (
        <figure className="flex shrink-0 flex-col items-start gap-1 sm:items-center">
          <img
            src={qrCodeUrl(animal.id)}
            alt={`QR code that opens ${label}'s public profile`}
            width={144}
            height={144}
            className="h-36 w-36 rounded-lg border border-stone-200 bg-white dark:border-stone-700"
          />
          <figcaption className="max-w-36 text-xs text-stone-600 sm:text-center dark:text-stone-400">
            For the enclosure card or a sale sheet.
          </figcaption>
          <Button
            variant="ghost"
            size="sm"
            busy={downloading}
            onClick={() => void downloadPng()}
            icon={<Download aria-hidden="true" size={16} />}
          >
            Download PNG
          </Button>
        </figure>
      ) : (
        <p className="max-w-56 shrink-0 rounded-lg bg-stone-100 p-3 text-xs text-stone-700 dark:bg-stone-800 dark:text-stone-300">
          QR codes for pedigrees come with the Keeper plan and above. The link works on every plan.
        </p>
      )}
    </div>
  );
}

function NotShareable({ animal }: { animal: Animal }) {
  const { memberships } = useVivarium();
  const mayChange = useCanIn(animal.vivarium_id, "curate");
  const [confirming, setConfirming] = useState(false);
  const queryClient = useQueryClient();
  const label = animalLabel(animal);
  const vivarium = memberships.find((m) => m.vivarium_id === animal.vivarium_id)?.vivarium_name ?? "your vivarium";

  const makePublic = useMutation({
    mutationFn: () =>
      unwrap(
        api.animal.PATCH("/api/v1/animals/{animal_id}", {
          params: { path: { animal_id: animal.id } },
          body: { visibility: "public" },
        }),
      ),
    onSuccess: async (updated) => {
      queryClient.setQueryData(keys.animal(animal.id), updated);
      setConfirming(false);
      notifySuccess(`${label} is public: its link and QR code are ready.`);
      await Promise.all([
        queryClient.invalidateQueries({ queryKey: keys.animal(animal.id) }),
        queryClient.invalidateQueries({ queryKey: keys.animals(animal.vivarium_id) }),
      ]);
    },
    onError: notifyError,
  });

  let why: string;
  if (animal.archived_at) {
    why = `${label} is archived, so it has no public profile. Restore it from the animal page to share it.`;
  } else if (animal.visibility === "lineage_only") {
    why = `${label} is lineage-only: it shows inside other animals' pedigrees, but has no public profile of its own to link to.`;
  } else {
    why = `${label} is private: only members of ${vivarium} can see it.`;
  }

  return (
    <div className="flex flex-col gap-3">
      <p className="flex items-start gap-2 text-sm text-stone-800 dark:text-stone-200">
        <Lock aria-hidden="true" size={16} className="mt-0.5 shrink-0" />
        <span>
          {why} A public link and QR code need the animal to be <strong>public</strong>.
        </span>
      </p>
      {animal.archived_at ? null : mayChange ? (
        <Button
          variant="secondary"
          className="self-start"
          onClick={() => setConfirming(true)}
          icon={<Globe aria-hidden="true" size={16} />}
        >
          Make public…
        </Button>
      ) : (
        <p className="text-sm text-stone-600 dark:text-stone-400">
          Your role cannot change who sees an animal. Ask a curator or the owner of {vivarium} to make it public.
        </p>
      )}
      <Dialog
        open={confirming}
        onClose={() => setConfirming(false)}
        title={`Make ${label} public?`}
        description="Anyone with the link, signed in or not, will see its public profile."
        footer={
          <>
            <Button variant="secondary" onClick={() => setConfirming(false)}>
              Keep it {animal.visibility === "lineage_only" ? "lineage-only" : "private"}
            </Button>
            <Button busy={makePublic.isPending} onClick={() => makePublic.mutate()}>
              Make public
            </Button>
          </>
        }
      >
        <ul className="list-disc space-y-1 pl-5 text-sm">
          <li>Shown: its id, name, species, sex, hatch date, status, morph and genotype, and its COI.</li>
          <li>Its parents and ancestors appear only where they are public or lineage-only themselves; private ones show as "private ancestor".</li>
          <li>Not shown: notes, prices, acquisition details, husbandry logs or where it is kept.</li>
          <li>You can make it private again at any time; the link then stops working.</li>
        </ul>
      </Dialog>
    </div>
  );
}
