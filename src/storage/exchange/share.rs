//! Share links: a small workspace or design carried in a URL fragment.
//!
//! The link is `https://…/#import=<data>`. The fragment never reaches a
//! server, so the data stays between the two people. To make one, the UI
//! exports with [`super::Style::Compact`], compresses the text with the
//! browser's `CompressionStream("deflate-raw")`, and passes the bytes to
//! [`fragment_for`]; opening a link is [`bytes_from_fragment`], then
//! `DecompressionStream("deflate-raw")`, then [`super::import`].
//!
//! `<data>` is base64url without padding (RFC 4648 §5): the alphabet of
//! letters, digits, `-` and `_` survives URLs, chat apps and e-mail. The
//! codec is a few lines, so no dependency is added for it. The decoder is
//! strict (no padding, no whitespace, unused bits zero), so a link that was
//! altered or cut is refused with a reason rather than half-read.

use std::fmt;

/// The fragment's prefix, before the data.
pub const FRAGMENT_PREFIX: &str = "#import=";

/// The most compressed bytes a link may carry (64 KiB of link text). Many
/// chat apps and mail clients cut links far shorter than browsers allow, so
/// the UI should offer a file beyond a few thousand characters anyway.
pub const MAX_SHARE_BYTES: usize = 48 * 1024;

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Why a link could not be made or read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ShareError {
    /// Too much data for a link.
    TooLarge {
        /// How many bytes (compressed) there are.
        bytes: usize,
        /// The most a link carries.
        limit: usize,
    },
    /// The address has no `#import=` fragment.
    NotAnImportLink,
    /// The fragment is `#import=` with nothing after it.
    Empty,
    /// A character that base64url does not use.
    BadCharacter {
        /// Its position in the data (from 0, in characters).
        position: usize,
        /// The character.
        found: char,
    },
    /// The data was cut: its length is not one base64url can have, or its
    /// last character carries bits no encoder writes. Also what the UI says
    /// when the decoded bytes are not a deflate stream that unpacks whole.
    Damaged,
    /// The data unpacks to more than `limit` bytes (the most an import reads).
    UnpacksTooLarge {
        /// The most an import reads.
        limit: usize,
    },
    /// The browser has no `CompressionStream` or `DecompressionStream`.
    Unsupported,
}

impl fmt::Display for ShareError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::TooLarge { bytes, limit } => write!(
                f,
                "This is too much for a link ({bytes} bytes compressed, at most {limit}). Share an exported file instead, or share the design alone."
            ),
            Self::NotAnImportLink => write!(f, "This address carries nothing to import: a share link ends with {FRAGMENT_PREFIX} and its data."),
            Self::Empty => write!(f, "This share link is empty: nothing follows {FRAGMENT_PREFIX}. Ask for the whole link again."),
            Self::BadCharacter { position, found } => write!(
                f,
                "This share link was changed or cut: character {} of its data is {found:?}, which a share link never contains. Copy the whole link again.",
                position + 1
            ),
            Self::Damaged => write!(f, "This share link is incomplete: its end was cut off or altered. Copy the whole link again."),
            Self::UnpacksTooLarge { limit } => write!(
                f,
                "This share link unpacks to more than {} MB, more than ServiceLab imports. Ask for an exported file instead.",
                limit / (1024 * 1024)
            ),
            Self::Unsupported => write!(
                f,
                "This browser cannot pack or unpack share links (it has no CompressionStream). Use a current browser, or share an exported file."
            ),
        }
    }
}

impl std::error::Error for ShareError {}

/// Encodes bytes as base64url without padding.
pub fn encode_base64url(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [chunk[0], chunk.get(1).copied().unwrap_or(0), chunk.get(2).copied().unwrap_or(0)];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        let symbols = chunk.len() + 1;
        for k in 0..symbols {
            out.push(ALPHABET[((n >> (18 - 6 * k)) & 63) as usize] as char);
        }
    }
    out
}

