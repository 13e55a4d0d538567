//! Pictures drawn at build time as inline SVG, each with a text alternative (`<title>` and
//! `<desc>` that say in words what the picture shows) and colours from the stylesheet's status
//! classes, so dark mode and print apply to them too.

use std::borrow::Cow;
use std::collections::BTreeMap;

use super::pages::{lang_name, Site};
use crate::link::wild::WildLang;
use crate::markdown::{escape, escape_into};
use crate::model::Concept;

const WIDTH: usize = 640;
const ROW: usize = 24;

/// Appends `n` in decimal. The pictures are mostly numbers, and `write!` spends more on its
/// formatting machinery than on the digits.
fn push_num(out: &mut String, n: usize) {
    if n >= 10 {
        push_num(out, n / 10);
    }
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// Appends the attribute ` name="n"`.
fn attr(out: &mut String, name: &str, n: usize) {
    out.push(' ');
    out.push_str(name);
    out.push_str("=\"");
    push_num(out, n);
    out.push('"');
}

/// Opens an SVG picture of `height` with its title and the description that `describe` writes
/// (escaped) into it.
fn open(
    out: &mut String,
    id: &str,
    height: usize,
    title: &str,
    describe: impl FnOnce(&mut String),
) {
    out.push_str("<svg class=\"chart\" role=\"img\" aria-labelledby=\"");
    out.push_str(id);
    out.push_str("-t ");
    out.push_str(id);
    out.push_str("-d\" viewBox=\"0 0 ");
    push_num(out, WIDTH);
    out.push(' ');
    push_num(out, height);
    out.push('"');
    attr(out, "width", WIDTH);
    attr(out, "height", height);
    out.push_str(" xmlns=\"http://www.w3.org/2000/svg\"><title id=\"");
    out.push_str(id);
    out.push_str("-t\">");
    escape_into(out, title);
    out.push_str("</title><desc id=\"");
    out.push_str(id);
    out.push_str("-d\">");
    describe(out);
    out.push_str("</desc>");
}

/// Cuts a label to `max` characters: the part kept, and "…" if it was cut (else "").
fn cut(text: &str, max: usize) -> (&str, &'static str) {
    // No more bytes than `max` is no more characters either.
    if text.len() <= max || text.chars().count() <= max {
        return (text, "");
    }
    let keep = max.saturating_sub(1);
    // Most labels are ASCII, and then a character is a byte.
    let end = if text.as_bytes()[..keep].is_ascii() {
        keep
    } else {
        text.char_indices().nth(keep).map_or(text.len(), |(i, _)| i)
    };
    (&text[..end], "…")
}

/// Appends a label cut to `max` characters, escaped.
fn push_cut(out: &mut String, text: &str, max: usize) {
    let (kept, ellipsis) = cut(text, max);
    escape_into(out, kept);
    out.push_str(ellipsis);
}

/// Drops the "; " after the last item of a list (and any that a last item ends in itself).
fn trim_list_end(text: &mut String) {
    while text.ends_with("; ") {
        text.truncate(text.len() - "; ".len());
    }
}

/// "1 passage", "2 passages".
fn push_passages(out: &mut String, n: usize) {
    push_num(out, n);
    out.push_str(if n == 1 { " passage" } else { " passages" });
}

/// Bars of how many passages use each rendering, per language in the glossary's order,
/// coloured by status. None when no passage uses any rendering.
pub fn wild_chart(by_lang: &BTreeMap<String, WildLang>, languages: &[String]) -> Option<String> {
    // Each language's name, escaped, as both the bars and the description show it.
    let rows: Vec<(String, &WildLang)> = languages
        .iter()
        .filter_map(|l| by_lang.get_key_value(l))
        .filter(|(_, w)| w.renderings.iter().any(|r| r.passages > 0))
        .map(|(lang, w)| (escape(&lang_name(lang)), w))
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
    let terms: usize = rows
        .iter()
        .flat_map(|(_, w)| w.renderings.iter().map(|r| r.term.len()))
        .sum();
    // About 150 bytes a line, each term twice (a bar's label and the description).
    let mut out = String::with_capacity(300 + lines * 150 + terms * 2);
    open(
        &mut out,
        "wild",
        lines * ROW + 8,
        "Renderings in the wild: passages using each rendering",
        |out| describe_wild(out, &rows),
    );
    draw_wild(&mut out, &rows, max);
    out.push_str("</svg>");
    Some(out)
}

/// The wild chart's lines: each language's name (already escaped), then a bar per rendering
/// and one for the translations using none of them.
fn draw_wild(out: &mut String, rows: &[(String, &WildLang)], max: usize) {
    let mut y = 0;
    for (name, w) in rows {
        y += ROW;
        out.push_str("<text class=\"lang\" x=\"0\"");
        attr(out, "y", y - 6);
        out.push('>');
        out.push_str(name);
        out.push_str("</text>");
        for r in &w.renderings {
            y += ROW;
            bar(out, y, &r.term, r.status.word(), r.passages, max);
        }
        if w.unmatched > 0 {
            y += ROW;
            bar(out, y, "none of these", "unmatched", w.unmatched, max);
        }
    }
}

/// The wild chart in words: each language's renderings with their status and passages.
fn describe_wild(out: &mut String, rows: &[(String, &WildLang)]) {
    for (name, w) in rows {
        out.push_str(name);
        out.push_str(": ");
        for r in &w.renderings {
            escape_into(out, &r.term);
            out.push_str(" (");
            out.push_str(r.status.word());
            out.push_str(") ");
            push_passages(out, r.passages);
            out.push_str("; ");
        }
        if w.unmatched > 0 {
            out.push_str("translations using none of these: ");
            push_num(out, w.unmatched);
            out.push_str("; ");
        }
    }
    trim_list_end(out);
}

/// One labelled bar.
fn bar(out: &mut String, y: usize, label: &str, class: &str, count: usize, max: usize) {
    let width = (count * 220).div_ceil(max).max(usize::from(count > 0) * 2);
    let ty = y - 6;
    out.push_str("<text x=\"0\"");
    attr(out, "y", ty);
    out.push('>');
    push_cut(out, label, 34);
    out.push_str("</text><rect class=\"bar ");
    out.push_str(class);
    out.push_str("\" x=\"280\"");
    attr(out, "y", y - ROW + 4);
    attr(out, "width", width);
    attr(out, "height", ROW - 8);
    out.push_str("/><text");
    attr(out, "x", 286 + width);
    attr(out, "y", ty);
    out.push('>');
    push_num(out, count);
    out.push_str(" · ");
    out.push_str(class);
    out.push_str("</text>");
}

/// Which rendering dated sources used, year by year: a row per (language, rendering), a dot
/// per year sized by the number of passages. None without dated usage.
pub fn timeline(usage: &BTreeMap<(String, String), BTreeMap<u16, usize>>) -> Option<String> {
    // Each row's years are sorted, so its first and last are its earliest and latest.
    let first = usage
        .values()
        .filter_map(|y| y.keys().next())
        .min()
        .copied()?;
    let last = usage
        .values()
        .filter_map(|y| y.keys().next_back())
        .max()
        .copied()?;
    let span = usize::from(last - first).max(1);
    let (left, right) = (260usize, WIDTH - 20);
    let x = |year: u16| left + (usize::from(year - first) * (right - left)) / span;
    let axis_y = (usage.len() + 1) * ROW + 4;
    let ticks = axis_years(first, last, (right - left) / span);
    let dots: usize = usage.values().map(BTreeMap::len).sum();
    let terms: usize = usage.keys().map(|(_, term)| term.len()).sum();
    // About 95 bytes a dot, 70 a row and 150 a year on the axis, each term twice.
    let mut out =
        String::with_capacity(450 + dots * 95 + usage.len() * 70 + ticks.len() * 150 + terms * 2);
    open(
        &mut out,
        "timeline",
        axis_y + 8,
        "Timeline: renderings used by dated sources, by year",
        |out| describe_timeline(out, usage),
    );
    // Grid lines first, so that the dots are drawn over them.
    for year in ticks {
        tick(&mut out, x(year), axis_y, year);
    }
    for (i, ((lang, term), by_year)) in usage.iter().enumerate() {
        let y = (i + 1) * ROW + 4;
        out.push_str("<text x=\"0\"");
        attr(&mut out, "y", y + 4);
        out.push('>');
        out.push_str(lang);
        out.push_str(" · ");
        push_cut(&mut out, term, 30);
        out.push_str("</text>");
        for (year, n) in by_year {
            dot(&mut out, x(*year), y, *year, *n);
        }
    }
    out.push_str("</svg>");
    Some(out)
}

/// The timeline in words: each rendering's years and passages.
fn describe_timeline(out: &mut String, usage: &BTreeMap<(String, String), BTreeMap<u16, usize>>) {
    for (i, ((lang, term), by_year)) in usage.iter().enumerate() {
        if i > 0 {
            out.push_str("; ");
        }
        escape_into(out, term);
        out.push_str(" (");
        escape_into(out, lang);
        out.push_str("): ");
        for (j, (year, n)) in by_year.iter().enumerate() {
            if j > 0 {
                out.push_str(", ");
            }
            push_num(out, usize::from(*year));
            out.push(' ');
            push_num(out, *n);
        }
    }
}

/// One year on the axis at `x`: its grid line, and its label at the height of the axis.
fn tick(out: &mut String, x: usize, axis_y: usize, year: u16) {
    out.push_str("<line class=\"tick\"");
    attr(out, "x1", x);
    attr(out, "y1", ROW - 8);
    attr(out, "x2", x);
    attr(out, "y2", axis_y - 12);
    out.push_str("/><text class=\"axis\"");
    attr(out, "x", x);
    attr(out, "y", axis_y);
    out.push_str(" text-anchor=\"middle\">");
    push_num(out, usize::from(year));
    out.push_str("</text>");
}

/// One year's dot, sized by its passages, with the year and their number as its title.
fn dot(out: &mut String, cx: usize, cy: usize, year: u16, n: usize) {
    out.push_str("<circle class=\"dot\"");
    attr(out, "cx", cx);
    attr(out, "cy", cy);
    attr(out, "r", 3 + (n.min(25) * 2) / 3);
    out.push_str("><title>");
    push_num(out, usize::from(year));
    out.push_str(": ");
    push_num(out, n);
    out.push_str("</title></circle>");
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
    let all: Vec<(&str, String)> = [
        ("component", &r.components),
        ("broader", &r.broader),
        ("narrower", &r.narrower),
        ("related", &r.related),
        ("contrast", &r.contrast),
    ]
    .into_iter()
    .flat_map(|(kind, ids)| ids.iter().map(move |id| (kind, id)))
    .map(|(kind, id)| {
        let (headword, english) = site.headword_and_english(id);
        (kind, label(headword, english))
    })
    .collect();
    if all.is_empty() {
        return None;
    }
    let shown = &all[..all.len().min(MAP_ROWS)];
    let height = ((shown.len() + usize::from(all.len() > shown.len())) * ROW + 12).max(48);
    let cy = height / 2;
    let names: usize = all.iter().map(|(_, name)| name.len()).sum();
    // About 200 bytes a row, each name twice (a row's label and the description).
    let mut out = String::with_capacity(500 + shown.len() * 200 + names * 2);
    open(&mut out, "relmap", height, "Relation map", |out| {
        describe_relations(out, &all)
    });
    for (i, (kind, name)) in shown.iter().enumerate() {
        relation_row(&mut out, i * ROW + ROW / 2 + 6, kind, name, cy);
    }
    if all.len() > shown.len() {
        out.push_str("<text class=\"kind\"");
        attr(&mut out, "x", MAP_NODE_X);
        attr(&mut out, "y", shown.len() * ROW + ROW / 2 + 10);
        out.push_str(">and ");
        push_num(&mut out, all.len() - shown.len());
        out.push_str(" more, listed below</text>");
    }
    self_node(&mut out, site, c, cy);
    out.push_str("</svg>");
    Some(out)
}

/// The relation map in words: every relation's kind and name, those not drawn too.
fn describe_relations(out: &mut String, all: &[(&str, String)]) {
    let mut desc = String::with_capacity(all.iter().map(|(k, n)| k.len() + n.len() + 4).sum());
    for (kind, name) in all {
        desc.push_str(kind);
        desc.push_str(": ");
        desc.push_str(name);
        desc.push_str("; ");
    }
    // Trimmed before escaping: a name may end in "; ", or in "& " (escaped, "&amp; ").
    trim_list_end(&mut desc);
    escape_into(out, &desc);
}

/// One relation at height `y`: the edge from the concept at `cy`, the kind, the name.
fn relation_row(out: &mut String, y: usize, kind: &str, name: &str, cy: usize) {
    out.push_str("<line class=\"edge ");
    out.push_str(kind);
    out.push('"');
    attr(out, "x1", MAP_SELF_RIGHT);
    attr(out, "y1", cy);
    attr(out, "x2", MAP_KIND_X);
    attr(out, "y2", y);
    out.push_str("/><text class=\"kind\"");
    attr(out, "x", MAP_KIND_X + 6);
    attr(out, "y", y + 4);
    out.push('>');
    out.push_str(kind);
    out.push_str("</text><text class=\"node\"");
    attr(out, "x", MAP_NODE_X);
    attr(out, "y", y + 4);
    out.push('>');
    escape_into(out, &fit(name, WIDTH - MAP_NODE_X, 13));
    out.push_str("</text>");
}

/// Where the relation map's columns start: the concept's own name ends before the edges, the
/// edges end at the kind labels, the related concepts' names follow them.
const MAP_SELF_RIGHT: usize = 196;
const MAP_KIND_X: usize = 290;
const MAP_NODE_X: usize = 368;

/// The concept itself, on the left: its headword above its English name, each cut to the
/// column.
fn self_node(out: &mut String, site: &Site<'_>, c: &Concept, cy: usize) {
    let (headword, english) = site.headword_and_english(&c.id);
    let lines = [(headword, 15), (english, 13)];
    let used = || lines.iter().filter(|(text, _)| !text.is_empty());
    let top = (cy + 5).saturating_sub(used().count().saturating_sub(1) * 9);
    for (i, (text, px)) in used().enumerate() {
        out.push_str("<text class=\"node self\" x=\"0\"");
        attr(out, "y", top + i * 18);
        attr(out, "font-size", *px);
        out.push('>');
        escape_into(out, &fit(text, MAP_SELF_RIGHT - 8, *px));
        out.push_str("</text>");
    }
}

/// Cuts `text` (with "…") to what fits in `room` pixels at a font size of `px`, counting a
/// Chinese character (or any wide one) as a full em and any other as about half of one: an
/// estimate that errs on the wide side for Latin text, so labels stay inside the picture.
fn fit(text: &str, room: usize, px: usize) -> Cow<'_, str> {
    let width = |c: char| if is_wide(c) { px * 10 } else { px * 6 };
    let room = room * 10;
    // No character is wider than 0.6 em a byte (a wide one, a full em, takes three bytes or
    // four): a text this short fits without measuring it.
    if text.len() * px * 6 <= room {
        return text.into();
    }
    let ellipsis = width('…');
    let mut used = 0;
    // The end of the characters that fit with "…" after them, should the text not fit whole.
    let mut kept = 0;
    for (i, c) in text.char_indices() {
        used += width(c);
        if used + ellipsis <= room {
            kept = i + c.len_utf8();
        }
        if used > room {
            return [text[..kept].trim_end(), "…"].concat().into();
        }
    }
    text.into()
}

/// East Asian wide characters (CJK ideographs, kana, hangul, fullwidth forms, CJK punctuation).
fn is_wide(c: char) -> bool {
    // Most characters are Latin: the first comparison settles them.
    c >= '\u{1100}'
        && matches!(c as u32, 0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

fn label(headword: &str, english: &str) -> String {
    match (headword.is_empty(), english.is_empty()) {
        (false, false) => [headword, " ", english].concat(),
        (true, _) => english.to_string(),
        (false, true) => headword.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::link::wild::WildRendering;
    use crate::model::Status;

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
