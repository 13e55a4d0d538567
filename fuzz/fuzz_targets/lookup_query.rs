//! The lookup query path (`shuyu lookup`, the index the site's search shares) on any UTF-8
//! query, against the repository's glossary: folding is idempotent and gives lowercase words
//! separated by single spaces; pinyin keys have no spaces or digits; a query, the typo match
//! and the suggestions stay within their limits and thresholds; an exact match is exact.
#![no_main]

use std::sync::OnceLock;

mod shared;

use libfuzzer_sys::fuzz_target;
use shuyu::lookup::{lookup, LookupData};
use shuyu::search::{fold, pinyin_key, Rank};

/// The repository's glossary, indexed with every card prepared: built once.
fn data() -> &'static LookupData {
    static DATA: OnceLock<LookupData> = OnceLock::new();
    DATA.get_or_init(|| LookupData::build(shared::repo_glossary()))
}

/// What folding promises: idempotent, no ASCII capital, words split by single spaces.
fn check_fold(query: &str) -> String {
    let folded = fold(query);
    assert_eq!(fold(&folded), folded, "fold is not idempotent on {query:?}");
    assert!(
        !folded.chars().any(|c| c.is_ascii_uppercase()),
        "{folded:?}"
    );
    assert!(
        folded.is_empty() || folded.split(' ').all(|w| !w.is_empty()),
        "{folded:?}"
    );
    let key = pinyin_key(&folded);
    assert!(
        !key.chars().any(|c| c.is_whitespace() || c.is_ascii_digit()),
        "{key:?}"
    );
    folded
}

fuzz_target!(|data_in: &[u8]| {
    let Some((&limit, bytes)) = data_in.split_first() else {
        return;
    };
    let Ok(query) = std::str::from_utf8(bytes) else {
        return;
    };
    let folded = check_fold(query);
    let data = data();
    let limit = usize::from(limit % 8);
    for hit in data.index.query(query, limit) {
        if hit.rank == Rank::ExactRendering {
            assert_eq!(hit.form.key, folded, "exact rendering for {query:?}");
        }
    }
    let fuzzy = data.index.fuzzy(query, 0.5, limit);
    assert!(fuzzy.len() <= limit);
    assert!(
        fuzzy.iter().all(|(_, s)| (0.5..=1.0).contains(s)),
        "{fuzzy:?}"
    );
    for lang in [None, Some("en"), Some(query)] {
        let answer = lookup(
            &data.index,
            |i| data.bodies.get(i).cloned(),
            query,
            lang,
            limit,
        );
        assert!(answer.cards.len() <= limit && answer.suggestions.len() <= 3);
        serde_json::to_string(&answer).expect("an answer serialises");
    }
});
