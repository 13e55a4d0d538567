//! Every reader of `shuyu import` (TBX, CSV, TSV) on the same bytes, against a context with the
//! repository glossary's languages, domains and authorities. No reader may panic; an error is
//! located on a line the input has; and every concept imported is written as YAML that reads
//! back exactly (through serde-saphyr, which the quick reader must agree with).
#![no_main]

use std::path::Path;
use std::sync::OnceLock;

mod shared;

use libfuzzer_sys::fuzz_target;
use shuyu::import::{read, yaml, Context, ImportError, Kind};
use shuyu::load::fuzzing::{differential, saphyr};
use shuyu::model::Concept;
use shuyu::raw::RawConcept;

/// What the repository's glossary declares, as `shuyu import` maps a file onto it.
fn context() -> &'static Context {
    static CTX: OnceLock<Context> = OnceLock::new();
    CTX.get_or_init(|| {
        let g = shared::repo_glossary();
        Context {
            languages: g.languages.clone(),
            domains: g.domains.clone(),
            authorities: g.authorities.keys().cloned().collect(),
            ..Context::default()
        }
    })
}

/// The strings of a concept that its YAML must carry: id, domains, every term's fields,
/// definitions and notes, in order.
fn fields(c: &Concept) -> Vec<String> {
    let mut out = vec![c.id.clone()];
    out.extend(c.domains.iter().cloned());
    // A language without a term is not written (there is nothing to say about it).
    for (lang, terms) in c.terms.iter().filter(|(_, ts)| !ts.is_empty()) {
        out.push(lang.clone());
        for t in terms {
            out.push(t.text.clone());
            out.extend(
                t.pinyin
                    .iter()
                    .chain(&t.traditional)
                    .chain(&t.authority)
                    .cloned(),
            );
            out.extend(t.note.iter().cloned());
        }
    }
    for (lang, text) in c.definition.iter().chain(&c.notes) {
        out.extend([lang.clone(), text.clone()]);
    }
    out
}

/// [`fields`] of the concept serde-saphyr reads back, languages sorted as the model keeps them.
fn raw_fields(r: &RawConcept) -> Vec<String> {
    let mut out = vec![r.id.value.clone()];
    out.extend(r.domains.iter().map(|d| d.value.clone()));
    let mut langs: Vec<_> = r.terms.0.iter().collect();
    langs.sort_by(|a, b| a.0.value.cmp(&b.0.value));
    for (lang, terms) in langs {
        out.push(lang.value.clone());
        for t in terms {
            out.push(t.term.value.clone());
            let opt = [&t.pinyin, &t.traditional, &t.authority];
            out.extend(opt.into_iter().flatten().map(|s| s.value.clone()));
            out.extend(t.note.iter().cloned());
        }
    }
    for map in [&r.definition.0, &r.notes.0] {
        let mut texts: Vec<_> = map.iter().collect();
        texts.sort_by(|a, b| a.0.value.cmp(&b.0.value));
        for (lang, text) in texts {
            out.extend([lang.value.clone(), text.value.clone()]);
        }
    }
    out
}

fuzz_target!(|data: &[u8]| {
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    for (kind, name) in [
        (Kind::Tbx, "in.tbx"),
        (Kind::Csv, "in.csv"),
        (Kind::Tsv, "in.tsv"),
    ] {
        let imported = match read(Path::new(name), data, kind, context()) {
            Ok(imported) => imported,
            Err(ImportError::Malformed { line, .. }) => {
                assert!((1..=lines).contains(&line), "{kind:?}: line {line}");
                continue;
            }
            Err(ImportError::CannotRun(why)) => panic!("{kind:?}: cannot run: {why}"),
        };
        for concept in &imported.concepts {
            let text = yaml::concept(concept, &context().languages);
            let back: RawConcept = saphyr(&text)
                .unwrap_or_else(|e| panic!("{kind:?}: written YAML unreadable: {e}\n{text}"));
            assert_eq!(fields(concept), raw_fields(&back), "{kind:?}:\n{text}");
            if let Err(why) = differential(&text) {
                panic!("{kind:?}: {why}\n{text}");
            }
        }
    }
});
