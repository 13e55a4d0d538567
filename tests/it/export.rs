//! `shuyu export` and `shuyu import`: every format on the repository glossary, the TBX round
//! trip, other tools' files, and bad input (malformed XML, entities, wrong encodings,
//! mutated bytes).

use std::path::{Path, PathBuf};

use crate::support::{copy_tree, fixtures, shuyu};

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
}

/// How many concept files the repository glossary holds: the expected size of a full export,
/// counted here so that adding concepts does not break these tests.
fn concept_count() -> usize {
    std::fs::read_dir(repo().join("glossary/concepts"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .is_ok_and(|e| e.path().extension().is_some_and(|x| x == "yaml"))
        })
        .count()
}

fn exchange(name: &str) -> String {
    fixtures()
        .join("exchange")
        .join(name)
        .to_string_lossy()
        .into_owned()
}

/// A copy of the repository glossary without its concepts (sources and glossary.yaml kept).
fn empty_copy(tmp: &Path) -> PathBuf {
    let g = tmp.join("glossary");
    copy_tree(&repo().join("glossary"), &g);
    std::fs::remove_dir_all(g.join("concepts")).unwrap();
    std::fs::create_dir(g.join("concepts")).unwrap();
    g
}

fn export(glossary: &Path, args: &[&str]) -> crate::support::Run {
    let g = glossary.to_string_lossy().into_owned();
    let mut all = vec!["export", "--glossary", &g];
    all.extend_from_slice(args);
    shuyu(&repo(), &all)
}

#[test]
fn tbx_export_is_deterministic_and_survives_import_byte_for_byte() {
    let glossary = repo().join("glossary");
    let first = export(&glossary, &["--format", "tbx"]);
    assert_eq!(first.code, 0, "{}", first.stderr);
    let second = export(&glossary, &["--format", "tbx"]);
    assert_eq!(first.stdout, second.stdout, "two exports differ");
    assert!(first
        .stdout
        .contains("<tbx type=\"TBX-Basic\" style=\"dca\""));
    assert!(first.stdout.contains("preferredTerm-admn-sts"));
    assert!(first.stdout.contains("deprecatedTerm-admn-sts"));
    assert!(first.stdout.contains("<note>Pinyin: "));
    assert!(first
        .stdout
        .contains("<ref type=\"crossReference\" target=\""));

    let tmp = tempfile::tempdir().unwrap();
    let tbx = tmp.path().join("glossary.tbx");
    std::fs::write(&tbx, &first.stdout).unwrap();
    let into = empty_copy(tmp.path());
    let imported = shuyu(
        tmp.path(),
        &[
            "import",
            tbx.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
        ],
    );
    assert_eq!(imported.code, 0, "{}", imported.stderr);
    assert!(imported.stderr.contains("the glossary validates"));
    assert!(
        imported.stderr.contains("0 things not kept"),
        "{}",
        imported.stderr
    );
    let again = export(&into, &["--format", "tbx"]);
    assert_eq!(again.code, 0, "{}", again.stderr);
    assert!(
        again.stdout == first.stdout,
        "the round trip changed the TBX (see {})",
        tbx.display()
    );

    // Importing the same file again leaves every concept alone; --force updates them in
    // place (no duplicates), and the export is still the same.
    let once_more = shuyu(
        tmp.path(),
        &[
            "import",
            tbx.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
        ],
    );
    assert!(
        once_more.stderr.contains("0 created, 0 updated"),
        "{}",
        once_more.stderr
    );
    assert!(once_more.stderr.contains("left alone (use --force"));
    let forced = shuyu(
        tmp.path(),
        &[
            "import",
            tbx.to_str().unwrap(),
            "--into",
            into.to_str().unwrap(),
            "--force",
        ],
    );
    assert_eq!(forced.code, 0, "{}", forced.stderr);
    assert!(
        forced
            .stderr
            .contains(&format!("0 created, {} updated", concept_count()))
            || forced.stderr.contains(" updated, 0 left alone")
    );
    let after_force = export(&into, &["--format", "tbx"]);
    assert!(
        after_force.stdout == first.stdout,
        "--force changed the glossary"
    );
}

