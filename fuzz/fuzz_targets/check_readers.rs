//! Every reader of `shuyu check` (XLIFF, TMX, TSV, CSV, Markdown, text) on the same bytes, and
//! the check engine on each segment read, against the repository's glossary. No reader may
//! panic; every segment and every malformed-file error is located on a line the input has;
//! the findings render in every report format, and the JSON and SARIF output is valid JSON.
#![no_main]

use std::io::Write;
use std::sync::OnceLock;

mod shared;

use libfuzzer_sys::fuzz_target;
use shuyu::check::read::{read, Format, Languages};
use shuyu::check::report::{render, Format as Report};
use shuyu::check::{Checker, Finding, Segment};
use shuyu::link::Linker;
use shuyu::model::Glossary;

const FORMATS: [Format; 6] = [
    Format::Xliff,
    Format::Tmx,
    Format::Tsv,
    Format::Csv,
    Format::Markdown,
    Format::Text,
];

/// The repository's glossary and its linker: built once.
fn glossary() -> &'static (&'static Glossary, Linker) {
    static MODEL: OnceLock<(&'static Glossary, Linker)> = OnceLock::new();
    MODEL.get_or_init(|| {
        let model = shared::repo_glossary();
        (model, Linker::new(model))
    })
}

/// The findings of one segment, checked as the languages the file declared.
fn check(segment: &Segment, langs: &Languages) -> Vec<Finding> {
    let (model, linker) = glossary();
    let source = langs.source.as_deref().unwrap_or("zh");
    let target = langs.target.as_deref().unwrap_or("en");
    Checker::new(model, linker, source, target).check("input", segment)
}

fuzz_target!(|data: &[u8]| {
    let path = &shared::scratch_dir().join("input");
    let mut file = std::fs::File::create(path).expect("create input");
    file.write_all(data).expect("write input");
    drop(file);
    // A line is counted at each 0x0A byte, in UTF-8 and UTF-16 alike.
    let lines = data.iter().filter(|b| **b == b'\n').count() + 1;
    for format in FORMATS {
        let mut findings = Vec::new();
        let mut each = |segment: Segment, langs: &Languages| {
            assert!(
                (1..=lines).contains(&segment.line),
                "{format:?}: {segment:?}"
            );
            findings.extend(check(&segment, langs));
        };
        let result = read(path, format, "en", &mut each).expect("the input file is readable");
        if let Err(e) = result {
            assert!((1..=lines).contains(&e.line), "{format:?}: {e:?}");
        }
        for report in [Report::Human, Report::Github] {
            render(&findings, report);
        }
        for line in render(&findings, Report::Json).lines() {
            serde_json::from_str::<serde_json::Value>(line).expect("a JSON line");
        }
        serde_json::from_str::<serde_json::Value>(&render(&findings, Report::Sarif))
            .expect("a SARIF log");
    }
});
