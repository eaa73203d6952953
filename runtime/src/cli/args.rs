//! [`Args`]: the `--flag value` pairs of one command line, remembering which were read.

use std::sync::atomic::{AtomicBool, Ordering};

/// Parsed `--flag value` pairs of one subcommand, remembering which flags were read so the
/// CLI can reject unknown ones ([`Args::unused`]).
#[derive(Debug, Default)]
pub struct Args {
    pairs: Vec<(String, String, AtomicBool)>,
}

impl From<Vec<(String, String)>> for Args {
    fn from(pairs: Vec<(String, String)>) -> Self {
        Args::new(pairs)
    }
}

impl Args {
    /// From `(flag name without --, in kebab-case; value)` pairs, in command-line order.
    pub fn new(pairs: Vec<(String, String)>) -> Self {
        Args {
            pairs: pairs
                .into_iter()
                .map(|(k, v)| (k, v, AtomicBool::new(false)))
                .collect(),
        }
    }

    /// The value of `flag`; when given several times, the last one.
    pub fn get(&self, flag: &str) -> Option<&str> {
        let mut found = None;
        for (k, v, used) in &self.pairs {
            if k == flag {
                used.store(true, Ordering::Relaxed);
                found = Some(v.as_str());
            }
        }
        found
    }

    /// Every value of a repeated `flag`, in order.
    pub fn get_all(&self, flag: &str) -> Vec<&str> {
        self.pairs
            .iter()
            .filter(|(k, _, _)| k == flag)
            .map(|(_, v, used)| {
                used.store(true, Ordering::Relaxed);
                v.as_str()
            })
            .collect()
    }

    /// The flags never read by [`get`](Self::get) or [`get_all`](Self::get_all), each once,
    /// in command-line order.
    pub fn unused(&self) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for (k, _, used) in &self.pairs {
            if !used.load(Ordering::Relaxed) && !out.contains(k) {
                out.push(k.clone());
            }
        }
        out
    }
}
