//! The quick reader: a parser for the plain subset of YAML that glossary files are written
//! in, many times faster than the general parser (`cargo bench --bench validate` shows both).
//!
//! It declines (returns `None`) whatever lies outside the subset, and [`super`] then parses
//! the file with serde-saphyr, which also produces every diagnostic. So the quick reader
//! never has to explain a problem, only to be right when it accepts: the tests read every
//! glossary and fixture file, their truncations and random edits both ways, and require the
//! same value wherever the quick reader accepts.
//!
//! The subset: block mappings with plain keys; block sequences, also at their key's
//! indentation; compact mappings in sequence items (`- term: …`); one-line plain, single- and
//! double-quoted scalars; literal and folded block scalars (`|`, `|-`, `>`, `>-`) without
//! more-indented lines in folded ones; flow sequences of one-line plain scalars; comment and
//! blank lines. Declined: tabs, carriage returns and other control characters, anchors,
//! aliases, tags, flow mappings, multi-line plain and quoted scalars, empty and null values,
//! document markers, duplicate keys, comments indented deeper than what follows them.

/// Where a scalar or key was written (see [`super::Located`]).
#[derive(Debug, Clone, Copy)]
pub struct Pos {
    pub line: u32,
    pub column: u32,
    pub start: u32,
    pub len: u32,
}

/// A parsed node: plain data for the deserializer of `quick_de`.
#[derive(Debug)]
pub enum Node<'t> {
    Scalar(String, Pos),
    Seq(Vec<Node<'t>>),
    /// Keys borrow the text: most are field names, which serde only compares.
    Map(Vec<(&'t str, Pos, Node<'t>)>),
}

/// Deeper nesting is declined (the format needs six levels; serde-saphyr's budget allows 32).
const MAX_DEPTH: usize = 16;

/// Parses `text`, or declines.
pub fn parse(text: &str) -> Option<Node<'_>> {
    let mut reader = Reader::new(text)?;
    match reader.peek()? {
        Next::Line(li) if reader.lines[li].indent == 0 => {}
        _ => return None,
    }
    let node = reader.map(0, None)?;
    matches!(reader.peek()?, Next::End).then_some(node)
}

/// Whether `bytes` has a control character other than the line feed (tab and CR included),
/// which the subset leaves to serde-saphyr. Written without an early exit, a chunk at a time,
/// so that it compiles to vector instructions.
fn has_control(bytes: &[u8]) -> bool {
    bytes.chunks(64).any(|chunk| {
        chunk.iter().fold(false, |found, &b| {
            found | ((b < 0x20) & (b != b'\n')) | (b == 0x7F)
        })
    })
}

/// Whether the character at byte `i` is one the subset leaves to serde-saphyr: a C1 control,
/// U+2028 or U+2029 (line breaks to YAML), a BOM, U+FFFE or U+FFFF.
fn unusual(bytes: &[u8], i: usize) -> bool {
    let at = |k: usize| bytes.get(i + k).copied().unwrap_or(0);
    match bytes[i] {
        0xC2 => (0x80..=0x9F).contains(&at(1)),
        0xE2 => at(1) == 0x80 && matches!(at(2), 0xA8 | 0xA9),
        _ => matches!((at(1), at(2)), (0xBB, 0xBF) | (0xBF, 0xBE | 0xBF)),
    }
}

/// A line of the file: byte offsets (without its `\n`) and its count of leading spaces.
#[derive(Debug, Clone, Copy)]
struct Line {
    start: usize,
    end: usize,
    indent: usize,
}

impl Line {
    /// The line of `bytes[start..end]`; `None` for a document marker.
    fn new(bytes: &[u8], start: usize, end: usize) -> Option<Line> {
        let line = &bytes[start..end];
        if line.starts_with(b"---") || line.starts_with(b"...") {
            return None;
        }
        let indent = line.iter().take_while(|&&b| b == b' ').count();
        Some(Line { start, end, indent })
    }

    /// Empty or spaces only.
    fn blank(&self) -> bool {
        self.indent == self.end - self.start
    }
}

/// What [`Reader::peek`] found.
enum Next {
    Line(usize),
    End,
}

