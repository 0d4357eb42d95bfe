//! Reading a server's `GET /metrics` the way Prometheus does: a small parser of the
//! text exposition format (version 0.0.4) that refuses what Prometheus would refuse
//! (a sample without a declared family, a bad name, label or value, a histogram
//! whose buckets do not add up), and looks samples up by name and labels.

use std::collections::{BTreeMap, HashMap};
use std::net::SocketAddr;

use anyhow::{Context, bail, ensure};

#[derive(Debug, Clone, PartialEq)]
pub struct Sample {
    pub name: String,
    pub labels: BTreeMap<String, String>,
    pub value: f64,
}

/// One scrape, parsed.
#[derive(Debug, Default)]
pub struct Scrape {
    /// Family name → its type (`counter`, `gauge`, `histogram`, …).
    pub types: HashMap<String, String>,
    pub samples: Vec<Sample>,
}

/// `GET /metrics` from a server, checked and parsed.
pub async fn scrape(addr: SocketAddr) -> anyhow::Result<Scrape> {
    let response = crate::http::get(addr, "/metrics", &[]).await?;
    ensure!(response.status == 200, "GET /metrics: {response:?}");
    let content_type = response.header("Content-Type").unwrap_or_default();
    ensure!(
        content_type.starts_with("text/plain") && content_type.contains("version=0.0.4"),
        "GET /metrics: Content-Type {content_type:?}"
    );
    parse(std::str::from_utf8(&response.body)?)
}

impl Scrape {
    /// The value of the sample with this name and exactly these labels.
    pub fn value(&self, name: &str, labels: &[(&str, &str)]) -> Option<f64> {
        let wanted: BTreeMap<String, String> = labels
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        self.samples
            .iter()
            .find(|s| s.name == name && s.labels == wanted)
            .map(|s| s.value)
    }

    /// Like [`Scrape::value`], failing when the sample is missing.
    pub fn get(&self, name: &str, labels: &[(&str, &str)]) -> anyhow::Result<f64> {
        self.value(name, labels)
            .with_context(|| format!("no sample {name}{labels:?} in the scrape"))
    }

    /// The sum of every sample of a name, whatever its labels.
    pub fn sum(&self, name: &str) -> f64 {
        self.samples
            .iter()
            .filter(|s| s.name == name)
            .map(|s| s.value)
            .sum()
    }
}

/// Parses the text format and checks each histogram's buckets.
pub fn parse(text: &str) -> anyhow::Result<Scrape> {
    let mut scrape = Scrape::default();
    for (number, line) in text.lines().enumerate() {
        let context = || format!("line {}: {line:?}", number + 1);
        if line.trim().is_empty() {
            continue;
        }
        if let Some(comment) = line.strip_prefix('#') {
            let mut words = comment.trim_start().splitn(3, ' ');
            match (words.next(), words.next(), words.next()) {
                (Some("TYPE"), Some(name), Some(kind)) => {
                    check_name(name).with_context(context)?;
                    ensure!(
                        ["counter", "gauge", "histogram", "summary", "untyped"].contains(&kind),
                        "unknown type ({})",
                        context()
                    );
                    ensure!(
                        scrape
                            .types
                            .insert(name.to_owned(), kind.to_owned())
                            .is_none(),
                        "family declared twice ({})",
                        context()
                    );
                }
                (Some("HELP"), Some(name), _) => check_name(name).with_context(context)?,
                _ => {}
            }
            continue;
        }
        let sample = parse_sample(line).with_context(context)?;
        let family = family_of(&sample.name, &scrape.types)
            .with_context(|| format!("no # TYPE for this sample ({})", context()))?;
        if scrape.types[family] == "counter" {
            ensure!(sample.value >= 0.0, "a counter below zero ({})", context());
        }
        scrape.samples.push(sample);
    }
    for (family, kind) in &scrape.types {
        if kind == "histogram" {
            check_histogram(&scrape, family)?;
        }
    }
    Ok(scrape)
}

/// The declared family a sample belongs to (a histogram's `_bucket`, `_sum` and
/// `_count` belong to it).
fn family_of<'a>(name: &str, types: &'a HashMap<String, String>) -> Option<&'a str> {
    if let Some((family, _)) = types.get_key_value(name) {
        return Some(family);
    }
    ["_bucket", "_sum", "_count"].iter().find_map(|suffix| {
        let family = name.strip_suffix(suffix)?;
        let (family, kind) = types.get_key_value(family)?;
        (kind == "histogram" || kind == "summary").then_some(family.as_str())
    })
}

fn check_name(name: &str) -> anyhow::Result<()> {
    let mut chars = name.chars();
    let first_ok = chars
        .next()
        .is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == ':');
    ensure!(
        first_ok && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == ':'),
        "bad metric name {name:?}"
    );
    Ok(())
}

