//! Spellings of a Chinese term that differ only in punctuation.
//!
//! The corpus writes the same term with full-width punctuation (as published) and with ASCII
//! punctuation (pages that went through the web): 新时代“枫桥经验” and 新时代"枫桥经验". A term
//! with quotation marks also occurs with other quote styles (「」, ‘’) and without them. Each
//! variant becomes its own search pattern, all pointing to the same form, so matching stays one
//! pass over the original text with its original offsets.

/// Quote styles a quoted term may be written in: (opening, closing).
const QUOTE_STYLES: [(char, char); 6] = [
    ('“', '”'),
    ('"', '"'),
    ('「', '」'),
    ('‘', '’'),
    ('\'', '\''),
    ('『', '』'),
];

/// Full-width punctuation and its ASCII counterpart.
const WIDTH_PAIRS: [(char, char); 8] = [
    ('，', ','),
    ('：', ':'),
    ('；', ';'),
    ('（', '('),
    ('）', ')'),
    ('？', '?'),
    ('！', '!'),
    ('·', '•'),
];

fn is_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '”' | '"' | '「' | '」' | '‘' | '’' | '\'' | '『' | '』'
    )
}

/// Whether `c` is punctuation that some variant writes otherwise.
fn varies(c: char) -> bool {
    is_quote(c)
        || WIDTH_PAIRS
            .iter()
            .any(|&(full, ascii)| c == full || c == ascii)
}

/// `term` and its punctuation variants, without repeats, `term` first.
pub fn variants(term: &str) -> Vec<String> {
    let mut out = vec![term.to_string()];
    // Most terms have no punctuation, and so no variant.
    if !term.chars().any(varies) {
        return out;
    }
    let mut push = |s: String| {
        if !s.is_empty() && !out.contains(&s) {
            out.push(s);
        }
    };
    for width in [to_ascii(term), to_full_width(term)] {
        if width.chars().any(is_quote) {
            for style in QUOTE_STYLES {
                push(restyle_quotes(&width, style));
            }
            push(width.chars().filter(|c| !is_quote(*c)).collect());
        }
        push(width);
    }
    out
}

fn to_ascii(term: &str) -> String {
    term.chars()
        .map(|c| WIDTH_PAIRS.iter().find(|p| p.0 == c).map_or(c, |p| p.1))
        .collect()
}

fn to_full_width(term: &str) -> String {
    term.chars()
        .map(|c| WIDTH_PAIRS.iter().find(|p| p.1 == c).map_or(c, |p| p.0))
        .collect()
}

/// Rewrites the quotes of `term` in `style`, alternating opening and closing marks.
fn restyle_quotes(term: &str, style: (char, char)) -> String {
    let mut open = true;
    term.chars()
        .map(|c| {
            if !is_quote(c) {
                return c;
            }
            let q = if open { style.0 } else { style.1 };
            open = !open;
            q
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_plain_term_has_no_variants() {
        assert_eq!(variants("社会工作"), ["社会工作"]);
    }

    #[test]
    fn a_quoted_term_gets_every_quote_style_and_none() {
        let v = variants("新时代“枫桥经验”");
        for want in [
            "新时代“枫桥经验”",
            "新时代\"枫桥经验\"",
            "新时代「枫桥经验」",
            "新时代枫桥经验",
        ] {
            assert!(v.iter().any(|s| s == want), "{want} missing from {v:?}");
        }
    }

    #[test]
    fn full_width_and_ascii_punctuation_swap() {
        let v = variants("中共中央（国务院）");
        assert!(v.iter().any(|s| s == "中共中央(国务院)"), "{v:?}");
        let v = variants("党建(引领)");
        assert!(v.iter().any(|s| s == "党建（引领）"), "{v:?}");
    }
}
