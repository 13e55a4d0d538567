//! "Did you mean …?": the nearest valid name to a misspelt one, for every diagnostic that
//! names an unknown field, status, authority, domain, language, concept or passage.

/// The closest of `candidates` to `wrong`, if it is close enough to be the name meant: at most
/// a third of its characters differ (one may in any name), so `de` is not taken for `en`.
pub fn suggest<'c>(wrong: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    candidates
        .into_iter()
        .map(|c| (edit_distance(wrong, c), c))
        .filter(|(d, c)| *d <= (c.chars().count() / 3).max(1))
        .min()
        .map(|(_, c)| c)
}

/// The closest of `candidates` to `wrong`, however far: to stand in for a value that failed
/// to parse, so that the rest of the file can still be checked.
pub fn nearest<'c>(wrong: &str, candidates: &[&'c str]) -> Option<&'c str> {
    candidates
        .iter()
        .map(|c| (edit_distance(wrong, c), *c))
        .min()
        .map(|(_, c)| c)
}

/// The "did you mean" help for `wrong` among `candidates`, if one is close.
pub fn did_you_mean<'c>(
    wrong: &str,
    candidates: impl IntoIterator<Item = &'c str>,
) -> Option<String> {
    suggest(wrong, candidates).map(|s| format!("did you mean `{s}`?"))
}

/// Levenshtein distance in characters.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut prev = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let cur = row[j + 1];
            row[j + 1] = (prev + usize::from(ca != *cb)).min(row[j] + 1).min(cur + 1);
            prev = cur;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions() {
        assert_eq!(
            suggest("goverance", ["governance", "stability"]),
            Some("governance")
        );
        assert_eq!(suggest("xyz", ["governance"]), None);
        assert_eq!(suggest("de", ["zh", "en"]), None);
        assert_eq!(suggest("zhh", ["zh", "en"]), Some("zh"));
        assert_eq!(
            suggest("prefered", ["preferred", "admitted"]),
            Some("preferred")
        );
        assert_eq!(nearest("xyz", &["preferred", "admitted"]), Some("admitted"));
    }
}
