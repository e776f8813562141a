// Turns a release build (dist/) into one HTML file that opens from disk, with
// no server: style sheets, JS glue and wasm (as base64) inlined, and
// optionally a workspace embedded for the first open.
//
//   node scripts/single-file.mjs [--dist dist] [--out dist-single/servicelab.html] [--workspace file.json]
//
// scripts/single-file.sh builds the release first and then runs this.
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { inlineScripts, insertInHead, policyMeta, singleFilePolicy, withoutPolicyMeta } from "./web-policy.mjs";

const here = dirname(fileURLToPath(import.meta.url));
const options = { dist: "dist", out: "dist-single/servicelab.html", workspace: undefined };
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i += 1) {
  const key = args[i].replace(/^--/, "");
  if (!(key in options) || args[i + 1] === undefined) fail(`unknown option or missing value: ${args[i]}`);
  options[key] = args[(i += 1)];
}

function fail(message) {
  console.error(`single-file: ${message}`);
  process.exit(1);
}

const fromDist = (url) => readFileSync(join(options.dist, decodeURIComponent(new URL(url, "http://x/").pathname)));
const attribute = (tag, name) => new RegExp(`\\s${name}\\s*=\\s*"([^"]*)"`, "i").exec(tag)?.[1];
/** Text for the inside of a <script> or <style> element: it must not close it early. */
function raw(text, element) {
  if (new RegExp(`</${element}`, "i").test(text)) fail(`the ${element} text contains </${element}, which would end it early`);
  return text;
}

let html;
try {
  html = readFileSync(join(options.dist, "index.html"), "utf8");
} catch {
  fail(`no ${options.dist}/index.html: build the release first (trunk build --release)`);
}

// 1. Trunk's loader names the glue and the wasm; it is replaced by our own.
const loader = inlineScripts(html).find((text) => text.includes("module_or_path"));
if (!loader) fail("Trunk's loader script was not found in index.html");
const gluePath = /from\s+'([^']+\.js)'/.exec(loader)?.[1];
const wasmPath = /'([^']+\.wasm)'/.exec(loader)?.[1];
if (!gluePath || !wasmPath) fail("the loader script does not name the JS glue and the wasm");
html = html.replace(/[ \t]*<script type="module">[\s\S]*?<\/script>\n?/, () => "");

// 2. The glue becomes part of one inline module: its exports are dropped and
//    its init function is called by web/single-file-boot.js.
let glue = fromDist(gluePath).toString("utf8");
if (/from\s+['"]\.\/snippets\//.test(glue)) fail("the glue imports JS snippets, which this script does not inline");
let init;
glue = glue
  .replace(/^export\s*\{([^}]*)\};?[ \t]*$/gm, (_, names) => {
    for (const name of names.split(",")) {
      const m = /^\s*(\w+)\s+as\s+default\s*$/.exec(name);
      if (m) init = m[1];
    }
    return "";
  })
  .replace(/^export default (\w+);?[ \t]*$/gm, (_, name) => {
    init = name;
    return "";
  })
  .replace(/^export (?=(async\s+)?(function|class|const|let|var)\b)/gm, "");
if (!init) fail("could not find the glue's init function (its default export)");
if (/^\s*(export|import)\b/m.test(glue)) fail("the glue has an import or export this script does not understand");
const boot = readFileSync(join(here, "../web/single-file-boot.js"), "utf8");
const program = `\n${raw(glue, "script")}\nconst startWasm = ${init};\n${boot}`;

// 3. Style sheets inline; preloads of the glue and wasm go.
const styles = [];
html = html.replace(/[ \t]*<link\b[^>]*>\n?/gi, (tag) => {
  const rel = attribute(tag, "rel");
  if (rel === "modulepreload" || rel === "preload") return "";
  if (rel !== "stylesheet") fail(`cannot inline ${tag.trim()}`);
  const css = fromDist(attribute(tag, "href")).toString("utf8");
  if (/url\(/i.test(css)) fail(`${attribute(tag, "href")} refers to other files (url(...)), which this script does not inline`);
  styles.push(raw(css, "style"));
  return `    <style>${css}</style>\n`;
});

// 4. No service worker here; addresses in the fragment; the page's own policy.
html = withoutPolicyMeta(html).replace(/[ \t]*<meta name="servicelab-service-worker"[^>]*>\n?/g, "");
const wasm = fromDist(wasmPath);
let workspaceName;
let embedded = "";
if (options.workspace) {
  const text = readFileSync(options.workspace, "utf8");
  let value;
  try {
    value = JSON.parse(text);
  } catch (error) {
    fail(`${options.workspace} is not JSON: ${error.message}`);
  }
  if (typeof value?.name !== "string") fail(`${options.workspace} does not look like a ServiceLab workspace (no "name")`);
  workspaceName = value.name;
  // Outside strings JSON has no "<", so escaping every one keeps it the same
  // JSON and no "</script>" or "<!--" in the data can end the element early.
  embedded = `    <script type="application/json" id="embedded-workspace">${text.trim().replaceAll("<", "\\u003c")}</script>\n`;
}
html = html.replace(
  /<\/body>/i,
  () =>
    `${embedded}    <script type="application/wasm-base64" id="servicelab-wasm">${wasm.toString("base64")}</script>\n` +
    `    <script type="module">${program}</script>\n  </body>`,
);
html = insertInHead(html, [
  policyMeta(singleFilePolicy([program], styles)),
  `<meta name="servicelab-routing" content="fragment" />`,
]);

mkdirSync(dirname(options.out), { recursive: true });
writeFileSync(options.out, html);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const size = Buffer.byteLength(html);
console.log(
  `single-file: ${options.out}: ${kb(size)} raw, ${kb(gzipSync(html, { level: 9 }).length)} gzip` +
    (workspaceName ? `, with the workspace "${workspaceName}"` : ""),
);
