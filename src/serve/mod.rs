//! `hearth serve`: a live preview that rebuilds as authors type.
//!
//! Builds the site in memory with a [`Session`], serves it with tiny_http,
//! watches the site folder, rebuilds only what a change touched, and tells
//! browsers to reload. A broken edit keeps the last good build on screen
//! with the errors over it. The server answers only from the built site in
//! memory (see `http`), binds to loopback unless told otherwise, and stops
//! cleanly on Ctrl-C.

pub mod http;
pub mod reload;
pub mod watch;

use std::collections::BTreeMap;
use std::net::{IpAddr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use chrono::NaiveDate;
use tiny_http::{Header, Method, Request, Response, Server};

use crate::error::{Error, ErrorKind};
use crate::output::OutputFile;
use crate::pipeline::BuildOptions;
use crate::pipeline::{Change, Rebuild, Session};
use reload::{Hub, Message};

/// How to serve.
#[derive(Debug, Clone)]
pub struct ServeOptions {
    /// The site folder.
    pub root: PathBuf,
    /// The port; 0 picks a free one.
    pub port: u16,
    /// The address to listen on.
    pub interface: IpAddr,
    /// Include drafts.
    pub is_drafts: bool,
    /// Open a browser once serving.
    pub is_opening: bool,
    /// Poll for changes instead of native events.
    pub is_polling: bool,
    /// Today, for review dates.
    pub today: NaiveDate,
}

/// What the server answers from: the last good build, and the last errors.
#[derive(Debug, Default)]
pub struct Snapshot {
    /// Files of the last good build.
    pub files: Arc<BTreeMap<String, Arc<OutputFile>>>,
    /// The error report of the last build, when it failed.
    pub report: Option<String>,
}

/// State shared by the request threads and the rebuild loop.
#[derive(Debug, Default)]
pub struct Shared {
    snapshot: RwLock<Arc<Snapshot>>,
    generation: std::sync::atomic::AtomicU64,
    /// Browsers waiting for changes.
    pub hub: Hub,
}

impl Shared {
    /// The current snapshot.
    pub fn snapshot(&self) -> Arc<Snapshot> {
        Arc::clone(&self.snapshot.read().unwrap_or_else(|p| p.into_inner()))
    }

    /// Publishes the result of a build and tells browsers.
    pub fn publish(&self, session: &Session, rebuild: &Rebuild, is_css_only: bool) {
        let report = (!rebuild.is_ok).then(|| rebuild.diagnostics.report());
        let files = if rebuild.is_ok {
            Arc::new(session.files().clone())
        } else {
            self.snapshot().files.clone()
        };
        *self.snapshot.write().unwrap_or_else(|p| p.into_inner()) = Arc::new(Snapshot {
            files,
            report: report.clone(),
        });
        self.generation
            .fetch_add(1, std::sync::atomic::Ordering::SeqCst);
        let message = match report {
            Some(report) => Message::Errors(report),
            None if is_css_only => Message::Css,
            None => Message::Reload,
        };
        self.hub.broadcast(&message);
    }
}

impl Shared {
    /// Adds a search bundle made from generation `generation`'s files, unless
    /// a newer build has been published since.
    fn add_search(&self, generation: u64, bundle: Vec<OutputFile>) {
        let mut slot = self.snapshot.write().unwrap_or_else(|p| p.into_inner());
        if self.generation.load(std::sync::atomic::Ordering::SeqCst) != generation {
            return;
        }
        let prefix = format!("{}/", crate::search::BUNDLE_DIR);
        let mut files: BTreeMap<String, Arc<OutputFile>> = slot
            .files
            .iter()
            .filter(|(path, _)| !path.starts_with(&prefix))
            .map(|(path, file)| (path.clone(), Arc::clone(file)))
            .collect();
        files.extend(
            bundle
                .into_iter()
                .map(|file| (file.path.clone(), Arc::new(file))),
        );
        *slot = Arc::new(Snapshot {
            files: Arc::new(files),
            report: slot.report.clone(),
        });
    }
}

/// Builds the search index of each published build on one background
/// thread, always for the newest build, so an edit is served at once and the
/// index follows within moments. Only the pages a build changed are read
/// again ([`crate::search::Cache`]).
fn search_indexer(shared: Arc<Shared>, base_path: String) -> std::sync::mpsc::Sender<()> {
    let (sender, requests) = std::sync::mpsc::channel::<()>();
    std::thread::spawn(move || {
        // Pages as they were at the last index, so that only the pages a
        // build changed are read again.
        let mut cache = crate::search::Cache::new(&base_path);
        while requests.recv().is_ok() {
            while requests.try_recv().is_ok() {}
            let generation = shared.generation.load(std::sync::atomic::Ordering::SeqCst);
            let snapshot = shared.snapshot();
            match cache.index(snapshot.files.values()) {
                Ok(bundle) => shared.add_search(generation, bundle),
                Err(error) => eprintln!("{error}"),
            }
        }
    });
    sender
}

/// Binds the server: a port in use is a clear error.
///
/// Replies go out without Nagle's delay (`TCP_NODELAY`, which connections
/// take from the listening socket): the HTTP library writes a reply's head
/// and body separately, and with the delay on, the body waited for the
/// client's acknowledgement of the head, up to 40 ms, on a kept-alive
/// connection.
pub fn bind(interface: IpAddr, port: u16) -> Result<(Server, SocketAddr), Error> {
    let address = SocketAddr::new(interface, port);
    let cannot_listen = |e: &dyn std::fmt::Display| {
        Error::new(ErrorKind::Io, address.to_string(), format!("could not listen on {address}: {e}"))
            .with_help("another program may be using this port: pass --port 0 to pick a free one, or stop the other program")
    };
    let listener = std::net::TcpListener::bind(address).map_err(|e| cannot_listen(&e))?;
    socket2::SockRef::from(&listener)
        .set_tcp_nodelay(true)
        .map_err(|e| cannot_listen(&e))?;
    let server = Server::from_listener(listener, None).map_err(|e| cannot_listen(&e))?;
    let bound = server.server_addr().to_ip().ok_or_else(|| {
        Error::new(
            ErrorKind::Io,
            address.to_string(),
            "the server has no IP address",
        )
    })?;
    Ok((server, bound))
}

/// A running preview server.
pub struct Preview {
    /// Where it serves, ending in `/`.
    pub url: String,
    /// What it serves.
    pub shared: Arc<Shared>,
    /// Errors and warnings of the first build.
    pub first: Rebuild,
    server: Arc<Server>,
}

impl Preview {
    /// Stops answering requests.
    pub fn stop(&self) {
        self.server.unblock();
    }
}

/// Builds the site, starts answering requests and watching for changes.
pub fn start(options: &ServeOptions) -> Result<Preview, Error> {
    let (server, address) = bind(options.interface, options.port)?;
    let server = Arc::new(server);
    let url = format!("http://{address}/");
    let mut session = Session::new(BuildOptions {
        root: options.root.clone(),
        base_url: Some(url.clone()),
        is_drafts: options.is_drafts,
        is_strict: false,
        today: options.today,
    })
    .with_search_deferred();
    let first = session.rebuild(&[Change::Everything]);
    let shared = Arc::new(Shared::default());
    shared.publish(&session, &first, false);
    let indexer = session
        .search_base_path()
        .map(|base| search_indexer(Arc::clone(&shared), base));
    if let (Some(indexer), true) = (&indexer, first.is_ok) {
        let _ = indexer.send(());
    }
    let mut watcher = watch::Watcher::start(&options.root, options.is_polling)?;
    for _ in 0..8 {
        let (server, shared) = (Arc::clone(&server), Arc::clone(&shared));
        std::thread::spawn(move || answer_all(&server, &shared));
    }
    let rebuilds = Arc::clone(&shared);
    std::thread::spawn(move || {
        rebuild_loop(&mut session, &mut watcher, &rebuilds, indexer.as_ref())
    });
    Ok(Preview {
        url,
        shared,
        first,
        server,
    })
}

/// Runs the preview server until Ctrl-C.
pub fn run(options: ServeOptions) -> Result<(), Error> {
    let started = Instant::now();
    let stop = stop_signal()?;
    let preview = start(&options)?;
    eprint!("{}", preview.first.diagnostics.report());
    if !options.interface.is_loopback() {
        eprintln!("warning: serving on {}: anyone who can reach this machine can read the site, drafts included", preview.url);
    }
    println!(
        "Serving {} at {} (built in {:.2} s). Press Ctrl-C to stop.",
        options.root.display(),
        preview.url,
        started.elapsed().as_secs_f64()
    );
    if options.is_opening {
        open_browser(&preview.url);
    }
    let _ = stop.recv();
    preview.stop();
    println!("Stopped.");
    Ok(())
}

fn stop_signal() -> Result<std::sync::mpsc::Receiver<()>, Error> {
    let (sender, receiver) = std::sync::mpsc::channel();
    ctrlc::set_handler(move || {
        let _ = sender.send(());
    })
    .map_err(|e| {
        Error::new(
            ErrorKind::Io,
            "hearth serve",
            format!("could not handle Ctrl-C: {e}"),
        )
    })?;
    Ok(receiver)
}

fn rebuild_loop(
    session: &mut Session,
    watcher: &mut watch::Watcher,
    shared: &Shared,
    indexer: Option<&std::sync::mpsc::Sender<()>>,
) {
    let mut missed: Vec<Change> = Vec::new();
    while let Some(batch) = watcher.next_batch() {
        let is_css_only = batch.is_css_only && missed.is_empty();
        let mut changes = std::mem::take(&mut missed);
        changes.extend(batch.changes);
        serve_rebuild(session, shared, indexer, &changes, is_css_only);
        // Off the edit's path, and read with the next change rather than
        // at once: a file found changed may be half written, and the
        // watcher's batch waits until its writes are quiet.
        missed = session.sweep();
    }
}

/// Rebuilds after `changes`, reports how it went, and serves the result.
fn serve_rebuild(
    session: &mut Session,
    shared: &Shared,
    indexer: Option<&std::sync::mpsc::Sender<()>>,
    changes: &[Change],
    is_css_only: bool,
) {
    let started = Instant::now();
    let rebuild = session.rebuild(changes);
    let seconds = started.elapsed().as_secs_f64();
    eprint!("{}", rebuild.diagnostics.report());
    if rebuild.is_ok {
        let changed = rebuild.changed.len();
        let files = if changed == 1 { "file" } else { "files" };
        println!(
            "Rebuilt in {:.0} ms ({changed} {files} changed)",
            seconds * 1000.0
        );
    } else {
        println!("Build failed; still serving the last good build.");
    }
    shared.publish(session, &rebuild, is_css_only);
    if let (Some(indexer), true) = (indexer, rebuild.is_ok) {
        let _ = indexer.send(());
    }
}

fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else if cfg!(windows) {
        "explorer"
    } else {
        "xdg-open"
    };
    if std::process::Command::new(opener).arg(url).spawn().is_err() {
        eprintln!("Could not open a browser; open {url} yourself.");
    }
}

