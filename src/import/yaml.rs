//! A concept as a YAML file in the glossary's own style: the field order of the hand-written
//! entries, plain scalars where they read back unchanged, `|` blocks for Markdown, `>-` for
//! long one-line notes, double quotes for anything else. Every string reads back exactly
//! as it was (the round-trip test checks this through the loader).

use std::fmt::Write;

use crate::model::{Concept, Lang, Status, Term, TermType};

/// The lines are folded at about this width in `>-` blocks.
const WIDTH: usize = 96;

/// The YAML text of a concept; languages in `languages`' order, then any others.
pub fn concept(c: &Concept, languages: &[Lang]) -> String {
    let mut o = String::with_capacity(2048);
    o.push_str("# yaml-language-server: $schema=../schema/concept.schema.json\n");
    // A block scalar of a top-level key is indented too: at column 0 it would read as keys.
    let _ = writeln!(o, "id: {}", scalar(&c.id, 2));
    if !c.domains.is_empty() {
        let _ = writeln!(o, "domains: {}", list_inline(&c.domains));
    }
    // A concept without a term (a row with only a definition) is still written as a mapping:
    // a bare `terms:` reads as null, and the file would not load (an `import_readers` fuzz
    // finding). Validation then says which terms are missing.
    let with_terms = c.terms.iter().filter(|(_, ts)| !ts.is_empty());
    let order = ordered(with_terms.map(|(lang, _)| lang), languages);
    o.push_str(if order.is_empty() {
        "terms: {}\n"
    } else {
        "terms:\n"
    });
    for lang in &order {
        let _ = writeln!(o, "  {lang}:");
        for t in &c.terms[lang] {
            term(&mut o, t);
        }
    }
    by_lang(&mut o, "definition", &c.definition, languages);
    by_lang(&mut o, "notes", &c.notes, languages);
    let r = &c.relations;
    let rels = [
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
        ("components", &r.components),
    ];
    if rels.iter().any(|(_, v)| !v.is_empty()) {
        o.push_str("relations:\n");
        for (name, ids) in rels.iter().filter(|(_, v)| !v.is_empty()) {
            let _ = writeln!(o, "  {name}:");
            for id in ids.iter() {
                let _ = writeln!(o, "    - {}", scalar(id, 6));
            }
        }
    }
    if let Some(s) = &c.senses {
        o.push_str("senses:\n");
        if !s.homonyms.is_empty() {
            let _ = writeln!(o, "  homonyms: {}", list_inline(&s.homonyms));
        }
        if !s.cues.is_empty() {
            o.push_str("  cues:\n");
            for cue in &s.cues {
                let _ = writeln!(o, "    - {}", scalar(cue, 6));
            }
        }
    }
    if !c.history.is_empty() {
        o.push_str("history:\n");
        for e in &c.history {
            let _ = writeln!(o, "  - date: {}", quoted(&e.date));
            let _ = writeln!(o, "    event: {}", scalar(&e.event, 6));
            if let Some(s) = &e.source {
                let _ = writeln!(o, "    source: {}", scalar(&s.to_string(), 6));
            }
        }
    }
    if !c.citations.is_empty() {
        o.push_str("citations:\n");
        for x in &c.citations {
            let _ = writeln!(o, "  - ref: {}", scalar(&x.passage.to_string(), 6));
            if let Some(q) = &x.quote {
                let _ = writeln!(o, "    quote: {}", quoted(q));
            }
            if let Some(n) = &x.note {
                let _ = writeln!(o, "    note: {}", scalar(n, 6));
            }
        }
    }
    o
}

fn ordered<'a>(keys: impl Iterator<Item = &'a Lang>, languages: &[Lang]) -> Vec<Lang> {
    let keys: Vec<&Lang> = keys.collect();
    let mut out: Vec<Lang> = languages
        .iter()
        .filter(|l| keys.contains(l))
        .cloned()
        .collect();
    out.extend(keys.into_iter().filter(|k| !languages.contains(k)).cloned());
    out
}

fn by_lang(
    o: &mut String,
    name: &str,
    map: &std::collections::BTreeMap<Lang, String>,
    languages: &[Lang],
) {
    if map.is_empty() {
        return;
    }
    let _ = writeln!(o, "{name}:");
    for lang in ordered(map.keys(), languages) {
        let _ = writeln!(o, "  {lang}: {}", scalar(&map[&lang], 4));
    }
}

