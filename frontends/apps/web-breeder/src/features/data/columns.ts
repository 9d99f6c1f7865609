/**
 * The import's columns and what each accepts, as repti-animal reads them
 * (services/animal/src/repti_animal/portability/columns.py). Only `species` is required.
 */
export interface ColumnHelp {
  column: string;
  required?: boolean;
  accepts: string;
}

export const IMPORT_COLUMNS: ColumnHelp[] = [
  { column: "display_id", accepts: "Your ID for the animal, up to 40 characters. Leave blank to number it from your vivarium's template." },
  { column: "name", accepts: "Up to 120 characters." },
  { column: "species", required: true, accepts: "Common name, scientific name or code (e.g. Ball python, Python regius or BP)." },
  { column: "sex", accepts: "male, female or unknown (also m, f, u). Blank means unknown." },
  { column: "hatch_date", accepts: "YYYY-MM-DD (also YYYY/MM/DD or DD.MM.YYYY), not in the future. 03/04/2024 is refused: it reads differently in the US." },
  { column: "status", accepts: "active, sold, deceased, holdback, external or lease. Blank means active." },
  { column: "visibility", accepts: "private, lineage_only or public. Blank means private." },
  { column: "morph", accepts: "Free text, up to 200 characters." },
  { column: "sire", accepts: "The display_id of the father: another row of the file or an animal already in the vivarium." },
  { column: "dam", accepts: "The display_id of the mother, the same way." },
  { column: "microchip", accepts: "Microchip or tag, up to 40 characters." },
  { column: "notes", accepts: "Free text." },
  { column: "genotype", accepts: "Genes separated by ';': Clown; het Piebald; 66% het Albino; Super Pastel." },
];

/** A file to start from: the header and two example rows (parents first is not required). */
export const TEMPLATE_CSV = [
  IMPORT_COLUMNS.map((c) => c.column).join(","),
  "BP-100,Atlas,Ball python,male,2022-05-14,active,private,Pastel Clown,,,,,Pastel; Clown",
  "BP-101,Nova,Ball python,female,2023-06-02,active,private,Het Clown,,,,Eats f/t rats,het Clown",
].join("\r\n") + "\r\n";
