//! Rule on the English spelling convention declared in glossary.yaml (`spelling: { en:
//! american }`): a preferred English rendering must follow it, because a translator copies the
//! preferred rendering into the target text, and official PRC English spells -ize, -or, -er.
//!
//! Only preferred renderings are checked: an admitted or deprecated variant records what a
//! source wrote (`organisations`) and keeps its spelling.

use super::tables::Tables;
use crate::codes::Code;
use crate::diag::Diagnostic;
use crate::raw::{EnglishSpelling, RawTerm};
use crate::suggest::excerpt;

/// Verbs and nouns that end in -ise in American spelling too (not -ize verbs).
const ISE_WORDS: &[&str] = &[
    "advertise",
    "anise",
    "arise",
    "cerise",
    "chastise",
    "chemise",
    "compromise",
    "demise",
    "despise",
    "enterprise",
    "expertise",
    "franchise",
    "merchandise",
    "mortise",
    "paradise",
    "premise",
    "promise",
    "reprise",
    "rise",
    "surmise",
    "treatise",
    "uprise",
    "valise",
];

/// Endings after which -ise is never the British -ise of an -ize verb: -wise (otherwise),
/// -cise (exercise, precise), -vise (advise, supervise, revise, televise), -prise (comprise,
/// surprise), -guise, and a vowel before -ise (raise, noise, cruise).
const ISE_ENDINGS: &[&str] = &[
    "wise", "cise", "vise", "prise", "guise", "aise", "eise", "oise", "uise",
];

/// British word parts whose American form is not made by a rule, found anywhere in a word
/// (`labour` covers `labourers`, `centre` covers `epicentres`, `metre` covers `kilometre`).
const BRITISH_PARTS: &[(&str, &str)] = &[
    ("armour", "armor"),
    ("behaviour", "behavior"),
    ("calibre", "caliber"),
    ("candour", "candor"),
    ("centre", "center"),
    ("colour", "color"),
    ("counsell", "counsel"),
    ("endeavour", "endeavor"),
    ("favour", "favor"),
    ("fibre", "fiber"),
    ("harbour", "harbor"),
    ("honour", "honor"),
    ("humour", "humor"),
    ("labell", "label"),
    ("labour", "labor"),
    ("litre", "liter"),
    ("lustre", "luster"),
    ("metre", "meter"),
    ("modell", "model"),
    ("neighbour", "neighbor"),
    ("odour", "odor"),
    ("rigour", "rigor"),
    ("rumour", "rumor"),
    ("saviour", "savior"),
    ("sombre", "somber"),
    ("spectre", "specter"),
    ("splendour", "splendor"),
    ("theatre", "theater"),
    ("travell", "travel"),
    ("valour", "valor"),
    ("vigour", "vigor"),
];

/// British whole words and their American forms, a plural -s allowed except after -yse
/// (`analyses` is the American plural of analysis too), so -yse verbs are listed whole.
const BRITISH_WORDS: &[(&str, &str)] = &[
    ("ageing", "aging"),
    ("analyse", "analyze"),
    ("analysed", "analyzed"),
    ("analysing", "analyzing"),
    ("catalyse", "catalyze"),
    ("defence", "defense"),
    ("judgement", "judgment"),
    ("licence", "license"),
    ("offence", "offense"),
    ("paralyse", "paralyze"),
    ("programme", "program"),
];

/// -ise verbs whose American form is not -ize: practise, practised → practice, practiced.
const ISE_NOT_IZE: &[(&str, &str)] = &[("practise", "practic")];

/// V128: preferred English renderings follow the declared spelling convention.
pub fn convention(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    let declared = ctx
        .raw
        .glossary
        .as_ref()
        .and_then(|g| g.value.spelling.as_ref());
    let Some(EnglishSpelling::American) = declared.and_then(|s| s.en) else {
        return;
    };
    for c in ctx.concepts() {
        let english = c
            .value
            .terms
            .0
            .iter()
            .filter(|(lang, _)| lang.value == "en");
        for term in english.flat_map(|(_, terms)| terms) {
            if let Some(d) = check_term(ctx, c.file, term) {
                out.push(d);
            }
        }
    }
}

/// The diagnostic for a preferred term with a British word, if it has one.
fn check_term(ctx: &Tables, file: crate::diag::FileId, term: &RawTerm) -> Option<Diagnostic> {
    if term.status != crate::raw::Status::Preferred {
        return None;
    }
    let (british, american) =
        words(&term.term.value).find_map(|w| americanize(&w).map(|a| (w, a)))?;
    Some(
        Diagnostic::new(
            Code::SpellingConvention,
            format!(
                "preferred rendering `{}` spells `{british}` the British way; glossary.yaml declares American spelling",
                excerpt(&term.term.value)
            ),
        )
        .at(ctx.label(file, &term.term).with_message(format!("`{british}`: American `{american}`")))
        .help(format!(
            "prefer the American form (`{american}`), as official PRC English writes it; keep this spelling as an `admitted` term if a source attests it"
        )),
    )
}

