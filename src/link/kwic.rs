//! Keyword in context: a line of text with the term in the middle, for concordances.

use std::ops::Range;

/// One concordance line: what comes before the term, the term, and what comes after, each
/// on one line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Kwic {
    pub left: String,
    pub term: String,
    pub right: String,
}

/// The line for `span` of `text`, with at most `width` characters on either side.
pub fn kwic(text: &str, span: Range<usize>, width: usize) -> Kwic {
    let left: Vec<char> = text[..span.start].chars().collect();
    let left: String = left[left.len().saturating_sub(width)..].iter().collect();
    let right: String = text[span.end..].chars().take(width).collect();
    Kwic {
        left: one_line(&left),
        term: one_line(&text[span]),
        right: one_line(&right),
    }
}

/// Collapses line breaks and tabs to spaces.
fn one_line(s: &str) -> String {
    s.chars()
        .map(|c| if c.is_whitespace() { ' ' } else { c })
        .collect()
}

/// Columns a string takes in a terminal: two for East Asian wide characters.
pub fn display_width(s: &str) -> usize {
    s.chars().map(|c| if is_wide(c) { 2 } else { 1 }).sum()
}

fn is_wide(c: char) -> bool {
    matches!(c,
        '\u{1100}'..='\u{115F}'
        | '\u{2E80}'..='\u{303E}'
        | '\u{3041}'..='\u{33FF}'
        | '\u{3400}'..='\u{4DBF}'
        | '\u{4E00}'..='\u{9FFF}'
        | '\u{A000}'..='\u{A4CF}'
        | '\u{AC00}'..='\u{D7A3}'
        | '\u{F900}'..='\u{FAFF}'
        | '\u{FE30}'..='\u{FE4F}'
        | '\u{FF00}'..='\u{FF60}'
        | '\u{FFE0}'..='\u{FFE6}'
        | '\u{20000}'..='\u{3FFFD}'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_to_width_in_characters() {
        let text = "第一段\n推进两企三新党建工作";
        let s = text.find("两企").unwrap();
        let k = kwic(text, s..s + 12, 3);
        assert_eq!(k.left, "段 推进".chars().skip(1).collect::<String>());
        assert_eq!(k.term, "两企三新");
        assert_eq!(k.right, "党建工");
    }

    #[test]
    fn chinese_is_twice_as_wide() {
        assert_eq!(display_width("社会a"), 5);
    }
}
