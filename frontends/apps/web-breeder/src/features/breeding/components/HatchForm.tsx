import { ApiProblem } from "@reptidex/api-client";
import { Button, Card, TextField } from "@reptidex/ui";
import { Minus, Plus } from "lucide-react";
import { useRef, useState } from "react";

import { FormProblem } from "../../../auth/AuthLayout";
import { notifySuccess } from "../../../lib/notify";
import { useFormSubmit } from "../../../lib/useFormSubmit";
import { localToday, plural } from "../dates";
import {
  earlyHatch,
  hasProblems,
  hatchBody,
  hatchProblems,
  remainingEggs,
  resizeHatchlings,
  type EarlyHatch,
  type HatchlingDraft,
} from "../hatchForm";
import type { Clutch } from "../incubation";
import { useHatchClutch, type Hatchling } from "../queries";
import { SexChoice } from "./SexChoice";

/** A short visible label whose screen-reader name says which hatchling it is. */
function HiddenTail({ visible, tail }: { visible: string; tail: string }) {
  return (
    <>
      {visible}
      <span className="sr-only">{tail}</span>
    </>
  );
}

/**
 * Record a hatch: how many first (one tap each), then, if the breeder wants, each
 * hatchling's sex, name and id. Every hatchling becomes an animal with sire, dam and clutch.
 */
