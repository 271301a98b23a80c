//! Per-token request rate limits: a token bucket for each API token, holding a
//! minute's worth of requests and refilled continuously, so short bursts pass and a
//! runaway script is slowed to the configured rate with `429` and `Retry-After`.
//! The buckets live in each process: behind a load balancer over N processes a token
//! gets up to N times the rate (documented; a shared limit would cost a database write
//! per request).

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Instant;

use uuid::Uuid;

/// The limit of every token, in requests per minute; `None` is no limit.
#[derive(Debug)]
pub struct RateLimiter {
    per_minute: Option<u32>,
    buckets: Mutex<HashMap<Uuid, Bucket>>,
}

#[derive(Debug, Clone, Copy)]
struct Bucket {
    tokens: f64,
    at: Instant,
}

impl RateLimiter {
    pub fn new(per_minute: Option<u32>) -> Self {
        RateLimiter { per_minute: per_minute.filter(|n| *n > 0), buckets: Mutex::new(HashMap::new()) }
    }

    /// Takes one request from the token's bucket, or says in how many seconds one
    /// will be there.
    pub fn take(&self, token: Uuid) -> Result<(), u64> {
        let Some(per_minute) = self.per_minute else { return Ok(()) };
        let (capacity, per_second) = (f64::from(per_minute), f64::from(per_minute) / 60.0);
        let now = Instant::now();
        let Ok(mut buckets) = self.buckets.lock() else { return Ok(()) };
        let bucket = buckets.entry(token).or_insert(Bucket { tokens: capacity, at: now });
        let refilled = bucket.tokens + now.duration_since(bucket.at).as_secs_f64() * per_second;
        bucket.tokens = refilled.min(capacity);
        bucket.at = now;
        if bucket.tokens >= 1.0 {
            bucket.tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - bucket.tokens) / per_second).ceil().max(1.0) as u64)
        }
    }
}
