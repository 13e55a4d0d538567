//! TBX-Basic, DCA style (ISO 30042:2019), as LTAC-Global's TBX-Basic dialect defines it.
//!
//! The mapping (the README's "Exchange formats" has it as a table):
//!
//! | shuyu | TBX |
//! |---|---|
//! | concept id | `conceptEntry/@id` (an id starting with a digit gets a leading `_`, as XML ids must not) |
//! | domains | `descrip type="subjectField"` with the domain's label, one per domain |
//! | relations | `ref type="crossReference" target="<id>"` reading `<kind>: <preferred term>` |
//! | senses.homonyms | the same, with the kind `homonym` |
//! | senses.cues | conceptEntry `<note>Sense cues: a \| b</note>` |
//! | definition, notes | langSec `descrip type="definition"`, langSec `<note>` (conceptEntry level with `xml:lang` when the language has no terms) |
//! | term, status | `termSec/term`, `termNote type="administrativeStatus"` (`preferredTerm-admn-sts` …) |
//! | type | `termNote type="termType"` (`fullForm`, `abbreviation`, `shortForm`, `phrase`; a formula is `phrase` plus `<note>Term type: formula</note>`) |
//! | attested | `descripGrp`: `descrip type="context"` (the passage) + `admin type="source"` (`Publisher: Title (date) [source#passage]`) |
//! | pinyin, traditional, authority | termSec `<note>Pinyin: …</note>`, `<note>Traditional: …</note>`, `<note>Authority: …</note>` |
//! | note | termSec `<note>` (the last one, without a prefix) |
//!
//! Not exported: history and citations (the JSON export has them).

use std::collections::HashMap;

use crate::link::latin::FxBuild;
use crate::model::{Concept, Glossary, Lang, PassageRef, Status, Term, TermType};

/// The prefixes of the notes that carry what TBX-Basic has no data category for.
pub const PINYIN: &str = "Pinyin: ";
pub const TRADITIONAL: &str = "Traditional: ";
pub const AUTHORITY: &str = "Authority: ";
pub const TERM_TYPE: &str = "Term type: ";
pub const SENSE_CUES: &str = "Sense cues: ";
/// The separator of several values in one note or cell.
pub const SEPARATOR: &str = " | ";

/// The relation kinds, as the crossReference text names them, in the order they are written.
pub const RELATION_KINDS: &[&str] = &[
    "broader",
    "narrower",
    "related",
    "contrast",
    "component",
    "homonym",
];

/// The TBX administrativeStatus value of a status.
pub fn status_value(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferredTerm-admn-sts",
        Status::Admitted => "admittedTerm-admn-sts",
        Status::Deprecated => "deprecatedTerm-admn-sts",
        Status::Superseded => "supersededTerm-admn-sts",
    }
}

/// The status of a TBX administrativeStatus value (also accepting the bare `preferredTerm`
/// some tools write).
pub fn status_of(value: &str) -> Option<Status> {
    let v = value.trim();
    let v = v.strip_suffix("-admn-sts").unwrap_or(v);
    Some(match v {
        "preferredTerm" | "preferred" => Status::Preferred,
        "admittedTerm" | "admitted" => Status::Admitted,
        "deprecatedTerm" | "deprecated" | "notRecommended" => Status::Deprecated,
        "supersededTerm" | "superseded" | "obsolete" => Status::Superseded,
        _ => return None,
    })
}

/// The TBX-Basic termType value of a term type; a formula has none of its own.
pub fn term_type_value(t: TermType) -> &'static str {
    match t {
        TermType::FullForm => "fullForm",
        TermType::Abbreviation => "abbreviation",
        TermType::ShortForm => "shortForm",
        TermType::Formula | TermType::Phrase => "phrase",
    }
}

/// The term type of a TBX termType value (`acronym` counts as an abbreviation).
pub fn term_type_of(value: &str) -> Option<TermType> {
    Some(match value.trim() {
        "fullForm" => TermType::FullForm,
        "abbreviation" | "acronym" => TermType::Abbreviation,
        "shortForm" => TermType::ShortForm,
        "phrase" => TermType::Phrase,
        "formula" => TermType::Formula,
        _ => return None,
    })
}

/// The XML id of a concept: its id, with a `_` before a leading digit (XML ids are NCNames).
pub fn xml_id(id: &str) -> String {
    if id.starts_with(|c: char| c.is_ascii_digit()) {
        format!("_{id}")
    } else {
        id.to_string()
    }
}

