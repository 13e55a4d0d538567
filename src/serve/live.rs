//! What the preview adds to pages as it serves them (never to the built files): the live-reload
//! script and, while the glossary has errors, a banner with them. Also the content types.

/// The address of the live-reload script, served by the preview itself.
pub const SCRIPT_PATH: &str = "/__shuyu/live.js";
/// The address the script long-polls: `?since=N` answers with the build number once it is no
/// longer `N` (or after a while, with `N` again).
pub const WAIT_PATH: &str = "/__shuyu/wait";

/// Waits for the next build and reloads the page. An external script (not inline) so that a
/// page with a `script-src 'self'` policy still reloads.
pub const SCRIPT: &str = r#"(function () {
  "use strict";
  var me = document.currentScript;
  var build = me ? me.getAttribute("data-build") : "";
  function wait(delay) {
    setTimeout(function () {
      fetch("/__shuyu/wait?since=" + encodeURIComponent(build), { cache: "no-store" })
        .then(function (r) { if (!r.ok) { throw new Error(r.status); } return r.text(); })
        .then(function (t) { if (t.trim() !== build) { location.reload(); } else { wait(0); } })
        .catch(function () { wait(1000); });
    }, delay);
  }
  wait(0);
})();
"#;

/// `html` with the reload script before `</body>`, the error banner (if any) right after
/// `<body …>`, and for the 404 page (served at any depth) `<base href="/">` so its links, which
/// are relative to the site root, still work.
pub fn inject(html: &str, build: u64, error: Option<&str>, not_found: bool) -> String {
    let lower = html.to_ascii_lowercase();
    let mut inserts: Vec<(usize, String)> = Vec::with_capacity(3);
    if not_found && !lower.contains("<base") {
        if let Some(at) = after_open_tag(&lower, "<head") {
            inserts.push((at, "<base href=\"/\">".into()));
        }
    }
    if let Some(error) = error {
        let at = after_open_tag(&lower, "<body").unwrap_or(0);
        inserts.push((at, banner(error)));
    }
    let at = lower.rfind("</body>").unwrap_or(html.len());
    inserts.push((
        at,
        format!("<script src=\"{SCRIPT_PATH}\" data-build=\"{build}\"></script>\n"),
    ));
    inserts.sort_by_key(|(at, _)| *at);
    let mut out =
        String::with_capacity(html.len() + inserts.iter().map(|i| i.1.len()).sum::<usize>());
    let mut from = 0;
    for (at, text) in inserts {
        out.push_str(&html[from..at]);
        out.push_str(&text);
        from = at;
    }
    out.push_str(&html[from..]);
    out
}

/// The byte offset just after the `>` of the first `tag` (lowercase, e.g. `<body`) whose name
/// ends there (`<body>` or `<body class…>`, not `<bodyx>`).
fn after_open_tag(lower: &str, tag: &str) -> Option<usize> {
    let mut from = 0;
    while let Some(found) = lower[from..].find(tag) {
        let start = from + found;
        let next = lower[start + tag.len()..].chars().next();
        if matches!(next, Some('>' | ' ' | '\t' | '\n' | '\r' | '/')) {
            return lower[start..].find('>').map(|end| start + end + 1);
        }
        from = start + tag.len();
    }
    None
}

/// The error banner: the diagnostics as escaped preformatted text, fixed at the top.
fn banner(error: &str) -> String {
    format!(
        "<div id=\"shuyu-serve-error\" role=\"alert\" style=\"position:fixed;top:0;left:0;right:0;\
z-index:2147483647;max-height:40vh;overflow:auto;margin:0;padding:.75em 1em;background:#fff0f0;\
color:#5c0000;border-bottom:3px solid #c00;box-shadow:0 2px 8px rgba(0,0,0,.3)\">\
<strong>shuyu serve: the glossary has errors; this is the last good build.</strong>\
<pre style=\"margin:.5em 0 0;white-space:pre-wrap;font:13px/1.4 monospace;color:inherit;\
background:none\">{}</pre></div>\n",
        escape(error)
    )
}

/// Text made safe inside an element or a quoted attribute.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 8);
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The content type of a file of the site, by its extension.
pub fn content_type(name: &str) -> &'static str {
    let ext = name
        .rsplit_once('.')
        .map(|(_, ext)| ext.to_ascii_lowercase())
        .unwrap_or_default();
    match ext.as_str() {
        "html" | "htm" => "text/html; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "json" | "map" => "application/json",
        "svg" => "image/svg+xml",
        "xml" | "tbx" | "tmx" | "xlf" | "xliff" => "application/xml",
        "csv" => "text/csv; charset=utf-8",
        "txt" | "md" => "text/plain; charset=utf-8",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "webp" => "image/webp",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "pdf" => "application/pdf",
        "webmanifest" => "application/manifest+json",
        _ => "application/octet-stream",
    }
}

/// Whether a file is served through [`inject`].
pub fn is_html(name: &str) -> bool {
    content_type(name).starts_with("text/html")
}

#[cfg(test)]
mod tests {
    use super::*;

    const PAGE: &str = "<!doctype html><html><head><title>t</title></head>\
<body data-root=\"\"><p>hi</p></body></html>";

    #[test]
    fn the_script_goes_before_the_end_of_the_body() {
        let out = inject(PAGE, 7, None, false);
        assert!(out.contains(
            "<p>hi</p><script src=\"/__shuyu/live.js\" data-build=\"7\"></script>\n</body>"
        ));
        assert!(!out.contains("shuyu-serve-error"));
        assert!(!out.contains("<base"));
    }

    #[test]
    fn the_banner_is_escaped_and_opens_the_body() {
        let out = inject(
            PAGE,
            2,
            Some("bad <script>alert(1)</script> & \"x\""),
            false,
        );
        let body = out.find("<body data-root=\"\">").unwrap() + "<body data-root=\"\">".len();
        assert!(out[body..].starts_with("<div id=\"shuyu-serve-error\""));
        assert!(out.contains("bad &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot;"));
        assert!(!out.contains("<script>alert"));
    }

    #[test]
    fn the_not_found_page_gets_a_base() {
        let out = inject(PAGE, 1, None, true);
        assert!(out.contains("<head><base href=\"/\"><title>"));
        let page = "<html><head><base href=\"/x/\"></head><body></body></html>";
        assert_eq!(inject(page, 1, None, true).matches("<base").count(), 1);
    }

    #[test]
    fn a_page_without_a_body_still_gets_the_script() {
        let out = inject("plain", 3, Some("e"), false);
        assert!(out.starts_with("<div id=\"shuyu-serve-error\""));
        assert!(out.ends_with("data-build=\"3\"></script>\n"));
        assert_eq!(after_open_tag("<bodyx><body>", "<body"), Some(13));
    }

    #[test]
    fn content_types() {
        assert_eq!(content_type("index.html"), "text/html; charset=utf-8");
        assert_eq!(content_type("static/style.css"), "text/css; charset=utf-8");
        assert_eq!(
            content_type("search-index.js"),
            "text/javascript; charset=utf-8"
        );
        assert_eq!(content_type("a.SVG"), "image/svg+xml");
        assert_eq!(content_type("glossary.tbx"), "application/xml");
        assert_eq!(content_type("glossary.csv"), "text/csv; charset=utf-8");
        assert_eq!(content_type("x.json"), "application/json");
        assert_eq!(content_type("robots.txt"), "text/plain; charset=utf-8");
        assert_eq!(content_type("noext"), "application/octet-stream");
    }
}
