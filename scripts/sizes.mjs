// Prints the size of each file of a build, raw and compressed, and the total
// that the size budget is about: wasm + JS + CSS, brotli-compressed.
//
//   node scripts/sizes.mjs [dist] [budget-in-KB]
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, extname } from "node:path";
import { gzipSync, brotliCompressSync, constants } from "node:zlib";

const dir = process.argv[2] ?? "dist";
const budgetKb = Number(process.argv[3] ?? 150);

function* files(path) {
  for (const name of readdirSync(path)) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* files(full);
    else yield full;
  }
}

const kb = (bytes) => (bytes / 1024).toFixed(1).padStart(8);
const rows = [];
for (const file of files(dir)) {
  const data = readFileSync(file);
  const gzip = gzipSync(data, { level: 9 }).length;
  const brotli = brotliCompressSync(data, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length;
  rows.push({ name: relative(dir, file), ext: extname(file), raw: data.length, gzip, brotli });
}
rows.sort((a, b) => b.raw - a.raw);

console.log(`${"file".padEnd(48)} ${"raw KB".padStart(8)} ${"gzip KB".padStart(8)} ${"br KB".padStart(8)}`);
for (const r of rows) console.log(`${r.name.padEnd(48)} ${kb(r.raw)} ${kb(r.gzip)} ${kb(r.brotli)}`);

const counted = rows.filter((r) => [".wasm", ".js", ".css"].includes(r.ext));
const sum = (key) => counted.reduce((total, r) => total + r[key], 0);
console.log(`${"wasm + js + css".padEnd(48)} ${kb(sum("raw"))} ${kb(sum("gzip"))} ${kb(sum("brotli"))}`);
const brotliKb = sum("brotli") / 1024;
const verdict = brotliKb <= budgetKb ? "within" : "OVER";
console.log(`bundle: ${brotliKb.toFixed(1)} KB brotli, ${verdict} the ${budgetKb} KB budget`);
