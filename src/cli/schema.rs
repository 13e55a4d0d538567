//! JSON Schemas of the glossary files, generated from the raw input types, so that editors
//! (yaml-language-server) offer completion and inline errors that agree with `validate`.

use schemars::generate::SchemaSettings;
use schemars::JsonSchema;

use crate::raw::{RawConcept, RawGlossaryFile, RawSource};

/// The kinds of glossary file, each with its schema file name.
pub const FILES: &[(&str, &str)] = &[
    ("concept", "concept.schema.json"),
    ("source", "source.schema.json"),
    ("glossary", "glossary.schema.json"),
];

/// The draft-07 schema of one kind of file (`concept`, `source` or `glossary`), pretty-printed.
pub fn schema(kind: &str) -> Option<String> {
    let schema = match kind {
        "concept" => root::<RawConcept>(),
        "source" => root::<RawSource>(),
        "glossary" => root::<RawGlossaryFile>(),
        _ => return None,
    };
    let mut text = serde_json::to_string_pretty(&schema).ok()?;
    text.push('\n');
    Some(text)
}

fn root<T: JsonSchema>() -> schemars::Schema {
    SchemaSettings::draft07()
        .into_generator()
        .into_root_schema_for::<T>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concept_schema_is_draft07_and_strict() {
        let s = schema("concept").unwrap();
        let v: serde_json::Value = serde_json::from_str(&s).unwrap();
        assert_eq!(v["$schema"], "http://json-schema.org/draft-07/schema#");
        assert_eq!(v["additionalProperties"], false);
        assert!(v["properties"]["terms"].is_object());
        assert!(v["required"].as_array().unwrap().iter().any(|r| r == "id"));
    }

    /// The committed schemas must be what the code generates: run `shuyu schema --write
    /// glossary/schema` after changing src/raw.rs.
    #[test]
    fn committed_schemas_are_current() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary/schema");
        for (kind, file) in FILES {
            let committed = std::fs::read_to_string(dir.join(file)).unwrap_or_default();
            assert_eq!(
                committed,
                schema(kind).unwrap(),
                "glossary/schema/{file} is stale"
            );
        }
    }
}
