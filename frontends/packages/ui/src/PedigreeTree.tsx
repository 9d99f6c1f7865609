import { useEffect, useMemo, useRef, useState, type CSSProperties, type ReactNode, type RefObject } from "react";

import { SEX_LABEL, SEX_SYMBOL } from "./AnimalCard";
import { cx } from "./cx";
import { GenotypeList, morphLabel, sortGenes, type MorphGene } from "./MorphBadge";
import {
  buildPedigreeTree,
  columnWidth,
  depthOf,
  generationLabel,
  nodeLabel,
  occurrences,
  printDensity,
  printZoom,
  relationText,
  type PedigreeAnimalNode,
  type PedigreeData,
  type PrintDensity,
  type Relation,
  type TreeSlot,
} from "./pedigreeLayout";

export interface PedigreeLinkProps {
  href: string;
  className: string;
  "aria-label": string;
  children: ReactNode;
}

export interface PedigreeTreeProps {
  pedigree: PedigreeData;
  /** The page of a visible ancestor, or null when the viewer has none to open (another breeder's animal). */
  hrefFor?: (node: PedigreeAnimalNode) => string | null;
  /** How links are drawn (a router's Link); a plain anchor by default. */
  renderLink?: (props: PedigreeLinkProps) => ReactNode;
  /** Room for the chart on a printed landscape page, in CSS pixels; it is zoomed out to fit. */
  printArea?: { width: number; height: number };
  className?: string;
}

// Each generation is a column of cards of one width (set from the room there is, see
// `useColumnWidth`); the nested parents' list sits one gap (1.5rem) to the right, and the
// bracket's connectors are drawn in that gap.
const GAP_PX = 24;
const CARD = "w-(--pedigree-card) shrink-0 in-[.pedigree-printing]:w-(--pedigree-card-print)";
const GAP = "ml-6";

const ACCENT: Record<Relation | "root", string> = {
  root: "border-l-teal-600 dark:border-l-teal-400",
  sire: "border-l-sky-500 dark:border-l-sky-400",
  dam: "border-l-rose-500 dark:border-l-rose-400",
};

// Paper only: the deeper generations of a large pedigree shrink to a line or two.
// The class `pedigree-printing` is set on the chart just before printing (see `usePrintLayout`),
// so the chart can be measured in its paper layout and zoomed to fit the page.
const CARD_DENSITY: Record<PrintDensity, string> = {
  full: "",
  "two-line":
    "in-[.pedigree-printing]:gap-0 in-[.pedigree-printing]:px-1 in-[.pedigree-printing]:py-0.5 in-[.pedigree-printing]:text-[10px] in-[.pedigree-printing]:leading-tight",
  "one-line":
    "in-[.pedigree-printing]:flex-row in-[.pedigree-printing]:items-center in-[.pedigree-printing]:gap-1 in-[.pedigree-printing]:px-1 in-[.pedigree-printing]:py-0 in-[.pedigree-printing]:text-[9px] in-[.pedigree-printing]:leading-3",
};
const SLOT_DENSITY: Record<PrintDensity, string> = {
  full: "",
  "two-line": "in-[.pedigree-printing]:py-px",
  "one-line": "in-[.pedigree-printing]:py-0",
};
// On paper: hidden, or shown, in a compact card.
const PAPER_HIDDEN = "in-[.pedigree-printing]:hidden";
const PAPER_INLINE = "in-[.pedigree-printing]:inline";

const defaultLink = ({ children, ...props }: PedigreeLinkProps) => <a {...props}>{children}</a>;

/**
 * A pedigree as the classic left-to-right bracket: the animal, then its sire above its dam,
 * and so on back. Sires are drawn in sky, dams in rose; private ancestors are shown only as
 * such, and parents nobody recorded as empty slots. In the DOM it is a nested list (each
 * animal's parents are a list inside its item), and every ancestor is announced as
 * "Sire of …" or "Dam of …", so it reads as well as it looks.
 */
