//! `rapport-bench chart`: the HTTP benchmark's runs (one JSON line each, written by
//! `rapport-bench http --json`) drawn as SVG charts and summed up as one markdown table
//! across database sizes — what docs/BENCHMARKS.md shows. The SVG is written by hand:
//! a few rectangles and labels need no charting library, and a chart must look the
//! same in any browser or Markdown viewer, with no script.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::PathBuf;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use crate::http::Measured;
use crate::thousands;

#[derive(clap::Args)]
pub struct ChartArgs {
    /// The JSON lines `rapport-bench http --json` appended.
    #[arg(long)]
    input: PathBuf,
    /// Where the SVG files go (made if missing).
    #[arg(long)]
    out_dir: PathBuf,
    /// Append the table across sizes as markdown to this file.
    #[arg(long)]
    markdown: Option<PathBuf>,
}

/// One `rapport-bench http` run: a backend at a size.
#[derive(Serialize, Deserialize)]
pub struct Run {
    backend: String,
    people: u64,
    /// `rapport serve`'s peak resident memory, MiB.
    peak_mib: f64,
    rows: Vec<Row>,
}

/// One row of a run's table.
#[derive(Serialize, Deserialize)]
struct Row {
    key: String,
    scenario: String,
    /// Closed-loop connections; 0 for the open loop.
    connections: usize,
    /// The open loop's rate.
    open_rate: Option<f64>,
    rapport_rate: f64,
    /// 0 where the ceiling does not answer the scenario.
    ceiling_rate: f64,
    p50_ms: f64,
    p99_ms: f64,
    p999_ms: f64,
}

impl Run {
    pub(crate) fn new(backend: &str, people: u64, rows: &mut [Measured], peak_mib: f64) -> Run {
        let rows = rows
            .iter_mut()
            .map(|m| Row {
                key: m.key.to_owned(),
                scenario: m.scenario.to_owned(),
                connections: m.connections,
                open_rate: m.rate,
                rapport_rate: m.rapport.rate(),
                ceiling_rate: m.ceiling.rate(),
                p50_ms: m.rapport.quantile(0.5) * 1000.0,
                p99_ms: m.rapport.quantile(0.99) * 1000.0,
                p999_ms: m.rapport.quantile(0.999) * 1000.0,
            })
            .collect();
        Run { backend: backend.to_owned(), people, peak_mib, rows }
    }

    /// The closed-loop row of `key` at the most connections measured.
    fn busiest(&self, key: &str) -> Option<&Row> {
        self.rows.iter().filter(|r| r.key == key && r.open_rate.is_none()).max_by_key(|r| r.connections)
    }

    fn open(&self, key: &str) -> Option<&Row> {
        self.rows.iter().find(|r| r.key == key && r.open_rate.is_some())
    }
}

pub fn chart_command(args: ChartArgs) -> anyhow::Result<()> {
    let text =
        std::fs::read_to_string(&args.input).with_context(|| format!("could not read {}", args.input.display()))?;
    let mut runs: Vec<Run> =
        text.lines().filter(|l| !l.trim().is_empty()).map(serde_json::from_str).collect::<Result<_, _>>()?;
    if runs.is_empty() {
        bail!("{} holds no runs", args.input.display());
    }
    runs.sort_by(|a, b| a.backend.cmp(&b.backend).then(a.people.cmp(&b.people)));
    std::fs::create_dir_all(&args.out_dir)?;
    let scenarios = scenarios(&runs);
    let largest: Vec<&Run> = backends(&runs)
        .into_iter()
        .filter_map(|b| runs.iter().filter(|r| r.backend == b).max_by_key(|r| r.people))
        .collect();

    let compared: Vec<&(String, String)> = scenarios
        .iter()
        .filter(|(key, _)| largest.iter().any(|r| r.busiest(key).is_some_and(|row| row.ceiling_rate > 0.0)))
        .collect();
    let ratio = Chart {
        title: "Rapport ÷ ceiling, closed loop at the most connections, largest database",
        unit: "×",
        groups: compared.iter().map(|(_, name)| name.clone()).collect(),
        series: largest
            .iter()
            .map(|run| {
                let values = compared
                    .iter()
                    .map(|(key, _)| {
                        run.busiest(key).filter(|r| r.ceiling_rate > 0.0).map(|r| r.rapport_rate / r.ceiling_rate)
                    })
                    .collect();
                (format!("{}, {} people", run.backend, thousands(run.people)), values)
            })
            .collect(),
        reference: Some((0.8, "target for lists 0.8×")),
        logarithmic: false,
    };
    write_chart(&args.out_dir.join("http-ratio.svg"), &ratio)?;

    let latency = Chart {
        title: "Open-loop p99 at half the peak rate, by database size (ms)",
        unit: " ms",
        groups: scenarios.iter().map(|(_, name)| name.clone()).collect(),
        series: runs
            .iter()
            .map(|run| {
                let values = scenarios.iter().map(|(key, _)| run.open(key).map(|r| r.p99_ms)).collect();
                (format!("{}, {} people", run.backend, thousands(run.people)), values)
            })
            .collect(),
        reference: Some((10.0, "target 10 ms")),
        logarithmic: true,
    };
    write_chart(&args.out_dir.join("http-p99.svg"), &latency)?;

    let table = table(&runs, &scenarios);
    println!("{table}");
    if let Some(path) = &args.markdown {
        crate::append(path, &table)?;
    }
    Ok(())
}

