//! Table tests over the reference vectors in `tests/data/` (copied unchanged
//! from the project's shared data). Every row must pass; a failing run lists
//! every failing row, not just the first.

use kumo_time::{Time, TimeDelta};

/// The data rows of a vector file: comment lines dropped, fields split on tabs.
fn rows(name: &str) -> Vec<(usize, Vec<String>)> {
    let path = format!("{}/tests/data/{name}", env!("CARGO_MANIFEST_DIR"));
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let rows: Vec<_> = text
        .lines()
        .enumerate()
        .filter(|(_, line)| !line.starts_with('#'))
        .map(|(i, line)| (i + 1, line.split('\t').map(str::to_owned).collect()))
        .collect();
    assert!(rows.len() >= 10, "{name}: suspiciously few rows");
    rows
}

/// The escapes the vector files use: `\t`, `\n` and `\r`.
fn unescape(s: &str) -> String {
    s.replace("\\t", "\t")
        .replace("\\r", "\r")
        .replace("\\n", "\n")
}

fn check(name: &str, failures: Vec<String>) {
    assert!(
        failures.is_empty(),
        "{name}: {} failing rows:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[test]
fn time_display() {
    let mut failures = Vec::new();
    for (line, f) in rows("time_display.tsv") {
        let t = Time::from_unix_parts(f[0].parse().unwrap(), f[1].parse().unwrap()).unwrap();
        let got = [
            t.to_string(),
            t.to_rfc3339(),
            t.to_rfc2822(),
            t.unix_timestamp_millis().to_string(),
            t.unix_timestamp().to_string(),
        ];
        if got[..] != f[2..7] {
            failures.push(format!("line {line}: want {:?}, got {got:?}", &f[2..7]));
        }
        // The printed forms parse back to the same instant, where they can.
        if Time::parse_rfc3339(&t.to_rfc3339()) != Ok(t) {
            failures.push(format!("line {line}: rfc3339 does not round-trip"));
        }
        let whole = Time::from_unix_seconds(t.unix_timestamp()).unwrap();
        if Time::parse_rfc2822(&t.to_rfc2822()) != Ok(whole) {
            failures.push(format!("line {line}: rfc2822 does not round-trip"));
        }
    }
    check("time_display.tsv", failures);
}

#[test]
fn strftime() {
    let times = [
        Time::from_unix_parts(946_782_245, 123_456_789).unwrap(),
        Time::from_unix_seconds(1_720_977_119).unwrap(),
    ];
    let mut failures = Vec::new();
    for (line, f) in rows("strftime.tsv") {
        let fmt = unescape(&f[0]);
        for (t, want) in times.iter().zip(&f[1..3]) {
            let got = t.format(&fmt);
            if got != unescape(want) {
                failures.push(format!(
                    "line {line}: {fmt:?} at {t}: want {want:?}, got {got:?}"
                ));
            }
        }
    }
    check("strftime.tsv", failures);
}

#[test]
fn duration_human() {
    let mut failures = Vec::new();
    for (line, f) in rows("duration_human.tsv") {
        let d = TimeDelta::from_nanos(f[0].parse().unwrap());
        if d.human() != f[1] || d.to_string() != f[1] {
            failures.push(format!("line {line}: want {:?}, got {:?}", f[1], d.human()));
        }
        // humantime's promise: the text parses back to the same value.
        if TimeDelta::parse(&d.human()) != Ok(d) {
            failures.push(format!("line {line}: {:?} does not parse back", d.human()));
        }
    }
    check("duration_human.tsv", failures);
}

#[test]
fn duration_parse() {
    let mut failures = Vec::new();
    for (line, f) in rows("duration_parse.tsv") {
        let got = match TimeDelta::parse(&f[0]) {
            Ok(d) => d.as_nanos().to_string(),
            Err(e) => {
                // Errors must quote the input and say something.
                if !e.to_string().starts_with("invalid duration ") {
                    failures.push(format!("line {line}: odd message {e}"));
                }
                "error".to_owned()
            }
        };
        if got != f[1] {
            failures.push(format!("line {line}: {:?}: want {}, got {got}", f[0], f[1]));
        }
    }
    check("duration_parse.tsv", failures);
}

#[test]
fn rfc3339() {
    let mut failures = Vec::new();
    for (line, f) in rows("rfc3339.tsv") {
        let got = match Time::parse_rfc3339(&f[0]) {
            Ok(t) => format!("{}.{}", t.unix_timestamp(), t.format("%9f")),
            Err(_) => "error".to_owned(),
        };
        if got != f[1] {
            failures.push(format!(
                "line {line}: {:?} ({}): want {}, got {got}",
                f[0], f[2], f[1]
            ));
        }
    }
    check("rfc3339.tsv", failures);
}

#[test]
fn rfc2822() {
    let mut failures = Vec::new();
    for (line, f) in rows("rfc2822.tsv") {
        let input = unescape(&f[0]);
        let got = match Time::parse_rfc2822(&input) {
            Ok(t) => t.to_rfc3339(),
            Err(_) => "error".to_owned(),
        };
        if got != f[1] {
            failures.push(format!(
                "line {line}: {input:?} ({}): want {}, got {got}",
                f[2], f[1]
            ));
        }
    }
    check("rfc2822.tsv", failures);
}
