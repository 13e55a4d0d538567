//! Recovery: every problem of a file that failed the typed parse, and what can be read of it.
//!
//! The typed parse (quick reader or serde-saphyr) stops at its first error, so a second
//! mistake in the same file stayed hidden until the first was fixed, and the entry vanished
//! for every rule (other concepts' `related:` then named an "unknown concept"). Here the file
//! is read once more, into a generic tree of nodes with their positions, and deserialized into
//! the same strict raw types from that tree. Each time that fails, the failure is reported in
//! the project's words (with "did you mean" where a name is close) and the tree is repaired
//! where it failed, then the value is tried again:
//!
//! - an unknown field is dropped;
//! - a value that is not one of an enum's variants stands in as the nearest variant;
//! - a value of the wrong shape is dropped (its key remembered, so that the field's absence is
//!   not reported again);
//! - an entry of a list that misses a required field is dropped as a whole;
//! - a second occurrence of a key is dropped when the tree is built.
//!
//! Only what the file says is reported: a failure the repairs caused is not. A file whose top
//! level lacks a required field (`id`, `terms`) gives no value; its problems are still all
//! reported.

use std::fmt;
use std::ops::Range;

use serde::de::value::{StringDeserializer, U32Deserializer};
use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess,
    Unexpected, Visitor,
};
use serde::forward_to_deserialize_any;
use serde_saphyr::granit_parser::{Event, Parser, ScalarStyle};

use super::located;
use crate::codes::Code;
use crate::diag::{Diagnostic, FileId, Label};
use crate::suggest::{did_you_mean, nearest};

/// At most this many repairs a file: every repair removes or fixes a node, so a file of
/// reasonable size never needs as many.
const MAX_REPAIRS: usize = 200;

/// Reads `text` into `T` as far as it can be, with a diagnostic for every problem.
pub(super) fn recover<T: DeserializeOwned>(
    text: &str,
    file: FileId,
) -> (Option<T>, Vec<Diagnostic>) {
    let mut diags = Vec::new();
    let Some(mut root) = Tree::build(text, file, &mut diags) else {
        return (None, diags);
    };
    for _ in 0..MAX_REPAIRS {
        let failure = match T::deserialize(De(&root)) {
            Ok(value) => return (Some(value), diags),
            Err(failure) => failure,
        };
        let Some(node) = failure.node else {
            break;
        };
        let report = Report::new(&root, node, file);
        if let Some(d) = report.diagnostic(&failure.kind) {
            diags.push(d);
        }
        if !repair(&mut root, node, &failure.kind) {
            break;
        }
    }
    (None, diags)
}

/// A YAML node with its place in the file.
#[derive(Debug)]
struct Node {
    /// Unique in its tree: failures name the node they happened at.
    id: u32,
    kind: Kind,
    bytes: Range<usize>,
    line: u32,
    column: u32,
    /// Changed by a repair: a failure here was caused by the repair, not by the file.
    repaired: bool,
}

#[derive(Debug)]
enum Kind {
    Scalar {
        text: String,
        plain: bool,
    },
    Seq(Vec<Node>),
    Map {
        entries: Vec<(Node, Node)>,
        /// Keys whose values a repair dropped.
        dropped: Vec<String>,
    },
}

/// Builds the tree from the parser's events.
struct Tree<'t> {
    text: &'t str,
    next_id: u32,
}

impl<'t> Tree<'t> {
    /// The tree of the document, or `None` if the events do not make one (a syntax error:
    /// the loader's scan reports those before recovery runs).
    fn build(text: &'t str, file: FileId, diags: &mut Vec<Diagnostic>) -> Option<Node> {
        let mut tree = Tree { text, next_id: 0 };
        let mut events = Parser::new_from_str(text).map_while(Result::ok).peekable();
        // Skip to the first node of the document.
        while let Some((event, _)) = events.peek() {
            if matches!(
                event,
                Event::Scalar(..) | Event::SequenceStart(..) | Event::MappingStart(..)
            ) {
                break;
            }
            events.next();
        }
        let (event, span) = events.next()?;
        tree.node(event, span, &mut events, file, diags)
    }

