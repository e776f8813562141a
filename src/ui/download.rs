//! Hands a file to the user through the browser's download.

use std::io::Write;

use wasm_bindgen::JsCast;

/// Bytes gathered before they are copied out to the browser as one part of the file.
const PART_BYTES: usize = 1 << 20;

/// A file being written for download: its bytes go to the browser in parts
/// of [`PART_BYTES`], so even a file of a hundred MB never sits whole in the
/// page's WebAssembly memory (which never shrinks once grown).
pub struct Parts {
    parts: js_sys::Array,
    buffer: Vec<u8>,
}

impl Parts {
    /// An empty file.
    pub fn new() -> Self {
        Self { parts: js_sys::Array::new(), buffer: Vec::with_capacity(PART_BYTES) }
    }

    /// Copies the gathered bytes out as a Blob of their own, a part at a
    /// time: the file's Blob is then made of Blobs, which the browser can
    /// join by reference, instead of copying every byte again in the one
    /// task that starts the download.
    fn hand_over(&mut self) {
        if !self.buffer.is_empty() {
            let bytes = js_sys::Uint8Array::from(self.buffer.as_slice());
            match web_sys::Blob::new_with_u8_array_sequence(&js_sys::Array::of1(&bytes)) {
                Ok(blob) => self.parts.push(&blob),
                Err(_) => self.parts.push(&bytes),
            };
            self.buffer.clear();
        }
    }
}

impl Write for Parts {
    fn write(&mut self, bytes: &[u8]) -> std::io::Result<usize> {
        self.buffer.extend_from_slice(bytes);
        if self.buffer.len() >= PART_BYTES {
            self.hand_over();
        }
        Ok(bytes.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        self.hand_over();
        Ok(())
    }
}

impl Default for Parts {
    fn default() -> Self {
        Self::new()
    }
}

/// Why a download could not start.
fn fail(what: &str) -> String {
    format!("The download could not start ({what}).")
}

/// Offers the bytes `write` writes as a file named `filename`.
pub fn download_written(filename: &str, mime: &str, write: impl FnOnce(&mut Parts) -> std::io::Result<()>) -> Result<(), String> {
    let mut parts = Parts::new();
    write(&mut parts).map_err(|e| fail(&e.to_string()))?;
    offer(parts, filename, mime)
}

/// Offers the bytes written to `parts` as a file named `filename`. Built on
/// demand from a Blob, so even a large workspace is not copied into the page
/// until asked for.
pub fn offer(mut parts: Parts, filename: &str, mime: &str) -> Result<(), String> {
    parts.hand_over();
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_blob_sequence_and_options(&parts.parts, &options).map_err(|_| fail("no Blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("no object URL"))?;
    let document = web_sys::window().and_then(|w| w.document()).ok_or_else(|| fail("no document"))?;
    let link: web_sys::HtmlAnchorElement =
        document.create_element("a").map_err(|_| fail("no link"))?.unchecked_into();
    link.set_href(&url);
    link.set_download(filename);
    link.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

/// Offers `text` as a file named `filename`.
pub fn download_text(filename: &str, mime: &str, text: &str) -> Result<(), String> {
    download_written(filename, mime, |out| out.write_all(text.as_bytes()))
}
