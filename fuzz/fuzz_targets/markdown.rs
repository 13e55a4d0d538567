//! Markdown checking (`shuyu::markdown`): no panic on any text; every finding points inside the
//! text; and the shortcut that skips parsing a text without `<` or `]` is sound: such a text
//! has no HTML and no link for the full parse to find.
#![no_main]

use libfuzzer_sys::fuzz_target;
use pulldown_cmark::{Event, Parser, Tag};
use shuyu::markdown::{findings, is_safe_url, options, Finding};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    for finding in findings(text) {
        let (Finding::RawHtml { at, .. } | Finding::UnsafeUrl { at, .. }) = finding;
        assert!(at < text.len() && text.is_char_boundary(at), "{at} in {text:?}");
    }
    if !text.contains(['<', ']']) {
        for event in Parser::new_ext(text, options()) {
            let unsafe_link = matches!(
                &event,
                Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. })
                    if !is_safe_url(dest_url)
            );
            let html = matches!(event, Event::Html(_) | Event::InlineHtml(_));
            assert!(!html && !unsafe_link, "skipped a finding in {text:?}");
        }
    }
    is_safe_url(text);
});
