//! Serde over the quick reader's nodes: the same raw types, without serde-saphyr.
//!
//! Any error here only means "decline": [`super`] then parses the file with serde-saphyr,
//! whose messages the diagnostics quote. So the error type carries nothing.

use std::fmt;
use std::vec;

use serde::de::{self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, Visitor};
use serde::forward_to_deserialize_any;

use super::located;
use super::quick::{self, Node, Pos};

/// `text` read by the quick reader into `T`, or `None` where it declines.
pub fn from_str<T: DeserializeOwned>(text: &str) -> Option<T> {
    T::deserialize(NodeDe(quick::parse(text)?)).ok()
}

/// Why the quick reader declined: never shown, so nothing is kept.
#[derive(Debug)]
pub struct Declined;

impl fmt::Display for Declined {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("declined by the quick reader")
    }
}

impl std::error::Error for Declined {}

impl de::Error for Declined {
    fn custom<T: fmt::Display>(_: T) -> Self {
        Declined
    }
}

struct NodeDe<'t>(Node<'t>);

impl<'de> Deserializer<'de> for NodeDe<'_> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        match self.0 {
            Node::Scalar(s, _) => visitor.visit_string(s),
            Node::Seq(items) => visitor.visit_seq(SeqDe(items.into_iter())),
            Node::Map(entries) => visitor.visit_map(MapDe {
                entries: entries.into_iter(),
                value: None,
            }),
        }
    }

    /// Null values are declined, so whatever is here is `Some`.
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_some(self)
    }

    /// [`located::NAME`] gets a scalar's value and position; other newtypes their content.
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match self.0 {
            Node::Scalar(s, pos) if name == located::NAME => visitor.visit_seq(
                located::LocatedSeq::<Declined>::new(s, [pos.line, pos.column, pos.start, pos.len]),
            ),
            _ if name == located::NAME => Err(Declined),
            _ => visitor.visit_newtype_struct(self),
        }
    }

    /// Unit variants only (`status: preferred`).
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Declined> {
        match self.0 {
            Node::Scalar(s, _) => visitor.visit_enum(s.into_deserializer()),
            _ => Err(Declined),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

/// A mapping key: a field name, or a located string (`KeyedList`).
struct KeyDe<'t>(&'t str, Pos);

impl<'de> Deserializer<'de> for KeyDe<'_> {
    type Error = Declined;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Declined> {
        visitor.visit_str(self.0)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Declined> {
        NodeDe(Node::Scalar(self.0.to_string(), self.1)).deserialize_newtype_struct(name, visitor)
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct seq tuple tuple_struct map struct enum identifier ignored_any
    }
}

struct SeqDe<'t>(vec::IntoIter<Node<'t>>);

impl<'de> de::SeqAccess<'de> for SeqDe<'_> {
    type Error = Declined;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Declined> {
        self.0
            .next()
            .map(|n| seed.deserialize(NodeDe(n)))
            .transpose()
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.0.len())
    }
}

struct MapDe<'t> {
    entries: vec::IntoIter<(&'t str, Pos, Node<'t>)>,
    /// The value of the key last returned.
    value: Option<Node<'t>>,
}

