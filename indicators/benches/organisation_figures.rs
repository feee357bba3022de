//! Prints the organisation pipeline's headline figures in one run (criterion's statistics
//! are in `organisation.rs`):
//!
//! ```sh
//! cargo bench -p indicators --bench organisation_figures -- [--responses N] [--items 34|40]
//!     [--runs R] [--updates N] [--workers W] [--write-csv PATH]
//! ```
//!
//! - full recompute: accumulate every response into per-unit statistics, merge subtrees,
//!   compute every report of every unit in both scopes, the disclosure plan and the heatmap;
//! - peak memory: VmHWM from /proc/self/status, after generating the data and at the end;
//! - incremental update: one new response, then `report()` (stats of the unit and its
//!   ancestors, their reports, the plan, the heatmap);
//! - cached read: one unit's subtree indicators serialized to JSON.
//!
//! `--write-csv PATH` also writes the responses in the responses CSV format, with
//! `PATH.units.csv` and `PATH.instrument.json`, for `reference/bench_pandas.py`.
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use std::io::Write;
use std::num::NonZeroUsize;
use std::time::{Duration, Instant};

use domain::instrument::Answers;
use domain::responses::{append_rows, header_line, ParsedResponse};
use indicators::{Organisation, Threshold};
use support::{cpu_seconds, generate, peak_memory_kib, Rng, Variant, Workload};

struct Options {
    responses: usize,
    variant: Variant,
    runs: usize,
    updates: usize,
    workers: Option<usize>,
    write_csv: Option<String>,
}

fn options() -> Options {
    let mut options = Options {
        responses: 1_000_000,
        variant: Variant::Default34,
        runs: 3,
        updates: 1000,
        workers: None,
        write_csv: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--responses" => {
                options.responses = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--responses N")
            }
            "--items" => {
                options.variant = args
                    .next()
                    .and_then(|v| Variant::parse(&v))
                    .expect("--items 34|40")
            }
            "--runs" => options.runs = args.next().and_then(|v| v.parse().ok()).expect("--runs R"),
            "--updates" => {
                options.updates = args
                    .next()
                    .and_then(|v| v.parse().ok())
                    .expect("--updates N")
            }
            "--workers" => options.workers = args.next().and_then(|v| v.parse().ok()),
            "--write-csv" => options.write_csv = Some(args.next().expect("--write-csv PATH")),
            // `cargo bench` passes --bench; anything else is ignored too.
            _ => {}
        }
    }
    options
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn percentiles(mut samples: Vec<Duration>) -> String {
    samples.sort();
    let at = |p: f64| samples[((samples.len() - 1) as f64 * p).round() as usize];
    format!(
        "p50 {:.3} ms, p99 {:.3} ms, max {:.3} ms (n = {})",
        ms(at(0.5)),
        ms(at(0.99)),
        ms(at(1.0)),
        samples.len()
    )
}

