// Fails when the JavaScript a first visit downloads (the entry chunk and what it imports
// statically, not the pages loaded on demand) is over the budget, gzipped.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";

const BUDGET_BYTES = 200 * 1024;
const dist = path.join(path.dirname(fileURLToPath(import.meta.url)), "..", "dist");
const html = readFileSync(path.join(dist, "index.html"), "utf8");
const initial = new Set(
  [...html.matchAll(/<(?:script|link)[^>]+(?:src|href)="\/(assets\/[^"]+\.js)"/g)].map((m) => m[1]),
);
let total = 0;
for (const file of initial) total += gzipSync(readFileSync(path.join(dist, file))).length;
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} kB`;
console.log(`web-breeder initial JavaScript: ${kb(total)} gzipped (${initial.size} files; budget ${kb(BUDGET_BYTES)})`);
if (initial.size === 0 || total > BUDGET_BYTES) process.exit(1);
