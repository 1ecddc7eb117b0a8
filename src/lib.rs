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

pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod error;
pub mod files;
pub mod images;
pub mod init;
pub mod markdown;
pub mod render;
pub mod search;
pub mod serve;
pub mod session;
pub mod timing;
pub mod yaml;

pub use build::{build_site, BuildOptions, Built};
pub use error::{Diagnostics, Error, ErrorKind, Severity};
