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
pub(crate) struct Stopwatch {
    name: &'static str,
    start: Instant,
    last: Instant,
    last_cpu: f64,
}

impl Stopwatch {
    /// Starts timing `name`.
    pub(crate) fn start(name: &'static str) -> Self {
        let now = Instant::now();
        Stopwatch {
            name,
            start: now,
            last: now,
            last_cpu: if is_on() { processor_ms() } else { 0.0 },
        }
    }

    /// Reports the time since the last lap as `stage`.
    pub(crate) fn lap(&mut self, stage: &str) {
        let now = Instant::now();
        if is_on() {
            let cpu = processor_ms();
            eprintln!(
                "timing {}/{stage}: {:.1} ms, processor {:.0} ms, resident {} MiB",
                self.name,
                (now - self.last).as_secs_f64() * 1000.0,
                cpu - self.last_cpu,
                resident_mib()
            );
            self.last_cpu = cpu;
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

/// The processor time the process has used so far, user and system, in
/// milliseconds (to the kernel's tick, usually 10 ms; 0 where unknown).
fn processor_ms() -> f64 {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|text| {
            // The fields after the command name, which is in parentheses.
            let rest = &text[text.rfind(')')? + 1..];
            let mut fields = rest.split_whitespace().skip(11);
            let user: u64 = fields.next()?.parse().ok()?;
            let system: u64 = fields.next()?.parse().ok()?;
            Some(user + system)
        })
        .unwrap_or(0);
    ticks as f64 * 10.0
}

/// The memory the process holds now, in MiB (0 where unknown).
fn resident_mib() -> u64 {
    let pages = std::fs::read_to_string("/proc/self/statm")
        .ok()
        .and_then(|text| text.split_whitespace().nth(1)?.parse::<u64>().ok())
        .unwrap_or(0);
    pages * 4096 / (1024 * 1024)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    #[cfg(target_os = "linux")]
    fn processor_time_grows_with_work() {
        let start = processor_ms();
        let deadline = Instant::now() + std::time::Duration::from_secs(10);
        let mut sum = 0u64;
        while processor_ms() - start < 50.0 && Instant::now() < deadline {
            for i in 0..100_000u64 {
                sum = std::hint::black_box(sum.wrapping_add(i));
            }
        }
        assert!(
            processor_ms() - start >= 50.0,
            "ten seconds of work counted as {} ms",
            processor_ms() - start
        );
    }
}
