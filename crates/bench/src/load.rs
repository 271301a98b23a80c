//! The HTTP benchmark's load generator: plain HTTP/1.1 over loopback on hyper's
//! low-level client (one connection per worker, kept alive, no pool, no redirects), so
//! that the client spends as little of the machine's two cores as it can.
//!
//! - **Closed loop** (`closed`): `connections` workers, each sending its next request
//!   as soon as the last is answered — the throughput of the server at that
//!   concurrency.
//! - **Open loop** (`open`): requests fall due on a fixed schedule (`rate` a second)
//!   whatever the answers, each on an idle connection (or a new one, up to a bound);
//!   its latency counts from when it was due, not from when it was sent, so a stall
//!   shows as the whole queue behind it rather than as one slow request (coordinated
//!   omission).
//!
//! Why not wrk or oha: wrk has no open loop, and oha is a crates.io binary that every
//! fresh CI machine would build for minutes; this is a few hundred lines on crates the
//! workspace already has (docs/ARCHITECTURE.md, "Dependencies").

use std::net::SocketAddr;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use anyhow::Context;
use bytes::Bytes;
use http_body_util::{BodyExt, Full};
use hyper::client::conn::http1::SendRequest;
use hyper::{Method, Request};
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// One request to send: what every scenario makes for each call.
#[derive(Clone, Debug)]
pub struct Call {
    pub method: Method,
    pub path: String,
    pub body: Option<Bytes>,
    /// The `If-Match` header (a PATCH's version).
    pub if_match: Option<String>,
}

impl Call {
    pub fn get(path: impl Into<String>) -> Call {
        Call { method: Method::GET, path: path.into(), body: None, if_match: None }
    }

    /// A POST of a JSON body.
    pub fn post(path: impl Into<String>, body: &serde_json::Value) -> Call {
        Call { method: Method::POST, path: path.into(), body: Some(Bytes::from(body.to_string())), if_match: None }
    }

    /// A PATCH of a JSON body to the record's `version`.
    pub fn patch(path: impl Into<String>, body: &serde_json::Value, version: u64) -> Call {
        let body = Some(Bytes::from(body.to_string()));
        Call { method: Method::PATCH, path: path.into(), body, if_match: Some(format!("W/\"{version}\"")) }
    }

    /// Whether it writes (counted apart in a mixed workload).
    fn writes(&self) -> bool {
        self.method != Method::GET
    }
}

/// Where the requests go and how they are signed.
#[derive(Clone)]
pub struct Target {
    /// Where the servers listen: one, or several processes sharing the work (each
    /// connection goes to one of them in turn).
    pub addrs: Vec<SocketAddr>,
    /// The header that signs each request: `authorization: Bearer rpt_…` for the API,
    /// `cookie: rapport_session=…` for the web pages; or none.
    pub credential: Option<(&'static str, String)>,
}

impl Target {
    /// The server connection `n` goes to.
    pub fn addr(&self, n: usize) -> SocketAddr {
        self.addrs[n % self.addrs.len().max(1)]
    }
}

/// Makes the `n`-th call of worker `worker` (closed loop) or of the schedule.
pub type Calls = Arc<dyn Fn(usize, u64) -> Call + Send + Sync>;

/// What a measurement saw: the latency of every answered request (seconds), the
/// requests that failed (an error status, a broken connection), and the time it took.
#[derive(Debug, Default)]
pub struct Outcome {
    pub latencies: Vec<f64>,
    /// The latencies of the writes among them (a mixed workload's).
    pub write_latencies: Vec<f64>,
    /// Requests sent, warm-up included.
    pub sent: u64,
    pub errors: u64,
    /// The first failure's status or error, to say why.
    pub first_error: Option<String>,
    pub seconds: f64,
}

impl Outcome {
    pub fn rate(&self) -> f64 {
        if self.seconds > 0.0 { self.latencies.len() as f64 / self.seconds } else { 0.0 }
    }