fn parse_sample(line: &str) -> anyhow::Result<Sample> {
    let (name, rest) = match line.find(['{', ' ']) {
        Some(i) => line.split_at(i),
        None => bail!("no value"),
    };
    check_name(name)?;
    let mut labels = BTreeMap::new();
    let rest = if let Some(inner) = rest.strip_prefix('{') {
        let mut chars = inner.char_indices().peekable();
        let end;
        loop {
            let Some(&(start, c)) = chars.peek() else {
                bail!("unclosed labels");
            };
            if c == '}' {
                end = start + 1;
                break;
            }
            let eq = inner[start..].find('=').context("a label without =")? + start;
            let key = &inner[start..eq];
            ensure!(
                !key.is_empty() && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_'),
                "bad label name {key:?}"
            );
            ensure!(inner[eq + 1..].starts_with('"'), "label value not quoted");
            while chars.next_if(|&(i, _)| i <= eq + 1).is_some() {}
            let mut value = String::new();
            loop {
                match chars.next() {
                    Some((_, '"')) => break,
                    Some((_, '\\')) => match chars.next() {
                        Some((_, 'n')) => value.push('\n'),
                        Some((_, c @ ('\\' | '"'))) => value.push(c),
                        other => bail!("bad escape {other:?}"),
                    },
                    Some((_, c)) => value.push(c),
                    None => bail!("unclosed label value"),
                }
            }
            ensure!(
                labels.insert(key.to_owned(), value).is_none(),
                "label {key:?} twice"
            );
            if chars.next_if(|&(_, c)| c == ',').is_none() {
                ensure!(
                    chars.peek().is_some_and(|&(_, c)| c == '}'),
                    "labels not separated by ,"
                );
            }
        }
        &inner[end..]
    } else {
        rest
    };
    let mut fields = rest.split_whitespace();
    let value = fields.next().context("no value")?;
    let value = match value {
        "+Inf" => f64::INFINITY,
        "-Inf" => f64::NEG_INFINITY,
        "NaN" => f64::NAN,
        number => number
            .parse()
            .with_context(|| format!("bad value {number:?}"))?,
    };
    if let Some(timestamp) = fields.next() {
        timestamp
            .parse::<i64>()
            .with_context(|| format!("bad timestamp {timestamp:?}"))?;
    }
    ensure!(fields.next().is_none(), "text after the value");
    Ok(Sample {
        name: name.to_owned(),
        labels,
        value,
    })
}

/// Buckets ordered by `le`, cumulative, ending in `+Inf` equal to `_count`.
fn check_histogram(scrape: &Scrape, family: &str) -> anyhow::Result<()> {
    let bucket = format!("{family}_bucket");
    let mut buckets: Vec<(f64, f64)> = Vec::new();
    for sample in scrape.samples.iter().filter(|s| s.name == bucket) {
        let le = sample
            .labels
            .get("le")
            .with_context(|| format!("{bucket} without le"))?;
        let bound = if le == "+Inf" {
            f64::INFINITY
        } else {
            le.parse()
                .with_context(|| format!("{bucket}: bad le {le:?}"))?
        };
        buckets.push((bound, sample.value));
    }
    ensure!(!buckets.is_empty(), "{family}: no buckets");
    for pair in buckets.windows(2) {
        ensure!(pair[0].0 < pair[1].0, "{family}: bounds not increasing");
        ensure!(pair[0].1 <= pair[1].1, "{family}: buckets not cumulative");
    }
    let (last_bound, last) = buckets[buckets.len() - 1];
    ensure!(last_bound.is_infinite(), "{family}: no +Inf bucket");
    let count = scrape.get(&format!("{family}_count"), &[])?;
    ensure!(
        last == count,
        "{family}: +Inf bucket {last} ≠ count {count}"
    );
    scrape.get(&format!("{family}_sum"), &[])?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_families_labels_escapes_and_histograms() {
        let scrape = parse(
            "# HELP a_total A.\n# TYPE a_total counter\na_total{code=\"4\",x=\"q\\\"\\\\\"} 3\n\
             # TYPE h histogram\nh_bucket{le=\"0.5\"} 1\nh_bucket{le=\"+Inf\"} 2\nh_sum 0.7\nh_count 2\n",
        )
        .unwrap();
        assert_eq!(
            scrape
                .get("a_total", &[("code", "4"), ("x", "q\"\\")])
                .unwrap(),
            3.0
        );
        assert_eq!(scrape.get("h_count", &[]).unwrap(), 2.0);
    }

    #[test]
    fn refuses_what_prometheus_would_refuse() {
        for bad in [
            "undeclared 1\n",
            "# TYPE a gauge\na{code=4} 1\n",
            "# TYPE a gauge\na one\n",
            "# TYPE a gauge\n1a 1\n",
            "# TYPE c counter\nc -1\n",
            "# TYPE h histogram\nh_bucket{le=\"1\"} 2\nh_bucket{le=\"+Inf\"} 1\nh_sum 1\nh_count 1\n",
            "# TYPE h histogram\nh_bucket{le=\"+Inf\"} 2\nh_sum 1\nh_count 3\n",
        ] {
            assert!(parse(bad).is_err(), "accepted {bad:?}");
        }
    }
}