/// The text of a source reference: readable, with the `source#passage` reference in brackets
/// at the end, which is what import reads back.
pub fn source_text(glossary: &Glossary, source: &str, passage: &str) -> String {
    match glossary.sources.get(source) {
        Some(s) => format!(
            "{}: {} ({}) [{source}#{passage}]",
            s.publisher, s.title, s.date
        ),
        None => format!("[{source}#{passage}]"),
    }
}

/// How much TBX is made before it is written out.
const CHUNK: usize = 1 << 16;

/// Writes the glossary as a TBX-Basic document in `langs` to `sink`, a concept at a time.
pub fn write_to(
    sink: &mut dyn std::io::Write,
    glossary: &Glossary,
    langs: &[Lang],
) -> std::io::Result<()> {
    let mut out = String::with_capacity(2 * CHUNK);
    out.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    out.push_str(
        "<tbx type=\"TBX-Basic\" style=\"dca\" xml:lang=\"en\" xmlns=\"urn:iso:std:iso:30042:ed-2\">\n",
    );
    out.push_str("  <tbxHeader>\n    <fileDesc>\n      <titleStmt>\n        <title>");
    text(&mut out, &glossary.title);
    out.push_str("</title>\n      </titleStmt>\n      <sourceDesc>\n        <p>");
    text(
        &mut out,
        &format!(
            "Exported by shuyu; languages: {}. Notes starting with Pinyin:, Traditional:, \
             Authority:, Term type: and Sense cues: carry what TBX-Basic has no data category \
             for; cross-references read kind: term.",
            langs.join(", ")
        ),
    );
    out.push_str(
        "</p>\n      </sourceDesc>\n    </fileDesc>\n  </tbxHeader>\n  <text>\n    <body>\n",
    );
    let exported = |c: &Concept| {
        langs
            .iter()
            .any(|l| c.terms.get(l).is_some_and(|t| !t.is_empty()))
    };
    let mut attestations = Attestations::new(glossary);
    for concept in glossary.concepts.values().filter(|c| exported(c)) {
        concept_entry(&mut out, &mut attestations, concept, langs, &|id: &str| {
            glossary.concepts.get(id).is_some_and(exported)
        });
        if out.len() >= CHUNK {
            sink.write_all(out.as_bytes())?;
            out.clear();
        }
    }
    out.push_str("    </body>\n  </text>\n</tbx>\n");
    sink.write_all(out.as_bytes())
}

/// The `descripGrp` of each attested passage (its context and its source), made the first
/// time a term cites the passage: a passage is cited by about four terms, and collapsing and
/// escaping its text is most of the work of an export.
struct Attestations<'g> {
    glossary: &'g Glossary,
    made: HashMap<(&'g str, &'g str), String, FxBuild>,
}

impl<'g> Attestations<'g> {
    fn new(glossary: &'g Glossary) -> Self {
        Attestations {
            glossary,
            made: HashMap::default(),
        }
    }

    fn write(&mut self, out: &mut String, r: &'g PassageRef) {
        let glossary = self.glossary;
        let xml = self
            .made
            .entry((r.source.as_str(), r.passage.as_str()))
            .or_insert_with(|| descrip_grp(glossary, r));
        out.push_str(xml);
    }
}

/// A passage cited as a term's context: its text (or, without one, the reference) and its
/// source.
fn descrip_grp(glossary: &Glossary, r: &PassageRef) -> String {
    let mut out = String::new();
    out.push_str("            <descripGrp>\n");
    let mut context = glossary
        .passage(r)
        .map(|p| collapse(&p.text))
        .unwrap_or_default();
    if context.is_empty() {
        // A context must have text; the reference alone still says where the term is used.
        context = r.to_string().into();
    }
    element(
        &mut out,
        14,
        "descrip type=\"context\"",
        "descrip",
        &context,
    );
    element(
        &mut out,
        14,
        "admin type=\"source\"",
        "admin",
        &source_text(glossary, &r.source, &r.passage),
    );
    out.push_str("            </descripGrp>\n");
    out
}