#[test]
fn csv_tsv_omegat_and_json_exports() {
    let glossary = repo().join("glossary");
    let csv = export(&glossary, &["--format", "csv"]);
    assert_eq!(csv.code, 0, "{}", csv.stderr);
    let header = csv.stdout.lines().next().unwrap();
    assert_eq!(
        header,
        "id,zh,zh_admitted,zh_deprecated,en,en_admitted,en_deprecated,fr,fr_admitted,fr_deprecated,es,es_admitted,es_deprecated,pinyin,definition_en"
    );
    let row = csv
        .stdout
        .lines()
        .find(|l| l.starts_with("society-work-department,"))
        .unwrap();
    assert!(row.contains("中央社会工作部,中央社工部 | 中国共产党中央委员会社会工作部,,"));
    assert!(row.contains("Central Social Work Department | central commission for social work"));

    let bom = export(&glossary, &["--format", "csv", "--bom", "--lang", "zh,en"]);
    assert!(bom.stdout.starts_with('\u{feff}'));
    assert!(bom.stdout.contains(
        "id,zh,zh_admitted,zh_deprecated,en,en_admitted,en_deprecated,pinyin,definition_en\r\n"
    ));

    let tsv = export(&glossary, &["--format", "tsv"]);
    assert_eq!(tsv.code, 0);
    let columns = tsv.stdout.lines().next().unwrap().split('\t').count();
    for line in tsv.stdout.lines() {
        assert_eq!(line.split('\t').count(), columns, "ragged TSV line: {line}");
        assert!(!line.contains('"') || !line.starts_with('"'));
    }

    let omegat = export(&glossary, &["--format", "omegat", "--lang", "fr"]);
    assert_eq!(omegat.code, 0, "{}", omegat.stderr);
    assert!(omegat
        .stdout
        .lines()
        .any(|l| l.starts_with("中央社会工作部\tDépartement du travail social\t")));
    assert!(omegat
        .stdout
        .lines()
        .skip(1)
        .all(|l| l.split('\t').count() == 3));
    let no_lang = export(&glossary, &["--format", "omegat"]);
    assert_eq!(no_lang.code, 2);
    assert!(no_lang.stderr.contains("exactly one target language"));

    let json = export(
        &glossary,
        &["--format", "json", "--lang", "zh", "--lang", "en"],
    );
    assert_eq!(json.code, 0, "{}", json.stderr);
    let v: serde_json::Value = serde_json::from_str(&json.stdout).unwrap();
    assert_eq!(v["format"], "shuyu-export");
    assert_eq!(v["languages"], serde_json::json!(["zh", "en"]));
    let concepts = v["concepts"].as_array().unwrap();
    assert_eq!(concepts.len(), concept_count());
    let swd = concepts
        .iter()
        .find(|c| c["id"] == "society-work-department")
        .unwrap();
    assert!(swd["terms"].get("fr").is_none());
    assert!(!swd["occurrences"].as_array().unwrap().is_empty());
    assert!(swd["wild"]["en"]["renderings"].is_array());
    let again = export(&glossary, &["--format", "json", "--lang", "zh,en"]);
    assert_eq!(json.stdout, again.stdout, "two JSON exports differ");

    let schema = export(&glossary, &["--json-schema"]);
    let committed =
        std::fs::read_to_string(repo().join("glossary/schema/export.schema.json")).unwrap();
    assert_eq!(schema.stdout, committed);
}