    /// The `q` quantile (0.5, 0.99, 0.999) of the latencies, nearest rank, in seconds.
    pub fn quantile(&mut self, q: f64) -> f64 {
        if self.latencies.is_empty() {
            return 0.0;
        }
        self.latencies.sort_by(f64::total_cmp);
        let rank = ((q * self.latencies.len() as f64).ceil() as usize).clamp(1, self.latencies.len());
        self.latencies[rank - 1]
    }

    /// Answered writes a second.
    pub fn write_rate(&self) -> f64 {
        if self.seconds > 0.0 { self.write_latencies.len() as f64 / self.seconds } else { 0.0 }
    }

    fn answered(&mut self, call: &Call, latency: f64) {
        self.latencies.push(latency);
        if call.writes() {
            self.write_latencies.push(latency);
        }
    }

    fn absorb(&mut self, other: Outcome) {
        self.latencies.extend(other.latencies);
        self.write_latencies.extend(other.write_latencies);
        self.sent += other.sent;
        self.errors += other.errors;
        if self.first_error.is_none() {
            self.first_error = other.first_error;
        }
    }

    fn failed(&mut self, why: String) {
        self.errors += 1;
        self.first_error.get_or_insert(why);
    }
}

type Sender = SendRequest<Full<Bytes>>;

async fn connect(addr: SocketAddr) -> anyhow::Result<Sender> {
    let stream = TcpStream::connect(addr).await.with_context(|| format!("could not connect to {addr}"))?;
    stream.set_nodelay(true)?;
    let (sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream)).await?;
    tokio::spawn(connection);
    Ok(sender)
}

/// The body of one GET on a connection of its own (`/metrics`, say).
pub async fn fetch(target: &Target, path: &str) -> anyhow::Result<String> {
    let mut sender = connect(target.addr(0)).await?;
    send(&mut sender, target, &Call::get(path)).await.map_err(anyhow::Error::msg)
}

/// Signs in through `POST /auth/login` as a browser would, and answers the session
/// cookie (`name=value`).
pub async fn sign_in(addr: SocketAddr, email: &str, password: &str) -> anyhow::Result<String> {
    let mut sender = connect(addr).await?;
    let body = serde_json::json!({"email": email, "password": password}).to_string();
    let request = Request::builder()
        .method(Method::POST)
        .uri("/auth/login")
        .header("host", "bench")
        .header("origin", "http://bench")
        .header("content-type", "application/json")
        .body(Full::new(Bytes::from(body)))?;
    let response = sender.send_request(request).await?;
    let cookie = response
        .headers()
        .get_all("set-cookie")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .find(|v| v.contains("rapport_session="))
        .and_then(|v| v.split(';').next())
        .map(str::to_owned);
    let status = response.status();
    cookie.with_context(|| format!("signing in as {email} answered {status} without a session cookie"))
}

/// Sends one call and reads its whole answer (the body, as text); `Err` names what
/// went wrong.
async fn send(sender: &mut Sender, target: &Target, call: &Call) -> Result<String, String> {
    let mut request = Request::builder().method(call.method.clone()).uri(call.path.as_str()).header("host", "bench");
    if let Some((name, value)) = &target.credential {
        request = request.header(*name, value);
    }
    if call.body.is_some() {
        request = request.header("content-type", "application/json");
    }
    if let Some(version) = &call.if_match {
        request = request.header("if-match", version);
    }
    let request = request.body(Full::new(call.body.clone().unwrap_or_default())).map_err(|e| e.to_string())?;
    sender.ready().await.map_err(|e| e.to_string())?;
    let response = sender.send_request(request).await.map_err(|e| e.to_string())?;
    let status = response.status();
    let body = response.into_body().collect().await.map_err(|e| e.to_string())?.to_bytes();
    if status.is_success() {
        Ok(String::from_utf8_lossy(&body).into_owned())
    } else {
        let text = String::from_utf8_lossy(&body).chars().take(300).collect::<String>();
        Err(format!("{} {}: {status} {text}", call.method, call.path))
    }
}

