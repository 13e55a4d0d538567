//! The byte scan the escapers share (HTML in [`crate::markdown`], XML in
//! [`crate::export::tbx`]): how much of a text needs no escaping at all. Most fields and
//! passages have nothing to escape, and the site and the exports escape every one of them.

/// How many leading bytes of `bytes` contain no byte for which `special` holds, to a multiple
/// of 16 (the rest is for the caller's byte-by-byte loop). `special` should be a few
/// comparisons, not a table: tested on 16 bytes at a time with no early exit inside a block,
/// they compile to vector compares.
#[inline]
pub fn clean_prefix(bytes: &[u8], special: impl Fn(u8) -> bool) -> usize {
    bytes
        .chunks_exact(16)
        .take_while(|block| !block.iter().fold(false, |any, &b| any | special(b)))
        .count()
        * 16
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stops_at_the_block_holding_the_first_special_byte() {
        let is_amp = |b: u8| b == b'&';
        assert_eq!(clean_prefix(b"", is_amp), 0);
        assert_eq!(clean_prefix(&[b'a'; 15], is_amp), 0);
        assert_eq!(clean_prefix(&[b'a'; 40], is_amp), 32);
        for at in 0..48 {
            let mut text = vec![b'a'; 48];
            text[at] = b'&';
            assert_eq!(clean_prefix(&text, is_amp), at / 16 * 16, "& at {at}");
        }
    }
}