/// The words of a rendering, lowercased: runs of letters (hyphens and spaces split them).
fn words(text: &str) -> impl Iterator<Item = String> + '_ {
    text.split(|c: char| !c.is_alphabetic())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
}

/// The American form of a lowercased British word, or `None` when the word is not British.
pub fn americanize(word: &str) -> Option<String> {
    if let Some(stem) = word
        .strip_suffix("isation")
        .or(word.strip_suffix("isations"))
    {
        let plural = if word.ends_with('s') { "s" } else { "" };
        return Some(format!("{stem}ization{plural}"));
    }
    if let Some(american) = ise_verb(word) {
        return Some(american);
    }
    if let Some((b, a)) = BRITISH_PARTS.iter().find(|(b, _)| word.contains(b)) {
        return Some(word.replacen(b, a, 1));
    }
    let singular = word.strip_suffix('s').unwrap_or(word);
    let (_, american) = BRITISH_WORDS
        .iter()
        .find(|(b, _)| *b == word || (*b == singular && !b.ends_with("yse")))?;
    Some(format!("{american}{}", &word[singular.len()..]))
}

/// The -ize form of a British -ise verb (organise, organised, organising, organises), unless
/// the word is one of the -ise words of American English.
fn ise_verb(word: &str) -> Option<String> {
    let (base, ending) = [("ised", "d"), ("ises", "s"), ("ise", "")]
        .iter()
        .find_map(|(suffix, rest)| Some((format!("{}ise", word.strip_suffix(suffix)?), *rest)))
        .or_else(|| Some((format!("{}ise", word.strip_suffix("ising")?), "ing")))?;
    let stem_long_enough = base.chars().count() >= 6;
    let american_ise =
        ISE_WORDS.contains(&base.as_str()) || ISE_ENDINGS.iter().any(|e| base.ends_with(e));
    if !stem_long_enough || american_ise {
        return None;
    }
    let stem = ISE_NOT_IZE.iter().find(|(b, _)| *b == base).map_or_else(
        || format!("{}iz", &base[..base.len() - 3]),
        |(_, a)| a.to_string(),
    );
    Some(match ending {
        "ing" => format!("{stem}ing"),
        "d" => format!("{stem}ed"),
        "s" => format!("{stem}es"),
        _ => format!("{stem}e"),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn british_forms_are_found_with_their_american_form() {
        for (british, american) in [
            ("organisations", "organizations"),
            ("organisation", "organization"),
            ("modernisation", "modernization"),
            ("organised", "organized"),
            ("mobilising", "mobilizing"),
            ("prioritise", "prioritize"),
            ("authorises", "authorizes"),
            ("labell", "label"),
            ("labour", "labor"),
            ("neighbourhood", "neighborhood"),
            ("centres", "centers"),
            ("kilometre", "kilometer"),
            ("epicentre", "epicenter"),
            ("unfavourable", "unfavorable"),
            ("programmes", "programs"),
            ("defence", "defense"),
            ("practise", "practice"),
            ("practising", "practicing"),
            ("counselling", "counseling"),
            ("counsellors", "counselors"),
            ("modelling", "modeling"),
            ("ageing", "aging"),
            ("analysed", "analyzed"),
            ("licences", "licenses"),
        ] {
            assert_eq!(americanize(british).as_deref(), Some(american), "{british}");
        }
    }

    #[test]
    fn american_ise_words_and_american_forms_pass() {
        for word in [
            "advertise",
            "comprise",
            "exercise",
            "supervise",
            "enterprise",
            "enterprises",
            "compromise",
            "surprise",
            "revise",
            "televise",
            "otherwise",
            "franchise",
            "merchandise",
            "expertise",
            "advise",
            "raise",
            "promise",
            "premises",
            "precise",
            "rise",
            "organization",
            "organize",
            "labor",
            "center",
            "program",
            "programmed",
            "wise",
            "noise",
            "size",
            "prize",
            "color",
            "our",
            "four",
            "hour",
            "tour",
            "honorable",
            "metro",
            "centrist",
            "paradise",
            "uprising",
            "poised",
            "despised",
            "chinese",
            "analyses",
            "paralysis",
            "cancellation",
            "excellence",
            "licensed",
            "practice",
            "counselor",
        ] {
            assert_eq!(americanize(word), None, "{word}");
        }
    }

    #[test]
    fn words_split_on_hyphens_and_spaces() {
        let found: Vec<String> = words("New Social-Organisations, 2023").collect();
        assert_eq!(found, ["new", "social", "organisations"]);
    }
}
