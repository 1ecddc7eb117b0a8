//! The few parts of CBOR (RFC 8949) that Pagefind's index files use:
//! unsigned and negative integers, text strings and arrays of known length,
//! each head in its shortest form, as Pagefind writes them with `minicbor`.
//!
//! Written here rather than through `minicbor` because the index is made of
//! millions of small integers: a head is one to nine bytes, written
//! straight into the `Vec` without an encoder's `Write` and error plumbing
//! for each (a small saving, about 1% of what indexing costs). A test
//! checks every form against `minicbor`'s.

#[cfg(test)]
use minicbor::Decoder;

const UNSIGNED: u8 = 0;
const NEGATIVE: u8 = 1;
const TEXT: u8 = 3;
const ARRAY: u8 = 4;

/// An item's head: its major type and `value` in the shortest form
/// ([`head_len`] bytes).
#[inline]
fn head(out: &mut Vec<u8>, major: u8, value: u64) {
    let major = major << 5;
    match head_len(value) {
        1 => out.push(major | value as u8),
        2 => out.extend_from_slice(&[major | 24, value as u8]),
        3 => {
            out.push(major | 25);
            out.extend_from_slice(&(value as u16).to_be_bytes());
        }
        5 => {
            out.push(major | 26);
            out.extend_from_slice(&(value as u32).to_be_bytes());
        }
        _ => {
            out.push(major | 27);
            out.extend_from_slice(&value.to_be_bytes());
        }
    }
}

#[inline]
pub(super) fn array(out: &mut Vec<u8>, len: usize) {
    head(out, ARRAY, len as u64);
}

/// The bytes of an item's head holding `value` (an array's length, or an
/// unsigned number): CBOR's shortest form.
#[inline]
pub(super) fn head_len(value: u64) -> usize {
    match value {
        0..=23 => 1,
        24..=0xFF => 2,
        0x100..=0xFFFF => 3,
        0x1_0000..=0xFFFF_FFFF => 5,
        _ => 9,
    }
}

#[inline]
pub(super) fn uint(out: &mut Vec<u8>, value: u64) {
    head(out, UNSIGNED, value);
}

/// A negative `value` is written as CBOR writes it: `-1 - n` as `n`.
#[inline]
pub(super) fn int(out: &mut Vec<u8>, value: i64) {
    if value < 0 {
        head(out, NEGATIVE, !value as u64);
    } else {
        head(out, UNSIGNED, value as u64);
    }
}

#[inline]
pub(super) fn text(out: &mut Vec<u8>, value: &str) {
    head(out, TEXT, value.len() as u64);
    out.extend_from_slice(value.as_bytes());
}

/// An array of integers.
#[inline]
pub(super) fn ints(out: &mut Vec<u8>, values: &[i32]) {
    // Most take one or two bytes.
    out.reserve(values.len() * 2 + 5);
    array(out, values.len());
    for &value in values {
        int(out, i64::from(value));
    }
}

/// A decoded item, for reading index files back.
#[cfg(test)]
#[derive(Debug, Clone, PartialEq)]
pub(super) enum Item {
    Int(i64),
    Text(String),
    Array(Vec<Item>),
}

#[cfg(test)]
impl Item {
    pub fn as_int(&self) -> Option<i64> {
        match self {
            Item::Int(value) => Some(*value),
            _ => None,
        }
    }

    pub fn as_text(&self) -> Option<&str> {
        match self {
            Item::Text(text) => Some(text),
            _ => None,
        }
    }

    pub fn as_array(&self) -> Option<&[Item]> {
        match self {
            Item::Array(items) => Some(items),
            _ => None,
        }
    }
}