fn main() {
    let options = options();
    let started = Instant::now();
    let workload = generate(options.variant, options.responses, 0x5349_4150_4245_4E43);
    println!(
        "workload: {} responses x {} items ({} dimensions), {} units; generated in {:.1} s",
        workload.len(),
        workload.k,
        workload.instrument.dimensions().len(),
        workload.units.len(),
        started.elapsed().as_secs_f64()
    );
    let baseline = peak_memory_kib();
    if let Some(path) = &options.write_csv {
        write_csv(&workload, path);
    }

    let threshold = Threshold::DEFAULT;
    let workers = options
        .workers
        .and_then(NonZeroUsize::new)
        .or_else(|| std::thread::available_parallelism().ok())
        .unwrap_or(NonZeroUsize::MIN);
    println!("accumulating on {workers} worker thread(s)");
    let mut best: Option<Organisation> = None;
    for run in 1..=options.runs {
        // Only one organisation in memory at a time, so the peak is one pipeline's.
        drop(best.take());
        let start = Instant::now();
        let cpu_start = cpu_seconds();
        let mut organisation = Organisation::from_responses_on(
            workers,
            workload.instrument.clone(),
            &workload.units,
            threshold,
            workload.responses(),
        )
        .expect("valid workload");
        let accumulated = start.elapsed();
        organisation.report().expect("reports");
        let total = start.elapsed();
        let cpu = match (cpu_start, cpu_seconds()) {
            (Some(a), Some(b)) => format!(", CPU time {:.0} ms", (b - a) * 1000.0),
            _ => String::new(),
        };
        println!(
            "full recompute, run {run}: {:.0} ms wall (accumulate + subtree merges {:.0} ms, reports + plan + heatmap {:.0} ms{cpu})",
            ms(total),
            ms(accumulated),
            ms(total - accumulated)
        );
        best = Some(organisation);
    }
    let mut organisation = best.expect("at least one run");
    let indicators = organisation.report().expect("reports");
    let hidden = indicators
        .units
        .values()
        .filter(|u| u.subtree.report.is_suppressed())
        .count();
    println!(
        "units: {} ({} subtree reports suppressed)",
        indicators.units.len(),
        hidden
    );

    // Incremental: new responses copied from random existing ones (their unit and answers).
    let mut rng = Rng::new(7);
    let mut samples = Vec::new();
    for _ in 0..options.updates {
        let (code, answers) = workload.response(rng.below(workload.len()));
        let answers = answers.to_vec();
        let start = Instant::now();
        organisation.add_response(code, &answers).expect("valid");
        organisation.report().expect("reports");
        samples.push(start.elapsed());
    }
    println!(
        "incremental update (add_response + report): {}",
        percentiles(samples)
    );

    // Cached read: one unit's subtree indicators as JSON.
    let indicators = organisation.report().expect("reports");
    let codes: Vec<String> = indicators.units.keys().map(|c| c.to_string()).collect();
    let mut samples = Vec::new();
    let mut bytes = 0;
    for _ in 0..10_000 {
        let code = &codes[rng.below(codes.len())];
        let start = Instant::now();
        let json = serde_json::to_string(&indicators.unit(code).expect("known").subtree)
            .expect("serializable");
        samples.push(start.elapsed());
        bytes += json.len();
    }
    println!(
        "cached read (one unit's subtree report to JSON, {} bytes on average): {}",
        bytes / 10_000,
        percentiles(samples)
    );
    let start = Instant::now();
    let whole = serde_json::to_string(indicators).expect("serializable");
    println!(
        "whole organisation to JSON: {:.1} MB in {:.0} ms",
        whole.len() as f64 / 1e6,
        ms(start.elapsed())
    );

    match (baseline, peak_memory_kib()) {
        (Some(data), Some(peak)) => println!(
            "peak memory (VmHWM): {:.0} MiB after generating the data, {:.0} MiB at the end",
            data as f64 / 1024.0,
            peak as f64 / 1024.0
        ),
        _ => println!("peak memory: /proc/self/status not available"),
    }
}

/// The responses in the responses CSV format, written directly (building a validated
/// `ParsedResponse` per row would take longer than the benchmark itself); the first rows
/// are checked against `domain::responses::append_rows` so the format is the library's.
fn write_csv(workload: &Workload, path: &str) {
    let start = Instant::now();
    let survey = &workload.survey;
    let barrier_flags = survey.barriers().map_or(0, |b| b.codes().len());
    let other_text = survey.barriers().is_some_and(|b| b.allows_other_text());
    let empty_texts = usize::from(other_text) + survey.comments().len();
    let row = |i: usize, out: &mut String| {
        let (code, answers) = workload.response(i);
        out.push_str(code.as_str());
        for answer in answers {
            out.push(',');
            if let Some(value) = answer {
                out.push(char::from(b'0' + value));
            }
        }
        for _ in 0..barrier_flags {
            out.push_str(",0");
        }
        for _ in 0..empty_texts {
            out.push(',');
        }
        out.push_str("\r\n");
    };

    let sample = 1000.min(workload.len());
    let parsed: Vec<ParsedResponse> = (0..sample)
        .map(|i| {
            let (code, answers) = workload.response(i);
            let items = survey
                .items()
                .zip(answers)
                .map(|(item, answer)| (item.id().to_string(), *answer))
                .collect();
            let valid = survey
                .validate_answers(&Answers {
                    items,
                    ..Answers::default()
                })
                .expect("generated answers are valid");
            ParsedResponse::new(code.clone(), valid)
        })
        .collect();
    let mut expected = String::new();
    append_rows(survey, &parsed, &mut expected);
    let mut ours = String::new();
    (0..sample).for_each(|i| row(i, &mut ours));
    assert_eq!(
        ours, expected,
        "the direct writer follows the library's format"
    );

    let mut file = std::io::BufWriter::new(std::fs::File::create(path).expect("create CSV"));
    file.write_all(header_line(survey).as_bytes())
        .expect("write");
    let mut chunk = String::new();
    for i in 0..workload.len() {
        row(i, &mut chunk);
        if chunk.len() > 1 << 20 {
            file.write_all(chunk.as_bytes()).expect("write");
            chunk.clear();
        }
    }
    file.write_all(chunk.as_bytes()).expect("write");
    file.flush().expect("write");
    std::fs::write(
        format!("{path}.units.csv"),
        domain::units::csv::to_csv(&workload.units),
    )
    .expect("write units");
    std::fs::write(
        format!("{path}.instrument.json"),
        serde_json::to_string_pretty(&workload.instrument).expect("serializable"),
    )
    .expect("write instrument");
    println!(
        "wrote {path} (+ .units.csv, .instrument.json) in {:.1} s",
        start.elapsed().as_secs_f64()
    );
}