impl<'de> de::MapAccess<'de> for MapDe<'_> {
    type Error = Declined;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Declined> {
        let Some((key, pos, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(KeyDe(key, pos)).map(Some)
    }

    fn next_value_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<S::Value, Declined> {
        seed.deserialize(NodeDe(self.value.take().ok_or(Declined)?))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

#[cfg(test)]
mod tests {
    //! The quick reader against serde-saphyr: wherever the quick reader accepts a text,
    //! serde-saphyr must accept it too and give the same value, positions included.

    use std::fmt::Debug;
    use std::path::{Path, PathBuf};

    use super::*;
    use crate::raw::{RawConcept, RawGlossaryFile, RawSource};

    /// Whether the quick reader accepted `text` (after checking it agrees when it does).
    fn agrees<T: DeserializeOwned + Debug>(text: &str, what: &str) -> bool {
        let Some(quick) = from_str::<T>(text) else {
            return false;
        };
        let slow = serde_saphyr::from_str_with_options::<T>(text, crate::load::options());
        match slow {
            Ok(slow) => {
                let (quick, slow) = (format!("{quick:#?}"), format!("{slow:#?}"));
                if let Some((i, (q, s))) = quick
                    .lines()
                    .zip(slow.lines())
                    .enumerate()
                    .find(|(_, (q, s))| q != s)
                {
                    let context: Vec<&str> =
                        slow.lines().skip(i.saturating_sub(6)).take(7).collect();
                    panic!("the readers differ on {what}: quick {q:?}, serde-saphyr {s:?} after\n{}\n{text:?}", context.join("\n"));
                }
                assert_eq!(quick, slow, "{what}");
            }
            Err(e) => panic!("quick accepts what serde-saphyr refuses ({e}) in {what}:\n{text}"),
        }
        true
    }

    /// [`agrees`] with the raw type the file's folder holds.
    fn agrees_as_file(path: &Path, text: &str) -> bool {
        let what = path.display().to_string();
        match path
            .parent()
            .and_then(|p| p.file_name())
            .and_then(|n| n.to_str())
        {
            Some("concepts") => agrees::<RawConcept>(text, &what),
            Some("sources") => agrees::<RawSource>(text, &what),
            _ => agrees::<RawGlossaryFile>(text, &what),
        }
    }

    fn yaml_files(dir: &Path, out: &mut Vec<PathBuf>) {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                yaml_files(&path, out);
            } else if path.extension().is_some_and(|e| e == "yaml") {
                out.push(path);
            }
        }
        out.sort();
    }

    fn repo(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
    }

    fn texts(dir: &str) -> Vec<(PathBuf, String)> {
        let mut paths = Vec::new();
        yaml_files(&repo(dir), &mut paths);
        paths
            .into_iter()
            .filter_map(|p| Some((p.clone(), std::fs::read_to_string(&p).ok()?)))
            .collect()
    }

    #[test]
    fn accepts_every_file_of_the_repository_glossary() {
        let files = texts("glossary");
        assert!(files.len() > 100);
        for (path, text) in &files {
            assert!(agrees_as_file(path, text), "declined {}", path.display());
        }
    }

    #[test]
    fn agrees_on_every_fixture() {
        let files = texts("tests/fixtures");
        let accepted = files.iter().filter(|(p, t)| agrees_as_file(p, t)).count();
        // The valid fixture glossary and most invalid cases are in the subset.
        assert!(accepted * 2 > files.len(), "{accepted} of {}", files.len());
    }

    #[test]
    fn agrees_on_truncations() {
        let (mut tried, mut accepted) = (0, 0);
        for (path, text) in texts("glossary").iter().step_by(7) {
            for end in (0..text.len()).step_by(13) {
                if text.is_char_boundary(end) {
                    tried += 1;
                    accepted += usize::from(agrees_as_file(path, &text[..end]));
                }
            }
        }
        // Most cuts at a line's end leave a valid prefix: the comparison has work to do.
        assert!(
            accepted * 3 > tried,
            "{accepted} of {tried} truncations accepted"
        );
    }

    #[test]
    fn agrees_on_random_edits() {
        const EDITS: &[&str] = &[
            " ", "  ", "\n", "-", "- ", ":", ": ", "#", " #", "'", "\"", "|", ">", "|-", ">-", "[",
            "]", ",", "{", "&a ", "*a", "!t ", "~", "null", "\\", "\\u00e9", "x", "é", "社会",
            "---", "\n  ", "\n- ", "key: ", "''",
        ];
        let files = texts("glossary");
        let mut state = 0x2545_f491_4f6c_dd1d_u64;
        let mut next = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        let mut accepted = 0;
        for _ in 0..3000 {
            let (path, text) = &files[next(files.len())];
            let mut text = text.clone();
            for _ in 0..1 + next(3) {
                let mut at = next(text.len() + 1);
                while !text.is_char_boundary(at) {
                    at -= 1;
                }
                let cut = (at + next(4)).min(text.len());
                let cut = (at..=cut)
                    .rev()
                    .find(|&c| text.is_char_boundary(c))
                    .unwrap_or(at);
                text.replace_range(at..cut, EDITS[next(EDITS.len())]);
            }
            accepted += usize::from(agrees_as_file(path, &text));
        }
        assert!(accepted > 1000, "{accepted} of 3000 edited files accepted");
    }

    /// Scalars, spans and the edges of the subset, each line a document of `a` (and `b`).
    #[test]
    fn agrees_on_the_edges_of_the_subset() {
        #[derive(serde::Deserialize, Debug)]
        #[allow(dead_code)]
        struct Doc {
            a: crate::raw::LocatedStr,
            #[serde(default)]
            b: Option<crate::raw::LocatedStr>,
            #[serde(default)]
            c: Vec<crate::raw::LocatedStr>,
        }
        let accepted = [
            "a: 楼宇x  # comment\n",
            "a: \"q\\\"é\\u00e9\\x41\\t\"\n",
            "a: 'it''s'\n",
            "a: x\nc: [x#1, 两企, z]\n",
            "a: x\nc: []\n",
            "a: |-\n  line1\n  线2\n",
            "a: >\n  p1 l1\n  p1 l2\n\n  p2\n# c\nb: z\n",
            "a: |\n  x\n\n\nb: y\n",
            "a: |-\n  x\n  \n\nb: y\n",
            "a: |\n  x\n  y",
            "a: |\n  x\n   more\n  # not a comment\n",
            "a: x\nc:\n- y\n- z\n",
            "a: x\nc:\n  - y # c\n  - 'z'\n",
            "a:  spaced   \n",
            "a: 2024-01-01\n",
            "a: yes\nb: 0x1F\n",
            "a: x:y\n",
            "a: \"\"\nb: ''\n",
            "a: x\nc: [x,\n  y, z,\n  w]\n",
            "a: x\nc:\n  [x, y,\n    z]\n",
        ];
        for text in accepted {
            assert!(agrees::<Doc>(text, "an edge case"), "declined {text:?}");
        }
        let declined = [
            "a: x\n  continued\n",
            "a: null\n",
            "a: ~\n",
            "a:\nb: x\n",
            "a: 'x\n  y'\n",
            "a: |2\n   x\n",
            "a: >\n  x\n   more\n",
            "a: |+\n  x\n",
            "a: >\n\n  x\n",
            "a: &x y\n",
            "a: *x\n",
            "a: !t y\n",
            "a: {b: c}\n",
            "a: x\n  # c\nb: y\n",
            "---\na: x\n",
            "a: x\na: y\n",
            "a: x\tz\n",
            "a: x\r\n",
            "a: -x\n",
            "a: x\nc: [x, y,]\n",
            "a: x\nc: [x:y]\n",
            "a: x\nc: [x,\ny]\n",
            "a: x\nc: [x\n  y]\n",
            "a: x\nc: [x,\n\n  y]\n",
        ];
        for text in declined {
            assert!(!agrees::<Doc>(text, "an edge case"), "accepted {text:?}");
        }
    }
}
