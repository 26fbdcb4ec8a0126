//! Criterion benchmarks of each phase — parse, build, views, check, JSON, DOCX, XLSX — on the
//! example (the real 2024 budget, 81 KB) and on a synthetic budget of 1,000 projects (1.3 MB), and the
//! whole check of 100 copies of the example in one run, with throughput in bytes of source. `cargo bench --bench phases`; one phase:
//! `cargo bench --bench phases -- parse`.

use budc::model::{build, Catalog};
use budc::source::SourceFile;
use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use std::time::Duration;

const EXAMPLE: &str = include_str!("../examples/liaocheng-2024.bud");

fn inputs() -> Vec<(&'static str, String)> {
    vec![
        ("example", EXAMPLE.to_string()),
        ("synthetic-1000", budc::synth::department(0, 1000)),
    ]
}

fn phases(c: &mut Criterion) {
    let catalog = Catalog::embedded("2024").expect("embedded catalog");
    for (name, text) in inputs() {
        let file = SourceFile::new(format!("{name}.bud"), text.clone());
        let mut g = c.benchmark_group(name);
        g.throughput(Throughput::Bytes(text.len() as u64));
        g.measurement_time(Duration::from_secs(4));
        g.sample_size(20);
        g.bench_function("parse", |b| b.iter(|| budc::syntax::parse(&file)));
        let (ast, _) = budc::syntax::parse(&file);
        g.bench_function("build", |b| {
            b.iter_batched(
                || ast.clone(),
                |ast| build(ast.lines, &catalog),
                BatchSize::LargeInput,
            )
        });
        let (budget, _) = build(ast.lines.clone(), &catalog);
        g.bench_function("views", |b| {
            b.iter(|| budc::document::compute(&budget, &catalog))
        });
        let doc = budc::document::compute(&budget, &catalog);
        g.bench_function("check", |b| {
            b.iter(|| budc::check::run(&budget, &catalog, &doc))
        });
        g.bench_function("parse+build+views+check", |b| {
            b.iter_batched(
                || file.clone(),
                |f| budc::compile(f, Some(&catalog)),
                BatchSize::LargeInput,
            )
        });
        let compiled = budc::compile(file.clone(), Some(&catalog));
        g.bench_function("json", |b| b.iter(|| compiled.to_json()));
        g.bench_function("docx", |b| b.iter(|| compiled.to_docx()));
        g.bench_function("xlsx", |b| b.iter(|| compiled.to_xlsx()));
        g.finish();
    }
    // The real example, 100 copies in one run: what `budc check` of 100 real budgets does in
    // process, one after the other.
    let copies: Vec<SourceFile> = (0..100)
        .map(|i| SourceFile::new(format!("copy-{i}.bud"), EXAMPLE))
        .collect();
    let mut g = c.benchmark_group("example×100");
    g.throughput(Throughput::Bytes(100 * EXAMPLE.len() as u64));
    g.measurement_time(Duration::from_secs(6));
    g.sample_size(10);
    g.bench_function("parse+build+views+check", |b| {
        b.iter_batched(
            || copies.clone(),
            |files| {
                for f in files {
                    budc::compile(f, Some(&catalog));
                }
            },
            BatchSize::LargeInput,
        )
    });
    g.finish();
}

criterion_group!(benches, phases);
criterion_main!(benches);