/// `connections` workers, each sending its next call when the last is answered, for
/// `warm_up` (not counted) and then `measure`.
pub async fn closed(
    target: &Target,
    connections: usize,
    warm_up: Duration,
    measure: Duration,
    calls: Calls,
) -> anyhow::Result<Outcome> {
    let start = Instant::now();
    let (counted_from, end) = (start + warm_up, start + warm_up + measure);
    let mut workers = tokio::task::JoinSet::new();
    for worker in 0..connections.max(1) {
        let (target, calls) = (target.clone(), Arc::clone(&calls));
        let mut sender = connect(target.addr(worker)).await?;
        workers.spawn(async move {
            let mut outcome = Outcome::default();
            let mut n = 0u64;
            loop {
                let sent = Instant::now();
                if sent >= end {
                    break;
                }
                let call = calls(worker, n);
                n += 1;
                outcome.sent += 1;
                let answer = send(&mut sender, &target, &call).await;
                if sent < counted_from {
                    continue;
                }
                match answer {
                    Ok(_) => outcome.answered(&call, sent.elapsed().as_secs_f64()),
                    Err(why) => {
                        outcome.failed(why);
                        // A broken connection is replaced; a refused request is not.
                        if sender.is_closed() {
                            match connect(target.addr(worker)).await {
                                Ok(fresh) => sender = fresh,
                                Err(_) => break,
                            }
                        }
                    }
                }
            }
            outcome
        });
    }
    let mut total = Outcome::default();
    while let Some(done) = workers.join_next().await {
        total.absorb(done?);
    }
    total.seconds = measure.as_secs_f64();
    Ok(total)
}

/// The workers an open loop's schedule is dealt to.
pub const LANES: u64 = 64;

/// Calls fall due `rate` times a second for `measure`, each sent on an idle connection
/// (a new one when none is idle, at most `max_connections`); each latency counts from
/// when its call fell due. A call that finds every connection busy waits for one, and
/// that wait is in its latency. The schedule keeps time with tokio's timer (1 ms
/// granularity): calls due within the same millisecond leave together, which can add
/// up to a millisecond to a latency — the generator's own error, stated with the
/// figures.
pub async fn open(
    target: &Target,
    rate: f64,
    measure: Duration,
    max_connections: usize,
    calls: Calls,
) -> anyhow::Result<Outcome> {
    let idle: Arc<Mutex<Vec<Sender>>> = Arc::new(Mutex::new(Vec::new()));
    let slots = Arc::new(tokio::sync::Semaphore::new(max_connections.max(1)));
    let interval = Duration::from_secs_f64(1.0 / rate.max(1.0));
    let total_calls = (rate * measure.as_secs_f64()).round() as u64;
    let start = Instant::now();
    let mut running = tokio::task::JoinSet::new();
    let mut total = Outcome::default();
    for n in 0..total_calls {
        let due = start + interval.mul_f64(n as f64);
        tokio::time::sleep_until(due.into()).await;
        // The schedule's calls are dealt to LANES lanes in turn, as if that many users
        // sent them: a scenario that keeps state per worker (an update's versions) sees
        // each lane's calls in order.
        let call = calls((n % LANES) as usize, n / LANES);
        let (target, idle, slots) = (target.clone(), Arc::clone(&idle), Arc::clone(&slots));
        running.spawn(async move {
            let mut outcome = Outcome { sent: 1, ..Outcome::default() };
            let Ok(_slot) = slots.acquire_owned().await else { return outcome };
            let reused = idle.lock().ok().and_then(|mut idle| idle.pop());
            let mut sender = match reused {
                Some(sender) => sender,
                None => match connect(target.addr(n as usize)).await {
                    Ok(sender) => sender,
                    Err(e) => {
                        outcome.failed(e.to_string());
                        return outcome;
                    }
                },
            };
            match send(&mut sender, &target, &call).await {
                Ok(_) => outcome.answered(&call, due.elapsed().as_secs_f64()),
                Err(why) => outcome.failed(why),
            }
            if !sender.is_closed()
                && let Ok(mut idle) = idle.lock()
            {
                idle.push(sender);
            }
            outcome
        });
        // Collect what has finished as we go, so the set stays small.
        while let Some(done) = running.try_join_next() {
            total.absorb(done?);
        }
    }
    while let Some(done) = running.join_next().await {
        total.absorb(done?);
    }
    total.seconds = start.elapsed().as_secs_f64();
    Ok(total)
}
