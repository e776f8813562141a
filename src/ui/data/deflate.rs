//! Packing and unpacking share-link data with the browser's own
//! `CompressionStream` and `DecompressionStream` ("deflate-raw"), so the app
//! ships no compression code. The bindings are declared here rather than
//! taken from `web-sys`, where these streams are still behind its
//! "unstable APIs" switch.
//!
//! Unpacking reads the output chunk by chunk and stops at a limit: a few
//! kilobytes of deflate data can unpack to gigabytes, and a link comes from
//! someone else.

use js_sys::{Array, Promise, Reflect, Uint8Array};
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::*;
use wasm_bindgen_futures::JsFuture;

use crate::storage::exchange::ShareError;

/// The format of share links: deflate without a zlib or gzip wrapper.
const FORMAT: &str = "deflate-raw";

#[wasm_bindgen]
extern "C" {
    #[wasm_bindgen(js_name = Blob)]
    type ByteBlob;
    #[wasm_bindgen(constructor, catch, js_class = "Blob")]
    fn new(parts: &Array) -> Result<ByteBlob, JsValue>;
    #[wasm_bindgen(method)]
    fn stream(this: &ByteBlob) -> Stream;

    #[wasm_bindgen(js_name = ReadableStream)]
    type Stream;
    #[wasm_bindgen(method, catch, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, transform: &JsValue) -> Result<Stream, JsValue>;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &Stream) -> Reader;

    #[wasm_bindgen(js_name = ReadableStreamDefaultReader)]
    type Reader;
    #[wasm_bindgen(method)]
    fn read(this: &Reader) -> Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &Reader) -> Promise;

    #[wasm_bindgen(js_name = CompressionStream)]
    type Compressor;
    #[wasm_bindgen(constructor, catch, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<Compressor, JsValue>;
    // (An older browser without these streams throws here, which `catch` turns into `Err`.)

    #[wasm_bindgen(js_name = DecompressionStream)]
    type Decompressor;
    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<Decompressor, JsValue>;
}

/// A stream of `bytes`, passed through `transform`.
fn transformed(bytes: &[u8], transform: &JsValue) -> Result<Stream, ShareError> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = ByteBlob::new(&parts).map_err(|_| ShareError::Unsupported)?;
    blob.stream().pipe_through(transform).map_err(|_| ShareError::Unsupported)
}

/// Reads `stream` to its end, refusing more than `limit` bytes. `Err(None)`
/// means the stream failed (the transform refused its input).
async fn read_all(stream: Stream, limit: usize) -> Result<Vec<u8>, Option<usize>> {
    let reader = stream.get_reader();
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await.map_err(|_| None)?;
        if Reflect::get(&chunk, &"done".into()).ok().and_then(|d| d.as_bool()).unwrap_or(true) {
            return Ok(out);
        }
        let value: Uint8Array = Reflect::get(&chunk, &"value".into()).map_err(|_| None)?.unchecked_into();
        let start = out.len();
        let len = value.length() as usize;
        if start + len > limit {
            let _ = reader.cancel();
            return Err(Some(limit));
        }
        out.resize(start + len, 0);
        value.copy_to(&mut out[start..]);
    }
}

/// `bytes` compressed as raw deflate.
pub async fn compress(bytes: &[u8]) -> Result<Vec<u8>, ShareError> {
    let compressor = Compressor::new(FORMAT).map_err(|_| ShareError::Unsupported)?;
    let stream = transformed(bytes, &compressor)?;
    // Compressing never fails on good input; a failure here is the browser's.
    read_all(stream, usize::MAX).await.map_err(|_| ShareError::Unsupported)
}

/// `bytes` unpacked from raw deflate: at most `limit` bytes, and only a
/// stream that ends properly (a cut or altered one is [`ShareError::Damaged`]).
pub async fn decompress(bytes: &[u8], limit: usize) -> Result<Vec<u8>, ShareError> {
    let decompressor = Decompressor::new(FORMAT).map_err(|_| ShareError::Unsupported)?;
    let stream = transformed(bytes, &decompressor)?;
    read_all(stream, limit).await.map_err(|over| match over {
        Some(limit) => ShareError::UnpacksTooLarge { limit },
        None => ShareError::Damaged,
    })
}
