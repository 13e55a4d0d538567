//! Findings printed for people (text), scripts (JSON lines), GitHub (workflow annotations) and
//! code-scanning tools (SARIF 2.1.0, one rule per concept).

use std::collections::BTreeMap;

use serde_json::json;

use super::{Finding, Level};

/// How findings are printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    /// `file:line: level[concept]: message`, then a summary.
    Human,
    /// One JSON object per finding and line.
    Json,
    /// GitHub Actions workflow commands (annotations), then a summary.
    Github,
    /// A SARIF 2.1.0 log.
    Sarif,
}

/// Every finding in `format`.
pub fn render(findings: &[Finding], format: Format) -> String {
    match format {
        Format::Human => human(findings),
        Format::Json => findings
            .iter()
            .map(|f| serde_json::to_string(f).unwrap_or_default() + "\n")
            .collect(),
        Format::Github => github(findings),
        Format::Sarif => sarif(findings),
    }
}

fn level_word(level: Level) -> &'static str {
    match level {
        Level::Error => "error",
        Level::Warning => "warning",
        Level::Note => "note",
    }
}

/// "2 errors, 1 warning, 0 notes".
pub fn summary(findings: &[Finding]) -> String {
    let count = |l: Level| findings.iter().filter(|f| f.level == l).count();
    let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
    format!(
        "{}, {}, {}",
        plural(count(Level::Error), "error"),
        plural(count(Level::Warning), "warning"),
        plural(count(Level::Note), "note")
    )
}

fn place(f: &Finding) -> String {
    match &f.segment {
        Some(id) => format!("{}:{} (segment {id})", f.file, f.line),
        None => format!("{}:{}", f.file, f.line),
    }
}

fn human(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        out.push_str(&format!("{}: {}", place(f), level_word(f.level)));
        if !f.concept.is_empty() {
            out.push_str(&format!("[{}]", f.concept));
        }
        out.push_str(&format!(": {}\n", f.message));
        if let Some(expected) = &f.expected {
            let by = f
                .authority
                .as_deref()
                .map(|a| format!(" ({a})"))
                .unwrap_or_default();
            out.push_str(&format!(
                "  = preferred: {expected}{by}; see {}\n",
                f.permalink
            ));
        }
    }
    out.push_str(&format!("check: {}\n", summary(findings)));
    out
}

/// Escapes a value of a workflow command property or message.
fn escape_github(text: &str, property: bool) -> String {
    let mut s = text
        .replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A");
    if property {
        s = s.replace(':', "%3A").replace(',', "%2C");
    }
    s
}

fn github(findings: &[Finding]) -> String {
    let mut out = String::new();
    for f in findings {
        let title = if f.concept.is_empty() {
            "shuyu".to_string()
        } else {
            format!("shuyu {}", f.concept)
        };
        let mut message = f.message.clone();
        if let Some(e) = &f.expected {
            message.push_str(&format!(" (preferred: {e}; {})", f.permalink));
        }
        out.push_str(&format!(
            "::{} file={},line={},title={}::{}\n",
            level_word(f.level),
            escape_github(&f.file, true),
            f.line,
            escape_github(&title, true),
            escape_github(&message, false)
        ));
    }
    out.push_str(&format!(
        "shuyu check: {}. GitHub shows only the first annotations of a step: upload `shuyu check --format sarif` with github/codeql-action/upload-sarif to see every finding.\n",
        summary(findings)
    ));
    out
}

fn sarif(findings: &[Finding]) -> String {
    let mut rules: BTreeMap<&str, &Finding> = BTreeMap::new();
    for f in findings {
        rules.entry(rule_id(f)).or_insert(f);
    }
    let index: BTreeMap<&str, usize> = rules.keys().enumerate().map(|(i, k)| (*k, i)).collect();
    let rules: Vec<serde_json::Value> = rules
        .iter()
        .map(|(id, f)| {
            let mut rule = json!({
                "id": id,
                "shortDescription": { "text": if f.concept.is_empty() {
                    "A file shuyu could not read".to_string()
                } else {
                    format!("Renderings of the glossary concept {}", f.concept)
                }},
            });
            if f.permalink.starts_with("http") {
                rule["helpUri"] = json!(f.permalink);
            }
            rule
        })
        .collect();
    let results: Vec<serde_json::Value> = findings
        .iter()
        .map(|f| {
            json!({
                "ruleId": rule_id(f),
                "ruleIndex": index[rule_id(f)],
                "level": level_word(f.level),
                "message": { "text": f.message },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": { "uri": f.file },
                        "region": { "startLine": f.line.max(1) }
                    }
                }]
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": { "driver": {
                "name": "shuyu",
                "version": env!("CARGO_PKG_VERSION"),
                "rules": rules,
            }},
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default() + "\n"
}

fn rule_id(f: &Finding) -> &str {
    if f.concept.is_empty() {
        "read-error"
    } else {
        &f.concept
    }
}
