//! Pictures drawn at build time as inline SVG, each with a text alternative (`<title>` and
//! `<desc>` that say in words what the picture shows) and colours from the stylesheet's status
//! classes, so dark mode and print apply to them too.

use std::collections::BTreeMap;
use std::fmt::Write;

use super::pages::{lang_name, Site};
use crate::link::wild::WildLang;
use crate::markdown::escape;
use crate::model::{Concept, Status};

const WIDTH: usize = 640;
const ROW: usize = 24;

/// The word for a status, as pages and pictures show it.
pub fn status_word(status: Status) -> &'static str {
    match status {
        Status::Preferred => "preferred",
        Status::Admitted => "admitted",
        Status::Deprecated => "deprecated",
        Status::Superseded => "superseded",
    }
}

/// Opens an SVG picture of `height` with its title and description.
fn open(out: &mut String, id: &str, height: usize, title: &str, desc: &str) {
    let _ = write!(
        out,
        "<svg class=\"chart\" role=\"img\" aria-labelledby=\"{id}-t {id}-d\" viewBox=\"0 0 {WIDTH} {height}\" \
         width=\"{WIDTH}\" height=\"{height}\" xmlns=\"http://www.w3.org/2000/svg\">\
         <title id=\"{id}-t\">{}</title><desc id=\"{id}-d\">{}</desc>",
        escape(title),
        escape(desc)
    );
}