fn concept_entry<'g>(
    out: &mut String,
    attestations: &mut Attestations<'g>,
    concept: &'g Concept,
    langs: &[Lang],
    exported: &dyn Fn(&str) -> bool,
) {
    let glossary = attestations.glossary;
    out.push_str("      <conceptEntry id=\"");
    attr(out, &xml_id(&concept.id));
    out.push_str("\">\n");
    for domain in &concept.domains {
        let label = glossary.domains.get(domain).unwrap_or(domain);
        element(out, 8, "descrip type=\"subjectField\"", "descrip", label);
    }
    let r = &concept.relations;
    let homonyms = concept
        .senses
        .as_ref()
        .map(|s| &s.homonyms[..])
        .unwrap_or(&[]);
    let kinds: [(&str, &[String]); 6] = [
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
        ("component", &r.components),
        ("homonym", homonyms),
    ];
    for (kind, ids) in kinds {
        for id in ids.iter().filter(|id| exported(id)) {
            let label = glossary
                .concepts
                .get(id)
                .and_then(|c| langs.iter().find_map(|l| c.preferred(l)))
                .map_or(id.as_str(), |t| t.text.as_str());
            out.push_str("        <ref type=\"crossReference\" target=\"");
            attr(out, &xml_id(id));
            out.push_str("\">");
            text(out, kind);
            out.push_str(": ");
            text(out, label);
            out.push_str("</ref>\n");
        }
    }
    if let Some(senses) = concept.senses.as_ref().filter(|s| !s.cues.is_empty()) {
        element(
            out,
            8,
            "note",
            "note",
            &format!("{SENSE_CUES}{}", senses.cues.join(SEPARATOR)),
        );
    }
    // Definitions and notes in a language without terms: at the concept level, with xml:lang.
    for lang in langs {
        if concept.terms.get(lang).is_some_and(|t| !t.is_empty()) {
            continue;
        }
        if let Some(d) = concept.definition.get(lang) {
            element(
                out,
                8,
                &format!("descrip type=\"definition\" xml:lang=\"{lang}\""),
                "descrip",
                d,
            );
        }
        if let Some(n) = concept.notes.get(lang) {
            element(out, 8, &format!("note xml:lang=\"{lang}\""), "note", n);
        }
    }
    for lang in langs {
        let Some(terms) = concept.terms.get(lang).filter(|t| !t.is_empty()) else {
            continue;
        };
        out.push_str("        <langSec xml:lang=\"");
        attr(out, lang);
        out.push_str("\">\n");
        if let Some(d) = concept.definition.get(lang) {
            element(out, 10, "descrip type=\"definition\"", "descrip", d);
        }
        if let Some(n) = concept.notes.get(lang) {
            element(out, 10, "note", "note", n);
        }
        for term in terms {
            term_sec(out, attestations, term);
        }
        out.push_str("        </langSec>\n");
    }
    out.push_str("      </conceptEntry>\n");
}

fn term_sec<'g>(out: &mut String, attestations: &mut Attestations<'g>, term: &'g Term) {
    out.push_str("          <termSec>\n");
    element(out, 12, "term", "term", &term.text);
    element(
        out,
        12,
        "termNote type=\"administrativeStatus\"",
        "termNote",
        status_value(term.status),
    );
    if let Some(t) = term.term_type {
        element(
            out,
            12,
            "termNote type=\"termType\"",
            "termNote",
            term_type_value(t),
        );
    }
    for r in &term.attested {
        attestations.write(out, r);
    }
    if let Some(p) = &term.pinyin {
        labelled_note(out, PINYIN, p);
    }
    if let Some(t) = &term.traditional {
        labelled_note(out, TRADITIONAL, t);
    }
    if let Some(a) = &term.authority {
        labelled_note(out, AUTHORITY, a);
    }
    if term.term_type == Some(TermType::Formula) {
        labelled_note(out, TERM_TYPE, "formula");
    }
    if let Some(n) = &term.note {
        element(out, 12, "note", "note", n);
    }
    out.push_str("          </termSec>\n");
}

/// Whitespace runs as single spaces, trimmed: a passage as one line of context. Most
/// passages are one line already and are borrowed as they are.
fn collapse(s: &str) -> std::borrow::Cow<'_, str> {
    let t = s.trim();
    let mut out = String::new();
    // Where the text not yet copied starts, and where the last whitespace run began.
    let (mut copied, mut run) = (0, None);
    let mut at = 0;
    while at < t.len() {
        let (space, len) = whitespace_at(t, at);
        match (space, run) {
            (true, None) => run = Some(at),
            (false, Some(start)) => {
                // A single ' ' stays as it is; any other run becomes one.
                if t[start..at] != *" " {
                    out.push_str(&t[copied..start]);
                    out.push(' ');
                    copied = at;
                }
                run = None;
            }
            _ => {}
        }
        at += len;
    }
    if copied == 0 {
        return t.into();
    }
    out.push_str(&t[copied..]);
    out.into()
}