/// Reads items written by this module. A read that finds something else
/// (or the end) returns `None` and leaves the position where it was.
pub(super) struct Reader<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes, at: 0 }
    }

    #[cfg(test)]
    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// How many bytes have been read.
    pub fn position(&self) -> usize {
        self.at
    }

    /// The head that starts here, its major type and value, and where it
    /// ends.
    #[inline]
    fn head(&self) -> Option<(u8, u64, usize)> {
        let first = *self.bytes.get(self.at)?;
        let (major, info) = (first >> 5, first & 0x1F);
        let at = self.at + 1;
        let width = match info {
            0..=23 => return Some((major, u64::from(info), at)),
            24 => 1,
            25 => 2,
            26 => 4,
            27 => 8,
            _ => return None,
        };
        let bytes = self.bytes.get(at..at + width)?;
        let value = bytes
            .iter()
            .fold(0u64, |value, &byte| value << 8 | u64::from(byte));
        Some((major, value, at + width))
    }

    /// The next integer, `None` at the end or at anything else.
    #[inline]
    pub fn int(&mut self) -> Option<i64> {
        let (major, value, end) = self.head()?;
        let value = i64::try_from(value).ok()?;
        let value = match major {
            UNSIGNED => value,
            NEGATIVE => -1 - value,
            _ => return None,
        };
        self.at = end;
        Some(value)
    }

    /// The length of the array that starts here.
    #[inline]
    pub fn array(&mut self) -> Option<usize> {
        match self.head()? {
            (ARRAY, len, end) => {
                self.at = end;
                usize::try_from(len).ok()
            }
            _ => None,
        }
    }

    /// The text string that starts here.
    #[cfg(test)]
    fn text(&mut self) -> Option<&'a str> {
        let (TEXT, len, end) = self.head()? else {
            return None;
        };
        let bytes = self.bytes.get(end..end + usize::try_from(len).ok()?)?;
        let text = std::str::from_utf8(bytes).ok()?;
        self.at = end + bytes.len();
        Some(text)
    }

    #[cfg(test)]
    pub fn item(&mut self) -> Option<Item> {
        match self.head()?.0 {
            TEXT => self.text().map(|text| Item::Text(text.to_string())),
            ARRAY => {
                let len = self.array()?;
                (0..len)
                    .map(|_| self.item())
                    .collect::<Option<_>>()
                    .map(Item::Array)
            }
            _ => self.int().map(Item::Int),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn heads_take_the_shortest_form() {
        let mut out = Vec::new();
        uint(&mut out, 23);
        uint(&mut out, 24);
        uint(&mut out, 256);
        int(&mut out, -1);
        int(&mut out, -25);
        int(&mut out, -26);
        uint(&mut out, 70_000);
        assert_eq!(
            out,
            [0x17, 0x18, 24, 0x19, 1, 0, 0x20, 0x38, 24, 0x38, 25, 0x1a, 0, 1, 0x11, 0x70]
        );
    }

    #[test]
    fn items_read_back() {
        let mut out = Vec::new();
        array(&mut out, 3);
        text(&mut out, "café");
        ints(&mut out, &[-25, 3, 1000]);
        uint(&mut out, u64::from(u32::MAX) + 1);
        let item = Reader::new(&out).item().expect("an item");
        assert_eq!(
            item,
            Item::Array(vec![
                Item::Text("café".into()),
                Item::Array(vec![Item::Int(-25), Item::Int(3), Item::Int(1000)]),
                Item::Int(i64::from(u32::MAX) + 1),
            ])
        );
    }

    /// Every form of head, at the edges of each width, as `minicbor`
    /// writes and reads it.
    #[test]
    fn every_form_matches_minicbor() {
        let edges: [i64; 14] = [
            0,
            23,
            24,
            255,
            256,
            65_535,
            65_536,
            i64::from(u32::MAX),
            i64::from(u32::MAX) + 1,
            i64::MAX,
            -1,
            -24,
            -25,
            -(i64::from(u32::MAX)) - 2,
        ];
        for value in edges {
            let mut ours = Vec::new();
            int(&mut ours, value);
            let mut theirs = Vec::new();
            minicbor::Encoder::new(&mut theirs)
                .i64(value)
                .expect("writing to a Vec");
            assert_eq!(ours, theirs, "{value}");
            assert_eq!(Reader::new(&ours).int(), Some(value), "{value}");
            assert_eq!(Decoder::new(&ours).i64().ok(), Some(value), "{value}");
            if let Ok(len) = usize::try_from(value) {
                let mut ours = Vec::new();
                array(&mut ours, len);
                let mut theirs = Vec::new();
                minicbor::Encoder::new(&mut theirs)
                    .array(len as u64)
                    .expect("writing to a Vec");
                assert_eq!(ours, theirs, "array of {len}");
                assert_eq!(head_len(len as u64), ours.len(), "array of {len}");
                assert_eq!(Reader::new(&ours).array(), Some(len), "array of {len}");
            }
        }
        let mut ours = Vec::new();
        text(&mut ours, &"é".repeat(20));
        let mut theirs = Vec::new();
        minicbor::Encoder::new(&mut theirs)
            .str(&"é".repeat(20))
            .expect("writing to a Vec");
        assert_eq!(ours, theirs);
    }

    #[test]
    fn a_read_of_the_wrong_kind_reads_nothing() {
        let mut out = Vec::new();
        text(&mut out, "word");
        ints(&mut out, &[7]);
        let mut reader = Reader::new(&out);
        assert_eq!(reader.int(), None);
        assert_eq!(reader.array(), None);
        assert_eq!(reader.position(), 0);
        assert_eq!(reader.item(), Some(Item::Text("word".into())));
        assert_eq!(reader.int(), None);
        assert_eq!(reader.array(), Some(1));
        assert_eq!(reader.int(), Some(7));
        assert!(reader.is_done());
        assert_eq!(reader.int(), None);
    }
}
