//! A latency histogram with fixed buckets, as Prometheus reads them: how many
//! observations fell at or below each bound, their count and their sum. Each bucket is
//! an atomic counted once (not cumulatively); the exposition adds them up when it is
//! scraped, so an observation costs two atomic additions and no lock.

use std::time::Duration;

use super::counter::Counter;

/// Upper bounds in microseconds: from a quarter millisecond (a group commit on a
/// local SSD) to ten seconds (a database that hangs).
pub const BOUNDS_MICROS: [u64; 15] = [
    250, 500, 1_000, 2_500, 5_000, 10_000, 25_000, 50_000, 100_000, 250_000, 500_000, 1_000_000,
    2_500_000, 5_000_000, 10_000_000,
];

#[derive(Debug)]
pub struct Histogram {
    /// One per bound, and one last for everything above the largest bound.
    buckets: [Counter; BOUNDS_MICROS.len() + 1],
    sum_micros: Counter,
}

impl Default for Histogram {
    fn default() -> Self {
        Self {
            buckets: std::array::from_fn(|_| Counter::default()),
            sum_micros: Counter::default(),
        }
    }
}

/// What a scrape shows of a histogram.
#[derive(Debug, Clone, PartialEq)]
pub struct Snapshot {
    /// `(upper bound in seconds, observations at or below it)`, cumulative; the last
    /// bound is `+Inf`.
    pub cumulative: Vec<(f64, u64)>,
    pub count: u64,
    pub sum_seconds: f64,
}

impl Histogram {
    pub fn observe(&self, took: Duration) {
        let micros = u64::try_from(took.as_micros()).unwrap_or(u64::MAX);
        let index = BOUNDS_MICROS
            .iter()
            .position(|&bound| micros <= bound)
            .unwrap_or(BOUNDS_MICROS.len());
        self.buckets[index].inc();
        self.sum_micros.add(micros);
    }

    pub fn snapshot(&self) -> Snapshot {
        let mut running = 0;
        let mut cumulative = Vec::with_capacity(self.buckets.len());
        for (i, bucket) in self.buckets.iter().enumerate() {
            running += bucket.get();
            let bound = BOUNDS_MICROS
                .get(i)
                .map_or(f64::INFINITY, |&micros| micros as f64 / 1e6);
            cumulative.push((bound, running));
        }
        Snapshot {
            cumulative,
            // The count is the buckets' sum, so `+Inf` always equals it, even when a
            // scrape races an observation.
            count: running,
            sum_seconds: self.sum_micros.get() as f64 / 1e6,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn observations_land_in_cumulative_buckets_with_count_and_sum() {
        let histogram = Histogram::default();
        histogram.observe(Duration::from_micros(200));
        histogram.observe(Duration::from_millis(3));
        histogram.observe(Duration::from_secs(60));
        let s = histogram.snapshot();
        assert_eq!(s.count, 3);
        assert!((s.sum_seconds - 60.0032).abs() < 1e-9, "{}", s.sum_seconds);
        assert_eq!(s.cumulative[0], (0.00025, 1));
        assert_eq!(s.cumulative[3], (0.0025, 1));
        assert_eq!(s.cumulative[4], (0.005, 2));
        assert_eq!(s.cumulative[14], (10.0, 2));
        assert_eq!(s.cumulative[15], (f64::INFINITY, 3));
    }
}
