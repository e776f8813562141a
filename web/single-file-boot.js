// Starts ServiceLab from one HTML file, with no server (the single-file build).
// scripts/single-file.mjs puts wasm-bindgen's JS glue above these lines, in the
// same inline module script, and defines `startWasm` as the glue's init function.

// 1. Addresses. A page opened from disk (file://) may change the query and the
//    fragment of its address, never its path, and the router writes paths such
//    as /incidents. Every path written through the History API is kept in the
//    fragment instead (servicelab.html#/incidents); the app reads it back
//    (src/ui/single_file.rs). This works the same when the file is served.
for (const method of ["pushState", "replaceState"]) {
  const original = History.prototype[method];
  History.prototype[method] = function (state, unused, url) {
    if (url !== undefined && url !== null) {
      const target = new URL(url, location.href);
      if (target.pathname !== location.pathname) {
        url = `${location.pathname}${location.search}#${target.pathname}${target.search}`;
      }
    }
    return original.call(this, state, unused, url);
  };
}

// 2. The program. The wasm is in the page as base64; it is decoded and compiled
//    from memory ('wasm-unsafe-eval' in the page's policy allows that).
const base64 = document.getElementById("servicelab-wasm").textContent.trim();
const binary = atob(base64);
const bytes = new Uint8Array(binary.length);
for (let i = 0; i < binary.length; i += 1) bytes[i] = binary.charCodeAt(i);
await startWasm({ module_or_path: bytes });