    fn node<'e>(
        &mut self,
        event: Event<'e>,
        span: serde_saphyr::granit_parser::Span,
        events: &mut impl Iterator<Item = (Event<'e>, serde_saphyr::granit_parser::Span)>,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Node> {
        let start = span.start.byte_offset().unwrap_or(0).min(self.text.len());
        let end = span
            .end
            .byte_offset()
            .unwrap_or(start)
            .clamp(start, self.text.len());
        let kind = match event {
            Event::Scalar(value, style, ..) => Kind::Scalar {
                text: value.into_owned(),
                plain: style == ScalarStyle::Plain,
            },
            Event::SequenceStart(..) => {
                let mut items = Vec::new();
                loop {
                    let (event, span) = events.next()?;
                    if matches!(event, Event::SequenceEnd) {
                        break;
                    }
                    items.push(self.node(event, span, events, file, diags)?);
                }
                Kind::Seq(items)
            }
            Event::MappingStart(..) => Kind::Map {
                entries: self.entries(events, file, diags)?,
                dropped: Vec::new(),
            },
            _ => return None,
        };
        self.next_id += 1;
        Some(Node {
            id: self.next_id,
            kind,
            bytes: start..end,
            line: span.start.line() as u32,
            column: span.start.col() as u32 + 1,
            repaired: false,
        })
    }

    /// The entries of a mapping; a key given twice is reported and its second value dropped.
    fn entries<'e>(
        &mut self,
        events: &mut impl Iterator<Item = (Event<'e>, serde_saphyr::granit_parser::Span)>,
        file: FileId,
        diags: &mut Vec<Diagnostic>,
    ) -> Option<Vec<(Node, Node)>> {
        let mut entries: Vec<(Node, Node)> = Vec::new();
        loop {
            let (event, span) = events.next()?;
            if matches!(event, Event::MappingEnd) {
                return Some(entries);
            }
            let key = self.node(event, span, events, file, diags)?;
            let (event, span) = events.next()?;
            let value = self.node(event, span, events, file, diags)?;
            let first = entries
                .iter()
                .find(|(k, _)| k.scalar().is_some() && k.scalar() == key.scalar());
            match first {
                Some((first, _)) => diags.push(duplicate_key(file, first, &key)),
                None => entries.push((key, value)),
            }
        }
    }
}

fn duplicate_key(file: FileId, first: &Node, again: &Node) -> Diagnostic {
    let name = again.scalar().unwrap_or_default();
    Diagnostic::new(
        Code::DuplicateKey,
        format!("`{name}` is given twice in the same mapping"),
    )
    .at(Label::new(file, again.bytes.clone()).with_message("given again here"))
    .also(Label::new(file, first.bytes.clone()).with_message("first given here"))
    .help("keep one of them: merge the two values under the first")
}

impl Node {
    fn scalar(&self) -> Option<&str> {
        match &self.kind {
            Kind::Scalar { text, .. } => Some(text),
            _ => None,
        }
    }

    /// What a value of this node is, in the words of a message ("a list").
    fn shape(&self) -> &'static str {
        if self.is_null() {
            return "null";
        }
        match &self.kind {
            Kind::Scalar { .. } => "text",
            Kind::Seq(_) => "a list",
            Kind::Map { .. } => "a mapping",
        }
    }

    /// Whether a YAML plain scalar that YAML reads as null stands here.
    fn is_null(&self) -> bool {
        matches!(&self.kind, Kind::Scalar { text, plain: true }
            if matches!(text.as_str(), "" | "~" | "null" | "Null" | "NULL"))
    }

    fn children(&self) -> Vec<&Node> {
        match &self.kind {
            Kind::Scalar { .. } => Vec::new(),
            Kind::Seq(items) => items.iter().collect(),
            Kind::Map { entries, .. } => entries.iter().flat_map(|(k, v)| [k, v]).collect(),
        }
    }
}