struct Reader<'t> {
    text: &'t str,
    lines: Vec<Line>,
    /// The first line not consumed yet.
    next: usize,
    depth: usize,
    /// The last position computed: a byte and the characters from its line's start to it,
    /// so that many values on one long line (a flow sequence) are counted from the previous
    /// one, not each from the line's start (which made a 1 MB line quadratic).
    column_cursor: std::cell::Cell<(usize, u32)>,
}

impl<'t> Reader<'t> {
    /// Splits `text` into lines; declines the characters the subset leaves to serde-saphyr,
    /// and document markers (`---`, `...`). Each check is a vectorised search (memchr), not
    /// a loop over every byte.
    fn new(text: &'t str) -> Option<Self> {
        let bytes = text.as_bytes();
        if has_control(bytes)
            || memchr::memchr3_iter(0xC2, 0xE2, 0xEF, bytes).any(|i| unusual(bytes, i))
        {
            return None;
        }
        let mut lines = Vec::with_capacity(text.len() / 40 + 1);
        let mut start = 0;
        for end in memchr::memchr_iter(b'\n', bytes) {
            lines.push(Line::new(bytes, start, end)?);
            start = end + 1;
        }
        lines.push(Line::new(bytes, start, bytes.len())?);
        Some(Reader {
            text,
            lines,
            next: 0,
            depth: 0,
            column_cursor: std::cell::Cell::new((0, 0)),
        })
    }

