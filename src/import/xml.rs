//! A small, safe XML tree on quick-xml: elements with their attributes, text and the line
//! and column where each starts.
//!
//! Nothing outside the document is ever read: a DOCTYPE that declares entities is refused
//! (no billion laughs, no external entities), and a reference to any entity but the five
//! predefined ones and character references is an error. Nesting is limited.

use quick_xml::events::Event;
use quick_xml::Reader;

/// Deeper nesting than this is refused (TBX needs about eight levels).
pub const MAX_DEPTH: usize = 128;

/// An XML element: its local name (prefix dropped), attributes as written (`xml:lang`
/// keeps its prefix), children, and where its start tag begins.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub attrs: Vec<(String, String)>,
    pub children: Vec<Node>,
    pub line: usize,
    pub column: usize,
}

#[derive(Debug, Clone)]
pub enum Node {
    Element(Element),
    Text(String),
}

impl Element {
    /// The value of an attribute, by its name as written (`type`, `xml:lang`).
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The child elements.
    pub fn elements(&self) -> impl Iterator<Item = &Element> {
        self.children.iter().filter_map(|n| match n {
            Node::Element(e) => Some(e),
            Node::Text(_) => None,
        })
    }

    /// Every text below this element, in document order.
    pub fn text(&self) -> String {
        let mut out = String::new();
        self.collect_text(&mut out);
        out
    }

    fn collect_text(&self, out: &mut String) {
        for n in &self.children {
            match n {
                Node::Text(t) => out.push_str(t),
                Node::Element(e) => e.collect_text(out),
            }
        }
    }
}

/// A document that is not well-formed XML, or one this reader refuses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct XmlError {
    pub line: usize,
    pub column: usize,
    pub message: String,
}

/// Turns byte offsets, met in increasing order, into 1-based lines and character columns.
struct Cursor<'a> {
    text: &'a str,
    offset: usize,
    line: usize,
    column: usize,
}

impl Cursor<'_> {
    fn at(&mut self, offset: usize) -> (usize, usize) {
        let offset = offset.min(self.text.len());
        if offset < self.offset {
            // Not expected; start again from the top rather than answer wrongly.
            self.offset = 0;
            self.line = 1;
            self.column = 1;
        }
        let mut end = offset;
        while !self.text.is_char_boundary(end) {
            end -= 1;
        }
        for c in self.text[self.offset..end].chars() {
            if c == '\n' {
                self.line += 1;
                self.column = 1;
            } else {
                self.column += 1;
            }
        }
        self.offset = end;
        (self.line, self.column)
    }
}

