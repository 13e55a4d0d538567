//! Pictures drawn at build time as inline SVG, each with a text alternative (`<title>` and
//! `<desc>` that say in words what the picture shows) and colours from the stylesheet's status
//! classes, so dark mode and print apply to them too.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt::Write;

use super::pages::{lang_name, Site};
use crate::link::wild::WildLang;
use crate::markdown::{escape, escape_into};
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
         <title id=\"{id}-t\">"
    );
    escape_into(out, title);
    let _ = write!(out, "</title><desc id=\"{id}-d\">");
    escape_into(out, desc);
    out.push_str("</desc>");
}

/// Cuts a label to `max` characters, with "…".
fn cut(text: &str, max: usize) -> Cow<'_, str> {
    // No more bytes than `max` is no more characters either.
    if text.len() <= max || text.chars().count() <= max {
        return text.into();
    }
    let mut s: String = text.chars().take(max.saturating_sub(1)).collect();
    s.push('…');
    s.into()
}

/// "1 passage", "2 passages".
struct Passages(usize);

impl std::fmt::Display for Passages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let n = self.0;
        write!(f, "{n} passage{}", if n == 1 { "" } else { "s" })
    }
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
                Passages(r.passages)
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
    let ty = y - 6;
    let _ = write!(out, "<text x=\"0\" y=\"{ty}\">");
    escape_into(out, &cut(label, 34));
    let _ = write!(
        out,
        "</text><rect class=\"bar {class}\" x=\"280\" y=\"{ry}\" \
         width=\"{width}\" height=\"{h}\"/><text x=\"{cx}\" y=\"{ty}\">{count} · {class}</text>",
        ry = y - ROW + 4,
        h = ROW - 8,
        cx = 286 + width,
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
    // Grid lines first, so that the dots are drawn over them.
    let mut grid = String::new();
    for year in axis_years(first, last, (right - left) / span) {
        let _ = write!(
            grid,
            "<line class=\"tick\" x1=\"{x}\" y1=\"{}\" x2=\"{x}\" y2=\"{}\"/>\
             <text class=\"axis\" x=\"{x}\" y=\"{axis_y}\" text-anchor=\"middle\">{year}</text>",
            ROW - 8,
            axis_y - 12,
            x = x(year),
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
    out.push_str(&grid);
    out.push_str(&body);
    out.push_str("</svg>");
    Some(out)
}

/// The years the timeline's axis labels: every year when they have room (40 px apart), else
/// every 2nd, 5th, 10th … year, always with the first and the last year used.
fn axis_years(first: u16, last: u16, px_per_year: usize) -> Vec<u16> {
    let step = [1u16, 2, 5, 10, 20, 50, 100]
        .into_iter()
        .find(|step| usize::from(*step) * px_per_year >= 40)
        .unwrap_or(u16::MAX);
    let mut years: Vec<u16> = (first..=last)
        .filter(|y| y % step == 0)
        .filter(|y| usize::from(y - first).min(usize::from(last - y)) * px_per_year >= 36)
        .collect();
    years.insert(0, first);
    if last != first {
        years.push(last);
    }
    years
}

/// Relations shown in the map at most; the rest are named in its description and listed below it.
const MAP_ROWS: usize = 14;

/// The concept on the left and one row per relation on the right, grouped by kind (components,
/// broader, narrower, related, contrast), each joined to the concept by an edge and labelled
/// with its kind. Rows never overlap, and labels are cut to the width they have, so a concept
/// with many relations or long names stays legible. None for a concept without relations.
pub fn relation_map(site: &Site<'_>, c: &Concept) -> Option<String> {
    let r = &c.relations;
    let all: Vec<(&str, &String)> = [
        ("component", &r.components),
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
    ]
    .into_iter()
    .flat_map(|(kind, ids)| ids.iter().map(move |id| (kind, id)))
    .collect();
    if all.is_empty() {
        return None;
    }
    let shown = &all[..all.len().min(MAP_ROWS)];
    let height = ((shown.len() + usize::from(all.len() > shown.len())) * ROW + 12).max(48);
    let cy = height / 2;
    let mut body = String::new();
    let mut desc = String::new();
    for (i, (kind, id)) in shown.iter().enumerate() {
        let y = i * ROW + ROW / 2 + 6;
        let link = site.concept_link("", id);
        let name = label(&link.headword, &link.english);
        let _ = write!(
            body,
            "<line class=\"edge {kind}\" x1=\"{MAP_SELF_RIGHT}\" y1=\"{cy}\" x2=\"{MAP_KIND_X}\" y2=\"{y}\"/>\
             <text class=\"kind\" x=\"{}\" y=\"{}\">{kind}</text>\
             <text class=\"node\" x=\"{MAP_NODE_X}\" y=\"{}\">{}</text>",
            MAP_KIND_X + 6,
            y + 4,
            y + 4,
            escape(&fit(&name, WIDTH - MAP_NODE_X, 13)),
        );
        let _ = write!(desc, "{kind}: {name}; ");
    }
    if all.len() > shown.len() {
        let more = all.len() - shown.len();
        let _ = write!(
            body,
            "<text class=\"kind\" x=\"{MAP_NODE_X}\" y=\"{}\">and {more} more, listed below</text>",
            shown.len() * ROW + ROW / 2 + 10
        );
        for (kind, id) in &all[shown.len()..] {
            let link = site.concept_link("", id);
            let _ = write!(desc, "{kind}: {}; ", label(&link.headword, &link.english));
        }
    }
    self_node(&mut body, site, c, cy);
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

/// Where the relation map's columns start: the concept's own name ends before the edges, the
/// edges end at the kind labels, the related concepts' names follow them.
const MAP_SELF_RIGHT: usize = 196;
const MAP_KIND_X: usize = 290;
const MAP_NODE_X: usize = 368;

/// The concept itself, on the left: its headword above its English name, each cut to the
/// column.
fn self_node(body: &mut String, site: &Site<'_>, c: &Concept, cy: usize) {
    let me = site.concept_link("", &c.id);
    let lines: Vec<(&str, usize)> = [(me.headword.as_str(), 15), (me.english.as_str(), 13)]
        .into_iter()
        .filter(|(text, _)| !text.is_empty())
        .collect();
    let top = (cy + 5).saturating_sub(lines.len().saturating_sub(1) * 9);
    for (i, (text, px)) in lines.iter().enumerate() {
        let _ = write!(
            body,
            "<text class=\"node self\" x=\"0\" y=\"{}\" font-size=\"{px}\">{}</text>",
            top + i * 18,
            escape(&fit(text, MAP_SELF_RIGHT - 8, *px))
        );
    }
}

/// Cuts `text` (with "…") to what fits in `room` pixels at a font size of `px`, counting a
/// Chinese character (or any wide one) as a full em and any other as about half of one: an
/// estimate that errs on the wide side for Latin text, so labels stay inside the picture.
fn fit(text: &str, room: usize, px: usize) -> String {
    let width = |c: char| if is_wide(c) { px * 10 } else { px * 6 };
    let room = room * 10;
    let total: usize = text.chars().map(width).sum();
    if total <= room {
        return text.to_string();
    }
    let mut used = width('…');
    let mut s = String::new();
    for c in text.chars() {
        used += width(c);
        if used > room {
            break;
        }
        s.push(c);
    }
    s.truncate(s.trim_end().len());
    s.push('…');
    s
}

/// East Asian wide characters (CJK ideographs, kana, hangul, fullwidth forms, CJK punctuation).
fn is_wide(c: char) -> bool {
    matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
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

    #[test]
    fn axis_labels_keep_their_distance_and_the_ends() {
        // 360 px for 12 years: 30 px a year, so every 2nd year, and not one 2 px from an end.
        assert_eq!(
            axis_years(2013, 2025, 30),
            [2013, 2016, 2018, 2020, 2022, 2025]
        );
        assert_eq!(axis_years(2023, 2025, 180), [2023, 2024, 2025]);
        assert_eq!(axis_years(2020, 2020, 360), [2020]);
        assert_eq!(
            axis_years(1950, 2025, 4),
            [1950, 1960, 1970, 1980, 1990, 2000, 2010, 2025]
        );
    }

    #[test]
    fn labels_are_cut_to_the_room_they_have() {
        assert_eq!(fit("social work", 200, 13), "social work");
        // 20 Chinese characters at 13 px need 260 px.
        let cut = fit("中国共产党中央委员会社会工作部中国共产党中", 130, 13);
        assert_eq!(cut, "中国共产党中央委员…");
        let latin = fit(
            "community-social organizations-social worker linkage",
            200,
            13,
        );
        assert!(latin.ends_with('…') && !latin.contains(" …"), "{latin}");
        assert!(latin.chars().count() * 13 * 6 / 10 <= 200, "{latin}");
    }
}
