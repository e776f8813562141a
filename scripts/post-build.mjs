// Trunk's post-build hook (see Trunk.toml); it also runs by hand on a build:
//
//   node scripts/post-build.mjs [dir]      (default: Trunk's staging dir, else dist)
//
// For a release build it makes the output ready for offline use and a strict
// Content-Security-Policy:
//   * sw.js, the service worker that caches this release (web/service-worker.js
//     preceded by the list of files and a version hashed from their contents);
//   * in index.html, a <meta http-equiv="Content-Security-Policy"> (with the
//     hash of Trunk's inline loader script) and a <meta name="servicelab-service-worker">
//     that tells the app to register sw.js;
//   * _headers, the same policy as an HTTP header for hosts that read that file
//     (Netlify, Cloudflare Pages; e2e/serve.mjs reads it too).
// For a development build (no --release, or trunk serve) it writes only a
// retiring sw.js that removes a release's worker left on the same address, so
// a developer never sees a stale cached app.
//
// Running it again on its own output gives the same result (it replaces what
// an earlier run added); after a change to index.html it gives a new version.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, relative, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { inlineScripts, insertInHead, policyMeta, servedPolicy, withoutPolicyMeta } from "./web-policy.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const dir = process.argv[2] ?? process.env.TRUNK_STAGING_DIR ?? "dist";
const publicUrl = process.env.TRUNK_PUBLIC_URL ?? "/";
const WORKER = "sw.js";
const HEADERS = "_headers";
const WORKER_META = "servicelab-service-worker";

const indexPath = join(dir, "index.html");
let html = readFileSync(indexPath, "utf8");
// trunk serve puts its live-reload script in the page: a development build.
const development = (process.env.TRUNK_PROFILE ?? "release") !== "release" || html.includes("__TRUNK_ADDRESS__");

if (development) {
  writeFileSync(join(dir, WORKER), readFileSync(join(here, "../web/service-worker-retired.js")));
  console.log(`post-build: development build, ${WORKER} retires any cached release`);
  process.exit(0);
}

// 1. index.html: the policy and the service worker's address, first in <head>.
html = withoutPolicyMeta(html).replace(new RegExp(`[ \\t]*<meta name="${WORKER_META}"[^>]*>\\n?`, "g"), "");
const scripts = inlineScripts(html);
const workerUrl = `${publicUrl}${WORKER}`;
html = insertInHead(html, [policyMeta(servedPolicy(scripts)), `<meta name="${WORKER_META}" content="${workerUrl}" />`]);
writeFileSync(indexPath, html);

// 2. sw.js: the release's files and a version that changes with any of them.
function* filesUnder(path) {
  for (const name of readdirSync(path).sort()) {
    const full = join(path, name);
    if (statSync(full).isDirectory()) yield* filesUnder(full);
    else yield full;
  }
}
const hash = createHash("sha256");
const files = [publicUrl];
for (const file of filesUnder(dir)) {
  const name = relative(dir, file).split(sep).join("/");
  if (name === WORKER || name === HEADERS) continue;
  hash.update(name).update("\0").update(readFileSync(file)).update("\0");
  if (name !== "index.html") files.push(`${publicUrl}${name}`);
}
const version = hash.digest("hex").slice(0, 16);
const build = { version, shell: publicUrl, files };
writeFileSync(
  join(dir, WORKER),
  `self.SERVICELAB_BUILD = ${JSON.stringify(build)};\n\n${readFileSync(join(here, "../web/service-worker.js"), "utf8")}`,
);

// 3. _headers: the policy as a header (which may also forbid framing).
writeFileSync(
  join(dir, HEADERS),
  [
    "# HTTP headers for static hosts that read this file (Netlify, Cloudflare Pages).",
    "# Written by scripts/post-build.mjs; see \"Hosting\" in README.md.",
    "/*",
    `  Content-Security-Policy: ${servedPolicy(scripts, { header: true })}`,
    "  X-Content-Type-Options: nosniff",
    "  Referrer-Policy: no-referrer",
    `${workerUrl}`,
    "  Cache-Control: no-cache",
    "",
  ].join("\n"),
);
console.log(`post-build: ${WORKER} caches ${files.length} files (release ${version}); CSP in index.html and ${HEADERS}`);
