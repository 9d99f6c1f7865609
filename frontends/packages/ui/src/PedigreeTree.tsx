import { useEffect, useMemo, useRef, useState, type ReactNode, type RefObject } from "react";

import { SEX_LABEL, SEX_SYMBOL } from "./AnimalCard";
import { cx } from "./cx";
import { MorphBadge, sortGenes, type MorphGene } from "./MorphBadge";
import {
  buildPedigreeTree,
  depthOf,
  generationLabel,
  nodeLabel,
  occurrences,
  printZoom,
  relationText,
  type PedigreeAnimalNode,
  type PedigreeData,
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

// One column per generation: every card has the same width, so generations line up.
const CARD = "w-42 shrink-0";
// The nested parents' list sits one gap to the right; connectors live in that gap.
const GAP = "ml-6";

const ACCENT: Record<Relation | "root", string> = {
  root: "border-l-teal-600 dark:border-l-teal-400",
  sire: "border-l-sky-500 dark:border-l-sky-400",
  dam: "border-l-rose-500 dark:border-l-rose-400",
};

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
  const overflowing = useOverflow(scroller);
  usePrintZoom(chart, printArea);

  if (!tree || tree.content.kind !== "animal") return null;
  const rootLabel = nodeLabel(tree.content.node);
  const context: CardContext = { counts, hrefFor, renderLink };

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
        <div ref={chart} className="w-max px-1">
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
}

function SlotItem({ slot, context }: { slot: TreeSlot; context: CardContext }) {
  const relation = slot.relation;
  return (
    <li
      data-relation={relation ?? "animal"}
      data-generation={slot.generation}
      className={cx(
        "relative flex items-center",
        // The bracket: a stub from the gap to the card, and half of the vertical line joining
        // sire and dam (the sire's half runs down from its centre, the dam's up to its centre).
        relation &&
          "before:absolute before:-left-3 before:w-3 before:border-t-2 before:content-[''] before:top-1/2 before:-translate-y-px",
        relation &&
          "after:absolute after:-left-3 after:border-l-2 after:content-['']",
        relation === "sire" && "after:top-1/2 after:bottom-0 after:-translate-y-px",
        relation === "dam" && "after:top-0 after:bottom-1/2",
        relation === "sire" && "before:border-sky-500 after:border-sky-500 dark:before:border-sky-400 dark:after:border-sky-400",
        relation === "dam" && "before:border-rose-500 after:border-rose-500 dark:before:border-rose-400 dark:after:border-rose-400",
      )}
    >
      <div
        className={cx(
          CARD,
          "relative py-1",
          slot.parents &&
            "after:absolute after:top-1/2 after:-right-3 after:w-3 after:-translate-y-px after:border-t-2 after:border-stone-400 after:content-[''] dark:after:border-stone-500",
        )}
      >
        <SlotCard slot={slot} context={context} />
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

function SlotCard({ slot, context }: { slot: TreeSlot; context: CardContext }) {
  const relation = relationText(slot);
  const accent = ACCENT[slot.relation ?? "root"];
  const spoken = relation ? <span className="sr-only">{relation}: </span> : null;

  if (slot.content.kind === "unknown") {
    return (
      <div className="rounded-lg border-2 border-dashed border-stone-300 px-2 py-2 text-xs text-stone-500 dark:border-stone-700 dark:text-stone-400 print:text-stone-600">
        {spoken}
        {slot.relation === "sire" ? "No sire recorded" : "No dam recorded"}
      </div>
    );
  }
  if (slot.content.kind === "private") {
    return (
      <div
        className={cx(
          "rounded-lg border border-l-4 border-stone-300 bg-stone-100 px-2 py-2 text-xs dark:border-stone-700 dark:bg-stone-800",
          "print:bg-white print:text-black",
          accent,
        )}
      >
        {spoken}
        <span className="flex items-center gap-1 font-semibold text-stone-800 dark:text-stone-200 print:text-black">
          <LockIcon /> Private ancestor
        </span>
        <span className="text-stone-600 dark:text-stone-400 print:text-stone-700">Kept private by its owner</span>
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
  const heading = (
    <>
      <span className="block font-semibold">{node.display_id}</span>
      {node.name ? <span className="block truncate">{node.name}</span> : null}
    </>
  );

  return (
    <div
      className={cx(
        "flex flex-col gap-1 rounded-lg border border-l-4 border-stone-200 bg-white px-2 py-1.5 text-sm shadow-sm",
        "focus-within:ring-2 focus-within:ring-teal-600 dark:border-stone-700 dark:bg-stone-900",
        "print:bg-white print:text-black print:shadow-none",
        slot.generation === 0 && "ring-1 ring-teal-600/40",
        accent,
      )}
    >
      <div className="flex items-start justify-between gap-1">
        <div className="min-w-0 leading-tight">
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
              className="rounded bg-violet-100 px-1 text-[10px] font-semibold text-violet-900 dark:bg-violet-950 dark:text-violet-200"
            >
              {times}×<span className="sr-only"> in this pedigree</span>
            </span>
          ) : null}
          <span
            title={SEX_LABEL[node.sex]}
            className={cx(
              "text-base leading-none",
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
        <ul className="flex flex-wrap gap-0.5" aria-label="Genotype">
          {genes.map((gene) => (
            <li key={`${gene.trait_name}-${gene.state}`}>
              <MorphBadge gene={gene} />
            </li>
          ))}
        </ul>
      ) : node.morph ? (
        <p className="text-xs text-stone-600 dark:text-stone-400">{node.morph}</p>
      ) : (
        <p className="text-xs text-stone-500 dark:text-stone-400">Normal / no genotype</p>
      )}
      {!href && node.access === "shared" ? (
        <p className="text-[11px] text-stone-500 dark:text-stone-400">Another breeder's animal</p>
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
    <ul aria-label="Legend" className="flex flex-wrap gap-x-4 gap-y-1 text-xs text-stone-700 dark:text-stone-300 print:text-black">
      <li className={item}>
        <span aria-hidden="true" className={cx(swatch, "border-l-sky-500 bg-sky-100 dark:bg-sky-950")} /> Sire (father)
      </li>
      <li className={item}>
        <span aria-hidden="true" className={cx(swatch, "border-l-rose-500 bg-rose-100 dark:bg-rose-950")} /> Dam (mother)
      </li>
      <li className={item}>
        <LockIcon /> Private ancestor
      </li>
      <li className={item}>
        <span aria-hidden="true" className="inline-block h-3 w-5 rounded-sm border-2 border-dashed border-stone-400" /> Not
        recorded
      </li>
      <li className={item}>
        <span aria-hidden="true" className="rounded bg-violet-100 px-1 text-[10px] font-semibold text-violet-900 dark:bg-violet-950 dark:text-violet-200">
          2×
        </span>
        Appears more than once
      </li>
    </ul>
  );
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

/** Zoom the chart out just before printing so that all of it lands on one landscape page. */
function usePrintZoom(ref: RefObject<HTMLElement | null>, area: { width: number; height: number }) {
  const { width, height } = area;
  useEffect(() => {
    const before = () => {
      const element = ref.current;
      if (!element) return;
      const zoom = printZoom({ width: element.scrollWidth, height: element.scrollHeight }, { width, height });
      element.style.setProperty("zoom", String(zoom));
    };
    const after = () => ref.current?.style.removeProperty("zoom");
    window.addEventListener("beforeprint", before);
    window.addEventListener("afterprint", after);
    return () => {
      window.removeEventListener("beforeprint", before);
      window.removeEventListener("afterprint", after);
    };
  }, [ref, width, height]);
}
