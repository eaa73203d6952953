//! Per-call overhead of `Client::execute` + `RawResponse::json` against the same call made
//! by hand with `reqwest` (same client settings, same headers, same serde_json decode), both
//! against one loopback keep-alive server in the same run.
//!
//! `cargo bench -p cpaas-runtime --bench overhead` prints criterion's numbers, then an
//! interleaved A/B measurement and the ratio cpaas/reqwest.

#[path = "../tests/support/mod.rs"]
mod support;

use std::hint::black_box;
use std::time::{Duration, Instant};

use cpaas_runtime::http::Method;
use cpaas_runtime::{ApiInfo, Auth, Client, Request, RetryPolicy};
use criterion::Criterion;
use serde::Deserialize;
use support::{MockServer, Reply};

static API: ApiInfo = ApiInfo {
    provider: "bench",
    api: "loopback",
    base_url: "http://127.0.0.1:1",
    server_variables: &[],
};

const BODY: &str = r#"{"sid": "SK0123456789abcdef0123456789abcdef", "friendly_name": "bench key",
"date_created": "Mon, 22 Nov 2026 10:00:00 +0000", "date_updated": "Mon, 22 Nov 2026 10:00:00 +0000",
"account_sid": "AC0123456789abcdef0123456789abcdef", "permissions": ["voice", "sms"], "ttl": 3600}"#;

#[derive(Debug, Deserialize)]
#[allow(dead_code)]
struct Key {
    sid: String,
    friendly_name: String,
    date_created: String,
    date_updated: String,
    account_sid: String,
    permissions: Vec<String>,
    ttl: u32,
}

const TOKEN: &str = "bench-token";

struct Fixture {
    cpaas: Client,
    raw: reqwest::Client,
    url: String,
    _server: MockServer,
}

impl Fixture {
    async fn new() -> Self {
        let server = MockServer::repeating_unrecorded(Reply::json(200, BODY)).await;
        let cpaas = Client::builder(&API)
            .base_url(server.url())
            .auth(Auth::Bearer(TOKEN.into()))
            .retry_policy(RetryPolicy::default())
            .build()
            .expect("client");
        // The settings cpaas-runtime gives its own reqwest client.
        let raw = reqwest::Client::builder()
            .connect_timeout(cpaas_runtime::DEFAULT_CONNECT_TIMEOUT)
            .redirect(reqwest::redirect::Policy::none())
            .build()
            .expect("reqwest client");
        let url = format!("{}/Accounts/AC01/Keys/SK01.json", server.url());
        Fixture {
            cpaas,
            raw,
            url,
            _server: server,
        }
    }

    async fn via_cpaas(&self) -> Key {
        let req = Request::new(
            "FetchKey",
            Method::GET,
            "/Accounts/{AccountSid}/Keys/{Sid}.json",
            "/Accounts/AC01/Keys/SK01.json".to_owned(),
        );
        let resp = self.cpaas.execute::<()>(req).await.expect("execute");
        resp.json::<Key, ()>().expect("decode").into_inner()
    }

    async fn via_reqwest(&self) -> Key {
        let resp = self
            .raw
            .get(&self.url)
            .header(reqwest::header::ACCEPT, "application/json")
            .header(
                reqwest::header::USER_AGENT,
                cpaas_runtime::DEFAULT_USER_AGENT,
            )
            .bearer_auth(TOKEN)
            .timeout(cpaas_runtime::DEFAULT_TIMEOUT)
            .send()
            .await
            .expect("send");
        let body = resp.bytes().await.expect("body");
        serde_json::from_slice::<Key>(&body).expect("decode")
    }
}

fn criterion_benches(c: &mut Criterion, rt: &tokio::runtime::Runtime, fx: &Fixture) {
    let mut group = c.benchmark_group("loopback_get_json");
    group.bench_function("reqwest_by_hand", |b| {
        b.to_async(rt)
            .iter(|| async { black_box(fx.via_reqwest().await) })
    });
    group.bench_function("cpaas_execute_json", |b| {
        b.to_async(rt)
            .iter(|| async { black_box(fx.via_cpaas().await) })
    });
    group.finish();
}

