//! `cargo bench`: how long checking and compiling take, in process and as a whole process.
//!
//! No timed assertions anywhere: this prints measurements (min and median of repeated runs) for
//! the README and the closing notes. The whole-process numbers use the release binary built by
//! `cargo bench` itself.

use budc::source::SourceFile;
use std::path::Path;
use std::process::Command;
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

fn stats(mut runs: Vec<Duration>) -> (Duration, Duration) {
    runs.sort();
    (runs[0], runs[runs.len() / 2])
}

fn time<T>(n: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    let runs = (0..n)
        .map(|_| {
            let t = Instant::now();
            std::hint::black_box(f());
            t.elapsed()
        })
        .collect();
    stats(runs)
}

fn report(what: &str, (min, median): (Duration, Duration)) {
    println!(
        "{what:<48} min {:>8.2} ms   median {:>8.2} ms",
        ms(min),
        ms(median)
    );
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The release binary next to this bench executable (target/release/budc).
fn binary() -> Option<std::path::PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join(if cfg!(windows) { "budc.exe" } else { "budc" });
    bin.exists().then_some(bin)
}

/// A synthetic budget of `projects` projects with 15 indicators each.
fn synthetic(projects: usize) -> String {
    let codes = [
        "2013202", "2080102", "2080109", "2080116", "2080705", "2101301",
    ];
    let mut s = String::from("部门 压力测试部门\n年度 2024\n金额单位 万元\n科目版本 2024\n");
    let mut total = 0u64;
    let mut body = String::new();
    for p in 0..projects {
        let cents = 100 + (p as u64 * 7919) % 900_000;
        total += cents;
        body.push_str(&format!(
            "项目 P{p:06} 项目{p}\n  类型 特定目标类\n  支出 {} {}.{:02}\n  目标 完成第{p}项工作任务。\n",
            codes[p % codes.len()],
            cents / 100,
            cents % 100
        ));
        for j in 0..13 {
            body.push_str(&format!(
                "  指标 产出指标 数量指标 | 指标{p}-{j} | ≥{j}人 | 工作成效\n"
            ));
        }
        body.push_str("  指标 效益指标 社会效益指标 | 效果 | 提升 | 工作成效\n");
        body.push_str("  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90% | 调查\n");
    }
    s.push_str(&format!(
        "收入 一般公共预算 {}.{:02}\n",
        total / 100,
        total % 100
    ));
    s.push_str(&body);
    s
}

/// Time from a `didChange` of the example to its `publishDiagnostics`, through `budc lsp`.
fn lsp_latency(bin: &std::path::Path, text: &str) -> (Duration, Duration) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("budc lsp");
    let mut stdin = child.stdin.take().expect("stdin");
    let mut out = BufReader::new(child.stdout.take().expect("stdout"));
    let mut send = |v: serde_json::Value| {
        let body = v.to_string();
        let _ = write!(stdin, "Content-Length: {}\r\n\r\n{}", body.len(), body);
        let _ = stdin.flush();
    };
    let mut recv = || -> serde_json::Value {
        let mut len = 0;
        loop {
            let mut line = String::new();
            if out.read_line(&mut line).unwrap_or(0) == 0 {
                return serde_json::Value::Null;
            }
            let line = line.trim_end();
            if line.is_empty() {
                break;
            }
            if let Some(n) = line.strip_prefix("Content-Length: ") {
                len = n.parse().unwrap_or(0);
            }
        }
        let mut body = vec![0; len];
        let _ = out.read_exact(&mut body);
        serde_json::from_slice(&body).unwrap_or_default()
    };
    let uri = "file:///bench/liaocheng-2024.bud";
    send(
        serde_json::json!({"jsonrpc": "2.0", "id": 1, "method": "initialize", "params": {"capabilities": {}, "processId": null, "rootUri": null}}),
    );
    recv();
    send(serde_json::json!({"jsonrpc": "2.0", "method": "initialized", "params": {}}));
    send(
        serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument": {"uri": uri, "languageId": "bud", "version": 1, "text": text}}}),
    );
    recv();
    let mut runs = Vec::new();
    for v in 2..32 {
        let t = Instant::now();
        send(
            serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}}),
        );
        recv();
        runs.push(t.elapsed());
    }
    send(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    recv();
    send(serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
    stats(runs)
}

fn main() {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let file = SourceFile::new("e.bud", text.clone());
    report("  parse", time(50, || budc::syntax::parse(&file)));
    report(
        "    pest pass only",
        time(50, || budc::syntax::pest_only(&file.text)),
    );
    let (ast, _) = budc::syntax::parse(&file);
    report(
        "  catalog (embedded 2024)",
        time(50, || budc::model::Catalog::embedded("2024")),
    );
    let catalog = budc::model::Catalog::embedded("2024").expect("catalog");
    report(
        "  build model",
        time(50, || budc::model::build(&ast, &catalog)),
    );
    let (budget, _) = budc::model::build(&ast, &catalog);
    report(
        "  views",
        time(50, || budc::backend::views::compute(&budget, &catalog)),
    );
    let doc = budc::backend::views::compute(&budget, &catalog);
    report(
        "  checks",
        time(50, || budc::check::run(&budget, &catalog, &doc)),
    );
    report(
        "compile example (parse+check+views), in process",
        time(50, || {
            budc::compile(SourceFile::new("e.bud", text.clone()), None)
        }),
    );
    report(
        "compile example + JSON, in process",
        time(50, || {
            budc::compile(SourceFile::new("e.bud", text.clone()), None).to_json()
        }),
    );
    let big = synthetic(5_000);
    let mb = big.len() as f64 / 1e6;
    let (min, median) = time(5, || {
        budc::compile(SourceFile::new("big.bud", big.clone()), None)
    });
    report(
        &format!("synthetic {mb:.1} MB (5,000 projects), in process"),
        (min, median),
    );
    println!(
        "{:<48} {:>8.1} MB/s (min)",
        "  throughput",
        mb / min.as_secs_f64()
    );
    let big_file = SourceFile::new("big.bud", big.clone());
    let (pmin, _) = time(5, || budc::syntax::parse(&big_file));
    report("  of which parse", (pmin, pmin));
    println!(
        "{:<48} {:>8.1} MB/s (min)",
        "  parse throughput",
        mb / pmin.as_secs_f64()
    );
    let docx_out = std::env::temp_dir()
        .join("budc-bench.docx")
        .display()
        .to_string();
    match binary() {
        Some(bin) => {
            for (what, args) in [
                (
                    "`budc check` example, whole process",
                    vec!["check", EXAMPLE],
                ),
                (
                    "`budc compile --format json` example, whole process",
                    vec!["compile", EXAMPLE, "--format", "json"],
                ),
                (
                    "`budc compile --format docx` example, whole process",
                    vec!["compile", EXAMPLE, "--format", "docx", "-o", &docx_out],
                ),
            ] {
                report(
                    what,
                    time(30, || {
                        Command::new(&bin).args(&args).output().expect("run budc")
                    }),
                );
            }
            report(
                "`budc lsp`: didChange of the example → diagnostics",
                lsp_latency(&bin, &text),
            );
        }
        None => {
            println!("(release binary not found next to the bench: run `cargo build --release`)")
        }
    }
    let _ = Path::new(EXAMPLE);
}
