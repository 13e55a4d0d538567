//! Rules on free text: Markdown fields, URLs, blank values.

use super::tables::Tables;
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId, Label};
use crate::markdown::{self, Finding};
use crate::raw::SpannedStr;

/// V115 V116: no raw HTML and no unsafe links in Markdown; source URLs are http(s).
pub fn markdown_and_urls(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        let fields = c.value.definition.0.iter().chain(&c.value.notes.0);
        for (_, text) in fields {
            for finding in markdown::findings(&text.value) {
                out.push(markdown_finding(ctx, c.file, text, &finding));
            }
        }
    }
    for s in ctx.sources() {
        let Some(url) = &s.value.url else { continue };
        let absolute = url.value.starts_with("http://") || url.value.starts_with("https://");
        if !absolute {
            out.push(
                Diagnostic::new(
                    Code::UnsafeUrl,
                    format!("source URL `{}` is not http or https", url.value),
                )
                .at(ctx.label(s.file, url).with_message("not an http(s) URL"))
                .help("give the address where the document is published, starting with https://"),
            );
        }
    }
}

fn markdown_finding(
    ctx: &Tables,
    file: FileId,
    field: &SpannedStr,
    finding: &Finding,
) -> Diagnostic {
    let (code, needle, message, help) = match finding {
        Finding::RawHtml { html, .. } => (
            Code::RawHtml,
            html.as_str(),
            format!("raw HTML `{html}` in Markdown"),
            "use Markdown instead (*emphasis*, **strong**, lists); raw HTML is never rendered",
        ),
        Finding::UnsafeUrl { url, .. } => (
            Code::UnsafeUrl,
            url.as_str(),
            format!("unsafe link `{url}`"),
            "links must be http, https, mailto or relative",
        ),
    };
    Diagnostic::new(code, message)
        .at(locate_in_field(ctx, file, field, needle))
        .help(help)
}

/// The label of `needle` inside a (possibly block) scalar: its first occurrence in the file
/// at or after the scalar's start, else the scalar itself.
fn locate_in_field(ctx: &Tables, file: FileId, field: &SpannedStr, needle: &str) -> Label {
    let scalar = ctx.label(file, field);
    let text = ctx.raw.files.text(file);
    let first_line = needle.lines().next().unwrap_or_default();
    match text[scalar.span.start..].find(first_line) {
        Some(i) if !first_line.is_empty() => {
            let start = scalar.span.start + i;
            Label::new(file, start..start + first_line.len())
        }
        _ => scalar,
    }
}

/// V125: terms, definitions, notes and passages are not blank.
pub fn blanks(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        let terms = c
            .value
            .terms
            .0
            .iter()
            .flat_map(|(_, ts)| ts.iter().map(|t| &t.term));
        let texts = c
            .value
            .definition
            .0
            .iter()
            .chain(&c.value.notes.0)
            .map(|(_, t)| t);
        for value in terms.chain(texts) {
            if value.value.trim().is_empty() {
                out.push(blank(ctx, c.file, value, "an empty value"));
            }
        }
    }
    for s in ctx.sources() {
        for p in s.value.passages.iter().filter(|p| p.text.trim().is_empty()) {
            out.push(blank(ctx, s.file, &p.id, "a passage without text"));
        }
    }
}

fn blank(ctx: &Tables, file: FileId, at: &SpannedStr, what: &str) -> Diagnostic {
    Diagnostic::new(Code::EmptyText, what)
        .at(ctx.label(file, at).with_message("blank"))
        .help("write the text, or remove the entry")
}

/// V126: every concept has an English definition, the one a translator reads first.
pub fn definitions(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts().filter(|c| !ctx.damaged(c.file)) {
        if !c
            .value
            .definition
            .0
            .iter()
            .any(|(lang, _)| lang.value == "en")
        {
            out.push(
                Diagnostic::new(
                    Code::MissingDefinition,
                    format!("concept `{}` has no English definition", c.value.id.value),
                )
                .at(ctx
                    .label(c.file, &c.value.id)
                    .with_message("no `definition: en:`"))
                .help("add `definition: { en: … }`: one or two sentences, backed by a citation"),
            );
        }
    }
}