export function PedigreeTree({
  pedigree,
  hrefFor = () => null,
  renderLink = defaultLink,
  printArea = { width: 980, height: 560 },
  className,
}: PedigreeTreeProps) {
  const tree = useMemo(() => buildPedigreeTree(pedigree), [pedigree]);
  const counts = useMemo(() => (tree ? occurrences(tree) : new Map<string, number>()), [tree]);
  const depth = tree ? depthOf(tree) : 0;
  const scroller = useRef<HTMLDivElement>(null);
  const chart = useRef<HTMLDivElement>(null);
  const width = useColumnWidth(scroller, depth + 1);
  const overflowing = useOverflow(scroller);
  usePrintLayout(chart, printArea);

  if (!tree || tree.content.kind !== "animal") return null;
  const rootLabel = nodeLabel(tree.content.node);
  const context: CardContext = { counts, hrefFor, renderLink, totalRows: tree.rows, printHeight: printArea.height };

  return (
    <div className={cx("flex flex-col gap-2", className)}>
      <Legend />
      {overflowing ? (
        <p className="no-print flex items-center gap-1 text-xs text-stone-600 dark:text-stone-400">
          <span aria-hidden="true">↔</span> Older generations continue to the right: swipe or scroll sideways.
        </p>
      ) : null}
      <div
        ref={scroller}
        role="region"
        aria-label={`Pedigree chart of ${rootLabel}`}
        // A region that scrolls sideways must be reachable from the keyboard to scroll it.
        // eslint-disable-next-line jsx-a11y/no-noninteractive-tabindex
        tabIndex={overflowing ? 0 : undefined}
        className={cx(
          "overflow-x-auto rounded-xl pb-2 focus-visible:outline-2 focus-visible:outline-teal-600",
          "print:overflow-visible",
        )}
      >
        <div ref={chart} className="w-max px-1" style={
            {
              "--pedigree-card": `${width}px`,
              "--pedigree-card-print": `${columnWidth(printArea.width - 8, depth + 1, GAP_PX, 96)}px`,
            } as CSSProperties
          }>
          <div aria-hidden="true" className="mb-1 flex">
            {Array.from({ length: depth + 1 }, (_, generation) => (
              <p
                key={generation}
                className={cx(
                  CARD,
                  generation > 0 && GAP,
                  "text-xs font-semibold tracking-wide text-stone-600 uppercase dark:text-stone-400 print:text-black",
                )}
              >
                {generation === 0 ? "This animal" : generationLabel(generation)}
              </p>
            ))}
          </div>
          <ul aria-label={`Pedigree of ${rootLabel}, ${pedigree.generations} generations`}>
            <SlotItem slot={tree} context={context} />
          </ul>
        </div>
      </div>
    </div>
  );
}

interface CardContext {
  counts: Map<string, number>;
  hrefFor: (node: PedigreeAnimalNode) => string | null;
  renderLink: (props: PedigreeLinkProps) => ReactNode;
  totalRows: number;
  printHeight: number;
}

function SlotItem({ slot, context }: { slot: TreeSlot; context: CardContext }) {
  const relation = slot.relation;
  const density = printDensity(slot.rows, context.totalRows, context.printHeight);
  return (
    <li
      data-relation={relation ?? "animal"}
      data-generation={slot.generation}
      className={cx(
        "relative flex items-center",
        // The bracket: a stub from the gap to the card, and half of the vertical line joining
        // sire and dam (the sire's half runs down from its centre, the dam's up to its centre).
        relation &&
          "before:absolute before:top-1/2 before:-left-3 before:w-3 before:-translate-y-px before:border-t-2 before:content-['']",
        relation && "after:absolute after:-left-3 after:border-l-2 after:content-['']",
        relation === "sire" && "after:top-1/2 after:bottom-0 after:-translate-y-px",
        relation === "dam" && "after:top-0 after:bottom-1/2",
        relation === "sire" &&
          "before:border-sky-500 after:border-sky-500 dark:before:border-sky-400 dark:after:border-sky-400",
        relation === "dam" &&
          "before:border-rose-500 after:border-rose-500 dark:before:border-rose-400 dark:after:border-rose-400",
      )}
    >
      <div
        className={cx(
          CARD,
          "relative py-1",
          SLOT_DENSITY[density],
          slot.parents &&
            "after:absolute after:top-1/2 after:-right-3 after:w-3 after:-translate-y-px after:border-t-2 after:border-stone-400 after:content-[''] dark:after:border-stone-500",
        )}
      >
        <SlotCard slot={slot} context={context} density={density} />
      </div>
      {slot.parents && slot.content.kind === "animal" ? (
        <ul className={GAP} aria-label={`Parents of ${nodeLabel(slot.content.node)}`}>
          <SlotItem slot={slot.parents[0]} context={context} />
          <SlotItem slot={slot.parents[1]} context={context} />
        </ul>
      ) : null}
    </li>
  );
}

