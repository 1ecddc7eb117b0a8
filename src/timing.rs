//! Stage timings for profiling a build: set `HEARTH_TIMINGS=1` and each
//! stage prints how long it took to standard error. Off by default, and
//! costs one check of a flag per stage when off.

use std::sync::OnceLock;
use std::time::Instant;

fn is_on() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("HEARTH_TIMINGS").is_some_and(|v| v != "0"))
}

/// Times the stages of one piece of work.
pub struct Stopwatch {
    name: &'static str,
    start: Instant,
    last: Instant,
}

impl Stopwatch {
    /// Starts timing `name`.
    pub fn start(name: &'static str) -> Self {
        let now = Instant::now();
        Stopwatch {
            name,
            start: now,
            last: now,
        }
    }

    /// Reports the time since the last lap as `stage`.
    pub fn lap(&mut self, stage: &str) {
        let now = Instant::now();
        if is_on() {
            eprintln!(
                "timing {}/{stage}: {:.1} ms, resident {} MiB",
                self.name,
                (now - self.last).as_secs_f64() * 1000.0,
                resident_mib()
            );
        }
        self.last = now;
    }
}

impl Drop for Stopwatch {
    fn drop(&mut self) {
        if is_on() {
            eprintln!(
                "timing {} total: {:.1} ms",
                self.name,
                self.start.elapsed().as_secs_f64() * 1000.0
            );
        }
    }
}

/// The memory the process holds now, in MiB (0 where unknown).
fn resident_mib() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|text| text.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}
