//! A scriptable HTTP/1.1 server on raw tokio sockets, for loopback tests of the runtime.
//!
//! It binds 127.0.0.1:0, records every request (method, target, headers, body bytes,
//! arrival time) and answers each with the next [`Action`] of its script. Everything it
//! does is bounded: header and body sizes, idle connections (10 s), and it stops (every
//! task aborted) when dropped.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::{JoinHandle, JoinSet};

const MAX_HEAD: usize = 64 * 1024;
const MAX_BODY: usize = 64 * 1024 * 1024;
const IDLE: Duration = Duration::from_secs(10);

/// One request as the server read it.
#[derive(Debug, Clone)]
pub struct Recorded {
    pub method: String,
    /// The request target: path and query, exactly as sent.
    pub target: String,
    /// Header names lower-cased, values as sent, in order.
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
    pub at: Instant,
}

impl Recorded {
    /// The value of header `name` (case-insensitive), which must have been sent at most once:
    /// a duplicated header (two `Authorization`s, two `Content-Type`s) fails the test here, so
    /// no assertion on a header can pass by reading only its first copy.
    pub fn header(&self, name: &str) -> Option<&str> {
        match self.headers_all(name)[..] {
            [] => None,
            [v] => Some(v),
            ref vs => panic!("header `{name}` sent {} times: {vs:?}", vs.len()),
        }
    }

    /// Every value of header `name` (case-insensitive), in the order sent.
    pub fn headers_all(&self, name: &str) -> Vec<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .filter(|(n, _)| *n == name)
            .map(|(_, v)| v.as_str())
            .collect()
    }

    /// The target without its query.
    pub fn path(&self) -> &str {
        self.target.split('?').next().unwrap_or("")
    }

    /// The query string, if any.
    pub fn query(&self) -> Option<&str> {
        self.target.split_once('?').map(|(_, q)| q)
    }

    pub fn body_str(&self) -> &str {
        std::str::from_utf8(&self.body).unwrap_or("<binary>")
    }
}

/// A response.
#[derive(Debug, Clone)]
pub struct Reply {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl Reply {
    pub fn new(status: u16) -> Self {
        Reply {
            status,
            headers: Vec::new(),
            body: Vec::new(),
        }
    }

    pub fn json(status: u16, body: impl Into<Vec<u8>>) -> Self {
        Reply::new(status)
            .header("Content-Type", "application/json")
            .body(body)
    }

    pub fn header(mut self, name: &str, value: &str) -> Self {
        self.headers.push((name.to_owned(), value.to_owned()));
        self
    }

    pub fn body(mut self, body: impl Into<Vec<u8>>) -> Self {
        self.body = body.into();
        self
    }
}

/// What the server does with one request.
#[derive(Debug, Clone)]
pub enum Action {
    /// Answer at once.
    Respond(Reply),
    /// Answer after a delay (the client may give up first).
    RespondAfter(Duration, Reply),
    /// Answer with `Transfer-Encoding: chunked` (1 KiB chunks, no Content-Length).
    RespondChunked(Reply),
    /// Read the request, then close the connection without answering.
    CloseAfterRead,
    /// Send the status line and headers with `Content-Length: declared_len`, then only
    /// `body` (shorter), then close.
    Truncated {
        status: u16,
        declared_len: usize,
        body: Vec<u8>,
    },
    /// Like `Truncated`, but wait `stall` before closing (a body that stops arriving).
    Stall {
        status: u16,
        declared_len: usize,
        body: Vec<u8>,
        stall: Duration,
    },
}

impl From<Reply> for Action {
    fn from(r: Reply) -> Self {
        Action::Respond(r)
    }
}

struct Shared {
    script: Mutex<VecDeque<Action>>,
    /// Used once the script is exhausted.
    fallback: Action,
    /// Whether requests are kept (off for benchmarks).
    record: bool,
    log: Mutex<Vec<Recorded>>,
}

/// The running server; stops when dropped.
pub struct MockServer {
    addr: SocketAddr,
    shared: Arc<Shared>,
    task: JoinHandle<()>,
}

impl Drop for MockServer {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl MockServer {
    /// Answers requests with `script` in order, then with 500 "script exhausted".
    pub async fn start(script: Vec<Action>) -> Self {
        let fallback = Action::Respond(Reply::new(500).body("script exhausted"));
        Self::with(script, fallback, true).await
    }

    /// Answers every request with `action`.
    pub async fn repeating(action: impl Into<Action>) -> Self {
        Self::with(Vec::new(), action.into(), true).await
    }

    /// Like [`repeating`](Self::repeating) but keeps no log (for benchmarks).
    pub async fn repeating_unrecorded(action: impl Into<Action>) -> Self {
        Self::with(Vec::new(), action.into(), false).await
    }

    async fn with(script: Vec<Action>, fallback: Action, record: bool) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0")
            .await
            .expect("bind loopback");
        let addr = listener.local_addr().expect("local addr");
        let shared = Arc::new(Shared {
            script: Mutex::new(script.into()),
            fallback,
            record,
            log: Mutex::new(Vec::new()),
        });
        let s = shared.clone();
        let task = tokio::spawn(async move {
            // Dropping this set (when the task is aborted) aborts every connection task.
            let mut connections = JoinSet::new();
            loop {
                tokio::select! {
                    accepted = listener.accept() => {
                        let Ok((stream, _)) = accepted else { continue };
                        connections.spawn(serve(stream, s.clone()));
                    }
                    Some(_) = connections.join_next(), if !connections.is_empty() => {}
                }
            }
        });
        MockServer { addr, shared, task }
    }

