//! Small glossaries built in code for the unit tests of this module.

use std::collections::BTreeMap;

use crate::model::{Concept, Glossary, Origin, Passage, PassageRef, Senses, Source, Status, Term};

pub fn origin() -> Origin {
    Origin::start_of("fixture.yaml")
}

/// A term; `attested` as `source#passage` strings.
pub fn term(text: &str, status: Status, attested: &[&str]) -> Term {
    Term {
        attested: attested
            .iter()
            .map(|r| {
                let (source, passage) = r.split_once('#').expect("source#passage");
                PassageRef {
                    source: source.into(),
                    passage: passage.into(),
                }
            })
            .collect(),
        ..Term::new(text, status, origin())
    }
}

/// A concept with `terms` as (lang, term) pairs and optional sense cues.
pub fn concept(id: &str, terms: Vec<(&str, Term)>, cues: &[&str]) -> Concept {
    let mut by_lang: BTreeMap<String, Vec<Term>> = BTreeMap::new();
    for (lang, t) in terms {
        by_lang.entry(lang.into()).or_default().push(t);
    }
    Concept {
        terms: by_lang,
        senses: (!cues.is_empty()).then(|| Senses {
            homonyms: Vec::new(),
            cues: cues.iter().map(|c| c.to_string()).collect(),
        }),
        ..Concept::new(id, origin())
    }
}

/// A source with passages given as (id, text).
pub fn source(
    id: &str,
    lang: &str,
    translation_of: Option<&str>,
    passages: &[(&str, &str)],
) -> Source {
    Source {
        translation_of: translation_of.map(str::to_string),
        passages: passages
            .iter()
            .map(|(id, text)| Passage {
                id: id.to_string(),
                text: text.to_string(),
                locator: None,
            })
            .collect(),
        ..Source::new(id, lang, origin())
    }
}

pub fn glossary(concepts: Vec<Concept>, sources: Vec<Source>) -> Glossary {
    Glossary {
        title: "fixture".into(),
        description: None,
        languages: ["zh", "en", "fr", "es"].map(String::from).to_vec(),
        domains: BTreeMap::new(),
        authorities: BTreeMap::new(),
        site_url: None,
        concepts: concepts.into_iter().map(|c| (c.id.clone(), c)).collect(),
        sources: sources.into_iter().map(|s| (s.id.clone(), s)).collect(),
    }
}

/// The Society Work Department in zh/en/fr, a professional-social-work homonym, an
/// unlinked concept, and an English original with its French translation.
pub fn department() -> Glossary {
    use Status::*;
    let dept = concept(
        "society-work-department",
        vec![
            ("zh", term("中央社会工作部", Preferred, &[])),
            ("en", term("Society Work Department", Preferred, &[])),
            ("en", term("Department of Social Work", Admitted, &[])),
            ("fr", term("Département du travail social", Preferred, &[])),
        ],
        &[],
    );
    let petitions = concept(
        "petitions",
        vec![("zh", term("信访", Preferred, &["zh-src#p2"]))],
        &[],
    );
    let unused = concept(
        "unused",
        vec![("en", term("three represents", Preferred, &[]))],
        &[],
    );
    let sources = vec![
        source(
            "zh-src",
            "zh",
            None,
            &[("p1", "组建中央社会工作部。"), ("p2", "来到信访局。")],
        ),
        source(
            "en-src",
            "en",
            None,
            &[
                ("a", "The Department of Social Work was set up."),
                ("b", "The Society Work Department leads."),
            ],
        ),
        source(
            "fr-src",
            "fr",
            Some("en-src"),
            &[
                ("a", "Le Département du travail social a été créé."),
                ("b", "Le département dirige."),
            ],
        ),
    ];
    glossary(vec![dept, petitions, unused], sources)
}
