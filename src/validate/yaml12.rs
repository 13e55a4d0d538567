//! V127: a plain value that other YAML tools read as a number, a boolean or null.
//!
//! Our reader takes every value as the text the format expects, so `note: 2013.` is the text
//! "2013.". An editor's YAML language server, a Python or JavaScript consumer read the same
//! file by the YAML 1.2 core schema: `2013.` is a float there, `null` is null, and YAML 1.1
//! readers (still common) take `no` and `on` as booleans. The JSON Schema then fails where
//! `validate` passed. Every value of the format is text, so such a value must be quoted.
//!
//! The rule reads each file's lines (the typed values do not keep how they were written):
//! values after `key:`, list items and items of one-line flow lists, outside block scalars,
//! and not continued on the next line (a multi-line plain scalar is text).

use rayon::prelude::*;

use super::tables::Tables;
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId, Label};

/// V127: every file's plain values that YAML 1.2 (or 1.1) tools read as something else.
pub fn plain_scalars(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    let files = &ctx.raw.files;
    out.par_extend((0..files.len()).into_par_iter().flat_map_iter(|file| {
        let mut found = Vec::new();
        scan(files.text(file), |range, kind| {
            if !ctx.load_error_at(file, range.start) {
                found.push(diagnostic(file, files.text(file), range, kind));
            }
        });
        found
    }));
}

fn diagnostic(file: FileId, text: &str, range: std::ops::Range<usize>, kind: &str) -> Diagnostic {
    let value = &text[range.clone()];
    Diagnostic::new(
        Code::PlainScalarNotText,
        format!("`{value}` is read as {kind} by YAML tools, not as text"),
    )
    .at(Label::new(file, range).with_message(format!("{kind} to an editor's YAML reader")))
    .help(format!(
        "quote it: \"{value}\" (the JSON Schema, and editors that use it, expect text)"
    ))
}

/// A line: its byte range in the text and its indentation.
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

/// Calls `found` with the byte range and kind of each plain value that is not text.
fn scan(text: &str, mut found: impl FnMut(std::ops::Range<usize>, &'static str)) {
    let lines: Vec<Line> = lines(text).collect();
    // The indentation a block scalar's lines exceed, while inside one.
    let mut block: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let content = &text[line.start + line.indent..line.end];
        if content.is_empty() || content.starts_with('#') {
            continue;
        }
        match block {
            Some(owner) if line.indent > owner => continue,
            _ => block = None,
        }
        let Some((owner, at)) = value_of(content) else {
            continue;
        };
        let owner = line.indent + owner;
        let value = strip_comment(&content[at..]);
        let start = line.start + line.indent + at;
        if value.starts_with(['|', '>']) {
            block = Some(owner);
            continue;
        }
        let continued = lines[i + 1..]
            .iter()
            .find(|l| !text[l.start + l.indent..l.end].is_empty())
            .is_some_and(|next| next.indent > owner && !value.is_empty());
        if continued && !value.starts_with('[') {
            continue;
        }
        match value.strip_prefix('[').and_then(|v| v.strip_suffix(']')) {
            Some(items) if !items.contains(['"', '\'', '[', '{']) => {
                let mut offset = start + 1;
                for item in items.split(',') {
                    let trimmed = item.trim();
                    let lead = item.len() - item.trim_start().len();
                    if let Some(kind) = non_text(trimmed) {
                        found(offset + lead..offset + lead + trimmed.len(), kind);
                    }
                    offset += item.len() + 1;
                }
            }
            Some(_) => {}
            None => {
                if let Some(kind) = non_text(value) {
                    found(start..start + value.len(), kind);
                }
            }
        }
    }
}

fn lines(text: &str) -> impl Iterator<Item = Line> + '_ {
    let mut start = 0;
    text.split_inclusive('\n').map(move |l| {
        let body = l.trim_end_matches(['\n', '\r']);
        let line = Line {
            start,
            end: start + body.len(),
            indent: body.len() - body.trim_start_matches(' ').len(),
        };
        start += l.len();
        line
    })
}

