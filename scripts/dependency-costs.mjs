// What each crate costs in the release wasm: reads the function names from
// the wasm's "name" section and the size of each function body from its code
// section, and adds the bytes up by crate (the first path segment of the
// demangled Rust symbol). Run on the wasm cargo builds before wasm-bindgen
// and wasm-opt, which still has its names:
//
//   node scripts/dependency-costs.mjs target/wasm32-unknown-unknown/release/servicelab.wasm
//
// Figures are code bytes before optimisation; the share of each crate is what
// transfers to the optimised, compressed bundle (an estimate, said as such).
import { readFileSync } from "node:fs";

const bytes = readFileSync(process.argv[2]);
let at = 8; // magic + version
const leb = () => {
  let result = 0, shift = 0, byte;
  do {
    byte = bytes[at++];
    result += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  return result;
};
const sizes = []; // body size of each defined function, in order
const names = new Map(); // function index -> name
let imported = 0;
let dataBytes = 0;
while (at < bytes.length) {
  const id = bytes[at++];
  const size = leb();
  const end = at + size;
  if (id === 2) {
    // imports: count the imported functions, which come first in the index space
    for (let n = leb(); n > 0; n--) {
      at += leb(); at += leb(); // module, field
      const kind = bytes[at++];
      if (kind === 0) { leb(); imported++; }
      else if (kind === 1) { at++; const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 2) { const flags = leb(); leb(); if (flags & 1) leb(); }
      else if (kind === 3) { at += 2; }
      else if (kind === 4) { at++; leb(); }
    }
  } else if (id === 10) {
    for (let n = leb(); n > 0; n--) { const body = leb(); sizes.push(body); at += body; }
  } else if (id === 11) {
    dataBytes = size;
  } else if (id === 0) {
    const nameLength = leb();
    const name = bytes.toString("utf8", at, at + nameLength);
    at += nameLength;
    if (name === "name") {
      while (at < end) {
        const sub = bytes[at++];
        const subSize = leb();
        const subEnd = at + subSize;
        if (sub === 1) {
          for (let n = leb(); n > 0; n--) {
            const index = leb();
            const length = leb();
            names.set(index, bytes.toString("utf8", at, at + length));
            at += length;
          }
        }
        at = subEnd;
      }
    }
  }
  at = end;
}

// `_ZN` + length-prefixed segments (legacy mangling); `_R` (v0) is rare here.
// Generic code is charged to the crate it was instantiated for: the std
// function `core::ptr::drop_in_place<tachys::view::...>` counts as tachys.
const STD = new Set(["core", "alloc", "std"]);
const crateOf = (symbol) => {
  const owner = [...symbol.matchAll(/(?:\$LT\$|\$u20\$|\$RF\$|\$C\$|\$BP\$|\$u5b\$)([a-z_][a-z0-9_]*)\.\./g)].map((m) => m[1]).find((c) => !STD.has(c));
  if (owner) return owner;
  const legacy = /^_ZN(\d+)/.exec(symbol);
  if (legacy) {
    let name = symbol.slice(3 + legacy[1].length, 3 + legacy[1].length + Number(legacy[1]));
    if (name.startsWith("_$LT$")) {
      const inner = /^_\$LT\$([a-z_][a-z0-9_]*)/.exec(name);
      name = inner ? inner[1] : "generic impls";
    }
    return name;
  }
  if (/^(mem|__|dl|malloc|free|realloc|calloc)/.test(symbol)) return "allocator and runtime";
  return symbol.includes("::") ? symbol.split("::")[0] : "other";
};
const byCrate = new Map();
sizes.forEach((size, i) => {
  const crate = crateOf(names.get(imported + i) ?? "");
  byCrate.set(crate, (byCrate.get(crate) ?? 0) + size);
});
byCrate.set("data (strings, tables)", dataBytes);
const total = [...byCrate.values()].reduce((a, b) => a + b, 0);
const rows = [...byCrate.entries()].sort((a, b) => b[1] - a[1]);
console.log("| crate | code bytes before wasm-opt | share |");
console.log("| --- | ---: | ---: |");
for (const [crate, size] of rows.slice(0, 15)) {
  console.log(`| ${crate} | ${(size / 1024).toFixed(1)} KB | ${((size / total) * 100).toFixed(1)} % |`);
}
const rest = rows.slice(15).reduce((n, [, s]) => n + s, 0);
console.log(`| ${rows.length - 15} smaller crates | ${(rest / 1024).toFixed(1)} KB | ${((rest / total) * 100).toFixed(1)} % |`);
console.log(`| **total** | **${(total / 1024).toFixed(1)} KB** | |`);
