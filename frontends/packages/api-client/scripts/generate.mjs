// Turns each service's OpenAPI document (openapi/<service>.json) into TypeScript types
// (src/generated/<service>.ts). `scripts/api_client.py` dumps the documents first; run both
// with `make api-client`. Arguments: [openapi dir] [output dir], for the drift check.
import { mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import { fileURLToPath } from "node:url";
import openapiTS, { astToString } from "openapi-typescript";

const here = path.dirname(fileURLToPath(import.meta.url));
const specDir = path.resolve(process.argv[2] ?? path.join(here, "..", "openapi"));
const outDir = path.resolve(process.argv[3] ?? path.join(here, "..", "src", "generated"));

await mkdir(outDir, { recursive: true });
const specs = (await readdir(specDir)).filter((name) => name.endsWith(".json")).sort();
for (const name of specs) {
  const schema = JSON.parse(await readFile(path.join(specDir, name), "utf8"));
  const ast = await openapiTS(schema, { alphabetize: true, exportType: true });
  const header =
    "// Generated from the service's OpenAPI document by `make api-client`. Do not edit.\n\n";
  await writeFile(path.join(outDir, name.replace(/\.json$/, ".ts")), header + astToString(ast));
}
console.log(`api-client: ${specs.length} services -> ${path.relative(process.cwd(), outDir)}`);