fn term(o: &mut String, t: &Term) {
    let _ = writeln!(o, "    - term: {}", scalar(&t.text, 8));
    let _ = writeln!(o, "      status: {}", status(t.status));
    if let Some(tt) = t.term_type {
        let _ = writeln!(o, "      type: {}", term_type(tt));
    }
    for (key, value) in [
        ("pinyin", &t.pinyin),
        ("traditional", &t.traditional),
        ("authority", &t.authority),
    ] {
        if let Some(v) = value {
            let _ = writeln!(o, "      {key}: {}", scalar(v, 8));
        }
    }
    if !t.attested.is_empty() {
        o.push_str("      attested:\n");
        for r in &t.attested {
            let _ = writeln!(o, "        - {}", scalar(&r.to_string(), 10));
        }
    }
    if let Some(n) = &t.note {
        let _ = writeln!(o, "      note: {}", scalar(n, 8));
    }
}

fn status(s: Status) -> &'static str {
    match s {
        Status::Preferred => "preferred",
        Status::Admitted => "admitted",
        Status::Deprecated => "deprecated",
        Status::Superseded => "superseded",
    }
}

fn term_type(t: TermType) -> &'static str {
    match t {
        TermType::FullForm => "full-form",
        TermType::Abbreviation => "abbreviation",
        TermType::ShortForm => "short-form",
        TermType::Formula => "formula",
        TermType::Phrase => "phrase",
    }
}

/// `[a, b]` when every item is a slug; otherwise a flow list of quoted items.
fn list_inline(items: &[String]) -> String {
    let parts: Vec<String> = items
        .iter()
        .map(|s| {
            if crate::validate::is_slug(s) && !looks_special(s) {
                s.clone()
            } else {
                quoted(s)
            }
        })
        .collect();
    format!("[{}]", parts.join(", "))
}

/// A double-quoted scalar: the JSON string, with every character YAML may not carry raw
/// escaped too. JSON escapes only what is below U+0020; YAML refuses DEL, the C1 controls but
/// NEL, and U+FFFE/U+FFFF as well (an imported cell with a DEL was written unreadable: an
/// `import_readers` fuzz finding).
pub fn quoted(s: &str) -> String {
    let json = serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into());
    if json.chars().all(yaml_printable) {
        return json;
    }
    let mut out = String::with_capacity(json.len() + 8);
    for c in json.chars() {
        match c {
            c if yaml_printable(c) => out.push(c),
            c if u32::from(c) <= 0xFFFF => out.push_str(&format!("\\u{:04X}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08X}", u32::from(c))),
        }
    }
    out
}

