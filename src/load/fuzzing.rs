//! The differential check of the quick reader against serde-saphyr, shared by the fuzz
//! target (`fuzz/fuzz_targets/quick_vs_saphyr.rs`) and the regression tests: the quick reader
//! must be a strict subset of serde-saphyr. Wherever it accepts a text, serde-saphyr must
//! accept it too and give the same value, positions included.
//!
//! Not part of the crate's API: public only so that the fuzz crate can reach it.

use std::fmt::{self, Debug};

use serde::de::{self, DeserializeOwned, Deserializer, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use crate::raw::{RawConcept, RawGlossaryFile, RawSource};

/// Checks `text` through the three raw glossary types and a generic [`Value`]; returns a
/// description of the first disagreement.
pub fn differential(text: &str) -> Result<(), String> {
    agree::<RawConcept>(text, "RawConcept")?;
    agree::<RawSource>(text, "RawSource")?;
    agree::<RawGlossaryFile>(text, "RawGlossaryFile")?;
    agree_generic(text)
}

/// The quick reader's value of `text`, or `None` where it declines.
pub fn quick<T: DeserializeOwned>(text: &str) -> Option<T> {
    super::quick_de::from_str(text)
}

/// serde-saphyr's value of `text`, with the loader's budget.
pub fn saphyr<T: DeserializeOwned>(text: &str) -> Result<T, serde_saphyr::Error> {
    serde_saphyr::from_str_with_options(text, super::options())
}

/// Whether the readers agree on `text` read as a `T` (compared through `Debug`, which shows
/// every value and position).
fn agree<T: DeserializeOwned + Debug>(text: &str, what: &str) -> Result<(), String> {
    let Some(quick) = quick::<T>(text) else {
        return Ok(());
    };
    match saphyr::<T>(text) {
        Ok(slow) if format!("{quick:?}") == format!("{slow:?}") => Ok(()),
        Ok(slow) => Err(format!(
            "the readers differ on a {what}:\nquick:        {quick:?}\nserde-saphyr: {slow:?}"
        )),
        Err(e) => Err(format!(
            "the quick reader accepts a {what} that serde-saphyr refuses: {e}"
        )),
    }
}

/// [`agree`] for a generic tree. The quick reader reads every scalar as a string; where
/// serde-saphyr resolves a plain scalar to a number, a boolean or null, the quick reader's
/// string must be that scalar's text: serde-saphyr must resolve it, alone, to the same.
fn agree_generic(text: &str) -> Result<(), String> {
    let Some(quick) = quick::<Value>(text) else {
        return Ok(());
    };
    match saphyr::<Value>(text) {
        Ok(slow) => same(&quick, &slow).map_err(|at| {
            format!("the readers differ on a generic value at {at}:\nquick:        {quick:?}\nserde-saphyr: {slow:?}")
        }),
        Err(e) => Err(format!(
            "the quick reader accepts a generic value that serde-saphyr refuses: {e}"
        )),
    }
}

/// Compares a quick tree with serde-saphyr's; `Err` names the first place they differ.
fn same(quick: &Value, slow: &Value) -> Result<(), String> {
    match (quick, slow) {
        (Value::Str(q), Value::Str(s)) if q == s => Ok(()),
        (Value::Str(q), Value::Typed(_)) if saphyr::<Value>(q).ok().as_ref() == Some(slow) => {
            Ok(())
        }
        (Value::Seq(q), Value::Seq(s)) if q.len() == s.len() => {
            for (i, (q, s)) in q.iter().zip(s).enumerate() {
                same(q, s).map_err(|at| format!("[{i}]{at}"))?;
            }
            Ok(())
        }
        (Value::Map(q), Value::Map(s)) if q.len() == s.len() => {
            for ((qk, qv), (sk, sv)) in q.iter().zip(s) {
                same(qk, sk).map_err(|at| format!(" key {qk:?}{at}"))?;
                same(qv, sv).map_err(|at| format!(".{qk:?}{at}"))?;
            }
            Ok(())
        }
        _ => Err(format!(": {quick:?} against {slow:?}")),
    }
}

/// A YAML tree read without a schema in mind: every node the deserializer offers.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// A string scalar.
    Str(String),
    /// A scalar resolved to another type: its type and value as text (`i64 3`, `null`).
    Typed(String),
    Seq(Vec<Value>),
    Map(Vec<(Value, Value)>),
}

impl<'de> Deserialize<'de> for Value {
    fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
        d.deserialize_any(ValueVisitor)
    }
}

struct ValueVisitor;

impl<'de> Visitor<'de> for ValueVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter) -> fmt::Result {
        f.write_str("any YAML node")
    }

    fn visit_str<E: de::Error>(self, v: &str) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }

    fn visit_string<E: de::Error>(self, v: String) -> Result<Value, E> {
        Ok(Value::Str(v))
    }

    fn visit_bool<E: de::Error>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Typed(format!("bool {v}")))
    }

    fn visit_i64<E: de::Error>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Typed(format!("int {v}")))
    }

    fn visit_i128<E: de::Error>(self, v: i128) -> Result<Value, E> {
        Ok(Value::Typed(format!("int {v}")))
    }

    fn visit_u64<E: de::Error>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Typed(format!("int {v}")))
    }

    fn visit_u128<E: de::Error>(self, v: u128) -> Result<Value, E> {
        Ok(Value::Typed(format!("int {v}")))
    }

    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Ok(Value::Typed(format!("float {v:?}")))
    }

    fn visit_char<E: de::Error>(self, v: char) -> Result<Value, E> {
        Ok(Value::Str(v.to_string()))
    }

    fn visit_bytes<E: de::Error>(self, v: &[u8]) -> Result<Value, E> {
        Ok(Value::Typed(format!("bytes {v:?}")))
    }

    fn visit_unit<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Typed("null".into()))
    }

    fn visit_none<E: de::Error>(self) -> Result<Value, E> {
        Ok(Value::Typed("null".into()))
    }

    fn visit_some<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        Value::deserialize(d)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::Seq(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(entry) = map.next_entry()? {
            entries.push(entry);
        }
        Ok(Value::Map(entries))
    }
}
