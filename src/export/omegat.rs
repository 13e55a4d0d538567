//! OmegaT's glossary format: UTF-8 text, one entry a line, `source<TAB>target<TAB>comment`.
//!
//! One line per Chinese term (every status: a superseded or deprecated Chinese term still
//! occurs in source texts) with the preferred rendering in the target language; the comment
//! gives the pinyin, the Chinese term's status when it is not preferred, the admitted
//! renderings and the renderings to avoid. Lines starting with `#` are comments to OmegaT.

use crate::model::{Glossary, Status};

use super::csv::flatten;
use super::tbx::SEPARATOR;

pub fn write(glossary: &Glossary, source: &str, target: &str) -> String {
    let mut out = String::with_capacity(glossary.concepts.len() * 128);
    out.push_str(&format!(
        "# {} — {source} → {target}, exported by shuyu: source term, target term, comment\n",
        flatten(&glossary.title)
    ));
    for concept in glossary.concepts.values() {
        let (Some(zh), Some(targets)) = (concept.terms.get(source), concept.terms.get(target))
        else {
            continue;
        };
        let Some(preferred) = targets.iter().find(|t| t.status == Status::Preferred) else {
            continue;
        };
        let list = |keep: &dyn Fn(Status) -> bool| -> String {
            targets
                .iter()
                .filter(|t| keep(t.status))
                .map(|t| t.text.as_str())
                .collect::<Vec<_>>()
                .join(SEPARATOR)
        };
        let admitted = list(&|s| s == Status::Admitted);
        let avoid = list(&|s| matches!(s, Status::Deprecated | Status::Superseded));
        for term in zh {
            let mut comment = Vec::new();
            if let Some(p) = &term.pinyin {
                comment.push(p.clone());
            }
            if term.status != Status::Preferred {
                comment.push(format!("{} form", status_word(term.status)));
            }
            if !admitted.is_empty() {
                comment.push(format!("also: {admitted}"));
            }
            if !avoid.is_empty() {
                comment.push(format!("avoid: {avoid}"));
            }
            comment.push(format!("[{}]", concept.id));
            out.push_str(&flatten(&term.text));
            out.push('\t');
            out.push_str(&flatten(&preferred.text));
            out.push('\t');
            out.push_str(&flatten(&comment.join("; ")));
            out.push('\n');
        }
    }
    out
}

fn status_word(s: Status) -> &'static str {
    match s {
        Status::Preferred => "preferred",
        Status::Admitted => "admitted",
        Status::Deprecated => "deprecated",
        Status::Superseded => "superseded",
    }
}