/// Alternating blocks of calls, so drift and neighbours' load hit both sides alike; the
/// result is the median of the per-round ratios.
fn interleaved(
    rt: &tokio::runtime::Runtime,
    fx: &Fixture,
    rounds: usize,
    calls: usize,
) -> (f64, f64, f64) {
    rt.block_on(async {
        let mut ratios = Vec::with_capacity(rounds);
        let (mut total_a, mut total_b) = (Duration::ZERO, Duration::ZERO);
        for round in 0..rounds {
            let time = |cpaas: bool| async move {
                let t = Instant::now();
                for _ in 0..calls {
                    if cpaas {
                        black_box(fx.via_cpaas().await);
                    } else {
                        black_box(fx.via_reqwest().await);
                    }
                }
                t.elapsed()
            };
            // Alternate which side goes first.
            let (a, b) = if round % 2 == 0 {
                let a = time(false).await;
                (a, time(true).await)
            } else {
                let b = time(true).await;
                (time(false).await, b)
            };
            total_a += a;
            total_b += b;
            ratios.push(b.as_secs_f64() / a.as_secs_f64());
        }
        ratios.sort_by(f64::total_cmp);
        let per_call = |d: Duration| d.as_secs_f64() * 1e6 / (rounds * calls) as f64;
        (
            per_call(total_a),
            per_call(total_b),
            ratios[ratios.len() / 2],
        )
    })
}

/// Single calls strictly alternating A, B, A, B …; each call timed. The medians of the two
/// samples resist the load spikes of a shared machine better than block totals.
fn alternating_medians(rt: &tokio::runtime::Runtime, fx: &Fixture, pairs: usize) -> (f64, f64) {
    rt.block_on(async {
        let mut a = Vec::with_capacity(pairs);
        let mut b = Vec::with_capacity(pairs);
        for i in 0..pairs {
            let order = if i % 2 == 0 {
                [false, true]
            } else {
                [true, false]
            };
            for cpaas in order {
                let t = Instant::now();
                if cpaas {
                    black_box(fx.via_cpaas().await);
                    b.push(t.elapsed());
                } else {
                    black_box(fx.via_reqwest().await);
                    a.push(t.elapsed());
                }
            }
        }
        let median = |v: &mut Vec<Duration>| {
            v.sort();
            v[v.len() / 2].as_secs_f64() * 1e6
        };
        (median(&mut a), median(&mut b))
    })
}

fn main() {
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .expect("runtime");
    let fx = rt.block_on(Fixture::new());
    // Warm both connections up.
    rt.block_on(async {
        fx.via_reqwest().await;
        fx.via_cpaas().await;
    });

    let mut c = Criterion::default()
        .warm_up_time(Duration::from_secs(1))
        .measurement_time(Duration::from_secs(3))
        .configure_from_args();
    criterion_benches(&mut c, &rt, &fx);
    c.final_summary();

    // Only in `cargo bench` (not in `cargo test --benches`, which passes no --bench).
    if std::env::args().any(|a| a == "--bench") {
        let (a, b, ratio) = interleaved(&rt, &fx, 100, 100);
        println!("interleaved A/B, 100 rounds x 100 calls:");
        println!("  reqwest by hand:           {a:8.2} µs/call");
        println!("  cpaas execute + json():    {b:8.2} µs/call");
        println!(
            "  ratio cpaas / reqwest:     {ratio:.4} (median of rounds; {:+.2}%)",
            (ratio - 1.0) * 100.0
        );
        let (a, b) = alternating_medians(&rt, &fx, 10_000);
        println!("alternating single calls, 10000 pairs, median per call:");
        println!("  reqwest by hand:           {a:8.2} µs/call");
        println!("  cpaas execute + json():    {b:8.2} µs/call");
        println!(
            "  ratio cpaas / reqwest:     {:.4} ({:+.2}%)",
            b / a,
            (b / a - 1.0) * 100.0
        );
    }
}