    /// The bytes of line `li` from byte offset `at` on.
    fn rest(&self, li: usize, at: usize) -> &'t str {
        &self.text[at..self.lines[li].end]
    }

    /// Whether line `li`'s content starts with a sequence dash.
    fn dash(&self, li: usize) -> bool {
        let l = self.lines[li];
        let rest = self.rest(li, l.start + l.indent);
        rest == "-" || rest.starts_with("- ")
    }

    /// Skips blank and comment lines to the next significant one. Declines a comment
    /// indented deeper than the line after it (it might continue a scalar).
    fn peek(&mut self) -> Option<Next> {
        let mut comment_indent = None;
        while let Some(&l) = self.lines.get(self.next) {
            if l.blank() {
                self.next += 1;
            } else if self.text.as_bytes()[l.start + l.indent] == b'#' {
                comment_indent = comment_indent.max(Some(l.indent));
                self.next += 1;
            } else {
                return match comment_indent {
                    Some(c) if c > l.indent => None,
                    _ => Some(Next::Line(self.next)),
                };
            }
        }
        match comment_indent {
            Some(c) if c > 0 => None,
            _ => Some(Next::End),
        }
    }

    /// Enters a nested node; declines past [`MAX_DEPTH`].
    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= MAX_DEPTH).then_some(())
    }

    /// The position of `len` bytes at byte `at` of line `li`.
    fn pos(&self, li: usize, at: usize, len: usize) -> Pos {
        let l = self.lines[li];
        let (from, chars) = match self.column_cursor.get() {
            (byte, chars) if (l.start..=at).contains(&byte) => (byte, chars),
            _ => (l.start, 0),
        };
        let column = chars + self.text[from..at].chars().count() as u32;
        self.column_cursor.set((at, column));
        Pos {
            line: li as u32 + 1,
            column: column + 1,
            start: at as u32,
            len: len as u32,
        }
    }

    /// A block mapping whose keys stand at `indent`. `first` is the byte where the first key
    /// starts on the current line when the mapping opens a sequence item (`- key: …`).
    fn map(&mut self, indent: usize, mut first: Option<usize>) -> Option<Node<'t>> {
        self.enter()?;
        let mut entries: Vec<(&'t str, Pos, Node<'t>)> = Vec::new();
        let mut seen = Keys::default();
        loop {
            let (li, at) = match first.take() {
                Some(at) => (self.next, at),
                None => match self.peek()? {
                    Next::End => break,
                    Next::Line(li) => {
                        let l = self.lines[li];
                        if l.indent < indent {
                            break;
                        }
                        if l.indent > indent || self.dash(li) {
                            return None;
                        }
                        (li, l.start + l.indent)
                    }
                },
            };
            let len = key_len(self.rest(li, at))?;
            let key = &self.text[at..at + len];
            if !seen.insert(key) {
                return None;
            }
            let pos = self.pos(li, at, len);
            let value = self.value(li, at + len + 1, indent)?;
            entries.push((key, pos, value));
        }
        self.depth -= 1;
        Some(Node::Map(entries))
    }

    /// The value after a key's colon at byte `at` of line `li`: inline, or a block below.
    fn value(&mut self, li: usize, at: usize, indent: usize) -> Option<Node<'t>> {
        let rest = self.rest(li, at);
        let trimmed = rest.trim_start_matches(' ');
        if trimmed.is_empty() || trimmed.starts_with('#') {
            self.next = li + 1;
            return self.block_child(indent);
        }
        self.inline(li, at + rest.len() - trimmed.len(), indent)
    }

    /// The block node below a key at `indent`: a deeper mapping, block sequence or flow
    /// sequence, or a block sequence at the key's own indentation.
    fn block_child(&mut self, indent: usize) -> Option<Node<'t>> {
        let Next::Line(li) = self.peek()? else {
            return None;
        };
        let l = self.lines[li];
        let flow = self.text.as_bytes()[l.start + l.indent] == b'[';
        match (l.indent.cmp(&indent), self.dash(li)) {
            (std::cmp::Ordering::Greater, false) if flow => {
                self.flow_seq(li, l.start + l.indent, indent)
            }
            (std::cmp::Ordering::Greater, false) => self.map(l.indent, None),
            (std::cmp::Ordering::Less, _) | (std::cmp::Ordering::Equal, false) => None,
            (_, true) => self.seq(l.indent),
        }
    }

    /// A block sequence whose dashes stand at `indent`.
    fn seq(&mut self, indent: usize) -> Option<Node<'t>> {
        self.enter()?;
        let mut items = Vec::new();
        while let Next::Line(li) = self.peek()? {
            let l = self.lines[li];
            if l.indent < indent || (l.indent == indent && !self.dash(li)) {
                break;
            }
            if l.indent > indent {
                return None;
            }
            let after = l.start + indent + 1;
            let rest = self.rest(li, after);
            let at = after + rest.len() - rest.trim_start_matches(' ').len();
            let item = self.rest(li, at);
            if item.is_empty() || item.starts_with('#') || item == "-" || item.starts_with("- ") {
                return None;
            }
            items.push(if key_len(item).is_some() {
                self.map(at - l.start, Some(at))?
            } else {
                self.inline(li, at, indent)?
            });
        }
        self.depth -= 1;
        Some(Node::Seq(items))
    }

    /// A value that starts at byte `at` of line `li`, inside a node at `indent`.
    fn inline(&mut self, li: usize, at: usize, indent: usize) -> Option<Node<'t>> {
        let rest = self.rest(li, at);
        let (value, len) = match rest.as_bytes()[0] {
            b'|' | b'>' => return self.block_scalar(li, at, indent),
            b'[' => return self.flow_seq(li, at, indent),
            b'"' => double_quoted(rest)?,
            b'\'' => single_quoted(rest)?,
            _ => {
                let v = plain(rest)?;
                (v.to_string(), v.len())
            }
        };
        self.end_line(li, at + len)?;
        Some(Node::Scalar(value, self.pos(li, at, len)))
    }

    /// After a value ending at byte `at` of line `li`: only spaces and a comment may follow.
    fn end_line(&mut self, li: usize, at: usize) -> Option<()> {
        let rest = self.rest(li, at);
        let trimmed = rest.trim_start_matches(' ');
        let ok = trimmed.is_empty() || (trimmed.starts_with('#') && trimmed.len() < rest.len());
        self.next = li + 1;
        ok.then_some(())
    }

    /// `[a, b, c]` of one-line plain scalars, starting at byte `at` of line `li`; it may
    /// run over lines indented deeper than `indent`.
    fn flow_seq(&mut self, li: usize, at: usize, indent: usize) -> Option<Node<'t>> {
        let close = at + self.text[at..].find(']')?;
        let inner = &self.text[at + 1..close];
        if inner.contains(['[', '{', '}', '"', '\'', ':']) || inner.contains(" #") {
            return None;
        }
        let last = self.line_of(close);
        if self.lines[li + 1..=last]
            .iter()
            .any(|l| l.blank() || l.indent <= indent)
        {
            return None;
        }
        let mut items = Vec::new();
        let mut offset = at + 1;
        for raw in inner.split(',').filter(|_| !inner.is_empty()) {
            let item = raw.trim_matches([' ', '\n']);
            let start = offset + raw.len() - raw.trim_start_matches([' ', '\n']).len();
            if item.contains('\n') || plain(item) != Some(item) {
                return None;
            }
            let pos = self.pos(self.line_of(start), start, item.len());
            items.push(Node::Scalar(item.to_string(), pos));
            offset += raw.len() + 1;
        }
        self.end_line(last, close + 1)?;
        Some(Node::Seq(items))
    }

    /// The index of the line that holds byte `at`.
    fn line_of(&self, at: usize) -> usize {
        self.lines.partition_point(|l| l.start <= at) - 1
    }

    /// `|`, `|-`, `>` or `>-` at byte `at` of line `li`, under a node at `indent`.
    fn block_scalar(&mut self, li: usize, at: usize, indent: usize) -> Option<Node<'t>> {
        let (literal, strip) = match self.rest(li, at).trim_end_matches(' ') {
            "|" => (true, false),
            "|-" => (true, true),
            ">" => (false, false),
            ">-" => (false, true),
            _ => return None,
        };
        let first = li + 1;
        let k = self.lines.get(first).filter(|l| !l.blank())?.indent;
        if k <= indent {
            return None;
        }
        let (last, end) = self.block_extent(first, k, literal)?;
        let lines = &self.lines[first..=last];
        let mut value = if literal {
            literal_text(self.text, lines, k)
        } else {
            folded_text(self.text, lines, k)
        };
        if !strip {
            value.push('\n');
        }
        let start = self.lines[first].start + k;
        // serde-saphyr's span ends where it stopped scanning: after the indentation of the
        // line that ends the scalar.
        let end_byte = match self.lines.get(end) {
            Some(l) => l.start + l.indent,
            None => self.text.len(),
        };
        self.next = end;
        Some(Node::Scalar(
            value,
            self.pos(first, start, end_byte - start),
        ))
    }

    /// The last content line of a block scalar whose content starts on line `first` with
    /// indentation `k`, and the first line after it (trailing blank lines belong to it).
    fn block_extent(&self, first: usize, k: usize, literal: bool) -> Option<(usize, usize)> {
        let mut last = first;
        let mut end = first;
        while let Some(l) = self.lines.get(end) {
            if l.blank() {
                if l.indent > k {
                    return None;
                }
            } else if l.indent < k {
                break;
            } else if !literal && l.indent > k {
                return None;
            } else {
                last = end;
            }
            end += 1;
        }
        Some((last, end))
    }
}