fn answer_all(server: &Server, shared: &Shared) {
    while let Ok(request) = server.recv() {
        answer(request, shared);
    }
}

/// Answers one request.
pub fn answer(request: Request, shared: &Shared) {
    let method = request.method().clone();
    if !matches!(method, Method::Get | Method::Head) {
        let response =
            text(405, "Only GET and HEAD are allowed.\n").with_header(header("Allow", "GET, HEAD"));
        let _ = request.respond(response);
        return;
    }
    if request.url() == reload::EVENTS_PATH {
        let snapshot = shared.snapshot();
        let first = snapshot.report.clone().map_or(Message::Ok, Message::Errors);
        let messages = shared.hub.subscribe();
        let writer = request.into_writer();
        std::thread::spawn(move || reload::stream(writer, first, messages));
        return;
    }
    let response = match http::normalise(request.url()) {
        Err(_) => text(400, "Bad request.\n"),
        Ok(path) => file_response(&shared.snapshot(), &path),
    };
    let _ = request.respond(response);
}

type Reply = Response<std::io::Cursor<Vec<u8>>>;

/// What a redirect's Location must encode: controls, spaces and quotes (and all non-ASCII).
const LOCATION: &percent_encoding::AsciiSet =
    &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'%');

fn file_response(snapshot: &Snapshot, path: &str) -> Reply {
    if let (true, Some(report)) = (snapshot.files.is_empty(), &snapshot.report) {
        return no_build_yet(report);
    }
    match http::find(&snapshot.files, path) {
        http::Found::File(name) => serve_file(snapshot, &name, 200),
        http::Found::Redirect(location) => {
            let encoded = percent_encoding::utf8_percent_encode(&location, LOCATION).to_string();
            text(301, "Moved.\n").with_header(header("Location", &encoded))
        }
        http::Found::Missing if snapshot.files.contains_key("404.html") => {
            serve_file(snapshot, "404.html", 404)
        }
        http::Found::Missing => text(404, "Not found.\n"),
    }
}