/// Whether the character at byte `at` of `t` is whitespace (as `char::is_whitespace` says),
/// and its length. Only ASCII and the lead bytes of U+0085..U+3000 can start whitespace, so
/// the Chinese of most passages is stepped over without decoding.
fn whitespace_at(t: &str, at: usize) -> (bool, usize) {
    let lead = t.as_bytes()[at];
    let len = match lead {
        0..0x80 => return (lead.is_ascii_whitespace() || lead == 0x0B, 1),
        0xC0..0xE0 => 2,
        0xE0..0xF0 => 3,
        _ => 4,
    };
    let may_be_space = matches!(lead, 0xC2 | 0xE1 | 0xE2 | 0xE3);
    let space = may_be_space && t[at..].chars().next().is_some_and(char::is_whitespace);
    (space, len)
}

/// `<open>text</close>` on a line of its own, indented.
fn element(out: &mut String, indent: usize, open: &str, close: &str, content: &str) {
    element_of(out, indent, open, close, &[content]);
}

/// A term's `<note>` that starts with one of the labels import reads back (`PINYIN` …).
fn labelled_note(out: &mut String, label: &str, value: &str) {
    element_of(out, 12, "note", "note", &[label, value]);
}

/// An element whose character data is `parts` one after the other.
fn element_of(out: &mut String, indent: usize, open: &str, close: &str, parts: &[&str]) {
    for _ in 0..indent {
        out.push(' ');
    }
    out.push('<');
    out.push_str(open);
    out.push('>');
    for part in parts {
        text(out, part);
    }
    out.push_str("</");
    out.push_str(close);
    out.push_str(">\n");
}

/// Escapes character data. Carriage returns are written as references (a parser would turn
/// a literal one into a line feed); characters XML 1.0 cannot carry become U+FFFD.
///
/// Scans bytes and copies the runs that need nothing whole: exports are mostly such runs, and
/// every character XML 1.0 refuses in a Rust string is an ASCII control or U+FFFE/U+FFFF.
pub fn text(out: &mut String, s: &str) {
    let bytes = s.as_bytes();
    let (mut run, mut i) = (0, 0);
    loop {
        i += crate::scan::first_special(&bytes[i..], &XML_TEXT_SPECIAL);
        if i == bytes.len() {
            break;
        }
        let (escaped, len) = escape_at(bytes, i);
        if len == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[run..i]);
        out.push_str(escaped);
        i += len;
        run = i;
    }
    out.push_str(&s[run..]);
}

/// The bytes [`text`] must look at: `&<>`, ASCII controls, and 0xEF (the lead byte of
/// U+FFFE and U+FFFF, and of the fullwidth punctuation that Chinese passages are full of).
const XML_TEXT_SPECIAL: crate::scan::Specials<4> =
    crate::scan::Specials::new([b'&', b'<', b'>', 0xEF], true);

/// What [`text`] writes for the character at `bytes[i]` and how many bytes it replaces (none
/// for a byte kept as it is).
fn escape_at(bytes: &[u8], i: usize) -> (&'static str, usize) {
    match bytes[i] {
        b'&' => ("&amp;", 1),
        b'<' => ("&lt;", 1),
        b'>' => ("&gt;", 1),
        b'\r' => ("&#13;", 1),
        b'\t' | b'\n' => ("", 0),
        b if b < 0x20 => ("\u{fffd}", 1),
        0xEF if matches!(bytes.get(i + 1..i + 3), Some([0xBF, 0xBE | 0xBF])) => ("\u{fffd}", 3),
        _ => ("", 0),
    }
}

/// The bytes [`attr`] must look at: those of [`text`] and the quote, tab and line feed.
const XML_ATTR_SPECIAL: crate::scan::Specials<5> =
    crate::scan::Specials::new([b'&', b'<', b'>', b'"', 0xEF], true);

