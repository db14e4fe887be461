//! Small helpers for the sentences coverage writes, straight into a `String` (no temporaries).

use std::fmt::Write as _;

/// Writes a list of `total` items (from `items`): "A", "A and B", "A, B and C"; past `max`
/// items, "A, B, C and 2 more".
pub(crate) fn push_list<I: Iterator>(
    out: &mut String,
    items: I,
    total: usize,
    max: usize,
    mut write: impl FnMut(&mut String, I::Item),
) {
    let shown = total.min(max.max(1));
    let rest = total - shown;
    for (n, item) in items.take(shown).enumerate() {
        if n > 0 {
            out.push_str(if n + 1 == shown && rest == 0 {
                " and "
            } else {
                ", "
            });
        }
        write(out, item);
    }
    if rest > 0 {
        out.push_str(" and ");
        push_number(out, rest);
        out.push_str(" more");
    }
}

/// Writes a whole number (without the formatting machinery: this runs a lot).
pub(crate) fn push_number(out: &mut String, n: usize) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    let mut rest = n;
    loop {
        at -= 1;
        digits[at] = b'0' + (rest % 10) as u8;
        rest /= 10;
        if rest == 0 {
            break;
        }
    }
    out.extend(digits[at..].iter().map(|d| char::from(*d)));
}

/// Writes "1 teammate", "2 teammates".
pub(crate) fn push_count(out: &mut String, n: usize, singular: &str, plural: &str) {
    push_number(out, n);
    out.push(' ');
    out.push_str(if n == 1 { singular } else { plural });
}

/// Writes a signed rating: "+2", "0", "-1".
pub(crate) fn push_signed(out: &mut String, value: i8) {
    if value > 0 {
        out.push('+');
    } else if value < 0 {
        out.push('-');
    }
    push_number(out, usize::from(value.unsigned_abs()));
}

/// Writes a signed average with one decimal: "+1.5", "-0.7", "0.0".
pub(crate) fn push_signed_average(out: &mut String, value: f64) {
    let rounded = (value * 10.0).round() / 10.0;
    if rounded > 0.0 {
        let _ = write!(out, "+{rounded:.1}");
    } else if rounded == 0.0 {
        out.push_str("0.0");
    } else {
        let _ = write!(out, "{rounded:.1}");
    }
}

/// Writes `text` in lower case ("Economic buyer" → "economic buyer").
pub(crate) fn push_lower(out: &mut String, text: &str) {
    out.extend(text.chars().flat_map(char::to_lowercase));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(items: &[&str], max: usize) -> String {
        let mut out = String::new();
        push_list(&mut out, items.iter(), items.len(), max, |out, s| {
            out.push_str(s)
        });
        out
    }

    fn with(write: impl FnOnce(&mut String)) -> String {
        let mut out = String::new();
        write(&mut out);
        out
    }

    #[test]
    fn lists_read_as_lists() {
        assert_eq!(names(&[], 3), "");
        assert_eq!(names(&["Ann"], 3), "Ann");
        assert_eq!(names(&["Ann", "Ben"], 3), "Ann and Ben");
        assert_eq!(names(&["Ann", "Ben", "Cy"], 3), "Ann, Ben and Cy");
        assert_eq!(
            names(&["Ann", "Ben", "Cy", "Di"], 3),
            "Ann, Ben, Cy and 1 more"
        );
        assert_eq!(names(&["Ann", "Ben"], 1), "Ann and 1 more");
    }

    #[test]
    fn numbers_read_with_their_sign() {
        assert_eq!(with(|o| push_signed(o, 2)), "+2");
        assert_eq!(with(|o| push_signed(o, 0)), "0");
        assert_eq!(with(|o| push_signed(o, -1)), "-1");
        assert_eq!(with(|o| push_signed_average(o, -2.0 / 3.0)), "-0.7");
        assert_eq!(with(|o| push_signed_average(o, 1.5)), "+1.5");
        assert_eq!(with(|o| push_signed_average(o, -0.01)), "0.0");
        assert_eq!(with(|o| push_count(o, 1, "day", "days")), "1 day");
        assert_eq!(with(|o| push_count(o, 2, "day", "days")), "2 days");
        assert_eq!(with(|o| push_number(o, 0)), "0");
        assert_eq!(with(|o| push_number(o, 1_234_567)), "1234567");
        assert_eq!(with(|o| push_signed(o, -2)), "-2");
        assert_eq!(with(|o| push_lower(o, "Economic buyer")), "economic buyer");
    }
}