/// Why a deserialization from the tree failed, and at which node.
#[derive(Debug)]
struct Failure {
    kind: FailureKind,
    node: Option<u32>,
}

#[derive(Debug)]
enum FailureKind {
    UnknownField(String, &'static [&'static str]),
    UnknownVariant(String, &'static [&'static str]),
    MissingField(&'static str),
    /// The value's shape and the one expected, in serde's words.
    WrongShape(String),
    Other(String),
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?}", self.kind)
    }
}

impl std::error::Error for Failure {}

impl de::Error for Failure {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Failure::new(FailureKind::Other(msg.to_string()))
    }
    fn invalid_type(_: Unexpected, exp: &dyn de::Expected) -> Self {
        Failure::new(FailureKind::WrongShape(exp.to_string()))
    }
    fn invalid_value(_: Unexpected, exp: &dyn de::Expected) -> Self {
        Failure::new(FailureKind::WrongShape(exp.to_string()))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        Failure::new(FailureKind::UnknownVariant(variant.to_string(), expected))
    }
    fn unknown_field(field: &str, expected: &'static [&'static str]) -> Self {
        Failure::new(FailureKind::UnknownField(field.to_string(), expected))
    }
    fn missing_field(field: &'static str) -> Self {
        Failure::new(FailureKind::MissingField(field))
    }
}

impl Failure {
    fn new(kind: FailureKind) -> Self {
        Failure { kind, node: None }
    }
}

/// Marks a failure that no inner node claimed as this node's.
fn at(node: &Node) -> impl FnOnce(Failure) -> Failure + '_ {
    move |mut f| {
        f.node.get_or_insert(node.id);
        f
    }
}

/// Serde over a node of the tree, speaking [`located`]'s protocol for positioned values.
struct De<'n>(&'n Node);

impl<'de> Deserializer<'de> for De<'_> {
    type Error = Failure;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        let node = self.0;
        let result = match &node.kind {
            // A null where text is expected fails, as it fails serde-saphyr.
            Kind::Scalar { .. } if node.is_null() => visitor.visit_unit(),
            Kind::Scalar { text, .. } => visitor.visit_str(text),
            Kind::Seq(items) => visitor.visit_seq(Items(items.iter())),
            Kind::Map { entries, .. } => visitor.visit_map(Entries {
                entries: entries.iter(),
                value: None,
            }),
        };
        result.map_err(at(node))
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Failure> {
        if self.0.is_null() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        name: &'static str,
        visitor: V,
    ) -> Result<V::Value, Failure> {
        let node = self.0;
        if name != located::NAME {
            return visitor.visit_newtype_struct(self);
        }
        let (Kind::Scalar { text, .. }, false) = (&node.kind, node.is_null()) else {
            let shape = Failure::new(FailureKind::WrongShape("text".into()));
            return Err(at(node)(shape));
        };
        let numbers = [
            node.line,
            node.column,
            node.bytes.start as u32,
            node.bytes.len() as u32,
        ];
        visitor
            .visit_seq(LocatedSeq {
                value: Some(text.clone()),
                numbers: numbers.into_iter(),
            })
            .map_err(at(node))
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Failure> {
        let node = self.0;
        match &node.kind {
            Kind::Scalar { text, .. } => {
                let de: StringDeserializer<Failure> = text.clone().into_deserializer();
                visitor.visit_enum(de).map_err(at(node))
            }
            _ => Err(at(node)(Failure::new(FailureKind::WrongShape(
                "one of the values listed".into(),
            )))),
        }
    }

    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        unit unit_struct seq tuple tuple_struct map struct identifier ignored_any
    }
}

struct Items<'n>(std::slice::Iter<'n, Node>);

impl<'de> SeqAccess<'de> for Items<'_> {
    type Error = Failure;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Failure> {
        self.0
            .next()
            .map(|item| seed.deserialize(De(item)).map_err(at(item)))
            .transpose()
    }
}

