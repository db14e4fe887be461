//! Text helpers for imports: decoding files (UTF-8 with or without BOM, UTF-16 with BOM) and the
//! folded form of names used to match organizations and people ignoring case and accents.

use encoding_rs::{UTF_16BE, UTF_16LE};
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::error::{Error, Result};

/// Decodes a text file: UTF-16 (LE or BE) when it starts with a byte-order mark, else UTF-8
/// (a UTF-8 BOM is dropped). Invalid UTF-8 is refused with the line and column of the first
/// bad byte.
pub fn decode(bytes: &[u8]) -> Result<String> {
    if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        return utf16(rest, UTF_16LE, "UTF-16 LE");
    }
    if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        return utf16(rest, UTF_16BE, "UTF-16 BE");
    }
    let bytes = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    match std::str::from_utf8(bytes) {
        Ok(text) => Ok(text.to_string()),
        Err(e) => {
            let good = &bytes[..e.valid_up_to()];
            let line = good.iter().filter(|&&b| b == b'\n').count() + 1;
            let start = good.iter().rposition(|&b| b == b'\n').map_or(0, |p| p + 1);
            let column = String::from_utf8_lossy(&good[start..]).chars().count() + 1;
            Err(Error::invalid(
                format!("line {line}, column {column}"),
                "is not UTF-8 text (save the file as UTF-8 or UTF-16 with a byte-order mark)",
            ))
        }
    }
}

fn utf16(bytes: &[u8], encoding: &'static encoding_rs::Encoding, name: &str) -> Result<String> {
    let (text, had_errors) = encoding.decode_without_bom_handling(bytes);
    if had_errors {
        return Err(Error::invalid(
            "file",
            format!("starts as {name} text but holds bytes that are not {name}"),
        ));
    }
    Ok(text.into_owned())
}

/// The form of a name used for matching: accents removed, lower case, spaces collapsed
/// ("  Société  Générale" and "societe generale" fold alike).
pub fn fold(name: &str) -> String {
    let stripped: String = name.nfkd().filter(|c| !is_combining_mark(*c)).collect();
    stripped
        .to_lowercase()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16_both_ways() {
        assert_eq!(decode(b"\xEF\xBB\xBFName").unwrap(), "Name");
        assert_eq!(decode("Zoë".as_bytes()).unwrap(), "Zoë");
        let le: Vec<u8> = [0xFF, 0xFE]
            .into_iter()
            .chain("Zoë,1".encode_utf16().flat_map(|u| u.to_le_bytes()))
            .collect();
        assert_eq!(decode(&le).unwrap(), "Zoë,1");
        let be: Vec<u8> = [0xFE, 0xFF]
            .into_iter()
            .chain("Zoë,1".encode_utf16().flat_map(|u| u.to_be_bytes()))
            .collect();
        assert_eq!(decode(&be).unwrap(), "Zoë,1");
        let err = decode(b"ok\nab\xFFc").unwrap_err();
        assert_eq!(err.field(), Some("line 2, column 3"));
    }

    #[test]
    fn folding_ignores_case_accents_and_spacing() {
        assert_eq!(fold("  Société  Générale "), "societe generale");
        assert_eq!(fold("NORTHWIND"), fold("Northwind"));
        assert_ne!(fold("Northwind"), fold("Northwinds"));
    }
}
