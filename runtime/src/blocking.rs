//! Calling the async clients from synchronous code (feature `blocking`).

use std::future::Future;
use std::sync::OnceLock;

/// Runs `f` to completion on the calling thread and returns its output.
///
/// Uses one lazily created, process-wide tokio runtime with a single worker thread (its
/// I/O and timer drivers run there), so a [`Client`](crate::Client) may be used from any
/// number of threads and keeps its pooled connections alive between calls.
///
/// # Panics
///
/// When called from inside an async runtime (a blocking wait there would stall it; call
/// `.await` instead), or if the OS refuses to start the runtime's thread.
pub fn block_on<F: Future>(f: F) -> F::Output {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    let rt = RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .thread_name("cpaas-runtime-blocking")
            .enable_all()
            .build()
            .unwrap_or_else(|e| {
                panic!("cpaas_runtime::blocking: cannot start a tokio runtime: {e}")
            })
    });
    rt.block_on(f)
}
