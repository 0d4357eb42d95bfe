//! The Prometheus text exposition format (version 0.0.4), written by hand: a `# HELP`
//! and a `# TYPE` line per family, then one `name{labels} value` line per sample.
//! Label values here are the server's own words and numbers, but they are escaped as
//! the format asks all the same.

use std::fmt::Write;

use super::histogram::Snapshot;

/// What `GET /metrics` answers with as its `Content-Type`.
pub const CONTENT_TYPE: &str = "text/plain; version=0.0.4; charset=utf-8";

#[derive(Debug, Clone, Copy)]
pub enum Kind {
    Counter,
    Gauge,
    Histogram,
}

impl Kind {
    fn as_str(self) -> &'static str {
        match self {
            Kind::Counter => "counter",
            Kind::Gauge => "gauge",
            Kind::Histogram => "histogram",
        }
    }
}

/// The text of one scrape, family by family.
#[derive(Debug, Default)]
pub struct Exposition {
    text: String,
}

impl Exposition {
    pub fn into_text(self) -> String {
        self.text
    }

    /// Starts a family: its help text and type.
    pub fn family(&mut self, name: &str, kind: Kind, help: &str) -> &mut Self {
        let help = help.replace('\\', "\\\\").replace('\n', "\\n");
        let _ = writeln!(self.text, "# HELP {name} {help}");
        let _ = writeln!(self.text, "# TYPE {name} {}", kind.as_str());
        self
    }

    /// One sample of the current family.
    pub fn sample(&mut self, name: &str, labels: &[(&str, &str)], value: f64) -> &mut Self {
        self.text.push_str(name);
        if !labels.is_empty() {
            self.text.push('{');
            for (i, (key, value)) in labels.iter().enumerate() {
                if i > 0 {
                    self.text.push(',');
                }
                let escaped = value
                    .replace('\\', "\\\\")
                    .replace('"', "\\\"")
                    .replace('\n', "\\n");
                let _ = write!(self.text, "{key}=\"{escaped}\"");
            }
            self.text.push('}');
        }
        let _ = writeln!(self.text, " {}", number(value));
        self
    }

    /// A counter family with one unlabelled sample.
    pub fn counter(&mut self, name: &str, help: &str, value: u64) -> &mut Self {
        self.family(name, Kind::Counter, help)
            .sample(name, &[], value as f64)
    }

    /// A gauge family with one unlabelled sample.
    pub fn gauge(&mut self, name: &str, help: &str, value: f64) -> &mut Self {
        self.family(name, Kind::Gauge, help)
            .sample(name, &[], value)
    }

    /// A histogram family: `_bucket` lines with `le`, then `_sum` and `_count`.
    pub fn histogram(&mut self, name: &str, help: &str, snapshot: &Snapshot) -> &mut Self {
        self.family(name, Kind::Histogram, help);
        let bucket = format!("{name}_bucket");
        for (bound, count) in &snapshot.cumulative {
            self.sample(&bucket, &[("le", &number(*bound))], *count as f64);
        }
        self.sample(&format!("{name}_sum"), &[], snapshot.sum_seconds)
            .sample(&format!("{name}_count"), &[], snapshot.count as f64)
    }
}

/// A value as the format spells it: `+Inf`, integers without a fraction.
fn number(value: f64) -> String {
    if value.is_infinite() {
        if value > 0.0 { "+Inf" } else { "-Inf" }.to_owned()
    } else if value.is_nan() {
        "NaN".to_owned()
    } else {
        format!("{value}")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn families_samples_and_histograms_are_spelled_as_prometheus_reads_them() {
        let mut out = Exposition::default();
        out.counter("a_total", "Things that happened.", 3);
        out.family("b_total", Kind::Counter, "By code.").sample(
            "b_total",
            &[("code", "4"), ("odd", "a\"b\\c")],
            2.0,
        );
        out.histogram(
            "c_seconds",
            "How long.",
            &Snapshot {
                cumulative: vec![(0.5, 1), (f64::INFINITY, 2)],
                count: 2,
                sum_seconds: 1.25,
            },
        );
        assert_eq!(
            out.into_text(),
            "# HELP a_total Things that happened.\n# TYPE a_total counter\na_total 3\n\
             # HELP b_total By code.\n# TYPE b_total counter\nb_total{code=\"4\",odd=\"a\\\"b\\\\c\"} 2\n\
             # HELP c_seconds How long.\n# TYPE c_seconds histogram\n\
             c_seconds_bucket{le=\"0.5\"} 1\nc_seconds_bucket{le=\"+Inf\"} 2\n\
             c_seconds_sum 1.25\nc_seconds_count 2\n"
        );
    }
}