/// Escapes an attribute value (double-quoted).
pub fn attr(out: &mut String, s: &str) {
    // Ids and the like: nearly always nothing to escape.
    if crate::scan::first_special(s.as_bytes(), &XML_ATTR_SPECIAL) == s.len() {
        out.push_str(s);
        return;
    }
    for c in s.chars() {
        match c {
            '"' => out.push_str("&quot;"),
            '\t' => out.push_str("&#9;"),
            '\n' => out.push_str("&#10;"),
            c => text(out, c.encode_utf8(&mut [0; 4])),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn statuses_and_types_map_both_ways() {
        for s in [
            Status::Preferred,
            Status::Admitted,
            Status::Deprecated,
            Status::Superseded,
        ] {
            assert_eq!(status_of(status_value(s)), Some(s));
        }
        for t in [
            TermType::FullForm,
            TermType::Abbreviation,
            TermType::ShortForm,
            TermType::Phrase,
        ] {
            assert_eq!(term_type_of(term_type_value(t)), Some(t));
        }
        assert_eq!(xml_id("4-forms"), "_4-forms");
    }

    /// Whether XML 1.0 allows the character in a document: the definition `text` must follow.
    fn is_xml_char(c: char) -> bool {
        matches!(c, '\u{20}'..='\u{d7ff}' | '\u{e000}'..='\u{fffd}' | '\u{10000}'..='\u{10ffff}')
    }

    #[test]
    fn collapse_squashes_every_whitespace_run() {
        for s in [
            "one line",
            " a  b ",
            "a\tb\nc",
            "社会\u{3000}工作",
            "",
            "  ",
            "x\u{a0}y",
            "a \r\n b",
            "a\u{b}b\u{c}c\u{85}d\u{1680}e\u{2000}\u{200a}f\u{2028}\u{2029}g\u{202f}h\u{205f}i",
            "社会、工作。\u{3001}\u{3002}a\u{fffd}b\u{1f600} c",
            "a b c",
            " \u{3000}lead and trail\n ",
        ] {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(s), expected, "{s:?}");
        }
    }

    /// Every string of up to four characters from whitespace of each UTF-8 length, the
    /// characters that share their lead bytes, and plain text.
    #[test]
    fn collapse_agrees_with_split_whitespace_on_every_short_mix() {
        let alphabet = [
            ' ', '\t', '\u{b}', 'a', '\u{85}', '\u{a0}', '\u{a1}', '\u{3000}', '、', '社',
        ];
        let mut texts = vec![String::new()];
        for _ in 0..4 {
            let longer: Vec<String> = texts
                .iter()
                .flat_map(|t| alphabet.iter().map(move |c| format!("{t}{c}")))
                .collect();
            texts.extend(longer);
        }
        texts.sort();
        texts.dedup();
        for s in &texts {
            let expected = s.split_whitespace().collect::<Vec<_>>().join(" ");
            assert_eq!(collapse(s), expected, "{s:?}");
        }
    }

    /// Escaping is per character, so a long text escapes as its characters do one by one,
    /// wherever a character to replace falls against the scan's 16-byte blocks.
    #[test]
    fn long_text_escapes_as_its_characters_do() {
        let one_by_one = |t: &str| -> String {
            let mut out = String::new();
            for c in t.chars() {
                text(&mut out, c.encode_utf8(&mut [0; 4]));
            }
            out
        };
        let filler: Vec<char> = "社会，工作a b（）".chars().collect();
        for c in [
            '&', '<', '>', '\r', '\t', '\u{1}', '\u{fffe}', '\u{ffff}', '，',
        ] {
            for at in 0..40 {
                let t: String = (0..40)
                    .map(|k| if k == at { c } else { filler[k % filler.len()] })
                    .collect();
                let mut whole = String::new();
                text(&mut whole, &t);
                assert_eq!(whole, one_by_one(&t), "{c:?} at {at}");
            }
        }
    }

    #[test]
    fn text_replaces_exactly_what_xml_refuses() {
        let edges = [
            '\u{d7ff}',
            '\u{e000}',
            '\u{fffd}',
            '\u{fffe}',
            '\u{ffff}',
            '\u{10000}',
            '社',
        ];
        for c in (0..0x80u8).map(char::from).chain(edges) {
            let mut s = String::new();
            text(&mut s, &format!("a{c}b"));
            let kept = is_xml_char(c) || matches!(c, '\t' | '\n' | '\r');
            assert_eq!(
                s.contains('\u{fffd}'),
                !kept || c == '\u{fffd}',
                "{c:?} -> {s:?}"
            );
        }
    }

    #[test]
    fn escapes_markup_and_control_characters() {
        let mut s = String::new();
        text(&mut s, "a<b>&c\r\u{1}");
        assert_eq!(s, "a&lt;b&gt;&amp;c&#13;\u{fffd}");
        let mut s = String::new();
        text(
            &mut s,
            "社会<工作>\t«x»\u{b}尾\u{fffe}\u{ffff}\u{fffd}\u{efbf}",
        );
        assert_eq!(
            s,
            "社会&lt;工作&gt;\t«x»\u{fffd}尾\u{fffd}\u{fffd}\u{fffd}\u{efbf}"
        );
        let mut s = String::new();
        attr(&mut s, "\"x\"");
        assert_eq!(s, "&quot;x&quot;");
        for (value, escaped) in [
            ("party-building-2", "party-building-2"),
            ("a\tb\nc<&>", "a&#9;b&#10;c&lt;&amp;&gt;"),
            ("社会\u{ffff}", "社会\u{fffd}"),
        ] {
            let mut s = String::new();
            attr(&mut s, value);
            assert_eq!(s, escaped);
        }
    }
}
