// The Content-Security-Policy of ServiceLab, and the helpers that build it.
// Shared by scripts/post-build.mjs (the served release) and
// scripts/single-file.mjs (the one-file build that opens from disk).
//
// The app needs very little: its own script (plus the one inline module that
// starts the wasm, allowed by its hash), WebAssembly compilation
// ('wasm-unsafe-eval'), its own style sheets and its own service worker. Any
// other script, an injected <script> or an onclick attribute included, is
// refused by the browser.
import { createHash } from "node:crypto";

/** The CSP source expression for an inline <script> or <style> with this exact text. */
export function sha256Source(text) {
  return `'sha256-${createHash("sha256").update(text, "utf8").digest("base64")}'`;
}

/**
 * The policy of the release served over HTTP(S), as one header value.
 * `inlineScripts` are the texts of the page's inline scripts.
 * With `header` true it adds what only a header can carry (frame-ancestors).
 */
export function servedPolicy(inlineScripts, { header = false } = {}) {
  const directives = [
    "default-src 'self'",
    `script-src ${["'self'", "'wasm-unsafe-eval'", ...inlineScripts.map(sha256Source)].join(" ")}`,
    // Leptos sets dynamic styles through the CSSOM (style:height=...), which
    // CSP allows; style="..." attributes and <style> elements are refused.
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    "connect-src 'self'",
    "worker-src 'self'",
    "manifest-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (header) directives.push("frame-ancestors 'none'");
  return directives.join("; ");
}

/**
 * The policy of the single-file build. A file opened from disk has no origin
 * to call 'self', so everything it runs or styles is allowed by hash.
 */
export function singleFilePolicy(inlineScripts, inlineStyles) {
  return [
    "default-src 'none'",
    `script-src ${["'wasm-unsafe-eval'", ...inlineScripts.map(sha256Source)].join(" ")}`,
    `style-src ${inlineStyles.map(sha256Source).join(" ")}`,
    "img-src data: blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join("; ");
}

/** The texts of the inline scripts that run (no src, a JavaScript type) in `html`. */
export function inlineScripts(html) {
  const found = [];
  for (const match of html.matchAll(/<script\b([^>]*)>([\s\S]*?)<\/script>/gi)) {
    const [, attributes, text] = match;
    if (/\bsrc\s*=/i.test(attributes)) continue;
    const type = /\btype\s*=\s*["']?([^"'\s>]+)/i.exec(attributes)?.[1]?.toLowerCase();
    if (type === undefined || type === "module" || type === "text/javascript") found.push(text);
  }
  return found;
}

/** `<meta http-equiv="Content-Security-Policy">` for `policy`. */
export function policyMeta(policy) {
  return `<meta http-equiv="Content-Security-Policy" content="${policy.replaceAll('"', "&quot;")}" />`;
}

/** Removes a policy meta element written by an earlier run, so that runs can repeat. */
export function withoutPolicyMeta(html) {
  return html.replace(/[ \t]*<meta http-equiv="Content-Security-Policy"[^>]*>\n?/gi, "");
}

/** Inserts `tags` right after `<meta charset>` (which must stay first), else after `<head>`. */
export function insertInHead(html, tags) {
  const charset = /<meta charset[^>]*>\n?/i.exec(html);
  const anchor = charset ?? /<head[^>]*>\n?/i.exec(html);
  if (!anchor) throw new Error("the page has no <head> to put the policy in");
  const at = anchor.index + anchor[0].length;
  const indent = /^[ \t]*/.exec(html.slice(html.lastIndexOf("\n", anchor.index) + 1))[0];
  return html.slice(0, at) + tags.map((tag) => `${indent}${tag}\n`).join("") + html.slice(at);
}
