//! The two cheap building blocks: a counter that only goes up and a gauge that is set.
//! Both are one relaxed atomic: they are touched on every write and every commit, and
//! a scrape only needs each figure to be right on its own, not consistent with the
//! others at one instant.

use std::sync::atomic::{AtomicU64, Ordering};

/// Counts events since the process started (`_total` in the exposition).
#[derive(Debug, Default)]
pub struct Counter(AtomicU64);

impl Counter {
    pub fn add(&self, n: u64) {
        self.0.fetch_add(n, Ordering::Relaxed);
    }

    pub fn inc(&self) {
        self.add(1);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// A value that is set, not counted (a lag, a queue length).
#[derive(Debug, Default)]
pub struct Gauge(AtomicU64);

impl Gauge {
    pub fn set(&self, value: u64) {
        self.0.store(value, Ordering::Relaxed);
    }

    pub fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_counter_adds_and_a_gauge_holds_the_last_value() {
        let counter = Counter::default();
        counter.inc();
        counter.add(4);
        assert_eq!(counter.get(), 5);
        let gauge = Gauge::default();
        gauge.set(7);
        gauge.set(3);
        assert_eq!(gauge.get(), 3);
    }
}