function SlotCard({ slot, context, density }: { slot: TreeSlot; context: CardContext; density: PrintDensity }) {
  const relation = relationText(slot);
  const accent = ACCENT[slot.relation ?? "root"];
  const spoken = relation ? <span className="sr-only">{relation}: </span> : null;
  const compact = density !== "full";

  if (slot.content.kind === "unknown") {
    return (
      <div
        className={cx(
          "rounded-lg border-2 border-dashed border-stone-300 px-2 py-2 text-xs text-stone-500 dark:border-stone-700 dark:text-stone-400 print:text-stone-600",
          compact &&
            "in-[.pedigree-printing]:border in-[.pedigree-printing]:px-1 in-[.pedigree-printing]:py-0 in-[.pedigree-printing]:text-[9px] in-[.pedigree-printing]:leading-3",
        )}
      >
        {spoken}
        {slot.relation === "sire" ? "No sire recorded" : "No dam recorded"}
      </div>
    );
  }
  if (slot.content.kind === "private") {
    return (
      <div
        className={cx(
          "flex flex-col rounded-lg border border-l-4 border-stone-300 bg-stone-100 px-2 py-2 text-xs dark:border-stone-700 dark:bg-stone-800",
          "print:bg-white print:text-black",
          compact &&
            "in-[.pedigree-printing]:px-1 in-[.pedigree-printing]:py-0 in-[.pedigree-printing]:text-[9px] in-[.pedigree-printing]:leading-3",
          accent,
        )}
      >
        {spoken}
        <span className="flex items-center gap-1 font-semibold text-stone-800 dark:text-stone-200 print:text-black">
          <LockIcon /> Private ancestor
        </span>
        <span className={cx("text-stone-600 dark:text-stone-400 print:text-stone-700", compact && PAPER_HIDDEN)}>
          Kept private by its owner
        </span>
      </div>
    );
  }

  const node = slot.content.node;
  const href = context.hrefFor(node);
  const label = nodeLabel(node);
  const times = context.counts.get(node.key) ?? 1;
  const genes: MorphGene[] = sortGenes(
    (node.genotype ?? []).map((gene) => ({ trait_name: gene.trait, state: gene.state, het_percent: gene.het_percent })),
  );
  const genesText = genes.length ? genes.map(morphLabel).join(", ") : (node.morph ?? "");
  const heading = (
    <>
      <span className={cx("block font-semibold", compact && PAPER_INLINE)}>{node.display_id}</span>
      {node.name ? (
        <span className={cx("block truncate", compact && PAPER_INLINE)}>
          {compact ? <span className={cx("hidden", PAPER_INLINE)}> </span> : null}
          {node.name}
        </span>
      ) : null}
    </>
  );

  return (
    <div
      className={cx(
        "flex flex-col gap-1 rounded-lg border border-l-4 border-stone-200 bg-white px-2 py-1.5 text-sm shadow-sm",
        "focus-within:ring-2 focus-within:ring-teal-600 dark:border-stone-700 dark:bg-stone-900",
        "print:bg-white print:text-black print:shadow-none",
        slot.generation === 0 && "ring-1 ring-teal-600/40",
        CARD_DENSITY[density],
        accent,
      )}
    >
      <div className={cx("flex items-start justify-between gap-1", density === "one-line" && "in-[.pedigree-printing]:shrink-0")}>
        <div className={cx("min-w-0 leading-tight", compact && "in-[.pedigree-printing]:truncate")}>
          {spoken}
          {href
            ? context.renderLink({
                href,
                className:
                  "rounded hover:underline focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-teal-600",
                "aria-label": relation ? `${label}, ${relation.charAt(0).toLowerCase()}${relation.slice(1)}` : label,
                children: heading,
              })
            : heading}
        </div>
        <span className="flex shrink-0 items-center gap-1">
          {times > 1 ? (
            <span
              title={`Appears ${times} times in this pedigree (inbreeding)`}
              className="rounded bg-violet-100 px-1 text-[10px] font-semibold text-violet-900 dark:bg-violet-950 dark:text-violet-200 in-[.pedigree-printing]:text-[8px]"
            >
              {times}×<span className="sr-only"> in this pedigree</span>
            </span>
          ) : null}
          <span
            title={SEX_LABEL[node.sex]}
            className={cx(
              "text-base leading-none",
              compact && "in-[.pedigree-printing]:text-[10px]",
              node.sex === "male" && "text-sky-700 dark:text-sky-400",
              node.sex === "female" && "text-rose-700 dark:text-rose-400",
            )}
          >
            <span aria-hidden="true">{SEX_SYMBOL[node.sex]}</span>
            <span className="sr-only">{SEX_LABEL[node.sex]}</span>
          </span>
        </span>
      </div>
      {genes.length ? (
        <GenotypeList genes={genes} className={cx("gap-0.5", compact && PAPER_HIDDEN)} />
      ) : node.morph ? (
        <p className={cx("text-xs text-stone-600 dark:text-stone-400", compact && PAPER_HIDDEN)}>{node.morph}</p>
      ) : (
        <p className={cx("text-xs text-stone-500 dark:text-stone-400", compact && PAPER_HIDDEN)}>
          Normal / no genotype
        </p>
      )}
      {compact && genesText ? (
        // On paper the genes of a deep generation are plain words on one line.
        <p aria-hidden="true" className="hidden min-w-0 truncate text-stone-700 in-[.pedigree-printing]:block">
          {genesText}
        </p>
      ) : null}
      {!href && node.access === "shared" ? (
        <p className={cx("text-[11px] text-stone-500 dark:text-stone-400", compact && PAPER_HIDDEN)}>
          Another breeder's animal
        </p>
      ) : null}
    </div>
  );
}

