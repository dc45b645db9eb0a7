//! Alphabetic time-zone names found in mail `Date:` headers.
//!
//! RFC 5322 §4.3 defines `UT`, `GMT` and the North American names, and says
//! the single-letter military zones should be read as `-0000` (UTC with no
//! information about local time), except `Z`, which is UTC proper. Mailers
//! also write regional abbreviations; those with a single well-established
//! meaning are listed here. Ambiguous ones (IST: Ireland/Israel/India, BST:
//! British/Bangladesh, AST: Atlantic/Arabia, SST, GST, ...) are deliberately
//! absent, so that, like any unknown name, they mean `-0000`.

/// `(name, offset in minutes east of UTC)`, names upper case.
const ZONES: &[(&str, i16)] = &[
    // RFC 5322 §3.3 and §4.3.
    ("UT", 0),
    ("GMT", 0),
    ("EST", -5 * 60),
    ("EDT", -4 * 60),
    ("CST", -6 * 60),
    ("CDT", -5 * 60),
    ("MST", -7 * 60),
    ("MDT", -6 * 60),
    ("PST", -8 * 60),
    ("PDT", -7 * 60),
    // UTC spelled the way senders spell it.
    ("UTC", 0),
    ("UCT", 0),
    ("ZULU", 0),
    // Other North American zones.
    ("AKST", -9 * 60),
    ("AKDT", -8 * 60),
    ("HST", -10 * 60),
    ("HDT", -9 * 60),
    ("NST", -(3 * 60 + 30)),
    ("NDT", -(2 * 60 + 30)),
    // Europe.
    ("WET", 0),
    ("WEST", 60),
    ("CET", 60),
    ("CEST", 2 * 60),
    ("MET", 60),
    ("MEST", 2 * 60),
    ("MEZ", 60),
    ("MESZ", 2 * 60),
    ("EET", 2 * 60),
    ("EEST", 3 * 60),
    ("MSK", 3 * 60),
    // Africa.
    ("WAT", 60),
    ("CAT", 2 * 60),
    ("SAST", 2 * 60),
    ("EAT", 3 * 60),
    // Asia and Oceania.
    ("PKT", 5 * 60),
    ("ICT", 7 * 60),
    ("WIB", 7 * 60),
    ("HKT", 8 * 60),
    ("SGT", 8 * 60),
    ("AWST", 8 * 60),
    ("JST", 9 * 60),
    ("KST", 9 * 60),
    ("ACST", 9 * 60 + 30),
    ("ACDT", 10 * 60 + 30),
    ("AEST", 10 * 60),
    ("AEDT", 11 * 60),
    ("NZST", 12 * 60),
    ("NZDT", 13 * 60),
    // South America.
    ("BRT", -3 * 60),
    ("ART", -3 * 60),
];

/// The offset in seconds east of UTC for a zone name (ASCII letters).
///
/// Unknown names, ambiguous names and the military letters give 0: RFC 5322
/// says such a time is to be read as UTC.
pub(crate) fn offset_seconds(name: &[u8]) -> i64 {
    ZONES
        .iter()
        .find(|(zone, _)| zone.as_bytes().eq_ignore_ascii_case(name))
        .map_or(0, |(_, minutes)| i64::from(*minutes) * 60)
}

/// Whether a name means UTC itself, so that a numeric offset may follow it
/// directly, as in `GMT+0100`.
pub(crate) fn is_utc_name(name: &[u8]) -> bool {
    [&b"UT"[..], b"UTC", b"GMT"]
        .iter()
        .any(|z| z.eq_ignore_ascii_case(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn north_american_zones_follow_rfc_5322() {
        for (name, hours) in [
            ("EST", -5),
            ("EDT", -4),
            ("CST", -6),
            ("CDT", -5),
            ("MST", -7),
            ("MDT", -6),
            ("PST", -8),
            ("PDT", -7),
            ("ut", 0),
            ("gmt", 0),
        ] {
            assert_eq!(offset_seconds(name.as_bytes()), hours * 3600, "{name}");
        }
    }

    #[test]
    fn military_ambiguous_and_unknown_names_mean_utc() {
        for letter in b'A'..=b'Z' {
            assert_eq!(offset_seconds(&[letter]), 0);
            assert_eq!(offset_seconds(&[letter.to_ascii_lowercase()]), 0);
        }
        for name in ["IST", "BST", "AST", "SST", "GST", "XYZ", ""] {
            assert_eq!(offset_seconds(name.as_bytes()), 0, "{name}");
        }
    }

    #[test]
    fn names_are_unique() {
        for (i, (a, _)) in ZONES.iter().enumerate() {
            assert!(ZONES[i + 1..].iter().all(|(b, _)| a != b), "{a}");
            assert_eq!(a.to_ascii_uppercase(), *a);
        }
    }
}
