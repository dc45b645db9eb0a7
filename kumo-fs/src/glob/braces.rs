//! `{a,b}` alternation, expanded into plain glob patterns before matching.
//!
//! Groups nest (`{a,b{c,d}}`) and may span `/` (`{src/*.rs,doc}`); a `{`,
//! `,` or `}` inside a `[...]` class is an ordinary character. The expansion
//! is bounded, so a hostile pattern cannot exhaust memory.

/// At most this many patterns may come out of one expansion.
const MAX_PATTERNS: usize = 4096;

/// At most this many bytes may come out of one expansion, in total.
const MAX_BYTES: usize = 1 << 20;

/// Groups nest at most this deep (the parser recurses once per level).
const MAX_DEPTH: usize = 32;

/// A parsed pattern: text interleaved with groups of alternatives.
#[derive(Debug)]
enum Piece<'a> {
    Text(&'a str),
    Group(Vec<Vec<Piece<'a>>>),
}

/// Expands `pattern` into the patterns it stands for, without duplicates,
/// in first-seen order. Errors say what is wrong, for the caller to wrap.
pub(crate) fn expand(pattern: &str) -> Result<Vec<String>, String> {
    if !pattern.contains(['{', '}']) {
        return Ok(vec![pattern.to_owned()]);
    }
    let mut parser = Parser { s: pattern, pos: 0 };
    let pieces = parser.sequence(0, None)?;
    let mut out = expand_sequence(&pieces)?;
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

struct Parser<'a> {
    s: &'a str,
    pos: usize,
}

impl<'a> Parser<'a> {
    /// Parses until the end, or, inside the group opened at `open`, until
    /// the `,` or `}` that ends the current alternative (left unconsumed).
    fn sequence(&mut self, depth: usize, open: Option<usize>) -> Result<Vec<Piece<'a>>, String> {
        let mut pieces = Vec::new();
        let mut text_start = self.pos;
        while let Some(c) = self.s[self.pos..].chars().next() {
            match c {
                '[' => self.pos = self.class_end(),
                '{' => {
                    if depth == MAX_DEPTH {
                        return Err(format!("braces nest more than {MAX_DEPTH} deep"));
                    }
                    push_text(&mut pieces, &self.s[text_start..self.pos]);
                    let at = self.pos;
                    self.pos += 1;
                    pieces.push(self.group(depth + 1, at)?);
                    text_start = self.pos;
                }
                ',' | '}' if open.is_some() => break,
                '}' => return Err(format!("'}}' at byte {} has no matching '{{'", self.pos)),
                _ => self.pos += c.len_utf8(),
            }
        }
        if let (Some(at), None) = (open, self.s[self.pos..].chars().next()) {
            return Err(format!("'{{' at byte {at} has no matching '}}'"));
        }
        push_text(&mut pieces, &self.s[text_start..self.pos]);
        Ok(pieces)
    }

    /// Parses the alternatives of a group whose `{` is at `open`.
    fn group(&mut self, depth: usize, open: usize) -> Result<Piece<'a>, String> {
        let mut alternatives = Vec::new();
        loop {
            alternatives.push(self.sequence(depth, Some(open))?);
            // `sequence` stopped at ',' or '}' (it errs at the end).
            let stop = self.s.as_bytes()[self.pos];
            self.pos += 1;
            if stop == b'}' {
                return Ok(Piece::Group(alternatives));
            }
        }
    }

    /// The end of the `[...]` class starting at `self.pos`, as the glob
    /// crate delimits it: `[` or `[!`, one character (which may be `]`),
    /// then up to the next `]`. An unclosed `[` is one ordinary character,
    /// left for the glob crate to reject.
    fn class_end(&self) -> usize {
        let rest = &self.s[self.pos + 1..];
        let body = rest.strip_prefix('!').unwrap_or(rest);
        let mut chars = body.chars();
        let Some(first) = chars.next() else {
            return self.pos + 1;
        };
        let after_first = &body[first.len_utf8()..];
        match after_first.find(']') {
            Some(close) => self.s.len() - after_first.len() + close + 1,
            None => self.pos + 1,
        }
    }
}