/// Where the value of a line's content starts, and the column its owner (key or list item)
/// starts at: after `- ` prefixes and a `key:`; `None` for a key whose value follows on the
/// next lines.
fn value_of(content: &str) -> Option<(usize, usize)> {
    let mut at = 0;
    while content[at..].starts_with("- ") || &content[at..] == "-" {
        at += 2.min(content.len() - at);
        at += content[at..].len() - content[at..].trim_start_matches(' ').len();
    }
    let owner = at;
    let rest = &content[at..];
    if rest.starts_with(['"', '\'', '[', '{']) {
        return Some((owner, at));
    }
    match rest
        .find(": ")
        .or_else(|| rest.ends_with(':').then(|| rest.len() - 1))
    {
        Some(colon) if !rest[..colon].contains(" #") => {
            let after = colon + 1;
            let value_at = after + rest[after..].len() - rest[after..].trim_start().len();
            (value_at < rest.len()).then_some((owner, at + value_at))
        }
        _ => Some((owner, at)),
    }
}

/// A plain value without its trailing comment and spaces.
fn strip_comment(value: &str) -> &str {
    if value.starts_with(['"', '\'']) {
        return value.trim_end();
    }
    value.find(" #").map_or(value, |i| &value[..i]).trim_end()
}

/// What a plain scalar is to a YAML 1.2 core-schema reader (or a YAML 1.1 reader, for the
/// booleans `yes`, `no`, `on`, `off`), if not text.
fn non_text(value: &str) -> Option<&'static str> {
    match value {
        "~" | "null" | "Null" | "NULL" => Some("null"),
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => Some("a boolean"),
        "yes" | "Yes" | "YES" | "no" | "No" | "NO" | "on" | "On" | "ON" | "off" | "Off" | "OFF" => {
            Some("a boolean")
        }
        _ if is_number(value) => Some("a number"),
        _ => None,
    }
}

/// YAML 1.2 core schema: integers (decimal, `0o`, `0x`) and floats (`1.`, `.5`, `1e3`,
/// `.inf`, `.nan`).
fn is_number(value: &str) -> bool {
    let unsigned = value.strip_prefix(['-', '+']).unwrap_or(value);
    let digits = |s: &str, radix: u32| !s.is_empty() && s.chars().all(|c| c.is_digit(radix));
    if let Some(octal) = value.strip_prefix("0o") {
        return digits(octal, 8);
    }
    if let Some(hex) = value.strip_prefix("0x") {
        return digits(hex, 16);
    }
    if matches!(unsigned, ".inf" | ".Inf" | ".INF") || matches!(value, ".nan" | ".NaN" | ".NAN") {
        return true;
    }
    let (mantissa, exponent) = match unsigned.find(['e', 'E']) {
        Some(i) => (&unsigned[..i], Some(&unsigned[i + 1..])),
        None => (unsigned, None),
    };
    let exponent_ok = exponent.is_none_or(|e| digits(e.strip_prefix(['-', '+']).unwrap_or(e), 10));
    let mantissa_ok = match mantissa.split_once('.') {
        Some((whole, fraction)) => {
            (digits(whole, 10) && (fraction.is_empty() || digits(fraction, 10)))
                || (whole.is_empty() && digits(fraction, 10))
        }
        None => digits(mantissa, 10),
    };
    mantissa_ok && exponent_ok
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(text: &str) -> Vec<(&str, &'static str)> {
        let mut out = Vec::new();
        scan(text, |r, kind| out.push((&text[r], kind)));
        out
    }

    #[test]
    fn numbers_booleans_and_nulls_are_found() {
        let text = "\
id: x
terms:
  zh:
    - term: null
      pinyin: on
  en:
    - term: no
      note: 2013.  # a year
      attested: [a#b, 2024, c]
history:
  - date: 2023
    event: Something.
  - date: 2023-03
    event: '2013.'
";
        assert_eq!(
            found(text),
            [
                ("null", "null"),
                ("on", "a boolean"),
                ("no", "a boolean"),
                ("2013.", "a number"),
                ("2024", "a number"),
                ("2023", "a number"),
            ]
        );
    }

    #[test]
    fn block_scalars_and_continued_lines_are_text() {
        let text = "\
definition:
  en: |
    2013.
    note: 2013
notes:
  en: 2013
    was the year.
cues:
  - 2013
  - 2013 and after
";
        assert_eq!(found(text), [("2013", "a number")]);
    }

    #[test]
    fn yaml_12_numbers() {
        for number in [
            "2013", "2013.", "-1", "+1.5", ".5", "1e3", "1.5E-3", "0o17", "0x1F", ".inf", ".nan",
        ] {
            assert!(is_number(number), "{number}");
        }
        for text in [
            "2023-03",
            "1.2.3",
            "0x",
            "e3",
            ".",
            "1e",
            "v1",
            "2024-11-05",
            "12:30",
        ] {
            assert!(!is_number(text), "{text}");
        }
    }
}