/// The 6-bit value of a base64url symbol.
fn symbol_value(byte: u8) -> Option<u32> {
    match byte {
        b'A'..=b'Z' => Some(u32::from(byte - b'A')),
        b'a'..=b'z' => Some(u32::from(byte - b'a') + 26),
        b'0'..=b'9' => Some(u32::from(byte - b'0') + 52),
        b'-' => Some(62),
        b'_' => Some(63),
        _ => None,
    }
}

/// Decodes unpadded base64url, refusing any other character, an impossible
/// length, and non-zero unused bits.
pub fn decode_base64url(text: &str) -> Result<Vec<u8>, ShareError> {
    if let Some((position, found)) = text.chars().enumerate().find(|(_, c)| !c.is_ascii() || symbol_value(*c as u8).is_none()) {
        return Err(ShareError::BadCharacter { position, found });
    }
    if text.len() % 4 == 1 {
        return Err(ShareError::Damaged);
    }
    let mut out = Vec::with_capacity(text.len() / 4 * 3 + 2);
    for chunk in text.as_bytes().chunks(4) {
        let mut n = 0u32;
        for (k, &byte) in chunk.iter().enumerate() {
            n |= symbol_value(byte).expect("checked above") << (18 - 6 * k);
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        let whole = chunk.len() - 1;
        if bytes[whole..].iter().any(|&b| b != 0) {
            return Err(ShareError::Damaged);
        }
        out.extend_from_slice(&bytes[..whole]);
    }
    Ok(out)
}

/// The fragment (`#import=…`) carrying `compressed`, or why it cannot.
pub fn fragment_for(compressed: &[u8]) -> Result<String, ShareError> {
    if compressed.len() > MAX_SHARE_BYTES {
        return Err(ShareError::TooLarge { bytes: compressed.len(), limit: MAX_SHARE_BYTES });
    }
    if compressed.is_empty() {
        return Err(ShareError::Empty);
    }
    Ok(format!("{FRAGMENT_PREFIX}{}", encode_base64url(compressed)))
}

/// The compressed bytes a fragment carries. Takes the fragment with or
/// without its `#`, or a whole address.
pub fn bytes_from_fragment(fragment_or_url: &str) -> Result<Vec<u8>, ShareError> {
    let fragment = fragment_or_url.split_once('#').map_or(fragment_or_url, |(_, after)| after);
    let data = fragment.strip_prefix(&FRAGMENT_PREFIX[1..]).ok_or(ShareError::NotAnImportLink)?;
    if data.is_empty() {
        return Err(ShareError::Empty);
    }
    let longest = MAX_SHARE_BYTES.div_ceil(3) * 4;
    if data.len() > longest {
        return Err(ShareError::TooLarge { bytes: data.len() / 4 * 3, limit: MAX_SHARE_BYTES });
    }
    decode_base64url(data)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rfc_4648_vectors() {
        let cases = [("", ""), ("f", "Zg"), ("fo", "Zm8"), ("foo", "Zm9v"), ("foob", "Zm9vYg"), ("fooba", "Zm9vYmE"), ("foobar", "Zm9vYmFy")];
        for (plain, encoded) in cases {
            assert_eq!(encode_base64url(plain.as_bytes()), encoded);
            assert_eq!(decode_base64url(encoded).unwrap(), plain.as_bytes());
        }
        assert_eq!(encode_base64url(&[0xfb, 0xff, 0xbf]), "-_-_");
    }

    #[test]
    fn damaged_data_is_refused() {
        assert_eq!(decode_base64url("Zm9vY"), Err(ShareError::Damaged));
        assert_eq!(decode_base64url("Zh"), Err(ShareError::Damaged), "unused bits set");
        assert_eq!(decode_base64url("Zm9v+g"), Err(ShareError::BadCharacter { position: 4, found: '+' }));
        assert_eq!(decode_base64url("Zm9vYg=="), Err(ShareError::BadCharacter { position: 6, found: '=' }));
    }
}