/** A small padlock drawn inline: emoji fonts are missing on some printers and kiosks. */
function LockIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 shrink-0 fill-none stroke-current stroke-[1.6]">
      <rect x="3" y="7" width="10" height="7" rx="1.5" />
      <path d="M5.5 7V5a2.5 2.5 0 0 1 5 0v2" />
    </svg>
  );
}

function Legend() {
  const item = "flex items-center gap-1.5";
  const swatch = "inline-block h-3 w-5 rounded-sm border-l-4";
  return (
    <ul
      aria-label="Legend"
      className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-700 dark:text-stone-300 print:text-black"
    >
      <li className={item}>
        <span aria-hidden="true" className={cx(swatch, "border-l-sky-500 bg-sky-100 dark:bg-sky-950")} /> Sire (father)
      </li>
      <li className={item}>
        <span aria-hidden="true" className={cx(swatch, "border-l-rose-500 bg-rose-100 dark:bg-rose-950")} /> Dam
        (mother)
      </li>
      <li className={item}>
        <LockIcon /> Private ancestor
      </li>
      <li className={item}>
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border-2 border-dashed border-stone-400" />{" "}
        Not recorded
      </li>
      <li className={item}>
        <span
          aria-hidden="true"
          className="rounded bg-violet-100 px-1 text-[10px] font-semibold text-violet-900 dark:bg-violet-950 dark:text-violet-200"
        >
          2×
        </span>
        Appears more than once
      </li>
    </ul>
  );
}

/** The card width that fits the generations shown into the box, or scrolls below a readable width. */
function useColumnWidth(ref: RefObject<HTMLElement | null>, columns: number): number {
  const [available, setAvailable] = useState(0);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const observer = new ResizeObserver(() => setAvailable(element.clientWidth));
    observer.observe(element);
    setAvailable(element.clientWidth);
    return () => observer.disconnect();
  }, [ref]);
  // The chart's own side padding (px-1) comes off the room.
  return available ? columnWidth(available - 8, columns, GAP_PX) : 168;
}

/** Whether the chart is wider than its box, so the "scroll sideways" hint shows only when needed. */
function useOverflow(ref: RefObject<HTMLElement | null>): boolean {
  const [overflowing, setOverflowing] = useState(false);
  useEffect(() => {
    const element = ref.current;
    if (!element || typeof ResizeObserver === "undefined") return;
    const measure = () => setOverflowing(element.scrollWidth > element.clientWidth + 1);
    const observer = new ResizeObserver(measure);
    observer.observe(element);
    if (element.firstElementChild) observer.observe(element.firstElementChild);
    measure();
    return () => observer.disconnect();
  }, [ref]);
  return overflowing;
}

/**
 * Just before printing, lay the chart out for paper (compact deep generations, columns as
 * wide as the page allows), measure it, and zoom it out so all of it lands on one landscape
 * page; after printing, put the screen layout back.
 */
function usePrintLayout(ref: RefObject<HTMLElement | null>, area: { width: number; height: number }) {
  const { width, height } = area;
  useEffect(() => {
    const before = () => {
      const element = ref.current;
      if (!element) return;
      element.classList.add("pedigree-printing");
      // Reading the size lays the chart out again, in its paper form.
      const zoom = printZoom({ width: element.scrollWidth, height: element.scrollHeight }, { width, height });
      element.style.setProperty("zoom", String(zoom));
    };
    const after = () => {
      ref.current?.classList.remove("pedigree-printing");
      ref.current?.style.removeProperty("zoom");
    };
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, [ref, width, height]);
}
