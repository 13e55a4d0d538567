//! From a request target to a path inside the site, refusing everything that could reach
//! outside it.
//!
//! The rules are stricter than a file server needs for its own pages, on purpose: the site
//! shuyu builds has lowercase slugs for folders and plain file names, so nothing legitimate is
//! lost by refusing
//!
//! - a target that does not start with `/` (absolute-form `http://…`, `*`, `../x`);
//! - a raw or percent-encoded backslash, and a percent-encoded `/` (`%2f`): a segment is
//!   decoded once, after splitting, and must not hold a separator;
//! - `.` and `..` segments, raw or encoded (`%2e%2e`), and any segment starting with `.`
//!   (hidden files, `.git`);
//! - a `%` left after decoding (double encoding, `%252e`), malformed escapes, text that is not
//!   UTF-8, and control characters (NUL, `%00`);
//! - empty segments (`//etc/passwd`, `/a//b`).
//!
//! Symbolic links are refused when the path is looked up on disk (see `locate` in the parent
//! module), not here.

/// A path inside the site: its segments (none for the root), and whether the target ended with
/// `/` (a folder, served by its `index.html`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SitePath {
    pub segments: Vec<String>,
    pub folder: bool,
}

/// Why a target was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refused {
    /// It tries to leave the site or to reach a hidden file: 403.
    Forbidden(&'static str),
    /// Malformed percent-encoding or not UTF-8: 400.
    Malformed,
}

/// The path part of a request target: without the query and the fragment.
pub fn path_part(target: &str) -> &str {
    let end = target.find(['?', '#']).unwrap_or(target.len());
    &target[..end]
}

/// Parses the path of a request target (see the module documentation for what is refused).
pub fn parse(target: &str) -> Result<SitePath, Refused> {
    let path = path_part(target);
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refused::Forbidden("the path does not start with /"));
    };
    if rest.contains('\\') {
        return Err(Refused::Forbidden("backslash in the path"));
    }
    let folder = rest.is_empty() || rest.ends_with('/');
    let rest = rest.strip_suffix('/').unwrap_or(rest);
    let mut segments = Vec::new();
    if rest.is_empty() {
        return Ok(SitePath { segments, folder });
    }
    for raw in rest.split('/') {
        if raw.is_empty() {
            return Err(Refused::Forbidden("empty segment"));
        }
        let bytes = percent_decode(raw).ok_or(Refused::Malformed)?;
        let segment = String::from_utf8(bytes).map_err(|_| Refused::Malformed)?;
        check_segment(&segment)?;
        segments.push(segment);
    }
    Ok(SitePath { segments, folder })
}

fn check_segment(segment: &str) -> Result<(), Refused> {
    if segment.contains(['/', '\\']) {
        return Err(Refused::Forbidden("encoded separator"));
    }
    if segment.contains('%') {
        return Err(Refused::Forbidden("double percent-encoding"));
    }
    if segment.chars().any(char::is_control) {
        return Err(Refused::Forbidden("control character"));
    }
    if segment == "." || segment == ".." {
        return Err(Refused::Forbidden("dot segment"));
    }
    if segment.starts_with('.') {
        return Err(Refused::Forbidden("hidden file"));
    }
    Ok(())
}

/// `%XX` escapes decoded once; `None` for a `%` not followed by two hex digits.
fn percent_decode(text: &str) -> Option<Vec<u8>> {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = bytes.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(bytes[i]);
            i += 1;
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(target: &str) -> (Vec<&'static str>, bool) {
        let p = parse(target).unwrap_or_else(|e| panic!("{target}: {e:?}"));
        let segments = p
            .segments
            .into_iter()
            .map(|s| &*Box::leak(s.into_boxed_str()))
            .collect();
        (segments, p.folder)
    }

    #[test]
    fn site_paths_parse() {
        assert_eq!(ok("/"), (vec![], true));
        assert_eq!(ok("/index.html"), (vec!["index.html"], false));
        assert_eq!(
            ok("/concepts/society-work/"),
            (vec!["concepts", "society-work"], true)
        );
        assert_eq!(
            ok("/concepts/society-work"),
            (vec!["concepts", "society-work"], false)
        );
        assert_eq!(
            ok("/search.html?q=%E7%A4%BE#x"),
            (vec!["search.html"], false)
        );
        assert_eq!(ok("/%E7%A4%BE.html"), (vec!["社.html"], false));
        assert_eq!(ok("/a%20b.txt"), (vec!["a b.txt"], false));
    }

    #[test]
    fn every_way_out_is_refused() {
        let forbidden = [
            "/../secret.txt",
            "/concepts/../../secret.txt",
            "/./index.html",
            "/%2e%2e/secret.txt",
            "/%2E%2E/secret.txt",
            "/.%2e/secret.txt",
            "/%2e./secret.txt",
            "/..%2fsecret.txt",
            "/%2e%2e%2fsecret.txt",
            "/concepts%2f..%2f..%2fsecret.txt",
            "/%252e%252e/secret.txt",
            "/%252e%252e%252fsecret.txt",
            "/..\\secret.txt",
            "/%5c..%5csecret.txt",
            "/..%5csecret.txt",
            "\\..\\secret.txt",
            "//etc/passwd",
            "/concepts//x",
            "http://127.0.0.1/../secret.txt",
            "../secret.txt",
            "secret.txt",
            "*",
            "",
            "/index.html%00.txt",
            "/%00",
            "/.git/config",
            "/.site.lock",
            "/a%0a",
        ];
        for target in forbidden {
            assert!(
                matches!(parse(target), Err(Refused::Forbidden(_))),
                "{target:?} gave {:?}",
                parse(target)
            );
        }
        for target in ["/%zz", "/%2", "/%", "/%ff%fe", "/%c0%ae%c0%ae/secret.txt"] {
            assert_eq!(parse(target), Err(Refused::Malformed), "{target:?}");
        }
    }
}
