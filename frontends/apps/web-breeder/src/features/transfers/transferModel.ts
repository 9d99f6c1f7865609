import type { AnimalSchemas } from "@reptidex/api-client";
import type { BadgeTone, GenotypeState, MorphGene } from "@reptidex/ui";

export type Transfer = AnimalSchemas["TransferRead"];
export type TransferStatus = AnimalSchemas["TransferStatus"];
export type Direction = "incoming" | "outgoing";
export type TransferAction = "accept" | "decline" | "cancel";

export interface DirectedTransfer extends Transfer {
  direction: Direction;
  /** `pending` past its expiry date reads as `expired` before the API's sweep records it. */
  shownStatus: TransferStatus;
}

export const STATUS_LABEL: Record<TransferStatus, string> = {
  pending: "Waiting for an answer",
  accepted: "Accepted",
  declined: "Declined",
  canceled: "Canceled",
  expired: "Expired",
};

export const STATUS_TONE: Record<TransferStatus, BadgeTone> = {
  pending: "amber",
  accepted: "teal",
  declined: "red",
  canceled: "neutral",
  expired: "neutral",
};

export function shownStatus(transfer: Transfer, now: Date): TransferStatus {
  if (transfer.status === "pending" && new Date(transfer.expires_at) <= now) return "expired";
  return transfer.status;
}

export interface TransferLists {
  /** Offered to this vivarium, to accept or decline. */
  incomingPending: DirectedTransfer[];
  /** Offered by this vivarium, still open: the sender may cancel. */
  outgoingPending: DirectedTransfer[];
  /** Everything answered (or expired), both ways, newest answer first. */
  history: DirectedTransfer[];
}

export function splitTransfers(incoming: Transfer[], outgoing: Transfer[], now = new Date()): TransferLists {
  const direct = (direction: Direction) => (transfer: Transfer): DirectedTransfer => ({
    ...transfer,
    direction,
    shownStatus: shownStatus(transfer, now),
  });
  const all = [...incoming.map(direct("incoming")), ...outgoing.map(direct("outgoing"))];
  const open = all.filter((t) => t.shownStatus === "pending");
  const newestFirst = (a: DirectedTransfer, b: DirectedTransfer) => when(b).localeCompare(when(a));
  return {
    incomingPending: open.filter((t) => t.direction === "incoming").sort(newestFirst),
    outgoingPending: open.filter((t) => t.direction === "outgoing").sort(newestFirst),
    history: all.filter((t) => t.shownStatus !== "pending").sort(newestFirst),
  };
}

function when(transfer: Transfer): string {
  return transfer.responded_at ?? (transfer.status === "pending" ? transfer.expires_at : transfer.created_at);
}

export interface SnapshotParent {
  label: string;
  private: boolean;
}

/** The animal as it was offered (pending) or as it left (accepted): the sender's record. */
export interface AnimalSnapshot {
  displayId: string;
  name: string | null;
  species: string | null;
  sex: "male" | "female" | "unknown";
  hatchDate: string | null;
  morph: string | null;
  microchip: string | null;
  coi: number | null;
  genes: MorphGene[];
  sire: SnapshotParent | null;
  dam: SnapshotParent | null;
  logCount: number;
  /** The id the receiver gave it when theirs was taken already. */
  newDisplayId: string | null;
}

type Json = Record<string, unknown>;
const record = (value: unknown): Json => (value && typeof value === "object" && !Array.isArray(value) ? (value as Json) : {});
const text = (value: unknown): string | null => (typeof value === "string" && value ? value : null);
const number = (value: unknown): number | null => (typeof value === "number" && Number.isFinite(value) ? value : null);
const GENE_STATES: readonly string[] = ["visual", "het", "possible_het", "super"];
const SEXES: readonly string[] = ["male", "female", "unknown"];

/** Read the snapshot defensively: it is stored JSON, written by older versions too. */
export function readSnapshot(transfer: Pick<Transfer, "snapshot" | "animal_id">): AnimalSnapshot {
  const snapshot = record(transfer.snapshot);
  const animal = record(snapshot.animal);
  const species = record(animal.species);
  const parents = record(snapshot.parents);
  const sex = text(animal.sex);
  const genes = (Array.isArray(snapshot.genotype) ? snapshot.genotype : []).flatMap((entry): MorphGene[] => {
    const gene = record(entry);
    const trait = text(gene.trait);
    const state = text(gene.state);
    if (!trait || !state || !GENE_STATES.includes(state)) return [];
    return [{ trait_name: trait, state: state as GenotypeState, het_percent: number(gene.het_percent) }];
  });
  return {
    displayId: text(animal.display_id) ?? "Unknown animal",
    name: text(animal.name),
    species: text(species.common_name),
    sex: sex && SEXES.includes(sex) ? (sex as AnimalSnapshot["sex"]) : "unknown",
    hatchDate: text(animal.hatch_date),
    morph: text(animal.morph),
    microchip: text(animal.microchip),
    coi: number(animal.coi),
    genes,
    sire: readParent(parents.sire),
    dam: readParent(parents.dam),
    logCount: number(snapshot.log_count) ?? 0,
    newDisplayId: text(snapshot.new_display_id),
  };
}

function readParent(value: unknown): SnapshotParent | null {
  if (!value || typeof value !== "object") return null;
  const parent = record(value);
  if (parent.private === true) return { label: text(parent.label) ?? "Private ancestor", private: true };
  const displayId = text(parent.display_id);
  if (!displayId) return null;
  const name = text(parent.name);
  return { label: name ? `${displayId} · ${name}` : displayId, private: false };
}

const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/i;

/** The vivarium id in what the breeder pasted: the id itself, or a message or link holding it. */
export function parseVivariumId(input: string): string | null {
  return UUID.exec(input.trim())?.[0].toLowerCase() ?? null;
}

/** "in 14 days", "tomorrow", "today": counted in calendar days, as the date beside it reads. */
export function expiresIn(expiresAt: string, now = new Date()): string {
  const day = (date: Date) => Date.UTC(date.getFullYear(), date.getMonth(), date.getDate());
  const days = Math.round((day(new Date(expiresAt)) - day(now)) / 86_400_000);
  if (days <= 0) return "today";
  if (days === 1) return "tomorrow";
  return `in ${days} days`;
}
