import type { PedigreeAnimalNode, PedigreeData, PedigreePrivateNode } from "./pedigreeLayout";

function animal(
  key: string,
  display_id: string,
  name: string,
  sex: PedigreeAnimalNode["sex"],
  generation: number,
  sire: string | null,
  dam: string | null,
  extra: Partial<PedigreeAnimalNode> = {},
): PedigreeAnimalNode {
  return { key, id: key, private: false, display_id, name, sex, generation, sire, dam, access: "full", ...extra };
}

const hidden: PedigreePrivateNode = {
  key: "private-1",
  private: true,
  label: "private ancestor",
  generation: 2,
  sire: null,
  dam: null,
};

/**
 * Echo (father x daughter): sire Atlas, dam Nova; Nova's sire is Atlas again and her dam
 * Juniper; Atlas's parents are unknown; Juniper's sire is private, her dam unknown.
 */
export const ECHO: PedigreeData = {
  root: "echo",
  generations: 5,
  nodes: [
    animal("echo", "BP-020", "Echo", "male", 0, "atlas", "nova", {
      genotype: [{ trait: "Pastel", state: "super", het_percent: null }],
    }),
    animal("atlas", "BP-003", "Atlas", "male", 1, null, null, {
      genotype: [
        { trait: "Pastel", state: "visual", het_percent: null },
        { trait: "Clown", state: "het", het_percent: null },
      ],
    }),
    animal("nova", "BP-008", "Nova", "female", 1, "atlas", "juniper", {
      genotype: [{ trait: "Clown", state: "possible_het", het_percent: 66 }],
    }),
    animal("juniper", "BP-004", "Juniper", "female", 2, "private-1", null, { access: "shared" }),
    { ...hidden, generation: 3 },
  ],
};
