//! Criterion timings of the organisation pipeline on the demo organisation:
//!
//! ```sh
//! cargo bench -p indicators --bench organisation
//! ```
//!
//! `SIAP_BENCH_RESPONSES` sets the number of responses (default 1,000,000).
#![allow(clippy::unwrap_used, clippy::expect_used)]

mod support;

use criterion::{black_box, criterion_group, criterion_main, Criterion};
use indicators::{Organisation, Threshold};
use support::{generate, Rng, Variant};

fn responses() -> usize {
    std::env::var("SIAP_BENCH_RESPONSES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(1_000_000)
}

fn organisation(c: &mut Criterion) {
    let workload = generate(Variant::Default34, responses(), 0x5349_4150_4245_4E43);
    let threshold = Threshold::DEFAULT;
    let build = || {
        let mut organisation = Organisation::from_responses(
            workload.instrument.clone(),
            &workload.units,
            threshold,
            workload.responses(),
        )
        .unwrap();
        organisation.report().unwrap();
        organisation
    };

    let mut group = c.benchmark_group("organisation");
    group.sample_size(10);
    group.bench_function("full_recompute", |b| b.iter(|| black_box(build())));

    let mut organisation = build();
    let mut rng = Rng::new(7);
    group.sample_size(100);
    group.bench_function("incremental_update", |b| {
        b.iter(|| {
            let (code, answers) = workload.response(rng.below(workload.len()));
            organisation.add_response(code, answers).unwrap();
            black_box(organisation.report().unwrap());
        })
    });

    let indicators = organisation.report().unwrap().clone();
    let codes: Vec<String> = indicators.units.keys().map(|c| c.to_string()).collect();
    group.bench_function("cached_read_subtree_json", |b| {
        b.iter(|| {
            let code = &codes[rng.below(codes.len())];
            black_box(serde_json::to_string(&indicators.unit(code).unwrap().subtree).unwrap())
        })
    });
    group.finish();
}

criterion_group!(benches, organisation);
criterion_main!(benches);
