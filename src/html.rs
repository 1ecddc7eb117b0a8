//! HTML as Hearth reads it back: a streaming tokenizer (`tokenizer`) that
//! splits markup into tags and text the way the search index's reader
//! does. Part of the ground: `markdown` finds ids and links in raw HTML
//! with it, `check` reads images and languages in it, and `search` reads
//! whole pages with it.

mod tokenizer;

pub(crate) use tokenizer::{attribute, is_void, tokenize, Attribute, Namespace, Token};
