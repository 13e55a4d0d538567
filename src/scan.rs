//! The byte scan the escapers share (HTML in [`crate::markdown`], XML in
//! [`crate::export::tbx`]): where in a text the first byte that may need escaping is. Most
//! fields and passages have nothing to escape, and the site and the exports escape every one
//! of them, so the scan looks at 16 bytes at a time.

/// The bytes a scan stops at: any of `exact`, and, if `controls`, any ASCII control
/// (below 0x20).
#[derive(Debug, Clone, Copy)]
pub struct Specials<const N: usize> {
    exact: [u8; N],
    controls: bool,
    /// A byte that is not special, to fill the last, partial block with.
    pad: u8,
}

impl<const N: usize> Specials<N> {
    /// The bytes of `exact`, and the ASCII controls if `controls`.
    pub const fn new(exact: [u8; N], controls: bool) -> Self {
        let mut specials = Specials {
            exact,
            controls,
            pad: 0,
        };
        while specials.holds(specials.pad) {
            specials.pad += 1; // some byte of 256 is not special: N is small
        }
        specials
    }

    const fn holds(&self, b: u8) -> bool {
        let mut i = 0;
        while i < N {
            if self.exact[i] == b {
                return true;
            }
            i += 1;
        }
        self.controls && b < 0x20
    }
}

/// The index of the first byte of `bytes` that `specials` holds, or `bytes.len()`.
#[cfg(target_arch = "x86_64")]
pub fn first_special<const N: usize>(bytes: &[u8], specials: &Specials<N>) -> usize {
    // SAFETY: SSE2 is part of x86-64 itself: every x86_64 processor and target has it.
    unsafe { first_special_sse2(bytes, specials) }
}

/// [`first_special`] with SSE2: a block of 16 bytes takes a dozen instructions instead of a
/// loop per byte; the last, partial block is copied into a padded one.
#[cfg(target_arch = "x86_64")]
#[target_feature(enable = "sse2")]
fn first_special_sse2<const N: usize>(bytes: &[u8], specials: &Specials<N>) -> usize {
    use std::arch::x86_64::{
        __m128i, _mm_cmpeq_epi8, _mm_loadu_si128, _mm_min_epu8, _mm_movemask_epi8, _mm_or_si128,
        _mm_set1_epi8, _mm_setzero_si128,
    };
    let mut wanted = [_mm_setzero_si128(); N];
    for (w, b) in wanted.iter_mut().zip(specials.exact) {
        *w = _mm_set1_epi8(b as i8);
    }
    let control_max = _mm_set1_epi8(0x1F);
    // Where in a block the first special byte is, if any.
    let first_in = |block: &[u8]| -> Option<usize> {
        // SAFETY: every block passed is 16 readable bytes; this load needs no alignment.
        let x: __m128i = unsafe { _mm_loadu_si128(block.as_ptr().cast()) };
        // A control byte is one at most 0x1F: unchanged by taking the minimum with 0x1F.
        let mut hit = if specials.controls {
            _mm_cmpeq_epi8(_mm_min_epu8(x, control_max), x)
        } else {
            _mm_setzero_si128()
        };
        for w in wanted {
            hit = _mm_or_si128(hit, _mm_cmpeq_epi8(x, w));
        }
        let mask = _mm_movemask_epi8(hit);
        (mask != 0).then(|| mask.trailing_zeros() as usize)
    };
    let blocks = bytes.chunks_exact(16);
    let rest = blocks.remainder();
    for (k, block) in blocks.enumerate() {
        if let Some(i) = first_in(block) {
            return k * 16 + i;
        }
    }
    let mut last = [specials.pad; 16];
    last[..rest.len()].copy_from_slice(rest);
    first_in(&last).map_or(bytes.len(), |i| bytes.len() - rest.len() + i)
}

/// Elsewhere, byte by byte.
#[cfg(not(target_arch = "x86_64"))]
pub fn first_special<const N: usize>(bytes: &[u8], specials: &Specials<N>) -> usize {
    bytes
        .iter()
        .position(|&b| specials.holds(b))
        .unwrap_or(bytes.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    const AMP_OR_CONTROL: Specials<1> = Specials::new([b'&'], true);

    #[test]
    fn finds_the_first_special_byte_wherever_it_falls() {
        assert_eq!(AMP_OR_CONTROL.pad, 0x20);
        assert_eq!(first_special(b"", &AMP_OR_CONTROL), 0);
        for len in 0..40 {
            assert_eq!(first_special(&vec![b'a'; len], &AMP_OR_CONTROL), len);
        }
        for special in [b'&', 0, b'\n', 0x1F] {
            for len in 1..48 {
                for at in 0..len {
                    // Bytes above 0x7F are not controls, though signed they are below zero.
                    let mut text: Vec<u8> =
                        (0..len).map(|k| [b'a', 0x80, 0xEF, 0x20][k % 4]).collect();
                    text[at] = special;
                    let found = first_special(&text, &AMP_OR_CONTROL);
                    assert_eq!(found, at, "{special} at {at} of {len}");
                }
            }
        }
    }
}