struct Entries<'n> {
    entries: std::slice::Iter<'n, (Node, Node)>,
    value: Option<&'n Node>,
}

impl<'de> MapAccess<'de> for Entries<'_> {
    type Error = Failure;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, Failure> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.value = Some(value);
        seed.deserialize(De(key)).map_err(at(key)).map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, Failure> {
        let value = self
            .value
            .take()
            .ok_or_else(|| de::Error::custom("value without key"))?;
        seed.deserialize(De(value)).map_err(at(value))
    }
}

/// A positioned value as [`located`] reads it: the text, then line, column, start and length.
struct LocatedSeq {
    value: Option<String>,
    numbers: std::array::IntoIter<u32, 4>,
}

impl<'de> SeqAccess<'de> for LocatedSeq {
    type Error = Failure;

    fn next_element_seed<S: DeserializeSeed<'de>>(
        &mut self,
        seed: S,
    ) -> Result<Option<S::Value>, Failure> {
        if let Some(value) = self.value.take() {
            let de: StringDeserializer<Failure> = value.into_deserializer();
            return seed.deserialize(de).map(Some);
        }
        self.numbers
            .next()
            .map(|n| {
                let de: U32Deserializer<Failure> = n.into_deserializer();
                seed.deserialize(de)
            })
            .transpose()
    }
}

/// Where a failure happened: the node, the key it is the value of, and whether a repair
/// caused it.
struct Report<'n> {
    file: FileId,
    node: &'n Node,
    /// The key under which the node (or the list holding it) stands.
    field: Option<&'n str>,
    /// The node itself, or one of its ancestors, was repaired.
    repaired: bool,
}

impl<'n> Report<'n> {
    fn new(root: &'n Node, id: u32, file: FileId) -> Self {
        let mut path = Vec::new();
        find_path(root, id, &mut path);
        let node = path.last().map_or(root, |(n, _)| *n);
        let field = path.iter().rev().find_map(|(_, key)| *key);
        let repaired = path.iter().any(|(n, _)| n.repaired);
        Report {
            file,
            node,
            field,
            repaired,
        }
    }

    /// A label on the node; on the first key of a mapping (a mapping spans many lines).
    fn label(&self, message: impl Into<String>) -> Label {
        let bytes = match &self.node.kind {
            Kind::Map { entries, .. } if !entries.is_empty() => entries[0].0.bytes.clone(),
            _ => self.node.bytes.clone(),
        };
        Label::new(self.file, bytes).with_message(message)
    }

    /// The failure in the project's words, unless a repair caused it.
    fn diagnostic(&self, kind: &FailureKind) -> Option<Diagnostic> {
        if self.repaired {
            return None;
        }
        let field = self.field.unwrap_or("the file");
        Some(match kind {
            FailureKind::UnknownField(name, expected) => {
                let help = did_you_mean(name, expected.iter().copied())
                    .unwrap_or_else(|| format!("the fields here are: {}", expected.join(", ")));
                Diagnostic::new(Code::UnknownField, format!("unknown field `{name}`"))
                    .at(self.label("not a field of this entry"))
                    .help(help)
            }
            FailureKind::UnknownVariant(value, expected) => {
                let help = did_you_mean(value, expected.iter().copied())
                    .unwrap_or_else(|| format!("write one of: {}", expected.join(", ")));
                Diagnostic::new(
                    Code::WrongType,
                    format!("`{field}` must be one of {}", expected.join(", ")),
                )
                .at(self.label(format!("`{value}` is not one of them")))
                .help(help)
            }
            FailureKind::MissingField(name) => {
                if self.dropped(name) {
                    return None;
                }
                Diagnostic::new(Code::MissingField, format!("missing field `{name}`"))
                    .at(self.label(format!("this entry has no `{name}`")))
                    .help(format!(
                        "add `{name}:`; `shuyu new <id>` shows a complete entry"
                    ))
            }
            FailureKind::WrongShape(expected) => Diagnostic::new(
                Code::WrongType,
                format!(
                    "`{field}` must be {}, not {}",
                    shape_words(expected),
                    self.node.shape()
                ),
            )
            .at(self.label(format!("{} here", self.node.shape())))
            .help(match self.node.is_null() {
                true => "write the value; quote it (\"null\", \"~\") if you mean those characters",
                false => shape_help(expected),
            }),
            FailureKind::Other(message) => Diagnostic::new(
                Code::WrongType,
                format!("`{field}` cannot be read: {message}"),
            )
            .at(self.label("here")),
        })
    }