export function HatchForm({
  clutch,
  idPrefix,
  onHatched,
  onCancel,
}: {
  clutch: Clutch;
  idPrefix: string | undefined;
  onHatched: (hatchlings: Hatchling[]) => void;
  onCancel: () => void;
}) {
  const today = localToday();
  const remaining = remainingEggs(clutch);
  const [hatchDate, setHatchDate] = useState(today);
  // Most often every fertile egg hatches: start there, one tap to correct.
  const [rows, setRows] = useState<HatchlingDraft[]>(() => resizeHatchlings([], Math.max(remaining, 1)));
  const [submitted, setSubmitted] = useState(false);
  // Sooner than the species' shortest incubation: asked once, confirmed by the breeder.
  const [early, setEarly] = useState<EarlyHatch | null>(null);
  const confirmEarly = useRef(false);
  const hatch = useHatchClutch(clutch);
  const problems = hatchProblems(rows, remaining);
  const dateProblem = !hatchDate
    ? "Enter the hatch date."
    : hatchDate > today
      ? "The hatch date cannot be in the future."
      : hatchDate < clutch.laid_date
        ? "The eggs were laid after this date."
        : undefined;

  function setCount(count: number) {
    setRows((current) => resizeHatchlings(current, Math.min(100, Math.max(1, count))));
  }
  function setRow(index: number, changes: Partial<HatchlingDraft>) {
    setRows((current) => current.map((row, i) => (i === index ? { ...row, ...changes } : row)));
  }

  const { form, onSubmit: submit } = useFormSubmit(async () => {
    setSubmitted(true);
    if (hasProblems(problems) || dateProblem) return;
    const confirmed = confirmEarly.current;
    confirmEarly.current = false;
    let hatchlings: Hatchling[];
    try {
      hatchlings = await hatch.mutateAsync(hatchBody(hatchDate, rows, confirmed));
    } catch (error) {
      const question = earlyHatch(error);
      if (!question) throw error;
      setEarly(question);
      return;
    }
    setEarly(null);
    notifySuccess(`${plural(hatchlings.length, "hatchling")} added to your collection`);
    onHatched(hatchlings);
  });

  // A 409 for a taken display id names each row as `hatchlings.<index>.display_id`.
  const serverIdErrors = new Map<number, string>();
  if (form.error instanceof ApiProblem) {
    for (const item of form.error.errors) {
      const match = /hatchlings\.(\d+)\.display_id/.exec(item.field ?? "");
      if (match) serverIdErrors.set(Number(match[1]), item.message ?? "Already used.");
    }
  }

  return (
    <Card className="flex flex-col gap-4">
      <div>
        <h2 className="text-base font-semibold">Record the hatch</h2>
        <p className="text-sm text-stone-600 dark:text-stone-400">
          {plural(remaining, "fertile egg")} left to hatch. Each hatchling becomes an animal with this clutch&apos;s sire and dam.
        </p>
      </div>
      <form onSubmit={submit} noValidate className="flex flex-col gap-4">
        <FormProblem summary={form.summary} />
        <div className="grid gap-4 sm:grid-cols-2">
          <TextField
            label="Hatched on"
            type="date"
            required
            min={clutch.laid_date}
            max={today}
            value={hatchDate}
            onChange={(event) => {
              setHatchDate(event.target.value);
              setEarly(null);
            }}
            error={submitted ? dateProblem ?? form.fields.hatch_date : form.fields.hatch_date}
          />
          <div className="flex flex-col gap-1">
            <span id="hatch-count-label" className="text-sm font-medium">
              How many hatched
            </span>
            <div className="flex items-center gap-2" role="group" aria-labelledby="hatch-count-label">
              <Button variant="secondary" aria-label="One fewer" onClick={() => setCount(rows.length - 1)} disabled={rows.length <= 1}>
                <Minus aria-hidden="true" size={18} />
              </Button>
              <input
                aria-labelledby="hatch-count-label"
                inputMode="numeric"
                className="min-h-11 w-16 rounded-lg border border-stone-300 bg-white text-center text-lg font-semibold tabular-nums dark:border-stone-600 dark:bg-stone-900"
                value={rows.length}
                onChange={(event) => {
                  const value = Number(event.target.value.replace(/\D/g, ""));
                  if (value) setCount(value);
                }}
              />
              <Button variant="secondary" aria-label="One more" onClick={() => setCount(rows.length + 1)}>
                <Plus aria-hidden="true" size={18} />
              </Button>
            </div>
            {problems.count ? (
              <p role="alert" className="text-sm text-red-700 dark:text-red-400">
                {problems.count}
              </p>
            ) : null}
          </div>
        </div>

        <ol className="flex flex-col gap-3">
          {rows.map((row, index) => (
            <li
              key={row.key}
              className="grid grid-cols-2 gap-3 rounded-xl border border-stone-200 p-3 lg:grid-cols-[minmax(0,1.4fr)_1fr_1fr_1fr] dark:border-stone-800"
            >
              <div className="col-span-2 lg:col-span-1">
                <SexChoice legend={`Hatchling ${index + 1}`} value={row.sex} onChange={(sex) => setRow(index, { sex })} />
              </div>
              <TextField
                label={<HiddenTail visible="Name" tail={` of hatchling ${index + 1}`} />}
                placeholder="Optional"
                maxLength={120}
                value={row.name}
                onChange={(event) => setRow(index, { name: event.target.value })}
              />
              <TextField
                label={<HiddenTail visible="ID" tail={` of hatchling ${index + 1}`} />}
                placeholder={idPrefix ? `Auto (${idPrefix}-…)` : "Automatic"}
                maxLength={40}
                value={row.displayId}
                onChange={(event) => setRow(index, { displayId: event.target.value })}
                error={problems.displayIds[index] ?? serverIdErrors.get(index)}
              />
              <TextField
                className="col-span-2 lg:col-span-1"
                label={<HiddenTail visible="Morph" tail={` of hatchling ${index + 1}`} />}
                placeholder="Optional"
                maxLength={200}
                value={row.morph}
                onChange={(event) => setRow(index, { morph: event.target.value })}
              />
            </li>
          ))}
        </ol>

        {early ? (
          <div
            role="alertdialog"
            aria-labelledby="early-hatch-title"
            aria-describedby="early-hatch-detail"
            className="flex flex-col gap-2 rounded-xl border border-amber-300 bg-amber-50 p-3 dark:border-amber-700 dark:bg-amber-950/40"
          >
            <p id="early-hatch-title" className="font-semibold">
              Hatched after only {plural(early.daysIncubated, "day")}?
            </p>
            <p id="early-hatch-detail" className="text-sm">
              This species usually needs at least {plural(early.shortest, "day")} of incubation. Check the laid and
              hatch dates; if they are right, record the hatch anyway.
            </p>
            <div className="flex flex-wrap gap-2">
              <Button type="submit" busy={hatch.isPending} onClick={() => (confirmEarly.current = true)}>
                Yes, record the early hatch
              </Button>
              <Button variant="secondary" onClick={() => setEarly(null)}>
                Check the dates
              </Button>
            </div>
          </div>
        ) : null}

        <div className="flex flex-wrap gap-2">
          <Button type="submit" busy={hatch.isPending} disabled={early !== null}>
            Save {plural(rows.length, "hatchling")}
          </Button>
          <Button variant="secondary" onClick={onCancel}>
            Cancel
          </Button>
        </div>
      </form>
    </Card>
  );
}
