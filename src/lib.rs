//! Hearth: a static site generator for public education and charter materials.
//!
//! The pipeline is data flowing one way, a type per stage:
//! `config::load` -> [`content::load`] -> [`content::parse`] ->
//! [`content::assemble`] -> [`images::publish`] -> [`markdown::render`] (per page) ->
//! [`render::render`] -> [`search`] -> [`build::write`]. Only `load`,
//! `images` (source images and their cache) and `write` touch the disk;
//! everything between is pure. (`hearth build`
//! streams: each rendered page is indexed and written as soon as it is
//! made, and the search bundle follows once every page is done.)

pub(crate) mod audit;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub(crate) mod files;
mod html;
pub(crate) mod i18n;
pub mod images;
pub mod import;
pub mod init;
pub mod markdown;
pub mod offline;
pub mod output;
pub mod pipeline;
pub mod render;
pub mod search;
pub mod serve;
pub(crate) mod timing;
pub mod translate;
pub(crate) mod yaml;

pub use error::{Diagnostics, Error, ErrorKind, Severity};
pub use pipeline::{build_site, BuildOptions, Built};