    /// Whether a repair dropped the field `name` of this mapping.
    fn dropped(&self, name: &str) -> bool {
        matches!(&self.node.kind, Kind::Map { dropped, .. } if dropped.iter().any(|d| d == name))
    }
}

/// serde's name of an expected shape in the words of the format.
fn shape_words(expected: &str) -> &'static str {
    if expected.contains("sequence") {
        "a list"
    } else if expected.contains("map") || expected.contains("struct") {
        "a mapping"
    } else if expected.contains("one of") {
        "one of the values listed"
    } else {
        "text"
    }
}

fn shape_help(expected: &str) -> &'static str {
    match shape_words(expected) {
        "a list" => "write a list: `[a, b]` or one `- item` a line",
        "a mapping" => "write `key: value` lines, indented under the field",
        _ => "write the value on the same line as its key (quote it if it has `: ` or `#`)",
    }
}

/// The nodes from the root to node `id` (the root excluded), each with the key it stands
/// under, if it is a mapping's value (or key).
fn find_path<'n>(node: &'n Node, id: u32, path: &mut Vec<(&'n Node, Option<&'n str>)>) -> bool {
    if node.id == id {
        return true;
    }
    let children: Vec<(&Node, Option<&str>)> = match &node.kind {
        Kind::Scalar { .. } => Vec::new(),
        Kind::Seq(items) => items.iter().map(|n| (n, None)).collect(),
        Kind::Map { entries, .. } => entries
            .iter()
            .flat_map(|(k, v)| [(k, k.scalar()), (v, k.scalar())])
            .collect(),
    };
    for (child, key) in children {
        path.push((child, key));
        if find_path(child, id, path) {
            return true;
        }
        path.pop();
    }
    false
}

/// Repairs the tree where `kind` failed at node `id`; `false` if nothing can be repaired.
fn repair(root: &mut Node, id: u32, kind: &FailureKind) -> bool {
    match kind {
        FailureKind::UnknownVariant(value, expected) => {
            let Some(node) = find_mut(root, id) else {
                return false;
            };
            let Some(stand_in) = nearest(value, expected) else {
                return false;
            };
            node.kind = Kind::Scalar {
                text: stand_in.to_string(),
                plain: false,
            };
            node.repaired = true;
            true
        }
        FailureKind::MissingField(_) => drop_entry(root, id),
        _ => drop_pair(root, id) || drop_entry(root, id),
    }
}

fn find_mut(node: &mut Node, id: u32) -> Option<&mut Node> {
    if node.id == id {
        return Some(node);
    }
    match &mut node.kind {
        Kind::Scalar { .. } => None,
        Kind::Seq(items) => items.iter_mut().find_map(|n| find_mut(n, id)),
        Kind::Map { entries, .. } => entries
            .iter_mut()
            .find_map(|(k, v)| find_mut(k, id).or_else(|| find_mut(v, id))),
    }
}

/// Removes the mapping entry whose key or value is node `id` (or holds it), remembering its
/// key; `false` if no mapping holds it. The innermost mapping is repaired first.
fn drop_pair(node: &mut Node, id: u32) -> bool {
    let Kind::Map { entries, dropped } = &mut node.kind else {
        return match &mut node.kind {
            Kind::Seq(items) => items.iter_mut().any(|n| drop_pair(n, id)),
            _ => false,
        };
    };
    for i in 0..entries.len() {
        let (key, value) = &mut entries[i];
        if key.id == id || value.id == id {
            let name = key.scalar().unwrap_or_default().to_string();
            dropped.push(name);
            entries.remove(i);
            return true;
        }
        if contains(value, id) {
            return drop_pair(value, id);
        }
    }
    false
}

