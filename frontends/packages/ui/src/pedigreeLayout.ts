/**
 * The flat pedigree the animal service sends (each animal once, parents linked by `key`)
 * unfolded into the bracket a breeder reads: every occurrence of an ancestor gets its own slot,
 * sire above dam. Pure, so the layout can be tested without rendering.
 */
import type { GenotypeState } from "./MorphBadge";

export type Sex = "male" | "female" | "unknown";
export type Relation = "sire" | "dam";

export interface PedigreeGene {
  trait: string;
  state: GenotypeState;
  het_percent?: number | null;
}

/** An animal the viewer may see (the service's `PedigreeAnimal`). */
export interface PedigreeAnimalNode {
  key: string;
  private: false;
  id: string;
  display_id: string;
  name?: string | null;
  sex: Sex;
  morph?: string | null;
  generation: number;
  sire: string | null;
  dam: string | null;
  /** "full": in one of the viewer's vivariums; "shared": another breeder's public or lineage-only animal. */
  access?: "full" | "shared";
  status?: string;
  archived?: boolean;
  genotype?: readonly PedigreeGene[];
}

/** An ancestor hidden from the viewer: nothing about it, nor behind it, is known here. */
export interface PedigreePrivateNode {
  key: string;
  private: true;
  label?: string;
  generation: number;
  sire?: null;
  dam?: null;
}

export type PedigreeNodeData = PedigreeAnimalNode | PedigreePrivateNode;

export interface PedigreeData {
  root: string;
  generations: number;
  nodes: readonly PedigreeNodeData[];
}

export type SlotContent =
  | { kind: "animal"; node: PedigreeAnimalNode }
  | { kind: "private" }
  /** No parent recorded. */
  | { kind: "unknown" };

export interface TreeSlot {
  /** Unique per slot: "" for the animal, then one letter per step ("s" sire, "d" dam): "sd" is the sire's dam. */
  path: string;
  generation: number;
  /** What this slot is to `offspring`; null for the animal itself. */
  relation: Relation | null;
  offspring: PedigreeAnimalNode | null;
  content: SlotContent;
  /** Sire and dam slots, when this is a visible animal short of the generations asked for. */
  parents: readonly [TreeSlot, TreeSlot] | null;
  /** How many rows of the bracket this slot spans (1 for a slot with no parents shown). */
  rows: number;
}

/** Shown as `A-001 · Name` everywhere an ancestor is named. */
export function nodeLabel(node: Pick<PedigreeAnimalNode, "display_id" | "name">): string {
  return node.name ? `${node.display_id} · ${node.name}` : node.display_id;
}

export function buildPedigreeTree(data: PedigreeData): TreeSlot | null {
  const byKey = new Map(data.nodes.map((node) => [node.key, node]));
  const root = byKey.get(data.root);
  if (!root || root.private) return null;

  function contentOf(key: string | null): SlotContent {
    const node = key === null ? undefined : byKey.get(key);
    if (!node) return { kind: "unknown" };
    return node.private ? { kind: "private" } : { kind: "animal", node };
  }

  function slot(
    path: string,
    generation: number,
    relation: Relation | null,
    offspring: PedigreeAnimalNode | null,
    content: SlotContent,
  ): TreeSlot {
    // The depth bound also stops a malformed answer that links an animal to itself.
    if (content.kind !== "animal" || generation >= data.generations) {
      return { path, generation, relation, offspring, content, parents: null, rows: 1 };
    }
    const { node } = content;
    const sire = slot(`${path}s`, generation + 1, "sire", node, contentOf(node.sire));
    const dam = slot(`${path}d`, generation + 1, "dam", node, contentOf(node.dam));
    return { path, generation, relation, offspring, content, parents: [sire, dam], rows: sire.rows + dam.rows };
  }

  return slot("", 0, null, null, { kind: "animal", node: root });
}

/** Every slot, depth first (sire's line before dam's line). */
export function* walkSlots(slot: TreeSlot): Generator<TreeSlot> {
  yield slot;
  if (slot.parents) {
    yield* walkSlots(slot.parents[0]);
    yield* walkSlots(slot.parents[1]);
  }
}

/** How often each visible ancestor occurs in the bracket: more than once is inbreeding. */
export function occurrences(tree: TreeSlot): Map<string, number> {
  const counts = new Map<string, number>();
  for (const slot of walkSlots(tree)) {
    if (slot.content.kind === "animal") {
      const key = slot.content.node.key;
      counts.set(key, (counts.get(key) ?? 0) + 1);
    }
  }
  return counts;
}

/** The deepest generation any slot sits at (0 when nothing is behind the animal). */
export function depthOf(tree: TreeSlot): number {
  let deepest = 0;
  for (const slot of walkSlots(tree)) deepest = Math.max(deepest, slot.generation);
  return deepest;
}

/** Whether any parent at all is recorded (known or private) for the animal. */
export function hasRecordedParents(tree: TreeSlot): boolean {
  return Boolean(tree.parents?.some((parent) => parent.content.kind !== "unknown"));
}

/** "Parents", "Grandparents", "Great-grandparents", "2× great-grandparents", ... */
export function generationLabel(generation: number): string {
  if (generation <= 0) return "Animal";
  if (generation === 1) return "Parents";
  if (generation === 2) return "Grandparents";
  if (generation === 3) return "Great-grandparents";
  return `${generation - 2}× great-grandparents`;
}

/** "Sire of BP-020 · Echo": what a screen reader hears before each ancestor. */
export function relationText(slot: Pick<TreeSlot, "relation" | "offspring">): string | null {
  if (!slot.relation || !slot.offspring) return null;
  const role = slot.relation === "sire" ? "Sire" : "Dam";
  return `${role} of ${nodeLabel(slot.offspring)}`;
}

/**
 * The zoom that fits a tree of `size` pixels into a printed page's `area`: never enlarged,
 * and never so small that nothing can be read.
 */
export function printZoom(
  size: { width: number; height: number },
  area: { width: number; height: number },
  minimum = 0.2,
): number {
  if (size.width <= 0 || size.height <= 0) return 1;
  const fit = Math.min(1, area.width / size.width, area.height / size.height);
  return Math.max(minimum, Math.floor(fit * 100) / 100);
}

export type PrintDensity = "full" | "two-line" | "one-line";

/**
 * How much of a card fits on paper. A slot gets `rows` of the chart's `totalRows`, and the
 * chart gets `height` pixels of the page: deep generations (32 ancestors in the fifth) get a
 * line or two, like the last columns of a printed pedigree certificate.
 */
export function printDensity(rows: number, totalRows: number, height: number): PrintDensity {
  const room = (rows * height) / Math.max(totalRows, 1);
  if (room >= 60) return "full";
  if (room >= 24) return "two-line";
  return "one-line";
}

/** A card's width that fits `columns` generations in `available` pixels, within reason. */
export function columnWidth(available: number, columns: number, gap: number, min = 128, max = 208): number {
  const fit = Math.floor((available - gap * (columns - 1)) / Math.max(columns, 1));
  return Math.max(min, Math.min(max, fit));
}
