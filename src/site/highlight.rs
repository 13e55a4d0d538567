//! Passages with their linked terms marked: escaped text, and around each span the markup the
//! page asks for (a `<mark>` in a concordance, a link to the concept on a source page).

use std::ops::Range;

use crate::markdown::escape;

/// One span to wrap, with its opening and closing markup (already safe HTML).
#[derive(Debug, Clone)]
pub struct Span {
    pub range: Range<usize>,
    pub open: String,
    pub close: &'static str,
}

/// The text as HTML with every span wrapped. Spans that overlap an earlier one, or do not fall
/// on character boundaries, are left unmarked rather than producing broken markup.
pub fn mark(text: &str, spans: &[Span]) -> String {
    let mut order: Vec<&Span> = spans.iter().collect();
    order.sort_by_key(|s| (s.range.start, std::cmp::Reverse(s.range.end)));
    let mut out = String::with_capacity(text.len() + spans.len() * 48);
    let mut at = 0;
    for span in order {
        let Range { start, end } = span.range;
        let fits = start >= at
            && end <= text.len()
            && start < end
            && text.is_char_boundary(start)
            && text.is_char_boundary(end);
        if !fits {
            continue;
        }
        out.push_str(&escape(&text[at..start]));
        out.push_str(&span.open);
        out.push_str(&escape(&text[start..end]));
        out.push_str(span.close);
        at = end;
    }
    out.push_str(&escape(&text[at..]));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn span(range: Range<usize>) -> Span {
        Span {
            range,
            open: "<mark>".into(),
            close: "</mark>",
        }
    }

    #[test]
    fn text_is_escaped_and_spans_wrapped() {
        let text = "a <b> 社会工作 & c";
        let start = text.find('社').unwrap();
        let out = mark(text, &[span(start..start + 12)]);
        assert_eq!(out, "a &lt;b&gt; <mark>社会工作</mark> &amp; c");
    }

    #[test]
    fn overlapping_and_broken_spans_are_skipped() {
        let text = "社会工作者";
        let out = mark(text, &[span(0..12), span(3..6), span(1..3), span(12..99)]);
        assert_eq!(out, "<mark>社会工作</mark>者");
    }
}
