#![cfg(not(target_arch = "wasm32"))]
//! Share links: base64url round-trips any bytes, the fragment format
//! round-trips, and altered, cut or oversized links are refused with reasons.

use chrono::{TimeZone, Utc};
use proptest::prelude::*;
use servicelab::domain::demo::demo_workspace;
use servicelab::storage::exchange::*;

proptest! {
    #[test]
    fn base64url_round_trips_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..600)) {
        let text = encode_base64url(&bytes);
        prop_assert!(text.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
        prop_assert_eq!(text.len(), (bytes.len() * 4).div_ceil(3));
        prop_assert_eq!(decode_base64url(&text).unwrap(), bytes);
    }

    #[test]
    fn the_decoder_never_panics_and_accepts_only_what_the_encoder_writes(text in "[A-Za-z0-9_=+/ -]{0,40}") {
        if let Ok(bytes) = decode_base64url(&text) {
            prop_assert_eq!(encode_base64url(&bytes), text);
        }
    }
}

#[test]
fn a_fragment_carries_an_export_and_gives_it_back() {
    let now = Utc.with_ymd_and_hms(2025, 3, 14, 16, 30, 0).unwrap();
    let ws = demo_workspace(now);
    // The UI compresses with CompressionStream; any bytes stand for that here.
    let payload = export(&ws, Scope::Design, now, Style::Compact).into_bytes();
    let fragment = fragment_for(&payload).unwrap();
    assert!(fragment.starts_with("#import="));
    for link in [fragment.clone(), fragment[1..].to_string(), format!("https://servicelab.example/incidents?x=1{fragment}")] {
        assert_eq!(bytes_from_fragment(&link).unwrap(), payload);
    }
    let imported = import(&bytes_from_fragment(&fragment).unwrap(), now).unwrap();
    assert_eq!(imported.workspace.people(), ws.people());
}

#[test]
fn links_that_are_wrong_say_why() {
    assert_eq!(bytes_from_fragment("https://servicelab.example/incidents"), Err(ShareError::NotAnImportLink));
    assert_eq!(bytes_from_fragment("#view=mine"), Err(ShareError::NotAnImportLink));
    assert_eq!(bytes_from_fragment("#import="), Err(ShareError::Empty));
    assert_eq!(bytes_from_fragment("#import=abc%20def"), Err(ShareError::BadCharacter { position: 3, found: '%' }));
    assert_eq!(bytes_from_fragment("#import=abcde"), Err(ShareError::Damaged));
    assert_eq!(fragment_for(&[]), Err(ShareError::Empty));
    let too_much = vec![7u8; MAX_SHARE_BYTES + 1];
    assert_eq!(fragment_for(&too_much), Err(ShareError::TooLarge { bytes: MAX_SHARE_BYTES + 1, limit: MAX_SHARE_BYTES }));
    let longest = fragment_for(&too_much[1..]).unwrap();
    assert_eq!(bytes_from_fragment(&longest).unwrap().len(), MAX_SHARE_BYTES);
    let over = format!("{longest}AAAA");
    assert!(matches!(bytes_from_fragment(&over), Err(ShareError::TooLarge { .. })));
    let unpacked = ShareError::UnpacksTooLarge { limit: MAX_IMPORT_BYTES };
    assert!(unpacked.to_string().contains("more than 256 MB"), "{unpacked}");
    for error in [ShareError::NotAnImportLink, ShareError::Empty, ShareError::Damaged, ShareError::BadCharacter { position: 0, found: ' ' }, unpacked, ShareError::Unsupported] {
        assert!(error.to_string().ends_with('.'), "{error}");
    }
}
