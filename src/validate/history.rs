//! Rule on history events: the passage an event cites must show that it reports this event,
//! at this date. A string check cannot read a passage, but it catches the usual slip: citing
//! a passage about the concept that says nothing of the event's date (a Xinhua paragraph of
//! 2023 cited for a 2003 instruction, a speech's content cited for the day of the meeting).
//!
//! A passage supports an event dated D when it names D's year, or when it names the concept
//! (any form, any language) in a source dated in D's year and, for an event dated to the day,
//! it names the day (`6日`, `Nov. 6`, `6 novembre`, `6 de noviembre`) or the source is dated
//! that very day (a dispatch of the day: "on Monday").

use super::tables::Tables;
use crate::codes::Code;
use crate::diag::Diagnostic;
use crate::raw::{RawConcept, RawEvent};

const MONTHS_EN: [&str; 12] = [
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
];
const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
const MONTHS_ES: [&str; 12] = [
    "enero",
    "febrero",
    "marzo",
    "abril",
    "mayo",
    "junio",
    "julio",
    "agosto",
    "septiembre",
    "octubre",
    "noviembre",
    "diciembre",
];

/// V129: every dated event cites a passage that shows its date or, in a source of its
/// year, names its concept.
pub fn events(ctx: &Tables, out: &mut Vec<Diagnostic>) {
    for c in ctx.concepts() {
        if c.value.history.iter().all(|e| e.source.is_none()) {
            continue;
        }
        let forms = concept_forms(&c.value);
        for event in &c.value.history {
            let Some(reference) = &event.source else {
                continue;
            };
            let Some((text, _)) = ctx.passage(&reference.value) else {
                continue; // an unresolved reference is V106's
            };
            let source_date = source_date(ctx, &reference.value);
            if let Some(lack) = gap(text, source_date, &event.date.value, &forms) {
                out.push(unsupported(ctx, c.file, event, reference, lack));
            }
        }
    }
}

fn unsupported(
    ctx: &Tables,
    file: crate::diag::FileId,
    event: &RawEvent,
    reference: &crate::raw::LocatedStr,
    lack: &str,
) -> Diagnostic {
    Diagnostic::new(
        Code::EventUnsupported,
        format!(
            "the event dated {} cites `{}`, which {lack}",
            event.date.value, reference.value
        ),
    )
    .at(ctx.label(file, reference).with_message("does not show the event's date"))
    .help("cite the passage that reports the event (one naming its year, or, in a report of that year, the concept and the day), or date the event only as precisely as the passage allows, or drop it")
}

/// Every form of the concept, in every language, [`normalize`]d; an English or Romance form
/// ending in -s also without it, so `mass organizations` is found in `mass organization reform`.
fn concept_forms(c: &RawConcept) -> Vec<String> {
    let forms = c.terms.0.iter().flat_map(|(_, terms)| terms);
    forms
        .flat_map(|t| {
            let form = normalize(&t.term.value);
            let singular = form.strip_suffix('s').map(str::to_string);
            std::iter::once(form).chain(singular)
        })
        .collect()
}

/// Text to compare: whitespace runs as one space (as [`super::refs::squash`] has them),
/// lowercased and without quotation marks, which sources put
/// around a term or inside it in several styles (新时代“枫桥经验”, 新时代‘枫桥经验’, the
/// "Fengqiao model" for …); œ and æ spelt out, as French sources write « oeuvres » as often as
/// « œuvres ».
fn normalize(text: &str) -> String {
    // One pass (this runs on the passage of every dated event): quotation marks dropped,
    // whitespace runs as one space, trimmed, lowercased, ligatures spelt out.
    let mut out = String::with_capacity(text.len());
    let mut space = false;
    for c in text.chars() {
        if matches!(
            c,
            '"' | '\''
                | '“'
                | '”'
                | '‘'
                | '’'
                | '«'
                | '»'
                | '「'
                | '」'
                | '『'
                | '』'
                | '《'
                | '》'
        ) {
            continue;
        }
        if c.is_whitespace() {
            space = !out.is_empty();
            continue;
        }
        if std::mem::take(&mut space) {
            out.push(' ');
        }
        match c {
            // Most of a passage: ASCII, or CJK ideographs, which have no case.
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            '\u{3400}'..='\u{9FFF}' => out.push(c),
            'œ' | 'Œ' => out.push_str("oe"),
            'æ' | 'Æ' => out.push_str("ae"),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// The date of the source a `source#passage` reference names (empty if unknown).
fn source_date<'a>(ctx: &Tables<'a>, reference: &str) -> &'a str {
    reference
        .split_once('#')
        .and_then(|(source, _)| ctx.sources.get(source))
        .map_or("", |s| s.value.date.value.as_str())
}

/// What `text` lacks to support an event dated `date`, or `None` when it supports it.
fn gap(text: &str, source_date: &str, date: &str, forms: &[String]) -> Option<&'static str> {
    let text = normalize(text);
    let mut parts = date.split('-');
    let year = parts.next()?; // a malformed date is V119's
    if mentions(&text, year) {
        return None;
    }
    if !forms.iter().any(|f| text.contains(f.as_str())) {
        return Some("names neither the year nor the concept");
    }
    if !source_date.starts_with(year) {
        return Some("names the concept but not the year, in a source of another year");
    }
    let month = parts.next().and_then(|m| m.parse::<usize>().ok());
    let day = parts.next().and_then(|d| d.parse::<u32>().ok());
    let (Some(m), Some(d)) = (month, day) else {
        return None;
    };
    let named = source_date == date || day_forms(m, d).iter().any(|f| mentions(&text, f));
    (!named).then_some("names the concept but not the day, in a source of another day")
}

