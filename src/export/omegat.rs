//! OmegaT's glossary format: UTF-8 text, one entry a line, `source<TAB>target<TAB>comment`.
//!
//! One line per Chinese term (every status: a superseded or deprecated Chinese term still
//! occurs in source texts) with the preferred rendering in the target language; the comment
//! gives the pinyin, the Chinese term's status when it is not preferred, the admitted
//! renderings and the renderings to avoid. Lines starting with `#` are comments to OmegaT.

use crate::model::{Glossary, Status, Term};

use super::csv::{flatten, flatten_into, join_into};

pub fn write(glossary: &Glossary, source: &str, target: &str) -> String {
    let mut out = String::with_capacity(glossary.concepts.len() * 128);
    out.push_str(&format!(
        "# {} — {source} → {target}, exported by shuyu: source term, target term, comment\n",
        flatten(&glossary.title)
    ));
    let mut lists = Lists::default();
    for concept in glossary.concepts.values() {
        let (Some(zh), Some(targets)) = (concept.terms.get(source), concept.terms.get(target))
        else {
            continue;
        };
        let Some(preferred) = targets.iter().find(|t| t.status == Status::Preferred) else {
            continue;
        };
        lists.fill(targets);
        for term in zh {
            flatten_into(&term.text, &mut out);
            out.push('\t');
            flatten_into(&preferred.text, &mut out);
            out.push('\t');
            lists.comment(term, &concept.id);
            flatten_into(&lists.comment, &mut out);
            out.push('\n');
        }
    }
    out
}

/// One concept's target renderings besides the preferred one, and the comment of one of its
/// lines: buffers kept from line to line so that a line allocates nothing.
#[derive(Default)]
struct Lists {
    admitted: String,
    avoid: String,
    comment: String,
}

impl Lists {
    /// The admitted renderings and the ones to avoid among `targets`.
    fn fill(&mut self, targets: &[Term]) {
        join_into(&mut self.admitted, targets, |s| s == Status::Admitted);
        join_into(&mut self.avoid, targets, |s| {
            matches!(s, Status::Deprecated | Status::Superseded)
        });
    }

    /// The comment of the line of the source `term` of the concept `id`, its parts separated
    /// by `; `: pinyin, status, admitted renderings, renderings to avoid, concept id.
    fn comment(&mut self, term: &Term, id: &str) {
        let c = &mut self.comment;
        c.clear();
        if let Some(p) = &term.pinyin {
            c.push_str(p);
            c.push_str("; ");
        }
        if term.status != Status::Preferred {
            c.push_str(term.status.word());
            c.push_str(" form; ");
        }
        if !self.admitted.is_empty() {
            c.push_str("also: ");
            c.push_str(&self.admitted);
            c.push_str("; ");
        }
        if !self.avoid.is_empty() {
            c.push_str("avoid: ");
            c.push_str(&self.avoid);
            c.push_str("; ");
        }
        c.push('[');
        c.push_str(id);
        c.push(']');
    }
}
