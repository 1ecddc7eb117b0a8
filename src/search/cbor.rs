//! The few parts of CBOR (RFC 8949) that Pagefind's index files use:
//! unsigned and negative integers, text strings and arrays of known length,
//! each head in its shortest form, as Pagefind writes them with `minicbor`,
//! the encoder used here too. Writing into a `Vec` cannot fail.

#[cfg(test)]
use minicbor::data::Type;
use minicbor::{Decoder, Encoder};

#[inline]
pub(super) fn array(out: &mut Vec<u8>, len: usize) {
    let _ = Encoder::new(out).array(len as u64);
}

/// The bytes of an item's head holding `value` (an array's length, or an
/// unsigned number): CBOR's shortest form.
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
    let _ = Encoder::new(out).u64(value);
}

#[inline]
pub(super) fn int(out: &mut Vec<u8>, value: i64) {
    let _ = Encoder::new(out).i64(value);
}

#[inline]
pub(super) fn text(out: &mut Vec<u8>, value: &str) {
    let _ = Encoder::new(out).str(value);
}

/// An array of integers.
#[inline]
pub(super) fn ints(out: &mut Vec<u8>, values: &[i32]) {
    let mut encoder = Encoder::new(out);
    let _ = encoder.array(values.len() as u64);
    for &value in values {
        let _ = encoder.i32(value);
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

/// Reads items written by this module.
pub(super) struct Reader<'a> {
    decoder: Decoder<'a>,
}

impl<'a> Reader<'a> {
    pub fn new(bytes: &'a [u8]) -> Self {
        Reader {
            decoder: Decoder::new(bytes),
        }
    }

    #[cfg(test)]
    pub fn is_done(&self) -> bool {
        self.decoder.position() >= self.decoder.input().len()
    }

    /// How many bytes have been read.
    pub fn position(&self) -> usize {
        self.decoder.position()
    }

    /// The next integer, `None` at the end or at anything else.
    pub fn int(&mut self) -> Option<i64> {
        self.decoder.i64().ok()
    }

    /// The length of the array that starts here.
    pub fn array(&mut self) -> Option<usize> {
        let len = self.decoder.array().ok()??;
        usize::try_from(len).ok()
    }

    #[cfg(test)]
    pub fn item(&mut self) -> Option<Item> {
        match self.decoder.datatype().ok()? {
            Type::String => Some(Item::Text(self.decoder.str().ok()?.to_string())),
            Type::Array => {
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
}