/// The ways a passage may name day `d` of month `m` (1-based), lowercased.
fn day_forms(m: usize, d: u32) -> Vec<String> {
    let mut forms = vec![format!("{d}日"), format!("{d}号")];
    let Some(i) = m.checked_sub(1).filter(|i| *i < 12) else {
        return forms;
    };
    let en = MONTHS_EN[i];
    forms.extend([
        format!("{en} {d}"),
        format!("{}. {d}", &en[..3]),
        format!("{} {d}", &en[..3]),
        format!("{d} {en}"),
        format!("{d} {}", MONTHS_FR[i]),
        format!("{d} de {}", MONTHS_ES[i]),
        format!("{d} {}", MONTHS_ES[i].chars().take(3).collect::<String>()),
    ]);
    if d == 1 {
        forms.push(format!("1er {}", MONTHS_FR[i]));
    }
    forms
}

/// Whether `needle` occurs in `text` with no digit right before or after it (so `6日` is not
/// found in `16日`, nor `2023` in `20231`).
fn mentions(text: &str, needle: &str) -> bool {
    text.match_indices(needle).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + needle.len()..].chars().next();
        !before.is_some_and(|c| c.is_ascii_digit()) && !after.is_some_and(|c| c.is_ascii_digit())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Whether `text`, from a source dated `source_date`, supports an event dated `date`.
    fn supports(text: &str, source_date: &str, date: &str, forms: &[String]) -> bool {
        gap(text, source_date, date, forms).is_none()
    }

    fn forms() -> Vec<String> {
        vec!["枫桥经验".into(), "fengqiao model".into()]
    }

    #[test]
    fn the_year_in_the_passage_supports_any_event_of_that_year() {
        assert!(supports(
            "first advocated by Mao in 1963",
            "2013-10-12",
            "1963",
            &[]
        ));
        assert!(!supports("first advocated in 19634", "2013", "1963", &[]));
    }

    #[test]
    fn forms_match_without_quotation_marks_and_plural() {
        let text = normalize(
            "坚持和发展新时代‘枫桥经验’, la campagne «ligne de masse», a mass organization reform",
        );
        assert!(text.contains(&normalize("campagne « ligne de masse »")));
        assert!(text.contains(&normalize("新时代“枫桥经验”")));
        assert!(!text.contains(&normalize("mass organizations")));
        assert!(text.contains("mass organization"));
        let xinhua = normalize("les oeuvres caritatives");
        assert!(xinhua.contains(&normalize("Œuvres caritatives")));
        assert_eq!(normalize("  A “quoted”\n\t word ’s  "), "a quoted word s");
        assert_eq!(normalize("« »"), "");
    }

    /// The fast paths (ASCII, CJK ideographs) lowercase as `char::to_lowercase` does.
    #[test]
    fn lowercasing_is_unicode_lowercasing() {
        let text = "Xi JINPING 习近平 㐀 Élysée ΣΟΦΙΑ İstanbul Ǆ 社会工作部 ÀÉÎÕÜ";
        let plain: String = text.chars().flat_map(char::to_lowercase).collect();
        assert_eq!(normalize(text), plain);
    }

    #[test]
    fn the_concept_in_a_source_of_that_year_supports_a_year_or_month() {
        assert!(supports(
            "坚持发展“枫桥经验”",
            "2023-11-07",
            "2023-11",
            &forms()
        ));
        assert!(!supports(
            "坚持发展“枫桥经验”",
            "2023-11-07",
            "2003",
            &forms()
        ));
        assert!(!supports("大会在京召开", "2023-11-07", "2023", &forms()));
    }

    #[test]
    fn an_event_of_a_day_needs_the_day_or_a_dispatch_of_that_day() {
        let p1 = "新华社北京11月7日电 “枫桥经验”20周年大会6日在京召开。";
        assert!(supports(p1, "2023-11-07", "2023-11-06", &forms()));
        assert!(!supports(
            "要把握新时代“枫桥经验”的内涵",
            "2023-11-07",
            "2023-11-06",
            &forms()
        ));
        assert!(!supports(
            "“枫桥经验”大会16日召开",
            "2023-11-07",
            "2023-11-06",
            &forms()
        ));
        let en = "Xi met representatives applying the \"Fengqiao model\" on the morning of Nov. 6.";
        assert!(supports(en, "2023-11-07", "2023-11-06", &forms()));
        assert!(supports(
            "the “Fengqiao model” on Monday",
            "2023-11-06",
            "2023-11-06",
            &forms()
        ));
        assert!(supports(
            "BEIJING, 13 nov (Xinhua) -- el «modelo Fengqiao»",
            "2023-11-14",
            "2023-11-13",
            &["modelo fengqiao".into()]
        ));
    }

    #[test]
    fn day_forms_cover_the_four_languages() {
        let forms = day_forms(11, 1);
        for form in [
            "1日",
            "november 1",
            "nov. 1",
            "1 novembre",
            "1er novembre",
            "1 de noviembre",
        ] {
            assert!(forms.iter().any(|f| f == form), "{form}");
        }
    }
}