/// Every scenario's key and name, in the order the runs measured them.
fn scenarios(runs: &[Run]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for row in runs.iter().flat_map(|r| &r.rows) {
        if !out.iter().any(|(key, _)| *key == row.key) {
            out.push((row.key.clone(), row.scenario.clone()));
        }
    }
    out
}

fn backends(runs: &[Run]) -> BTreeSet<String> {
    runs.iter().map(|r| r.backend.clone()).collect()
}

/// Per scenario, each run's busiest closed-loop rate (and ÷ ceiling) and open-loop p99.
fn table(runs: &[Run], scenarios: &[(String, String)]) -> String {
    let mut out = String::from("| scenario |");
    for run in runs {
        let _ = write!(out, " {}, {} people |", run.backend, thousands(run.people));
    }
    out.push_str("\n|---|");
    out.push_str(&"---|".repeat(runs.len()));
    out.push('\n');
    for (key, name) in scenarios {
        let _ = write!(out, "| {name} |");
        for run in runs {
            let busiest = run.busiest(key).map(|r| {
                let ratio = if r.ceiling_rate > 0.0 {
                    format!(" ({:.2}×)", r.rapport_rate / r.ceiling_rate)
                } else {
                    String::new()
                };
                format!("{}/s{ratio}", thousands(r.rapport_rate.round() as u64))
            });
            let open = run.open(key).map(|r| format!("p99 {:.1} ms", r.p99_ms));
            let cell = [busiest, open].into_iter().flatten().collect::<Vec<_>>().join(", ");
            let _ = write!(out, " {} |", if cell.is_empty() { "—".to_owned() } else { cell });
        }
        out.push('\n');
    }
    let _ = write!(out, "| peak resident memory of `rapport serve` |");
    for run in runs {
        let _ = write!(out, " {:.0} MiB |", run.peak_mib);
    }
    out.push('\n');
    out
}

