//! Live reload over Server-Sent Events.
//!
//! Every page the preview server sends carries [`SCRIPT`], which listens on
//! `/__hearth/events`. After a good build the browser reloads, keeping its
//! scroll position, or swaps its stylesheets when only CSS changed. After a
//! failed build it shows the same errors as the command line in an overlay,
//! over the last good page, until the next good build. The script is added
//! when the server answers; it is never written into built output.

use std::io::Write;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::sync::Mutex;
use std::time::Duration;

/// Where the browser listens.
pub const EVENTS_PATH: &str = "/__hearth/events";

/// What the browser is told.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Message {
    /// Reload the page.
    Reload,
    /// Fetch the stylesheets again.
    Css,
    /// The build failed: show this report.
    Errors(String),
    /// The build is good again: clear the overlay.
    Ok,
}

impl Message {
    /// The message as an SSE event.
    pub fn event(&self) -> String {
        match self {
            Message::Reload => "event: reload\ndata: reload\n\n".to_string(),
            Message::Css => "event: css\ndata: css\n\n".to_string(),
            Message::Ok => "event: ok\ndata: ok\n\n".to_string(),
            Message::Errors(report) => {
                let data = serde_json::json!({ "report": report }).to_string();
                format!("event: errors\ndata: {data}\n\n")
            }
        }
    }
}

/// The browsers listening for changes.
#[derive(Debug, Default)]
pub struct Hub {
    clients: Mutex<Vec<Sender<Message>>>,
}

impl Hub {
    /// Adds a listener; it is dropped when its connection fails.
    pub fn subscribe(&self) -> Receiver<Message> {
        let (sender, receiver) = channel();
        self.lock().push(sender);
        receiver
    }

    /// Tells every listener.
    pub fn broadcast(&self, message: &Message) {
        self.lock()
            .retain(|client| client.send(message.clone()).is_ok());
    }

    /// How many listeners there are.
    pub fn count(&self) -> usize {
        self.lock().len()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Vec<Sender<Message>>> {
        self.clients
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

/// Streams messages to one browser until it goes away.
pub fn stream(mut writer: Box<dyn Write + Send>, first: Message, messages: Receiver<Message>) {
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream\r\nCache-Control: no-store\r\nConnection: keep-alive\r\n\r\n";
    if write!(writer, "{head}retry: 500\n\n{}", first.event())
        .and_then(|_| writer.flush())
        .is_err()
    {
        return;
    }
    loop {
        let text = match messages.recv_timeout(Duration::from_secs(15)) {
            Ok(message) => message.event(),
            Err(RecvTimeoutError::Timeout) => ": still here\n\n".to_string(),
            Err(RecvTimeoutError::Disconnected) => return,
        };
        if writer
            .write_all(text.as_bytes())
            .and_then(|_| writer.flush())
            .is_err()
        {
            return;
        }
    }
}

/// The id of the report on the page shown while no build has succeeded;
/// the script writes new reports there rather than in an overlay.
pub const REPORT_ID: &str = "hearth-report";

/// The script added to every HTML page the preview server sends, with the
/// overlay's words in each language of the built-in catalogues.
pub fn script() -> &'static str {
    static MADE: std::sync::OnceLock<String> = std::sync::OnceLock::new();
    MADE.get_or_init(|| SCRIPT.replace("OVERLAY_WORDS", &overlay_words()))
}

/// `{"en": {"title": ..., "help": ...}, "cy": {...}}`: the overlay's words
/// by primary language subtag, from the theme's built-in catalogues.
fn overlay_words() -> String {
    let sources = crate::render::theme::built_in_catalogues();
    let codes: Vec<String> = sources.iter().map(|s| s.language.clone()).collect();
    let languages: Vec<&str> = codes.iter().map(String::as_str).collect();
    let mut table = serde_json::Map::new();
    if let Ok(catalogues) = crate::i18n::load(&sources, "en", &languages) {
        for code in &languages {
            let words = catalogues.translator(code);
            let text = |key: &str| words.text(key, &[]).unwrap_or_default();
            let entry = serde_json::json!({
                "title": text("overlay-title"),
                "help": text("overlay-help"),
            });
            table.insert((*code).to_string(), entry);
        }
    }
    serde_json::Value::Object(table).to_string()
}

/// The script, with `OVERLAY_WORDS` standing for the table of words.
const SCRIPT: &str = r#"<script>
(() => {
  const key = "hearth-scroll:" + location.pathname;
  window.addEventListener("load", () => {
    const saved = sessionStorage.getItem(key);
    if (saved !== null) { sessionStorage.removeItem(key); window.scrollTo(0, Number(saved)); }
  });
  const table = OVERLAY_WORDS;
  const language = (document.documentElement.lang || "en").split("-")[0].toLowerCase();
  const words = table[language] || table.en || { title: "Hearth could not build the site", help: "" };
  const hide = () => { const old = document.getElementById("hearth-overlay"); if (old) old.remove(); };
  const show = (report) => {
    const page = document.getElementById("hearth-report");
    if (page) { page.textContent = report; return; }
    hide();
    const box = document.createElement("div");
    box.id = "hearth-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-labelledby", "hearth-overlay-title");
    box.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(20,20,20,.92);color:#fff;padding:2rem;font:16px/1.5 system-ui,sans-serif";
    const title = document.createElement("h2");
    title.id = "hearth-overlay-title";
    title.textContent = words.title;
    const help = document.createElement("p");
    help.textContent = words.help;
    const pre = document.createElement("pre");
    pre.style.cssText = "white-space:pre-wrap;background:#000;color:#fff;padding:1rem;font:14px/1.4 ui-monospace,monospace";
    pre.textContent = report;
    box.append(title, help, pre);
    document.body.append(box);
  };
  const source = new EventSource("/__hearth/events");
  source.addEventListener("reload", () => { sessionStorage.setItem(key, String(window.scrollY)); location.reload(); });
  source.addEventListener("css", () => {
    for (const link of document.querySelectorAll('link[rel="stylesheet"]')) {
      const url = new URL(link.href);
      url.searchParams.set("hearth-reload", String(Date.now()));
      link.href = url.toString();
    }
  });
  source.addEventListener("errors", (event) => show(JSON.parse(event.data).report));
  source.addEventListener("ok", hide);
})();
</script>
"#;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_reports_travel_as_one_json_line() {
        let event = Message::Errors("a.md:1:1: error: <b>\nnext".into()).event();
        assert_eq!(
            event,
            "event: errors\ndata: {\"report\":\"a.md:1:1: error: <b>\\nnext\"}\n\n"
        );
    }

    #[test]
    fn the_script_writes_reports_where_the_no_build_page_holds_them() {
        assert!(script().contains(&format!("getElementById(\"{REPORT_ID}\")")));
    }

    #[test]
    fn the_overlay_speaks_each_language_of_the_built_in_catalogues() {
        let script = script();
        assert!(!script.contains("OVERLAY_WORDS"));
        assert!(script.contains("\"Hearth could not build the site\""));
        assert!(script.contains("\"Ni allai Hearth adeiladu'r wefan\""));
    }

    #[test]
    fn hub_drops_listeners_that_went_away() {
        let hub = Hub::default();
        let kept = hub.subscribe();
        drop(hub.subscribe());
        hub.broadcast(&Message::Reload);
        assert_eq!(hub.count(), 1);
        assert_eq!(kept.recv().unwrap(), Message::Reload);
    }
}