/// Cuts a label to `max` characters, with "…".
fn cut(text: &str, max: usize) -> String {
    if text.chars().count() <= max {
        return text.to_string();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s
}

/// "1 passage", "2 passages".
fn passages(n: usize) -> String {
    format!("{n} passage{}", if n == 1 { "" } else { "s" })
}

/// Bars of how many passages use each rendering, per language in the glossary's order,
/// coloured by status. None when no passage uses any rendering.
pub fn wild_chart(by_lang: &BTreeMap<String, WildLang>, languages: &[String]) -> Option<String> {
    let rows: Vec<(&String, &WildLang)> = languages
        .iter()
        .filter_map(|l| by_lang.get_key_value(l))
        .filter(|(_, w)| w.renderings.iter().any(|r| r.passages > 0))
        .collect();
    if rows.is_empty() {
        return None;
    }
    let max = rows
        .iter()
        .flat_map(|(_, w)| w.renderings.iter().map(|r| r.passages).chain([w.unmatched]))
        .max()
        .unwrap_or(1)
        .max(1);
    let lines: usize = rows
        .iter()
        .map(|(_, w)| 1 + w.renderings.len() + usize::from(w.unmatched > 0))
        .sum();
    let mut desc = String::new();
    let mut body = String::new();
    let mut y = 0;
    for (lang, w) in rows {
        y += ROW;
        let _ = write!(
            body,
            "<text class=\"lang\" x=\"0\" y=\"{}\">{}</text>",
            y - 6,
            escape(&lang_name(lang))
        );
        let _ = write!(desc, "{}: ", lang_name(lang));
        for r in &w.renderings {
            y += ROW;
            bar(
                &mut body,
                y,
                &r.term,
                status_word(r.status),
                r.passages,
                max,
            );
            let _ = write!(
                desc,
                "{} ({}) {}; ",
                r.term,
                status_word(r.status),
                passages(r.passages)
            );
        }
        if w.unmatched > 0 {
            y += ROW;
            bar(&mut body, y, "none of these", "unmatched", w.unmatched, max);
            let _ = write!(desc, "translations using none of these: {}; ", w.unmatched);
        }
    }
    let mut out = String::new();
    open(
        &mut out,
        "wild",
        lines * ROW + 8,
        "Renderings in the wild: passages using each rendering",
        desc.trim_end_matches("; "),
    );
    out.push_str(&body);
    out.push_str("</svg>");
    Some(out)
}

/// One labelled bar.
fn bar(out: &mut String, y: usize, label: &str, class: &str, count: usize, max: usize) {
    let width = (count * 220).div_ceil(max).max(usize::from(count > 0) * 2);
    let _ = write!(
        out,
        "<text x=\"0\" y=\"{ty}\">{label}</text><rect class=\"bar {class}\" x=\"280\" y=\"{ry}\" \
         width=\"{width}\" height=\"{h}\"/><text x=\"{cx}\" y=\"{ty}\">{count} · {class}</text>",
        ty = y - 6,
        ry = y - ROW + 4,
        h = ROW - 8,
        cx = 286 + width,
        label = escape(&cut(label, 34)),
    );
}

/// Which rendering dated sources used, year by year: a row per (language, rendering), a dot
/// per year sized by the number of passages. None without dated usage.
pub fn timeline(usage: &BTreeMap<(String, String), BTreeMap<u16, usize>>) -> Option<String> {
    let years: Vec<u16> = usage.values().flat_map(|y| y.keys().copied()).collect();
    let (first, last) = (*years.iter().min()?, *years.iter().max()?);
    let span = usize::from(last - first).max(1);
    let (left, right) = (260usize, WIDTH - 20);
    let x = |year: u16| left + (usize::from(year - first) * (right - left)) / span;
    let mut body = String::new();
    let mut desc = String::new();
    for (i, ((lang, term), by_year)) in usage.iter().enumerate() {
        let y = (i + 1) * ROW + 4;
        let _ = write!(
            body,
            "<text x=\"0\" y=\"{}\">{} · {}</text>",
            y + 4,
            lang,
            escape(&cut(term, 30))
        );
        let _ = write!(desc, "{} ({lang}): ", term);
        for (year, n) in by_year {
            let r = 3 + (n.min(&25) * 2) / 3;
            let _ = write!(body, "<circle class=\"dot\" cx=\"{}\" cy=\"{y}\" r=\"{r}\"><title>{year}: {n}</title></circle>", x(*year));
            let _ = write!(desc, "{year} {n}, ");
        }
        desc.truncate(desc.trim_end_matches(", ").len());
        desc.push_str("; ");
    }
    let axis_y = (usage.len() + 1) * ROW + 4;
    let ends = if first == last {
        vec![first]
    } else {
        vec![first, last]
    };
    for year in ends {
        let _ = write!(
            body,
            "<text class=\"axis\" x=\"{}\" y=\"{axis_y}\">{year}</text>",
            x(year).saturating_sub(14)
        );
    }
    let mut out = String::new();
    open(
        &mut out,
        "timeline",
        axis_y + 8,
        "Timeline: renderings used by dated sources, by year",
        desc.trim_end_matches("; "),
    );
    out.push_str(&body);
    out.push_str("</svg>");
    Some(out)
}

/// The concept in the middle and its relations around it, each edge labelled with its kind.
/// None for a concept without relations.
pub fn relation_map(site: &Site<'_>, c: &Concept) -> Option<String> {
    let r = &c.relations;
    let edges: Vec<(&str, &String)> = [
        ("component", &r.components),
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
    ]
    .into_iter()
    .flat_map(|(kind, ids)| ids.iter().map(move |id| (kind, id)))
    .take(14)
    .collect();
    if edges.is_empty() {
        return None;
    }
    let (cx, cy, height) = (WIDTH as f64 / 2.0, 150.0, 300);
    let mut body = String::new();
    let mut desc = String::new();
    for (i, (kind, id)) in edges.iter().enumerate() {
        let angle =
            std::f64::consts::TAU * i as f64 / edges.len() as f64 - std::f64::consts::FRAC_PI_2;
        let (x, y) = (cx + 230.0 * angle.cos(), cy + 115.0 * angle.sin());
        let link = site.concept_link("", id);
        let _ = write!(
            body,
            "<line class=\"edge {kind}\" x1=\"{cx:.0}\" y1=\"{cy:.0}\" x2=\"{x:.0}\" y2=\"{y:.0}\"/>\
             <text class=\"node\" x=\"{x:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>\
             <text class=\"kind\" x=\"{x:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{kind}</text>",
            y - 2.0,
            escape(&cut(&label(&link.headword, &link.english), 26)),
            y + 12.0,
        );
        let _ = write!(desc, "{kind}: {}; ", label(&link.headword, &link.english));
    }
    let me = site.concept_link("", &c.id);
    let _ = write!(
        body,
        "<text class=\"node self\" x=\"{cx:.0}\" y=\"{:.0}\" text-anchor=\"middle\">{}</text>",
        cy + 5.0,
        escape(&cut(&label(&me.headword, &me.english), 26))
    );
    let mut out = String::new();
    open(
        &mut out,
        "relmap",
        height,
        "Relation map",
        desc.trim_end_matches("; "),
    );
    out.push_str(&body);
    out.push_str("</svg>");
    Some(out)
}

fn label(headword: &str, english: &str) -> String {
    match (headword.is_empty(), english.is_empty()) {
        (false, false) => format!("{headword} {english}"),
        (true, _) => english.to_string(),
        (false, true) => headword.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::wild::WildRendering;

    #[test]
    fn bars_say_in_words_what_they_show() {
        let mut by = BTreeMap::new();
        by.insert(
            "en".to_string(),
            WildLang {
                renderings: vec![
                    WildRendering {
                        term: "Fengqiao <Experience>".into(),
                        status: Status::Preferred,
                        passages: 4,
                    },
                    WildRendering {
                        term: "Fengqiao model".into(),
                        status: Status::Admitted,
                        passages: 2,
                    },
                ],
                unmatched: 1,
            },
        );
        let svg = wild_chart(&by, &["zh".into(), "en".into()]).unwrap();
        assert!(
            svg.contains("Fengqiao model (admitted) 2 passages"),
            "{svg}"
        );
        assert!(
            svg.contains("Fengqiao &lt;Experience&gt; (preferred) 4 passages"),
            "{svg}"
        );
        assert!(svg.contains("class=\"bar admitted\""));
        assert!(!svg.contains("<Experience>"));
    }

    #[test]
    fn timeline_spans_the_years_used() {
        let mut usage = BTreeMap::new();
        usage.insert(
            ("en".to_string(), "Fengqiao model".to_string()),
            BTreeMap::from([(2013u16, 1), (2023, 3)]),
        );
        let svg = timeline(&usage).unwrap();
        assert!(svg.contains(">2013<") && svg.contains(">2023<"), "{svg}");
        assert!(svg.contains("Fengqiao model (en): 2013 1, 2023 3"), "{svg}");
        assert!(timeline(&BTreeMap::new()).is_none());
    }
}
