//! Markdown: the one module that owns pulldown-cmark and its options.
//!
//! Validation uses it to refuse raw HTML and unsafe links in definitions and notes; the site
//! renderer will use the same parser options, so what validates is what renders.

use pulldown_cmark::{Event, Options, Parser, Tag};

/// The options every Markdown field is parsed with.
pub fn options() -> Options {
    Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES | Options::ENABLE_STRIKETHROUGH
}

/// Something in a Markdown field that the glossary does not allow.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Finding {
    /// Raw HTML (a tag, a comment), with its byte range in the field.
    RawHtml { html: String, at: usize },
    /// A link or image whose URL is not http, https, mailto or relative.
    UnsafeUrl { url: String, at: usize },
}

/// Every raw HTML fragment and unsafe link in a Markdown text.
pub fn findings(text: &str) -> Vec<Finding> {
    let mut out = Vec::new();
    // Raw HTML and autolinks start with `<`; every other link or image has a `]` (inline,
    // reference, collapsed and shortcut forms, and link definitions). Most fields have
    // neither and need no parse.
    if !text.contains(['<', ']']) {
        return out;
    }
    for (event, range) in Parser::new_ext(text, options()).into_offset_iter() {
        match event {
            Event::Html(html) | Event::InlineHtml(html) => out.push(Finding::RawHtml {
                html: html.trim().to_string(),
                at: range.start,
            }),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                if !is_safe_url(&dest_url) =>
            {
                out.push(Finding::UnsafeUrl {
                    url: dest_url.to_string(),
                    at: range.start,
                })
            }
            _ => {}
        }
    }
    out
}

/// http, https, mailto, or a relative URL (no scheme). Schemes are compared case-blind and
/// after dropping control characters and spaces, as browsers do (`java\nscript:`).
pub fn is_safe_url(url: &str) -> bool {
    let cleaned: String = url
        .chars()
        .filter(|c| !c.is_control() && !c.is_whitespace())
        .collect::<String>()
        .to_ascii_lowercase();
    match cleaned.split_once(':') {
        None => true,
        Some((scheme, _)) if scheme.contains(['/', '?', '#']) => true,
        Some((scheme, _)) => matches!(scheme, "http" | "https" | "mailto"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_raw_html_inline_and_block() {
        let f = findings("Text <b>bold</b>\n\n<script>x</script>\n");
        assert_eq!(f.len(), 3);
        assert!(matches!(&f[0], Finding::RawHtml { html, .. } if html == "<b>"));
    }

    #[test]
    fn finds_unsafe_links_but_not_safe_ones() {
        let f = findings("[a](javascript:alert(1)) [b](https://x.org) [c](../c) [d](mailto:a@b)");
        assert_eq!(
            f,
            vec![Finding::UnsafeUrl {
                url: "javascript:alert(1)".into(),
                at: 0
            }]
        );
    }

    #[test]
    fn scheme_tricks_are_unsafe() {
        assert!(!is_safe_url("JaVa\nScRiPt:alert(1)"));
        assert!(!is_safe_url("data:text/html,x"));
        assert!(is_safe_url("/concepts/a.html#x:y"));
    }
}
