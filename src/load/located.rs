//! [`Located`]: a value with the place it was written, whichever reader produced it.

use std::fmt;
use std::marker::PhantomData;

use serde::de::value::StringDeserializer;
use serde::de::{self, DeserializeSeed, Deserializer, IntoDeserializer, SeqAccess, Visitor};
use serde::Deserialize;

/// The name under which [`Located`] asks a deserializer for its value and position: the
/// quick reader answers with a sequence (value, line, column, start, len); serde-saphyr,
/// which does not know the name, hands over its own deserializer, from which
/// `serde_saphyr::Spanned` reads the position.
pub(super) const NAME: &str = "shuyu::Located";

/// A value with the line and (character) column where it was written, and the bytes it
/// covers in its file, so that a diagnostic can point at it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Located<T> {
    pub value: T,
    /// 1-based line.
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
    /// Byte offset of the value's first character (of the quote, for a quoted scalar).
    pub start: u32,
    /// Length in bytes of the value as written.
    pub len: u32,
}

impl<T> Located<T> {
    /// The byte range the value covers in its file.
    pub fn bytes(&self) -> std::ops::Range<usize> {
        self.start as usize..(self.start + self.len) as usize
    }
}

impl<T> From<serde_saphyr::Spanned<T>> for Located<T> {
    fn from(s: serde_saphyr::Spanned<T>) -> Self {
        let span = s.referenced.span();
        Located {
            value: s.value,
            line: s.referenced.line() as u32,
            column: s.referenced.column() as u32,
            start: span.byte_offset().unwrap_or(0) as u32,
            len: span.byte_len().unwrap_or(0) as u32,
        }
    }
}

/// Serialized as its value alone (schemars writes a field's default through this).
impl<T: serde::Serialize> serde::Serialize for Located<T> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.value.serialize(serializer)
    }
}

impl<'de, T: Deserialize<'de>> Deserialize<'de> for Located<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_newtype_struct(NAME, LocatedVisitor(PhantomData))
    }
}

struct LocatedVisitor<T>(PhantomData<T>);

impl<'de, T: Deserialize<'de>> Visitor<'de> for LocatedVisitor<T> {
    type Value = Located<T>;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("a value")
    }

    /// serde-saphyr's path.
    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
        serde_saphyr::Spanned::<T>::deserialize(d).map(Located::from)
    }

    /// The quick reader's path: the value, then line, column, start and len.
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let missing = |n| de::Error::invalid_length(n, &"a value and four numbers");
        let value = seq.next_element()?.ok_or_else(|| missing(0))?;
        let mut numbers = [0u32; 4];
        for (i, n) in numbers.iter_mut().enumerate() {
            *n = seq.next_element()?.ok_or_else(|| missing(i + 1))?;
        }
        let [line, column, start, len] = numbers;
        Ok(Located {
            value,
            line,
            column,
            start,
            len,
        })
    }
}

/// A positioned scalar as our own readers (the quick reader, recovery) hand it to
/// [`Located`]: the value, then line, column, start and length. `E` is the reader's error.
pub(super) struct LocatedSeq<E> {
    value: Option<String>,
    numbers: std::array::IntoIter<u32, 4>,
    error: PhantomData<E>,
}

impl<E> LocatedSeq<E> {
    /// `value` with its `[line, column, start, len]`.
    pub(super) fn new(value: String, numbers: [u32; 4]) -> Self {
        LocatedSeq {
            value: Some(value),
            numbers: numbers.into_iter(),
            error: PhantomData,
        }
    }
}

impl<'de, E: de::Error> SeqAccess<'de> for LocatedSeq<E> {
    type Error = E;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, E> {
        if let Some(value) = self.value.take() {
            let de: StringDeserializer<E> = value.into_deserializer();
            return seed.deserialize(de).map(Some);
        }
        self.numbers
            .next()
            .map(|n| seed.deserialize(n.into_deserializer()))
            .transpose()
    }
}
