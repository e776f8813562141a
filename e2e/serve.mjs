// A small static server for the release build in dist/, used by the end-to-end
// tests. Like a production host of a single-page app, it answers any path that
// is not a file with index.html, so deep links survive a reload. Like Netlify or
// Cloudflare Pages, it sends the headers that the build's _headers file names
// (the Content-Security-Policy among them), read again on every request.
//
//   node e2e/serve.mjs [port] [dir]
import { createServer } from "node:http";
import { readFile, stat } from "node:fs/promises";
import { extname, join, normalize, resolve } from "node:path";

const port = Number(process.argv[2] ?? 8091);
const root = resolve(process.argv[3] ?? "dist");
const types = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".wasm": "application/wasm",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/**
 * The headers `_headers` in `root` gives `path`: blocks of a path pattern line
 * (`/*` matches everything under it) followed by indented `Name: value` lines.
 */
async function headersFor(path) {
  let text;
  try {
    text = await readFile(join(root, "_headers"), "utf8");
  } catch {
    return {};
  }
  const headers = {};
  let applies = false;
  for (const line of text.split("\n")) {
    if (!line.trim() || line.trimStart().startsWith("#")) continue;
    if (!/^\s/.test(line)) {
      const pattern = line.trim();
      applies = pattern.endsWith("*") ? path.startsWith(pattern.slice(0, -1)) : path === pattern;
    } else if (applies) {
      const colon = line.indexOf(":");
      headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
  }
  return headers;
}

async function fileFor(urlPath) {
  const clean = normalize(decodeURIComponent(urlPath)).replace(/^(\.\.[/\\])+/, "");
  const candidate = join(root, clean);
  if (candidate.startsWith(root)) {
    try {
      if ((await stat(candidate)).isFile()) return candidate;
    } catch {
      // not a file: fall through to the app's entry page
    }
  }
  return join(root, "index.html");
}

createServer(async (req, res) => {
  try {
    const path = new URL(req.url, "http://localhost").pathname;
    const file = await fileFor(path);
    const body = await readFile(file);
    res.writeHead(200, {
      "content-type": types[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-cache",
      ...(await headersFor(path)),
    });
    res.end(body);
  } catch (error) {
    res.writeHead(500, { "content-type": "text/plain" });
    res.end(`server error: ${error.message}`);
  }
}).listen(port, "127.0.0.1", () => {
  console.log(`serving ${root} on http://127.0.0.1:${port}`);
});