/// Grouped horizontal bars: one group per scenario, one bar per series.
struct Chart {
    title: &'static str,
    unit: &'static str,
    groups: Vec<String>,
    series: Vec<(String, Vec<Option<f64>>)>,
    /// A dashed line at a value, with its label.
    reference: Option<(f64, &'static str)>,
    /// Bars on a logarithmic scale from 1 (latencies that span 1 to 1,000 ms).
    logarithmic: bool,
}

/// Series colours, told apart in grey too.
const COLOURS: [&str; 6] = ["#1f4e79", "#2e86c1", "#85c1e9", "#7d3c98", "#bb8fce", "#e8daef"];

fn write_chart(path: &PathBuf, chart: &Chart) -> anyhow::Result<()> {
    std::fs::write(path, svg(chart)).with_context(|| format!("could not write {}", path.display()))
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn svg(chart: &Chart) -> String {
    // About 6.5 px a character of a 12 px sans-serif label.
    let longest = chart.groups.iter().map(|g| g.chars().count()).max().unwrap_or(0) as f64;
    let (label_width, plot_width, bar, gap) = (longest * 6.5 + 20.0, 520.0, 12.0, 10.0);
    let legend_height = 18.0 * chart.series.len() as f64 + 20.0;
    let group_height = bar * chart.series.len() as f64 + gap;
    let top = 40.0 + legend_height;
    let height = top + group_height * chart.groups.len() as f64 + 30.0;
    let width = label_width + plot_width + 90.0;
    let values = chart.series.iter().flat_map(|(_, v)| v.iter().flatten().copied());
    let max = values.chain(chart.reference.map(|(v, _)| v)).fold(0.0_f64, f64::max).max(f64::MIN_POSITIVE) * 1.1;
    let x = |v: f64| {
        let share = if chart.logarithmic { v.max(1.0).log10() / max.max(10.0).log10() } else { v / max };
        label_width + share * plot_width
    };
    let mut out = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width:.0}\" height=\"{height:.0}\" viewBox=\"0 0 {width:.0} {height:.0}\" \
         font-family=\"sans-serif\" font-size=\"12\">\n<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n\
         <text x=\"10\" y=\"22\" font-size=\"15\" font-weight=\"bold\">{}</text>\n",
        escape(chart.title)
    );
    for (i, (name, _)) in chart.series.iter().enumerate() {
        let y = 40.0 + 18.0 * i as f64;
        let _ = writeln!(
            out,
            "<rect x=\"10\" y=\"{:.0}\" width=\"12\" height=\"12\" fill=\"{}\"/><text x=\"28\" y=\"{:.0}\">{}</text>",
            y,
            COLOURS[i % COLOURS.len()],
            y + 10.0,
            escape(name)
        );
    }
    for (g, group) in chart.groups.iter().enumerate() {
        let y0 = top + group_height * g as f64;
        let _ = writeln!(
            out,
            "<text x=\"{:.0}\" y=\"{:.0}\" text-anchor=\"end\">{}</text>",
            label_width - 8.0,
            y0 + group_height / 2.0,
            escape(group)
        );
        for (s, (_, values)) in chart.series.iter().enumerate() {
            let Some(Some(value)) = values.get(g) else { continue };
            let y = y0 + bar * s as f64;
            let _ = writeln!(
                out,
                "<rect x=\"{label_width:.0}\" y=\"{y:.1}\" width=\"{:.1}\" height=\"{:.0}\" fill=\"{}\"/>\
                 <text x=\"{:.1}\" y=\"{:.1}\" font-size=\"10\">{value:.2}{}</text>",
                x(*value) - label_width,
                bar - 2.0,
                COLOURS[s % COLOURS.len()],
                x(*value) + 3.0,
                y + bar - 3.0,
                chart.unit
            );
        }
    }
    let bottom = top + group_height * chart.groups.len() as f64;
    if chart.logarithmic {
        for tick in [1.0, 10.0, 100.0, 1000.0, 10000.0].into_iter().filter(|t| *t <= max) {
            let _ = writeln!(
                out,
                "<line x1=\"{0:.1}\" y1=\"{top:.0}\" x2=\"{0:.1}\" y2=\"{bottom:.0}\" stroke=\"#ddd\"/>\
                 <text x=\"{0:.1}\" y=\"{1:.0}\" fill=\"#666\" text-anchor=\"middle\" font-size=\"10\">{tick}{2}</text>",
                x(tick),
                top - 4.0,
                chart.unit
            );
        }
    }
    let _ = writeln!(
        out,
        "<line x1=\"{label_width:.0}\" y1=\"{top:.0}\" x2=\"{label_width:.0}\" y2=\"{bottom:.0}\" stroke=\"#444\"/>"
    );
    if let Some((value, label)) = chart.reference {
        let _ = writeln!(
            out,
            "<line x1=\"{0:.1}\" y1=\"{top:.0}\" x2=\"{0:.1}\" y2=\"{bottom:.0}\" stroke=\"#c0392b\" stroke-dasharray=\"4 3\"/>\
             <text x=\"{0:.1}\" y=\"{1:.0}\" fill=\"#c0392b\" text-anchor=\"middle\">{2}</text>",
            x(value),
            bottom + 16.0,
            escape(label)
        );
    }
    out.push_str("</svg>\n");
    out
}
