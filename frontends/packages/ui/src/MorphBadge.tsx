import { Badge, type BadgeTone } from "./Badge";
import { cx } from "./cx";

export type GenotypeState = "visual" | "het" | "possible_het" | "super";

export interface MorphGene {
  trait_name: string;
  state: GenotypeState;
  het_percent?: number | null;
  super_name?: string | null;
  welfare_flag?: string | null;
}

const TONE: Record<GenotypeState, BadgeTone> = {
  super: "violet",
  visual: "teal",
  het: "sky",
  possible_het: "neutral",
};

/** How breeders write a gene: "Pastel", "Super Pastel", "het Clown", "66% het Clown". */
export function morphLabel(gene: MorphGene): string {
  switch (gene.state) {
    case "super":
      return gene.super_name || `Super ${gene.trait_name}`;
    case "visual":
      return gene.trait_name;
    case "het":
      return `het ${gene.trait_name}`;
    case "possible_het":
      return `${gene.het_percent ?? 50}% het ${gene.trait_name}`;
  }
}

export function MorphBadge({ gene }: { gene: MorphGene }) {
  const flagged = gene.welfare_flag && gene.welfare_flag !== "none";
  return (
    <Badge
      tone={flagged ? "amber" : TONE[gene.state]}
      title={flagged ? `${morphLabel(gene)}: carries a welfare or lethal flag` : morphLabel(gene)}
    >
      {flagged ? <span aria-hidden="true">⚠</span> : null}
      {morphLabel(gene)}
    </Badge>
  );
}

/** An animal's genes as a row of badges, in the order given (sort them with `sortGenes`). */
export function GenotypeList({ genes, className }: { genes: readonly MorphGene[]; className?: string }) {
  return (
    <ul className={cx("flex flex-wrap", className ?? "gap-1")} aria-label="Genotype">
      {genes.map((gene) => (
        <li key={`${gene.trait_name}-${gene.state}`}>
          <MorphBadge gene={gene} />
        </li>
      ))}
    </ul>
  );
}

/** The genes in the order breeders read them: visuals and supers first, then hets. */
export function sortGenes<T extends MorphGene>(genes: readonly T[]): T[] {
  const rank: Record<GenotypeState, number> = { super: 0, visual: 1, het: 2, possible_het: 3 };
  return [...genes].sort(
    (a, b) => rank[a.state] - rank[b.state] || a.trait_name.localeCompare(b.trait_name),
  );
}