fn serve_file(snapshot: &Snapshot, name: &str, status: u16) -> Reply {
    let Some(file) = snapshot.files.get(name) else {
        return text(404, "Not found.\n");
    };
    let bytes = match file.contents.read() {
        Ok(bytes) => bytes.into_owned(),
        Err(_) => return text(404, "Not found.\n"),
    };
    let kind = http::content_type(name);
    let bytes = if kind.starts_with("text/html") {
        http::inject(&bytes, reload::script())
    } else {
        bytes
    };
    Response::from_data(bytes)
        .with_status_code(status)
        .with_header(header("Content-Type", kind))
        .with_header(header("Cache-Control", "no-store"))
        .with_header(header("X-Content-Type-Options", "nosniff"))
}

/// What every address shows while no build has succeeded: the errors,
/// with the reload script, so the page turns into the site by itself once
/// they are fixed.
fn no_build_yet(report: &str) -> Reply {
    let page = format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>Hearth could not build the site</title>\n</head>\n<body>\n<main>\n\
         <h1>Hearth could not build the site</h1>\n\
         <p>There is no good build to show yet. Fix the problems below and save: \
         this page turns into your site by itself.</p>\n\
         <pre id=\"{}\" style=\"white-space:pre-wrap\">{}</pre>\n</main>\n</body>\n</html>\n",
        reload::REPORT_ID,
        crate::markdown::escape_html(report)
    );
    Response::from_data(http::inject(page.as_bytes(), reload::script()))
        .with_status_code(503)
        .with_header(header("Content-Type", "text/html; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn text(status: u16, body: &str) -> Reply {
    Response::from_data(body.as_bytes().to_vec())
        .with_status_code(status)
        .with_header(header("Content-Type", "text/plain; charset=utf-8"))
        .with_header(header("Cache-Control", "no-store"))
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("header names and values here are ASCII")
}