fn push_text<'a>(pieces: &mut Vec<Piece<'a>>, text: &'a str) {
    if !text.is_empty() {
        pieces.push(Piece::Text(text));
    }
}

/// Fails if `patterns` strings of `bytes` bytes in total exceed the limits.
fn within_limits(patterns: usize, bytes: usize) -> Result<(), String> {
    if patterns > MAX_PATTERNS {
        return Err(format!(
            "braces expand to more than {MAX_PATTERNS} patterns"
        ));
    }
    if bytes > MAX_BYTES {
        return Err(format!("braces expand to more than {MAX_BYTES} bytes"));
    }
    Ok(())
}

fn total_len(strings: &[String]) -> usize {
    strings.iter().map(String::len).sum()
}

fn expand_sequence(pieces: &[Piece<'_>]) -> Result<Vec<String>, String> {
    let mut out = vec![String::new()];
    for piece in pieces {
        match piece {
            Piece::Text(text) => {
                let added = text.len().saturating_mul(out.len());
                within_limits(out.len(), total_len(&out).saturating_add(added))?;
                for prefix in &mut out {
                    prefix.push_str(text);
                }
            }
            Piece::Group(alternatives) => {
                let mut options = Vec::new();
                for alternative in alternatives {
                    options.extend(expand_sequence(alternative)?);
                    within_limits(options.len(), total_len(&options))?;
                }
                // Every prefix is repeated once per option and vice versa.
                let bytes = total_len(&out)
                    .saturating_mul(options.len())
                    .saturating_add(total_len(&options).saturating_mul(out.len()));
                within_limits(out.len().saturating_mul(options.len()), bytes)?;
                out = out
                    .iter()
                    .flat_map(|prefix| {
                        options
                            .iter()
                            .map(move |option| format!("{prefix}{option}"))
                    })
                    .collect();
            }
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expands_groups_in_order_without_duplicates() {
        let table: &[(&str, &[&str])] = &[
            ("plain/*.txt", &["plain/*.txt"]),
            ("{a,b}", &["a", "b"]),
            ("x{a,b}y", &["xay", "xby"]),
            ("{a,b}{1,2}", &["a1", "a2", "b1", "b2"]),
            ("{a,b{c,d}}", &["a", "bc", "bd"]),
            ("{src/*.rs,doc}", &["src/*.rs", "doc"]),
            ("{,x}y", &["y", "xy"]),
            ("{a}", &["a"]),
            ("{a,a,b}", &["a", "b"]),
            ("[{]x", &["[{]x"]),
            ("{[,]a,b}", &["[,]a", "b"]),
            ("{[]}],x}", &["[]}]", "x"]),
            ("{[!}]a,b}", &["[!}]a", "b"]),
            ("{é,ü}", &["é", "ü"]),
        ];
        for &(pattern, expected) in table {
            assert_eq!(expand(pattern).unwrap(), expected, "{pattern}");
        }
    }

    #[test]
    fn unbalanced_braces_are_errors_with_their_position() {
        assert_eq!(
            expand("a{b,c").unwrap_err(),
            "'{' at byte 1 has no matching '}'"
        );
        assert_eq!(
            expand("a}b").unwrap_err(),
            "'}' at byte 1 has no matching '{'"
        );
        assert_eq!(
            expand("{a,{b}").unwrap_err(),
            "'{' at byte 0 has no matching '}'"
        );
    }

    #[test]
    fn hostile_patterns_hit_a_limit_instead_of_exhausting_memory() {
        let wide = "{a,b}".repeat(13);
        assert!(
            expand(&wide)
                .unwrap_err()
                .contains("more than 4096 patterns")
        );
        let deep = "{".repeat(100_000);
        assert!(expand(&deep).unwrap_err().contains("nest more than"));
        let long = format!("{}{{a,b}}{{a,b}}", "x".repeat(400_000));
        assert!(expand(&long).unwrap_err().contains("bytes"));
        let long_single = format!("{}{{a}}", "x".repeat(600_000));
        assert_eq!(expand(&long_single).unwrap().len(), 1);
        let fits = "{a,b}".repeat(12);
        assert_eq!(expand(&fits).unwrap().len(), 4096);
    }
}