/// Parses a whole document (UTF-8, byte order mark already removed) into its root element.
pub fn parse(text: &str) -> Result<Element, XmlError> {
    let mut reader = Reader::from_str(text);
    reader.config_mut().trim_text(false);
    let mut cursor = Cursor {
        text,
        offset: 0,
        line: 1,
        column: 1,
    };
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    loop {
        let start = reader.buffer_position() as usize;
        let event = match reader.read_event() {
            Ok(e) => e,
            Err(e) => {
                let (line, column) = cursor.at(reader.error_position() as usize);
                return Err(XmlError {
                    line,
                    column,
                    message: e.to_string(),
                });
            }
        };
        let fail = |cursor: &mut Cursor, offset: usize, message: String| {
            let (line, column) = cursor.at(offset);
            Err(XmlError {
                line,
                column,
                message,
            })
        };
        match event {
            Event::Start(ref e) | Event::Empty(ref e) => {
                let is_empty = matches!(event, Event::Empty(_));
                if root.is_some() {
                    return fail(&mut cursor, start, "content after the root element".into());
                }
                if stack.len() >= MAX_DEPTH {
                    return fail(
                        &mut cursor,
                        start,
                        format!("elements nested deeper than {MAX_DEPTH} levels are refused"),
                    );
                }
                let (line, column) = cursor.at(start);
                let name = e.local_name().as_ref().to_string();
                let mut attrs = Vec::new();
                for a in e.attributes() {
                    let a = match a {
                        Ok(a) => a,
                        Err(err) => return fail(&mut cursor, start, err.to_string()),
                    };
                    let value = match a.normalized_value(quick_xml::XmlVersion::Implicit1_0) {
                        Ok(v) => v.into_owned(),
                        Err(err) => return fail(&mut cursor, start, err.to_string()),
                    };
                    attrs.push((a.key.as_ref().to_string(), value));
                }
                stack.push(Element {
                    name,
                    attrs,
                    children: Vec::new(),
                    line,
                    column,
                });
                // An empty element (`<x/>`) ends where it starts.
                if is_empty {
                    close(&mut stack, &mut root);
                }
            }
            Event::End(_) => close(&mut stack, &mut root),
            Event::Text(t) => {
                let content = t.xml10_content();
                if let Some(top) = stack.last_mut() {
                    push_text(top, &content);
                } else if !content.trim().is_empty() {
                    return fail(&mut cursor, start, "text outside the root element".into());
                }
            }
            Event::CData(t) => {
                let content = t.xml10_content().into_owned();
                match stack.last_mut() {
                    Some(top) => push_text(top, &content),
                    None => {
                        return fail(&mut cursor, start, "CDATA outside the root element".into())
                    }
                }
            }
            Event::GeneralRef(r) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => c.to_string(),
                    Ok(None) => {
                        let name = r.xml10_content();
                        match quick_xml::escape::resolve_predefined_entity(&name) {
                            Some(s) => s.to_string(),
                            None => {
                                return fail(
                                    &mut cursor,
                                    start,
                                    format!(
                                        "unknown entity `&{name};`: only &lt; &gt; &amp; &apos; &quot; and character references are read"
                                    ),
                                )
                            }
                        }
                    }
                    Err(e) => return fail(&mut cursor, start, e.to_string()),
                };
                match stack.last_mut() {
                    Some(top) => push_text(top, &resolved),
                    None => {
                        return fail(&mut cursor, start, "text outside the root element".into())
                    }
                }
            }
            Event::DocType(d) => {
                if d.xml10_content().contains("<!ENTITY") {
                    return fail(
                        &mut cursor,
                        start,
                        "a DOCTYPE declaring entities is refused: entities are never expanded or fetched".into(),
                    );
                }
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if let Some(open) = stack.last() {
        return Err(XmlError {
            line: open.line,
            column: open.column,
            message: format!("<{}> is never closed (the file ends first)", open.name),
        });
    }
    root.ok_or(XmlError {
        line: 1,
        column: 1,
        message: "no root element: the file holds no XML".into(),
    })
}

fn close(stack: &mut Vec<Element>, root: &mut Option<Element>) {
    if let Some(done) = stack.pop() {
        match stack.last_mut() {
            Some(parent) => parent.children.push(Node::Element(done)),
            None => *root = Some(done),
        }
    }
}

fn push_text(top: &mut Element, text: &str) {
    if let Some(Node::Text(t)) = top.children.last_mut() {
        t.push_str(text);
    } else {
        top.children.push(Node::Text(text.to_string()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_text_entities_and_positions() {
        let doc = parse("<?xml version=\"1.0\"?>\n<a x=\"1&amp;2\">\n  <b>t&lt;&#x4e2d;<![CDATA[<c>]]></b><e/>\n</a>").unwrap();
        assert_eq!(doc.name, "a");
        assert_eq!(doc.attr("x"), Some("1&2"));
        let b = doc.elements().next().unwrap();
        assert_eq!(b.text(), "t<中<c>");
        assert_eq!((b.line, b.column), (3, 3));
        assert_eq!(doc.elements().count(), 2);
    }

    #[test]
    fn refuses_entities_and_locates_errors() {
        let bomb = "<!DOCTYPE a [<!ENTITY x \"xx\">]>\n<a>&x;</a>";
        assert!(parse(bomb).unwrap_err().message.contains("DOCTYPE"));
        let ext = "<a>&ext;</a>";
        assert!(parse(ext).unwrap_err().message.contains("unknown entity"));
        let bad = parse("<a>\n  <b></c>\n</a>").unwrap_err();
        assert_eq!(bad.line, 2);
        let open = parse("<a>\n<b>").unwrap_err();
        assert!(open.message.contains("never closed"), "{open:?}");
    }
}