    /// `http://127.0.0.1:<port>`.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.log.lock().unwrap().clone()
    }

    pub fn count(&self) -> usize {
        self.shared.log.lock().unwrap().len()
    }
}

async fn serve(mut stream: TcpStream, shared: Arc<Shared>) {
    let _ = stream.set_nodelay(true);
    let mut buf: Vec<u8> = Vec::with_capacity(8192);
    loop {
        let Some(request) = read_request(&mut stream, &mut buf).await else {
            return;
        };
        let keep_alive = !request
            .header("connection")
            .is_some_and(|v| v.eq_ignore_ascii_case("close"));
        if shared.record {
            shared.log.lock().unwrap().push(request);
        }
        let action = shared
            .script
            .lock()
            .unwrap()
            .pop_front()
            .unwrap_or_else(|| shared.fallback.clone());
        let ok = match action {
            Action::Respond(reply) => write_reply(&mut stream, &reply, keep_alive).await,
            Action::RespondAfter(delay, reply) => {
                tokio::time::sleep(delay).await;
                write_reply(&mut stream, &reply, keep_alive).await
            }
            Action::RespondChunked(reply) => write_chunked(&mut stream, &reply).await,
            Action::CloseAfterRead => false,
            Action::Truncated {
                status,
                declared_len,
                body,
            } => {
                send_partial(&mut stream, status, declared_len, &body).await;
                false
            }
            Action::Stall {
                status,
                declared_len,
                body,
                stall,
            } => {
                send_partial(&mut stream, status, declared_len, &body).await;
                tokio::time::sleep(stall).await;
                false
            }
        };
        if !ok || !keep_alive {
            let _ = stream.shutdown().await;
            return;
        }
    }
}

async fn send_partial(stream: &mut TcpStream, status: u16, declared_len: usize, body: &[u8]) {
    let head = format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {declared_len}\r\n\r\n"
    );
    let _ = stream.write_all(head.as_bytes()).await;
    let _ = stream.write_all(body).await;
    let _ = stream.flush().await;
}

async fn write_reply(stream: &mut TcpStream, reply: &Reply, keep_alive: bool) -> bool {
    let mut head = format!("HTTP/1.1 {} X\r\n", reply.status);
    for (n, v) in &reply.headers {
        head.push_str(&format!("{n}: {v}\r\n"));
    }
    head.push_str(&format!("content-length: {}\r\n", reply.body.len()));
    if !keep_alive {
        head.push_str("connection: close\r\n");
    }
    head.push_str("\r\n");
    let mut out = head.into_bytes();
    out.extend_from_slice(&reply.body);
    stream.write_all(&out).await.is_ok() && stream.flush().await.is_ok()
}

async fn write_chunked(stream: &mut TcpStream, reply: &Reply) -> bool {
    let mut out = format!(
        "HTTP/1.1 {} X\r\ntransfer-encoding: chunked\r\n",
        reply.status
    );
    for (n, v) in &reply.headers {
        out.push_str(&format!("{n}: {v}\r\n"));
    }
    out.push_str("\r\n");
    let mut out = out.into_bytes();
    for chunk in reply.body.chunks(1024) {
        out.extend_from_slice(format!("{:x}\r\n", chunk.len()).as_bytes());
        out.extend_from_slice(chunk);
        out.extend_from_slice(b"\r\n");
    }
    out.extend_from_slice(b"0\r\n\r\n");
    stream.write_all(&out).await.is_ok() && stream.flush().await.is_ok()
}

/// Reads one request (head + Content-Length body); `None` on EOF, error, idle timeout or
/// oversize input. Bytes after the request stay in `buf`.
async fn read_request(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<Recorded> {
    let head_end = loop {
        if let Some(i) = find(buf, b"\r\n\r\n") {
            break i;
        }
        if buf.len() > MAX_HEAD {
            return None;
        }
        fill(stream, buf).await?;
    };
    let at = Instant::now();
    let head = std::str::from_utf8(&buf[..head_end]).ok()?.to_owned();
    let mut lines = head.split("\r\n");
    let mut first = lines.next()?.split(' ');
    let method = first.next()?.to_owned();
    let target = first.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_owned()))
        .collect();
    let len: usize = headers
        .iter()
        .find(|(n, _)| n == "content-length")
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    if len > MAX_BODY {
        return None;
    }
    let body_start = head_end + 4;
    while buf.len() < body_start + len {
        fill(stream, buf).await?;
    }
    let body = buf[body_start..body_start + len].to_vec();
    buf.drain(..body_start + len);
    Some(Recorded {
        method,
        target,
        headers,
        body,
        at,
    })
}

async fn fill(stream: &mut TcpStream, buf: &mut Vec<u8>) -> Option<()> {
    let mut chunk = [0u8; 16 * 1024];
    match tokio::time::timeout(IDLE, stream.read(&mut chunk)).await {
        Ok(Ok(n)) if n > 0 => {
            buf.extend_from_slice(&chunk[..n]);
            Some(())
        }
        _ => None,
    }
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A loopback port with nothing listening (bound, then released).
pub async fn refused_port() -> u16 {
    let l = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let port = l.local_addr().expect("addr").port();
    drop(l);
    port
}