/// The keys of one mapping so far, to decline a duplicate: a list while it is short, a hash
/// set past [`Keys::LIST`] keys, so that a mapping of many keys costs linear time, not
/// quadratic.
#[derive(Default)]
struct Keys<'t> {
    list: Vec<&'t str>,
    set: std::collections::HashSet<&'t str>,
}

impl<'t> Keys<'t> {
    const LIST: usize = 16;

    /// Adds `key`; `false` if it was there already.
    fn insert(&mut self, key: &'t str) -> bool {
        if self.list.len() < Self::LIST {
            if self.list.contains(&key) {
                return false;
            }
            self.list.push(key);
            return true;
        }
        if self.set.is_empty() {
            self.set.extend(self.list.iter().copied());
        }
        self.set.insert(key)
    }
}

/// The length of a plain key (`[A-Za-z0-9_-]+`) at the start of `s` if a colon and a
/// space or the line's end follow it. A null key (`null`, `Null`, `NULL`) is declined:
/// serde-saphyr refuses it where a string is expected, and so must the subset. So is a key
/// that reads as a float too large to be finite (`-15444444444444444444444444e4444:`, a
/// differential fuzz finding): serde-saphyr's float policy refuses it in a generic value.
fn key_len(s: &str) -> Option<usize> {
    let len = s
        .bytes()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-'))
        .count();
    let after = s[len..].strip_prefix(':')?;
    let null = matches!(&s[..len], "null" | "Null" | "NULL") || non_finite(&s[..len]);
    (len > 0 && !null && (after.is_empty() || after.starts_with(' '))).then_some(len)
}

