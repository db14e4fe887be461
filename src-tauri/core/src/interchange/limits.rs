//! The documented limits on files Stakemap imports (see `docs/format.md`). Files over them are
//! refused before they are parsed.

use crate::error::{Error, Result};

/// Largest file imported, in bytes (50 MiB: a map of 100,000 contacts is about 40 MiB of JSON).
pub const MAX_FILE_BYTES: u64 = 50 * 1024 * 1024;

/// Deepest nesting of JSON arrays and objects (a Stakemap file needs 4).
pub const MAX_JSON_DEPTH: usize = 32;

/// Most items of one kind in a JSON file, rows in a CSV file, or cards in a vCard file.
pub const MAX_ITEMS: usize = 200_000;

/// Refuses a file of `len` bytes over [`MAX_FILE_BYTES`].
pub fn check_size(len: u64) -> Result<()> {
    if len > MAX_FILE_BYTES {
        return Err(Error::invalid(
            "file",
            format!(
                "is {:.1} MiB; Stakemap imports files of at most {} MiB",
                len as f64 / 1_048_576.0,
                MAX_FILE_BYTES / 1_048_576
            ),
        ));
    }
    Ok(())
}

/// Refuses JSON text nested deeper than [`MAX_JSON_DEPTH`], naming the line and column where
/// the limit is passed. Only brackets outside strings count; the text need not be valid JSON.
pub fn check_json_depth(text: &[u8]) -> Result<()> {
    let (mut depth, mut line, mut column) = (0usize, 1usize, 0usize);
    let (mut in_string, mut escaped) = (false, false);
    for &byte in text {
        if byte == b'\n' {
            line += 1;
            column = 0;
        } else if byte & 0xC0 != 0x80 {
            column += 1;
        }
        if in_string {
            match byte {
                _ if escaped => escaped = false,
                b'\\' => escaped = true,
                b'"' => in_string = false,
                _ => {}
            }
            continue;
        }
        match byte {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_JSON_DEPTH {
                    return Err(Error::invalid(
                        format!("line {line}, column {column}"),
                        format!("JSON nested deeper than {MAX_JSON_DEPTH} levels"),
                    ));
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn nesting_is_counted_outside_strings_only() {
        let deep = "[".repeat(MAX_JSON_DEPTH + 1);
        let err = check_json_depth(deep.as_bytes()).unwrap_err();
        assert_eq!(
            err.field(),
            Some(format!("line 1, column {}", MAX_JSON_DEPTH + 1).as_str())
        );
        let ok = format!("{{\"a\": \"{}\\\"[[\"}}", "[".repeat(100));
        assert!(check_json_depth(ok.as_bytes()).is_ok());
        assert!(check_json_depth("[".repeat(MAX_JSON_DEPTH).as_bytes()).is_ok());
    }

    #[test]
    fn files_over_the_limit_are_refused() {
        assert!(check_size(MAX_FILE_BYTES).is_ok());
        let err = check_size(MAX_FILE_BYTES + 1).unwrap_err();
        assert!(err.to_string().contains("at most 50 MiB"), "{err}");
    }
}
