//! Documents given on the command line: plain text or Markdown, one passage per paragraph.

use std::ops::Range;

/// The paragraphs of `text` (runs of lines between blank lines), as byte ranges without the
/// surrounding whitespace.
pub fn paragraphs(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start: Option<usize> = None;
    let mut end = 0;
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        if line.trim().is_empty() {
            if let Some(s) = start.take() {
                out.push(s..end);
            }
        } else {
            let lead = line.len() - line.trim_start().len();
            start.get_or_insert(offset + lead);
            end = offset + line.trim_end().len();
        }
        offset += line.len();
    }
    if let Some(s) = start {
        out.push(s..end);
    }
    out
}

/// A guess at the language of `text` among `zh`, `en`, `fr` and `es`: Chinese by its
/// characters, the others by their commonest short words.
pub fn guess_lang(text: &str) -> &'static str {
    let han = text
        .chars()
        .filter(|c| ('\u{4E00}'..='\u{9FFF}').contains(c))
        .count();
    if han * 4 > text.chars().filter(|c| !c.is_whitespace()).count() {
        return "zh";
    }
    let score = |words: &[&str]| {
        text.split(|c: char| !c.is_alphabetic())
            .filter(|w| words.iter().any(|x| w.eq_ignore_ascii_case(x)))
            .count()
    };
    let en = score(&["the", "of", "and", "is", "to", "in"]);
    let fr = score(&["le", "les", "des", "du", "et", "est", "la"]);
    let es = score(&["el", "los", "las", "del", "y", "es", "la"]);
    if fr > en && fr >= es {
        "fr"
    } else if es > en && es > fr {
        "es"
    } else {
        "en"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paragraphs_split_on_blank_lines() {
        let text = "# Title\n\n  first line\nsecond line  \n\n\nlast";
        let p: Vec<_> = paragraphs(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(p, ["# Title", "first line\nsecond line", "last"]);
    }

    #[test]
    fn languages_are_told_apart() {
        assert_eq!(guess_lang("中央社会工作部成立了"), "zh");
        assert_eq!(guess_lang("The department of the Party"), "en");
        assert_eq!(guess_lang("Le département du travail social et les"), "fr");
        assert_eq!(guess_lang("El departamento de los trabajos y las"), "es");
    }
}