/// A one-line plain scalar at the start of `s`, without its comment and trailing spaces;
/// `None` for what a plain scalar may not be or may not start with here.
fn plain(s: &str) -> Option<&str> {
    let bytes = s.as_bytes();
    let mut end = bytes.len();
    // A comment starts at ` #`; `: ` (or a final `:`) would make a mapping.
    for i in memchr::memchr2_iter(b'#', b':', bytes) {
        if bytes[i] == b'#' && i > 0 && bytes[i - 1] == b' ' {
            end = i;
            break;
        }
        if bytes[i] == b':' && matches!(bytes.get(i + 1), None | Some(b' ')) {
            return None;
        }
    }
    let value = s[..end].trim_end_matches(' ');
    let first = value.bytes().next()?;
    let declined = b"-?:,[]{}#&*!|>'\"%@`".contains(&first)
        || value.ends_with(':')
        || matches!(value, "null" | "Null" | "NULL" | "~")
        || non_finite(value);
    (!declined).then_some(value)
}

/// `.inf`, `-.Inf`, `.NaN` and the like, in any case, and numbers too large for a float
/// (`66666e666`): serde-saphyr refuses a non-finite float where the target takes any value
/// (its float policy), so the subset leaves them to it. Found by the differential fuzz target
/// (`a: .INF`, then `keyy: 66666e666`). Declining a little more than needed is safe: the file
/// then goes to serde-saphyr.
fn non_finite(value: &str) -> bool {
    let bare = value.trim_start_matches(['+', '-']).trim_start_matches('.');
    let named = ["inf", "infinity", "nan"]
        .iter()
        .any(|w| bare.eq_ignore_ascii_case(w));
    named || value.parse::<f64>().is_ok_and(|f| !f.is_finite())
}

/// A double-quoted scalar at the start of `s`, closed on the same line: its value and its
/// length with the quotes.
fn double_quoted(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1);
    while let Some((i, c)) = chars.next() {
        match c {
            '"' => return Some((out, i + 1)),
            '\\' => {
                let (_, e) = chars.next()?;
                out.push(match e {
                    '\\' | '"' | '/' => e,
                    'n' => '\n',
                    't' => '\t',
                    'x' => hex(&mut chars, 2)?,
                    'u' => hex(&mut chars, 4)?,
                    'U' => hex(&mut chars, 8)?,
                    _ => return None,
                });
            }
            _ => out.push(c),
        }
    }
    None
}

/// The character of the next `digits` hexadecimal digits.
fn hex(chars: &mut impl Iterator<Item = (usize, char)>, digits: usize) -> Option<char> {
    let mut code = 0u32;
    for _ in 0..digits {
        code = code * 16 + chars.next()?.1.to_digit(16)?;
    }
    char::from_u32(code)
}

/// A single-quoted scalar at the start of `s`, closed on the same line.
fn single_quoted(s: &str) -> Option<(String, usize)> {
    let mut out = String::new();
    let mut chars = s.char_indices().skip(1).peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\'' {
            out.push(c);
        } else if chars.next_if(|&(_, n)| n == '\'').is_some() {
            out.push('\'');
        } else {
            return Some((out, i + 1));
        }
    }
    None
}

/// A line of a block scalar without its indentation (a blank line is empty).
fn content<'t>(text: &'t str, l: &Line, k: usize) -> &'t str {
    if l.blank() {
        ""
    } else {
        &text[l.start + k..l.end]
    }
}

/// Room for a block scalar's value: its lines, their breaks and the final one, so that the
/// string never grows (a grown string keeps up to twice the room it needs, for good).
fn block_capacity(lines: &[Line]) -> usize {
    lines.iter().map(|l| l.end - l.start + 1).sum::<usize>() + 1
}

/// `|`: the lines as they are, joined by line breaks.
fn literal_text(text: &str, lines: &[Line], k: usize) -> String {
    let mut out = String::with_capacity(block_capacity(lines));
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            out.push('\n');
        }
        out.push_str(content(text, l, k));
    }
    out
}

/// `>`: a line break between two lines becomes a space; each blank line, a line break.
fn folded_text(text: &str, lines: &[Line], k: usize) -> String {
    let mut out = String::with_capacity(block_capacity(lines));
    let mut blanks = 0;
    for (i, l) in lines.iter().enumerate() {
        if l.blank() {
            blanks += 1;
            continue;
        }
        if i > 0 {
            if blanks == 0 {
                out.push(' ');
            }
            out.extend(std::iter::repeat_n('\n', blanks));
        }
        blanks = 0;
        out.push_str(content(text, l, k));
    }
    out
}