/// YAML 1.2's printable set (`c-printable`), the characters a stream may carry raw.
fn yaml_printable(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | ' '..='~' | '\u{85}' | '\u{A0}'..='\u{D7FF}')
        || matches!(c, '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// The value `s` written after `key: `, with block content indented by `indent` spaces.
pub fn scalar(s: &str, indent: usize) -> String {
    if is_plain(s) && s.chars().count() <= WIDTH {
        return s.to_string();
    }
    if s.contains('\n') {
        if let Some(block) = literal(s, indent) {
            return block;
        }
    } else if s.chars().count() > WIDTH {
        if let Some(block) = folded(s, indent) {
            return block;
        }
    }
    quoted(s)
}

/// Plain YAML that reads back as this very string (conservatively).
fn is_plain(s: &str) -> bool {
    let Some(first) = s.chars().next() else {
        return false;
    };
    if first.is_whitespace()
        || s.ends_with(char::is_whitespace)
        || "-?:,[]{}#&*!|>'\"%@`".contains(first)
        || s.contains(": ")
        || s.contains(" #")
        || s.ends_with(':')
        || s.starts_with("...")
        || looks_special(s)
    {
        return false;
    }
    s.chars().all(unquoted_ok)
}

/// A character an unquoted scalar may carry as it is: printable in YAML, not a control, and
/// not one a reader may take for a line break or a byte-order mark.
fn unquoted_ok(c: char) -> bool {
    yaml_printable(c) && !c.is_control() && !matches!(c, '\u{feff}' | '\u{2028}' | '\u{2029}')
}

/// A value YAML would read as something other than a string: a boolean, null, a number,
/// a date or a time.
fn looks_special(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    matches!(
        lower.as_str(),
        "true"
            | "false"
            | "yes"
            | "no"
            | "on"
            | "off"
            | "y"
            | "n"
            | "null"
            | "~"
            | ".inf"
            | "-.inf"
            | "+.inf"
            | ".nan"
    ) || s
        .chars()
        .all(|c| c.is_ascii_digit() || "+-._:eExXoObB".contains(c))
}

/// A `|` block (with `-` or `+` chomping as the trailing line breaks need), or None when
/// the text cannot be one (a first line starting with a space, control characters).
fn literal(s: &str, indent: usize) -> Option<String> {
    if s.starts_with([' ', '\t', '\n'])
        || !s.chars().all(|c| unquoted_ok(c) || c == '\n' || c == '\t')
    {
        return None;
    }
    let body = s.trim_end_matches('\n');
    let trailing = s.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    // Trailing spaces on the last content line would be fine, but lines made only of
    // spaces before the end confuse indentation detection: quote instead.
    if body.lines().any(|l| !l.is_empty() && l.trim().is_empty()) {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = format!("|{chomp}\n");
    for (i, line) in body.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !line.is_empty() {
            out.push_str(&pad);
            out.push_str(line);
        }
    }
    for _ in 1..trailing.max(1) {
        out.push('\n');
    }
    Some(out)
}

/// A `>-` block folding a long one-line text at spaces, or None when folding would change
/// it (double spaces, tabs, leading or trailing spaces, control characters).
fn folded(s: &str, indent: usize) -> Option<String> {
    if s.is_empty()
        || s.contains("  ")
        || s.starts_with(' ')
        || s.ends_with(' ')
        || !s.chars().all(unquoted_ok)
    {
        return None;
    }
    let pad = " ".repeat(indent);
    let mut out = String::from(">-");
    let mut line_len = usize::MAX;
    for word in s.split(' ') {
        let n = word.chars().count();
        if line_len == usize::MAX || line_len + 1 + n > WIDTH {
            out.push('\n');
            out.push_str(&pad);
            out.push_str(word);
            line_len = indent + n;
        } else {
            out.push(' ');
            out.push_str(word);
            line_len += 1 + n;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scalars_choose_a_style() {
        assert_eq!(scalar("social work", 4), "social work");
        assert_eq!(scalar("2023", 4), "\"2023\"");
        assert_eq!(scalar("yes", 4), "\"yes\"");
        assert_eq!(scalar("a: b", 4), "\"a: b\"");
        assert_eq!(scalar("- x", 4), "\"- x\"");
        assert_eq!(scalar("line\nnext\n", 2), "|\n  line\n  next");
        assert_eq!(scalar("line\n\nnext", 2), "|-\n  line\n\n  next");
        assert_eq!(scalar(" lead\n", 2), "\" lead\\n\"");
        assert_eq!(scalar("f\u{7f}rm", 2), "\"f\\u007Frm\"");
        assert_eq!(scalar("a\u{9c}", 2), "\"a\\u009C\"");
        assert_eq!(scalar("a\u{ffff}", 2), "\"a\\uFFFF\"");
        assert_eq!(scalar("a\n\u{fffe}\n", 2), "\"a\\n\\uFFFE\\n\"");
        let long = "word ".repeat(40);
        let long = long.trim_end();
        let f = scalar(long, 4);
        assert!(f.starts_with(">-\n    word"), "{f}");
    }

    /// An id too long for one line (an import reads ids from any CSV or TBX) is folded under
    /// `id:` with its lines indented, and reads back as it was (found by the import fuzzer:
    /// at column 0 the folded line read as a key).
    #[test]
    fn a_long_id_reads_back() {
        let id = format!("a{}tt120", "k".repeat(120));
        let concept = Concept::new(id.clone(), crate::model::Origin::start_of("in.csv"));
        let text = super::concept(&concept, &[]);
        assert!(text.contains("id: >-\n  akkk"), "{text}");
        let back: crate::raw::RawConcept = crate::load::fuzzing::saphyr(&text)
            .unwrap_or_else(|e| panic!("unreadable: {e}\n{text}"));
        assert_eq!(back.id.value, id);
        crate::load::fuzzing::differential(&text).unwrap();
    }
}
