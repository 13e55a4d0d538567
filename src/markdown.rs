//! Markdown: the one module that owns pulldown-cmark and its options.
//!
//! Validation uses it to refuse raw HTML and unsafe links in definitions and notes; the site
//! renders with the same parser options ([`to_html`]), so what validates is what renders. The
//! renderer does not trust validation: raw HTML becomes visible text, unsafe links and every
//! image lose their target, so hostile Markdown can neither run script nor make a request.

use crate::scan;
use pulldown_cmark::{CowStr, Event, Options, Parser, Tag, TagEnd};

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

/// Renders a Markdown field to HTML for the site. Raw HTML is shown as text; a link with an
/// unsafe target and every image (it would fetch from outside the site) keep only their text;
/// inline code naming a concept (`link_concept` gives its page) becomes a link to it.
pub fn to_html(text: &str, link_concept: impl Fn(&str) -> Option<String>) -> String {
    let mut dropped: Vec<bool> = Vec::new();
    let events = Parser::new_ext(text, options()).filter_map(|event| match event {
        Event::Html(html) | Event::InlineHtml(html) => Some(Event::Text(html)),
        Event::Start(Tag::Link { ref dest_url, .. }) => {
            let unsafe_link = !is_safe_url(dest_url);
            dropped.push(unsafe_link);
            (!unsafe_link).then_some(event)
        }
        Event::Start(Tag::Image { .. }) => {
            dropped.push(true);
            None
        }
        Event::End(TagEnd::Link | TagEnd::Image) => {
            (!dropped.pop().unwrap_or(false)).then_some(event)
        }
        Event::Code(code) => Some(match link_concept(&code) {
            Some(href) => Event::InlineHtml(CowStr::from(format!(
                "<a href=\"{}\"><code>{}</code></a>",
                escape(&href),
                escape(&code)
            ))),
            None => Event::Code(code),
        }),
        other => Some(other),
    });
    let mut out = String::with_capacity(text.len() * 3 / 2);
    pulldown_cmark::html::push_html(&mut out, events);
    out
}

/// Escapes text for HTML element content and quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    escape_into(&mut out, text);
    out
}

/// Appends `text` escaped to `out`, copying the runs between special characters whole (the
/// site escapes every passage and field it shows: this is one of its hottest loops).
pub fn escape_into(out: &mut String, text: &str) {
    // Writing to a String cannot fail.
    let _ = escape_to(out, text);
}

/// [`escape_into`] for any writer, so the templates write straight into their output.
pub fn escape_to(out: &mut impl std::fmt::Write, text: &str) -> std::fmt::Result {
    let bytes = text.as_bytes();
    let mut start = 0;
    loop {
        let i = start + scan::first_special(&bytes[start..], &HTML_SPECIAL);
        let Some(&special) = bytes.get(i) else {
            return out.write_str(&text[start..]);
        };
        let entity = match special {
            b'&' => "&amp;",
            b'<' => "&lt;",
            b'>' => "&gt;",
            b'"' => "&quot;",
            _ => "&#39;",
        };
        // Special characters are ASCII, so `i` is a character boundary.
        out.write_str(&text[start..i])?;
        out.write_str(entity)?;
        start = i + 1;
    }
}

/// What HTML text or a quoted attribute value must not hold as it is.
const HTML_SPECIAL: scan::Specials<5> = scan::Specials::new([b'&', b'<', b'>', b'"', b'\''], false);

#[cfg(test)]
mod tests {
    use super::*;

    fn html(text: &str) -> String {
        to_html(text, |id| {
            (id == "united-front").then(|| "../united-front/index.html".into())
        })
    }

    #[test]
    fn raw_html_is_shown_never_run() {
        let out = html("<script>alert(1)</script>\n\nText <img src=x onerror=alert(1)> end");
        assert!(!out.contains("<script") && !out.contains("<img"), "{out}");
        assert!(
            out.contains("&lt;script&gt;") && out.contains("&lt;img src=x"),
            "{out}"
        );
    }

    #[test]
    fn unsafe_links_and_images_keep_only_their_text() {
        let out =
            html("[click](javascript:alert(1)) ![pic](https://x.org/a.png) [ok](https://x.org)");
        assert!(
            !out.contains("javascript") && !out.contains("x.org/a.png"),
            "{out}"
        );
        assert!(out.contains("click") && out.contains("pic"), "{out}");
        assert!(out.contains(r#"<a href="https://x.org">ok</a>"#), "{out}");
    }

    #[test]
    fn code_naming_a_concept_links_to_it() {
        let out = html("see `united-front` and `other`");
        assert!(
            out.contains(r#"<a href="../united-front/index.html"><code>united-front</code></a>"#)
        );
        assert!(out.contains("<code>other</code>"));
    }

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

    /// The block-wise scan agrees with escaping one character at a time, wherever the special
    /// characters fall against the 16-byte blocks, beside multi-byte characters.
    #[test]
    fn escape_agrees_with_the_plain_definition() {
        let plain = |text: &str| -> String {
            text.chars()
                .map(|c| match c {
                    '&' => "&amp;".to_string(),
                    '<' => "&lt;".into(),
                    '>' => "&gt;".into(),
                    '"' => "&quot;".into(),
                    '\'' => "&#39;".into(),
                    c => c.to_string(),
                })
                .collect()
        };
        let pieces = [
            "a",
            "社",
            "é",
            "&",
            "<",
            ">",
            "\"",
            "'",
            "0123456789abcdef",
            " ",
        ];
        for len in 0..40 {
            for seed in 0..pieces.len() * 3 {
                let text: String = (0..len)
                    .map(|k| pieces[(k * 7 + seed * (k + 3)) % pieces.len()])
                    .collect();
                assert_eq!(escape(&text), plain(&text), "{text:?}");
            }
        }
    }
}