#[test]
fn export_to_a_file_and_bad_arguments() {
    let glossary = repo().join("glossary");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("g.tsv");
    let run = export(
        &glossary,
        &["--format", "tsv", "--out", out.to_str().unwrap()],
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(std::fs::read_to_string(&out)
        .unwrap()
        .starts_with("id\tzh\t"));
    assert_eq!(
        export(&glossary, &["--format", "tbx", "--lang", "de"]).code,
        2
    );
    assert_eq!(export(&glossary, &["--format", "xlsx"]).code, 2);
    assert_eq!(export(&glossary, &[]).code, 2);
    let missing = shuyu(&repo(), &["import", "no-such-file.tbx"]);
    assert_eq!(missing.code, 2);
    let unknown = shuyu(&repo(), &["import", "glossary/glossary.yaml"]);
    assert_eq!(unknown.code, 2);
    assert!(unknown.stderr.contains("cannot tell the format"));
}

fn import_into_copy(file: &str) -> (tempfile::TempDir, PathBuf, crate::support::Run) {
    let tmp = tempfile::tempdir().unwrap();
    let into = empty_copy(tmp.path());
    let run = shuyu(
        tmp.path(),
        &["import", file, "--into", into.to_str().unwrap()],
    );
    (tmp, into, run)
}

#[test]
fn ltac_example_imports_with_a_report_of_what_was_not_kept() {
    // ../shared sits beside the repository (in CI and in the worktrees).
    let shared = repo().join("../shared/tbx/Example_Astronomy_DCA_VALID.tbx");
    let file = if shared.exists() {
        shared.to_string_lossy().into_owned()
    } else {
        eprintln!("skipped: LTAC's example file is not beside the repository");
        return;
    };
    let (_tmp, into, run) = import_into_copy(&file);
    // The example has no Chinese: imported, reported, and the glossary says what is missing.
    assert_eq!(run.code, 1, "{}", run.stderr);
    for expected in [
        "<transacGrp> (transaction dates and responsibility) not kept",
        "<termNote type=\"partOfSpeech\"> of a term not kept",
        "subject field `General` not kept",
        "made preferred",
        "has no preferred zh term",
        "imported 39 concepts",
    ] {
        assert!(
            run.stderr.contains(expected),
            "missing `{expected}` in:\n{}",
            run.stderr
        );
    }
    let c2 = std::fs::read_to_string(into.join("concepts/c2.yaml")).unwrap();
    assert!(c2.contains(
        "- term: circumstellar accretion disk\n      status: preferred\n      type: full-form"
    ));
    assert!(c2.contains("A structure that forms around a compact object (e.g. a white dwarf"));
}

#[test]
fn iate_style_tbx_imports_and_validates() {
    let (_tmp, into, run) = import_into_copy(&exchange("iate-style.tbx"));
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert!(run.stderr.contains("the glossary validates"));
    assert!(run.stderr.contains("language `de` is not declared"));
    assert!(run.stderr.contains("subject field `POLITICS` not kept"));
    assert!(run
        .stderr
        .contains("id `IATE-3583215` is not a lowercase slug: the concept is `common-prosperity`"));
    let c = std::fs::read_to_string(into.join("concepts/common-prosperity.yaml")).unwrap();
    assert!(c.contains("domains: [governance]"), "{c}");
    assert!(c.contains("  zh:\n    - term: 共同富裕\n      status: preferred"));
    let w = std::fs::read_to_string(into.join("concepts/whole-process-people-s-democracy.yaml"))
        .unwrap();
    assert!(
        w.contains("note: Drops \"people's\", which the Chinese name keeps."),
        "{w}"
    );
}

#[test]
fn csv_imports_its_own_export_and_other_tools_files() {
    let glossary = repo().join("glossary");
    let csv = export(&glossary, &["--format", "csv", "--bom"]);
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("g.csv");
    std::fs::write(&file, &csv.stdout).unwrap();
    let (_t, into, run) = import_into_copy(file.to_str().unwrap());
    assert!(
        run.stderr
            .contains(&format!("imported {} concepts", concept_count())),
        "{}",
        run.stderr
    );
    // CSV has no notes: deprecated terms lack theirs, and the report says so.
    assert!(run.stderr.contains("needs a note saying why"));
    let swd = std::fs::read_to_string(into.join("concepts/society-work-department.yaml")).unwrap();
    assert!(swd.contains("pinyin: Zhōngyāng Shèhuì Gōngzuò Bù"));

    let (_t, into, run) = import_into_copy(&exchange("memoq.csv"));
    assert!(
        run.stderr.contains("column `memoq_note` not recognised"),
        "{}",
        run.stderr
    );
    assert!(run
        .stderr
        .contains("the concept is `whole-process-people-s-democracy`"));
    assert!(into.join("concepts/common-prosperity.yaml").exists());
}

/// Imports the exchange fixture `name` (a one-concept file, `formalism`) into a copy of the
/// repository glossary, checks the exit code and a line of its output, and returns the folder
/// and the concept file written.
fn import_formalism(name: &str, code: i32, says: &str) -> (tempfile::TempDir, PathBuf, String) {
    let (t, into, run) = import_into_copy(&exchange(name));
    assert_eq!(run.code, code, "{}", run.stderr);
    assert!(run.stderr.contains(says), "{}", run.stderr);
    let c = std::fs::read_to_string(into.join("concepts/formalism.yaml")).unwrap();
    (t, into, c)
}

/// Cells with characters YAML refuses raw in a stream (DEL, a C1 control, U+FFFF) are written
/// escaped, so the imported glossary validates. An `import_readers` fuzz finding: a DEL in a
/// cell was written raw, and the file written could not be read back.
#[test]
fn characters_yaml_refuses_raw_are_written_escaped() {
    let (_t, _into, c) = import_formalism("yaml-unprintable.tsv", 0, "the glossary validates");
    assert!(c.contains(r#"- term: "f\u007Frmalism""#), "{c}");
    assert!(c.contains(r"\u009C") && c.contains(r"\uFFFF"), "{c}");
    assert!(!c.contains(['\u{7f}', '\u{9c}', '\u{ffff}']), "{c}");
}

/// A row with a definition and no term (a `|` cell holds none) is written with `terms: {}`,
/// which loads, and validation names what is missing. An `import_readers` fuzz finding: a bare
/// `terms:` was written, which reads as null, and the concept file did not load.
#[test]
fn a_row_without_a_term_is_written_as_a_file_that_loads() {
    let (_t, into, c) = import_formalism(
        "definition-only.csv",
        1,
        "`formalism` has no preferred zh term",
    );
    assert!(c.contains("\nterms: {}\ndefinition:\n"), "{c}");
    let validate = shuyu(&into, &["--glossary", into.to_str().unwrap(), "validate"]);
    assert_eq!(validate.code, 1, "{}", validate.stderr);
    assert!(
        validate
            .stdout
            .contains("error[V111]: concept `formalism` has no `zh` terms"),
        "{}",
        validate.stdout
    );
}

#[test]
fn bad_files_are_located_and_refused() {
    let cases = [
        ("malformed.tbx", "malformed.tbx:8:"),
        (
            "billion-laughs.tbx",
            "DOCTYPE declaring entities is refused",
        ),
        (
            "external-entity.tbx",
            "DOCTYPE declaring entities is refused",
        ),
        ("undeclared-entity.tbx", "unknown entity `&nbsp;`"),
        ("wrong-columns.csv", "wrong columns"),
        ("latin1.csv", "latin1.csv:2:6: not UTF-8"),
        ("utf16.csv", "UTF-16"),
        (
            "ragged.csv",
            "ragged.csv:2:1: this row has 2 cells, the header 3",
        ),
    ];
    for (name, expected) in cases {
        let (_tmp, into, run) = import_into_copy(&exchange(name));
        assert_eq!(run.code, 1, "{name}: {}", run.stderr);
        assert!(
            run.stderr.contains(expected),
            "{name}: expected `{expected}` in:\n{}",
            run.stderr
        );
        assert!(run.stderr.contains("nothing was imported"));
        assert_eq!(
            std::fs::read_dir(into.join("concepts")).unwrap().count(),
            0,
            "{name}"
        );
    }
}

#[test]
fn a_byte_order_mark_is_accepted() {
    let tmp = tempfile::tempdir().unwrap();
    let file = tmp.path().join("bom.tbx");
    let text = std::fs::read(exchange("iate-style.tbx")).unwrap();
    let mut bytes = b"\xef\xbb\xbf".to_vec();
    bytes.extend(text);
    std::fs::write(&file, bytes).unwrap();
    let (_t, _into, run) = import_into_copy(file.to_str().unwrap());
    assert_eq!(run.code, 0, "{}", run.stderr);
}

/// A small xorshift generator: the same mutations on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

#[test]
fn mutated_bytes_never_panic() {
    use shuyu::import::{read, Context, Kind};
    let ctx = Context {
        languages: ["zh", "en", "fr", "es"].map(String::from).to_vec(),
        ..Context::default()
    };
    let seeds: [(&str, Kind); 3] = [
        ("iate-style.tbx", Kind::Tbx),
        ("memoq.csv", Kind::Csv),
        ("malformed.tbx", Kind::Tbx),
    ];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let specials = [
        b'<', b'>', b'&', b'"', b'\'', b'/', b'!', b'?', 0, 0xff, 0xe4, b'\n', b',', b'\t', b';',
        b'#',
    ];
    for (name, kind) in seeds {
        let original = std::fs::read(exchange(name)).unwrap();
        for _ in 0..1500 {
            let mut bytes = original.clone();
            for _ in 0..=(rng.next() % 4) {
                let at = (rng.next() as usize) % bytes.len();
                match rng.next() % 4 {
                    0 => bytes[at] = specials[(rng.next() as usize) % specials.len()],
                    1 => {
                        bytes.remove(at);
                    }
                    2 => bytes.insert(at, specials[(rng.next() as usize) % specials.len()]),
                    _ => bytes.truncate(at),
                }
                if bytes.is_empty() {
                    bytes.push(b'<');
                }
            }
            let _ = read(Path::new(name), &bytes, kind, &ctx);
        }
    }
}