/// Removes the innermost list entry that is or holds node `id`; `false` if none does.
fn drop_entry(node: &mut Node, id: u32) -> bool {
    match &mut node.kind {
        Kind::Scalar { .. } => false,
        Kind::Map { entries, .. } => entries.iter_mut().any(|(_, v)| drop_entry(v, id)),
        Kind::Seq(items) => {
            let Some(i) = items.iter().position(|n| contains(n, id)) else {
                return false;
            };
            if drop_entry(&mut items[i], id) {
                return true;
            }
            items.remove(i);
            true
        }
    }
}

fn contains(node: &Node, id: u32) -> bool {
    node.id == id || node.children().into_iter().any(|c| contains(c, id))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::raw::RawConcept;

    const CONCEPT: &str = "\
id: a
terms:
  zh:
    - term: 社会
      status: prefered
      pinyin: shèhuì
  en:
    - term: society
      status: preferred
      notes: x
    - term: social
relations:
  related: [b]
";

    #[test]
    fn every_problem_is_reported_and_the_rest_is_read() {
        let (value, diags) = recover::<RawConcept>(CONCEPT, 0);
        let messages: Vec<_> = diags.iter().map(|d| d.message.as_str()).collect();
        assert_eq!(
            messages,
            [
                "`status` must be one of preferred, admitted, deprecated, superseded",
                "unknown field `notes`",
                "missing field `status`",
            ]
        );
        assert_eq!(diags[0].help.as_deref(), Some("did you mean `preferred`?"));
        assert_eq!(diags[1].help.as_deref(), Some("did you mean `note`?"));
        let concept = value.expect("the concept is read");
        assert_eq!(concept.id.value, "a");
        assert_eq!(
            concept.terms.0[1].1.len(),
            1,
            "the entry without status is dropped"
        );
        assert_eq!(concept.relations.related[0].value, "b");
        let pinyin = concept.terms.0[0].1[0].pinyin.as_ref().unwrap();
        assert_eq!(&CONCEPT[pinyin.bytes()], "shèhuì");
        assert_eq!((pinyin.line, pinyin.column), (6, 15));
    }

    #[test]
    fn a_duplicate_key_is_reported_once() {
        let text = "id: a\nterms: {}\nid: b\n";
        let (value, diags) = recover::<RawConcept>(text, 0);
        assert_eq!(diags.len(), 1, "{diags:?}");
        assert_eq!(diags[0].code, Code::DuplicateKey);
        assert_eq!(value.unwrap().id.value, "a");
    }

    #[test]
    fn a_missing_top_level_field_gives_no_value() {
        let (value, diags) = recover::<RawConcept>("id: a\n", 0);
        assert!(value.is_none());
        assert_eq!(diags[0].message, "missing field `terms`");
    }

    /// On a file that the typed parse reads, recovery reads the same value, positions
    /// included, and finds nothing to report.
    #[test]
    fn valid_files_read_as_serde_saphyr_reads_them() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("glossary");
        for folder in ["concepts", "sources"] {
            for entry in std::fs::read_dir(root.join(folder)).unwrap() {
                let path = entry.unwrap().path();
                let text = std::fs::read_to_string(&path).unwrap();
                let ours = if folder == "concepts" {
                    both::<crate::raw::RawConcept>(&text)
                } else {
                    both::<crate::raw::RawSource>(&text)
                };
                assert_eq!(ours.0, ours.1, "{}", path.display());
            }
        }
    }

    fn both<T: DeserializeOwned + std::fmt::Debug>(text: &str) -> (String, String) {
        let (value, diags) = recover::<T>(text, 0);
        assert!(diags.is_empty(), "{diags:?}");
        let theirs = serde_saphyr::from_str_with_options::<T>(text, super::super::options());
        (format!("{value:?}"), format!("{:?}", theirs.ok()))
    }
}
