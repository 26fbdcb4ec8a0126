//! `cargo bench --bench process`: budc as users run it, a whole process at a time (the release
//! binary `cargo bench` builds): the example checked and compiled, the language server's
//! latency, start-up, and the scale targets — throughput and peak memory on synthetic budgets of
//! growing size, 1,000 budgets in one run, and one huge budget (1M projects, 1.3 GB) checked and
//! compiled to a file.
//!
//! No timed assertions: this prints measurements (min and median of repeated runs) for the
//! README's Performance section. Peak memory is the child's own maximum resident set (wait4).
//!
//! `cargo bench --bench process -- huge` runs only the sections whose name holds `huge`
//! (sections: example, copies, ledger, growing, many, region, site, huge). The huge budget needs ~12 GB of memory and
//! ~8 GB of disk in the temp folder for a minute or two.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

/// One run of the binary: wall time and peak resident memory in bytes.
// The child is reaped by wait4 (which also gives its rusage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run(bin: &Path, args: &[&str]) -> (Duration, u64) {
    let (time, peak, _) = run_status(bin, args);
    (time, peak)
}

/// One run of the binary, reaped by wait4: its wall time, its resource usage (its own, all its
/// threads), and whether it exited 0.
// The child is reaped by wait4 (which also gives its rusage), not by `Child::wait`.
#[allow(clippy::zombie_processes)]
fn run_usage(bin: &Path, args: &[&str]) -> (Duration, libc::rusage, bool) {
    let t = Instant::now();
    let child = Command::new(bin)
        .args(args)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("run budc");
    let mut status = 0;
    // SAFETY: a plain rusage struct filled by wait4 for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let pid = child.id() as libc::pid_t;
    // SAFETY: waits for the child spawned above; the pointers are to live locals.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4");
    let ok = libc::WIFEXITED(status) && libc::WEXITSTATUS(status) == 0;
    (t.elapsed(), usage, ok)
}

/// One run of the binary: wall time, peak resident memory in bytes, and whether it exited 0.
fn run_status(bin: &Path, args: &[&str]) -> (Duration, u64, bool) {
    let (wall, usage, ok) = run_usage(bin, args);
    (wall, usage.ru_maxrss as u64 * 1024, ok)
}

/// The CPU time (user + system) of one run of the binary, all its threads.
fn cpu(bin: &Path, args: &[&str]) -> Duration {
    let (_, usage, _) = run_usage(bin, args);
    let time = |t: libc::timeval| Duration::new(t.tv_sec as u64, t.tv_usec as u32 * 1000);
    time(usage.ru_utime) + time(usage.ru_stime)
}

/// Min and median time, and the largest peak memory, of `n` runs.
fn runs(bin: &Path, args: &[&str], n: usize) -> (Duration, Duration, u64) {
    let mut times = Vec::new();
    let mut peak = 0;
    for _ in 0..n {
        let (t, m) = run(bin, args);
        times.push(t);
        peak = peak.max(m);
    }
    times.sort();
    (times[0], times[times.len() / 2], peak)
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn report(what: &str, (min, median, _): (Duration, Duration, u64)) {
    println!(
        "{what:<56} min {:>8.2} ms   median {:>8.2} ms",
        ms(min),
        ms(median)
    );
}

/// The release binary next to this bench executable (target/release/budc).
fn binary() -> Option<PathBuf> {
    let exe = std::env::current_exe().ok()?;
    let dir = exe.parent()?.parent()?;
    let bin = dir.join(if cfg!(windows) { "budc.exe" } else { "budc" });
    bin.exists().then_some(bin)
}

/// Time from a `didChange` of the example to its `publishDiagnostics`, through `budc lsp`.
fn lsp_latency(bin: &Path, text: &str) -> (Duration, Duration, u64) {
    use std::io::{BufRead, BufReader, Read, Write};
    let mut child = Command::new(bin)
        .arg("lsp")
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
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
    let mut times = Vec::new();
    for v in 2..32 {
        let t = Instant::now();
        send(
            serde_json::json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {"textDocument": {"uri": uri, "version": v}, "contentChanges": [{"text": text}]}}),
        );
        recv();
        times.push(t.elapsed());
    }
    send(serde_json::json!({"jsonrpc": "2.0", "id": 2, "method": "shutdown", "params": null}));
    recv();
    send(serde_json::json!({"jsonrpc": "2.0", "method": "exit", "params": null}));
    let _ = child.wait();
    times.sort();
    (times[0], times[times.len() / 2], 0)
}

fn main() {
    let Some(bin) = binary() else {
        println!("(release binary not found next to the bench: run `cargo build --release`)");
        return;
    };
    // `cargo bench` passes `--bench`; any other argument names the sections to run.
    let only: Option<String> = std::env::args().skip(1).find(|a| !a.starts_with("--"));
    let wanted = |section: &str| only.as_deref().is_none_or(|o| section.contains(o));
    let dir = std::env::temp_dir().join(format!("budc-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    if wanted("example") {
        example(&bin, &dir);
    }
    if wanted("copies") {
        copies(&bin, &dir);
    }
    if wanted("ledger") {
        ledger(&bin, &dir);
    }
    if wanted("growing") {
        growing(&bin, &dir);
    }
    if wanted("many") {
        many(&bin, &dir);
    }
    if wanted("region") {
        region(&bin, &dir);
    }
    if wanted("site") {
        site(&bin, &dir);
    }
    if wanted("huge") {
        huge(&bin, &dir);
    }
    let _ = std::fs::remove_dir_all(&dir);
}

fn example(bin: &Path, dir: &Path) {
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let docx = dir.join("example.docx").display().to_string();
    let xlsx = dir.join("example.xlsx").display().to_string();

    println!("== the example ({:.0} KB)", text.len() as f64 / 1e3);
    report("`budc --version` (start-up)", runs(bin, &["--version"], 30));
    report("`budc check` example", runs(bin, &["check", EXAMPLE], 30));
    report(
        "`budc compile --format json` example",
        runs(bin, &["compile", EXAMPLE, "--format", "json"], 30),
    );
    report(
        "`budc compile --format docx --no-page-numbers` example",
        runs(
            bin,
            &[
                "compile",
                EXAMPLE,
                "--format",
                "docx",
                "--no-page-numbers",
                "-o",
                &docx,
            ],
            30,
        ),
    );
    // With LibreOffice installed, the 目录's page numbers come from rendering the document.
    report(
        "`budc compile --format docx` example (pagination pass with LibreOffice, when installed)",
        runs(
            bin,
            &["compile", EXAMPLE, "--format", "docx", "-o", &docx],
            3,
        ),
    );
    report(
        "`budc compile --format xlsx` example",
        runs(
            bin,
            &["compile", EXAMPLE, "--format", "xlsx", "-o", &xlsx],
            30,
        ),
    );
    report(
        "`budc lsp`: didChange of the example → diagnostics",
        lsp_latency(bin, &text),
    );
    // PDF: LibreOffice's layout plus ours (the DOCX, the normalisation); skipped without it.
    if budc::backend::pdf::engine().is_some() {
        let pdf = dir.join("example.pdf").display().to_string();
        report(
            "`budc compile --format pdf` example (LibreOffice included)",
            runs(bin, &["compile", EXAMPLE, "--format", "pdf", "-o", &pdf], 5),
        );
    }
    // The invented departments: other kinds of unit, other sources, amounts in 元.
    for name in [
        "yunxi-cdc-2024",
        "qinghe-education-2024",
        "songling-sasac-2024",
    ] {
        let path = format!("{}/examples/{name}.bud", env!("CARGO_MANIFEST_DIR"));
        let out = dir.join(format!("{name}.docx")).display().to_string();
        report(
            &format!("`budc check` {name}"),
            runs(bin, &["check", &path], 30),
        );
        report(
            &format!("`budc compile --format docx --no-page-numbers` {name}"),
            runs(
                bin,
                &[
                    "compile",
                    &path,
                    "--format",
                    "docx",
                    "--no-page-numbers",
                    "-o",
                    &out,
                ],
                30,
            ),
        );
    }
}

/// The real example 100 times in one run: `budc check` of 100 files, wall and CPU time.
fn copies(bin: &Path, dir: &Path) {
    println!("\n== the real example, 100 copies in one run: `budc check` of 100 files");
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let copies = dir.join("copies");
    std::fs::create_dir_all(&copies).expect("dir");
    for i in 0..100 {
        std::fs::write(copies.join(format!("copy-{i:03}.bud")), &text).expect("write");
    }
    let c = copies.display().to_string();
    let mb = 100.0 * text.len() as f64 / 1e6;
    let (min, median, peak) = runs(bin, &["check", &c], 7);
    let mut cpus: Vec<Duration> = (0..7).map(|_| cpu(bin, &["check", &c])).collect();
    cpus.sort();
    println!(
        "100 × the example ({mb:.1} MB): wall min {:.0} ms, median {:.0} ms ({:.1} MB/s); CPU min {:.0} ms: {:.1} MB/s per core; peak {:.0} MB",
        ms(min),
        ms(median),
        mb / min.as_secs_f64(),
        ms(cpus[0]),
        mb / cpus[0].as_secs_f64(),
        peak as f64 / 1e6
    );
}

/// `budc check` of the 100 copies of the example beside `ledger -f journal.ledger source` on a
/// journal of the same size (`synth::journal`), CPU time per core, the two run in turns so that
/// both see the same load on the machine. Skipped when `ledger` is not installed.
fn ledger(bin: &Path, dir: &Path) {
    println!(
        "\n== beside Ledger: `budc check` of 100 copies, `ledger source` of a journal as large"
    );
    let Some(ledger) = which("ledger") else {
        println!("(skipped: `ledger` is not installed; on Debian: apt install ledger)");
        return;
    };
    let text = std::fs::read_to_string(EXAMPLE).expect("example");
    let copies = dir.join("ledger-copies");
    std::fs::create_dir_all(&copies).expect("dir");
    for i in 0..100 {
        std::fs::write(copies.join(format!("copy-{i:03}.bud")), &text).expect("write");
    }
    let bytes = 100 * text.len();
    let journal = dir.join("journal.ledger");
    std::fs::write(&journal, budc::synth::journal(bytes)).expect("write journal");
    let (c, j) = (copies.display().to_string(), journal.display().to_string());
    let (mut budc, mut ledger_cpu) = (Vec::new(), Vec::new());
    for _ in 0..10 {
        budc.push(cpu(bin, &["check", &c]));
        ledger_cpu.push(cpu(&ledger, &["-f", &j, "source"]));
    }
    budc.sort();
    ledger_cpu.sort();
    let mb = bytes as f64 / 1e6;
    let rate = |d: Duration| mb / d.as_secs_f64();
    println!(
        "{mb:.2} MB each, CPU time, min of 10 (median): budc check {:.0} ms ({:.0}) = {:.1} MB/s per core; ledger source {:.0} ms ({:.0}) = {:.1} MB/s per core; budc / ledger = {:.2}×",
        ms(budc[0]),
        ms(budc[5]),
        rate(budc[0]),
        ms(ledger_cpu[0]),
        ms(ledger_cpu[5]),
        rate(ledger_cpu[0]),
        ledger_cpu[0].as_secs_f64() / budc[0].as_secs_f64()
    );
}

/// The full path of a program on the PATH.
fn which(program: &str) -> Option<PathBuf> {
    let path = std::env::var_os("PATH")?;
    std::env::split_paths(&path)
        .map(|d| d.join(program))
        .find(|p| p.is_file())
}

/// What the process holds whatever the input (binary, catalog, allocator): a one-line file.
fn base_memory(bin: &Path, dir: &Path) -> u64 {
    let tiny = dir.join("tiny.bud");
    std::fs::write(&tiny, "部门 x\n").expect("write");
    let (_, _, base) = runs(bin, &["check", &tiny.display().to_string()], 5);
    base
}

fn growing(bin: &Path, dir: &Path) {
    println!("\n== one budget of growing size: `budc check FILE` (one core)");
    let base = base_memory(bin, dir);
    println!(
        "peak memory of a one-line budget: {:.1} MB",
        base as f64 / 1e6
    );
    println!(
        "{:>9} {:>9} {:>10} {:>10} {:>11} {:>13} {:>20}",
        "projects", "MB", "min ms", "MB/s", "peak MB", "peak / input", "(peak − base) / input"
    );
    for projects in [100, 1_000, 4_000, 10_000] {
        let budget = budc::synth::department(0, projects);
        let path = dir.join(format!("single-{projects}.bud"));
        std::fs::write(&path, &budget).expect("write budget");
        let p = path.display().to_string();
        let (min, _, peak) = runs(bin, &["check", &p], 7);
        let mb = budget.len() as f64 / 1e6;
        println!(
            "{projects:>9} {mb:>9.2} {:>10.1} {:>10.1} {:>11.1} {:>12.1}× {:>19.1}×",
            ms(min),
            mb / min.as_secs_f64(),
            peak as f64 / 1e6,
            peak as f64 / budget.len() as f64,
            peak.saturating_sub(base) as f64 / budget.len() as f64
        );
    }
}

fn many(bin: &Path, dir: &Path) {
    println!("\n== many budgets: `budc check DIR` (rayon, both cores)");
    let many = dir.join("many");
    std::fs::create_dir_all(&many).expect("dir");
    let mut bytes = 0;
    for n in 0..1_000 {
        let budget = budc::synth::department(n, 50);
        bytes += budget.len();
        std::fs::write(many.join(format!("dept-{n:05}.bud")), budget).expect("write");
    }
    let m = many.display().to_string();
    let (min, median, peak) = runs(bin, &["check", &m], 5);
    println!(
        "1,000 budgets × 50 projects ({:.1} MB): min {:.2} s, median {:.2} s, {:.1} MB/s, peak {:.0} MB",
        bytes as f64 / 1e6,
        min.as_secs_f64(),
        median.as_secs_f64(),
        bytes as f64 / 1e6 / min.as_secs_f64(),
        peak as f64 / 1e6
    );
}

/// A region of synthetic departments (`budc region DIR`): compiled in parallel and each reduced
/// to its summary at once, so the peak grows only with the summary (a row per department in
/// each table, and its project codes for E0601), against `budc check DIR`, which keeps every
/// file's diagnostics. JSON alone, then all three formats (the DOCX, built whole by docx-rs,
/// costs the most memory per row).
fn region(bin: &Path, dir: &Path) {
    println!(
        "\n== a region: `budc region DIR -o OUT.json`, then `--format all` (rayon, both cores)"
    );
    println!(
        "{:>11} {:>9} {:>11} {:>9} {:>13} {:>10} {:>10} {:>14}",
        "departments",
        "input MB",
        "json min s",
        "MB/s",
        "json peak MB",
        "all min s",
        "all peak MB",
        "check peak MB"
    );
    for n in [250, 1_000, 4_000] {
        let folder = dir.join(format!("region-{n}"));
        std::fs::create_dir_all(&folder).expect("dir");
        let mut bytes = 0;
        for i in 0..n {
            let budget = budc::synth::department(i, 50);
            bytes += budget.len();
            std::fs::write(folder.join(format!("dept-{i:05}.bud")), budget).expect("write");
        }
        let f = folder.display().to_string();
        let json = dir.join(format!("region-{n}.json")).display().to_string();
        let all = dir.join(format!("region-{n}-all")).display().to_string();
        let (json_min, _, json_peak) = runs(bin, &["region", &f, "-o", &json], 3);
        let (all_min, _, all_peak) = runs(bin, &["region", &f, "--format", "all", "-o", &all], 1);
        let (_, _, check_peak) = runs(bin, &["check", &f], 1);
        println!(
            "{:>11} {:>9.1} {:>11.2} {:>9.1} {:>13.0} {:>10.2} {:>10.0} {:>14.0}",
            n,
            bytes as f64 / 1e6,
            json_min.as_secs_f64(),
            bytes as f64 / 1e6 / json_min.as_secs_f64(),
            json_peak as f64 / 1e6,
            all_min.as_secs_f64(),
            all_peak as f64 / 1e6,
            check_peak as f64 / 1e6
        );
        let _ = std::fs::remove_dir_all(&folder);
    }
}

/// The website of synthetic departments (`budc site DIR -o OUT`): each department compiled,
/// its page and downloads (DOCX, XLSX, JSON) written and dropped, in parallel, so the peak
/// grows only with the index (a line and a region summary per department). Into a new folder
/// each run.
fn site(bin: &Path, dir: &Path) {
    println!("\n== a website: `budc site DIR -o OUT` (rayon, both cores)");
    println!(
        "{:>11} {:>9} {:>9} {:>9} {:>12} {:>10} {:>9}",
        "departments", "input MB", "min s", "median s", "per dept ms", "peak MB", "site MB"
    );
    for n in [100, 1_000] {
        let folder = dir.join(format!("site-in-{n}"));
        std::fs::create_dir_all(&folder).expect("dir");
        let mut bytes = 0;
        for i in 0..n {
            let budget = budc::synth::department(i, 50);
            bytes += budget.len();
            std::fs::write(folder.join(format!("dept-{i:05}.bud")), budget).expect("write");
        }
        let f = folder.display().to_string();
        let out = dir.join(format!("site-out-{n}"));
        let o = out.display().to_string();
        let mut times = Vec::new();
        let mut peak = 0;
        for _ in 0..3 {
            let _ = std::fs::remove_dir_all(&out);
            let (t, m, ok) = run_status(bin, &["site", &f, "-o", &o]);
            assert!(ok, "budc site failed");
            times.push(t);
            peak = peak.max(m);
        }
        times.sort();
        let written: u64 = walk(&out).iter().sum();
        println!(
            "{:>11} {:>9.1} {:>9.2} {:>9.2} {:>12.1} {:>10.0} {:>9.0}",
            n,
            bytes as f64 / 1e6,
            times[0].as_secs_f64(),
            times[1].as_secs_f64(),
            ms(times[0]) / n as f64,
            peak as f64 / 1e6,
            written as f64 / 1e6
        );
        let _ = std::fs::remove_dir_all(&folder);
        let _ = std::fs::remove_dir_all(&out);
    }
}

/// The sizes of every file under a folder.
fn walk(dir: &Path) -> Vec<u64> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).into_iter().flatten().flatten() {
            let p = e.path();
            if p.is_dir() {
                todo.push(p);
            } else if let Ok(m) = p.metadata() {
                out.push(m.len());
            }
        }
    }
    out
}

/// One budget of a million projects (1.3 GB, past the default input limit of 512 MiB): checked,
/// and compiled to a JSON file, which is streamed (the goal: peak ≤ 15× the input).
fn huge(bin: &Path, dir: &Path) {
    let projects = 1_000_000;
    println!("\n== one huge budget: {projects} projects, once each");
    let path = dir.join("huge.bud");
    let size = {
        let budget = budc::synth::department(0, projects);
        std::fs::write(&path, &budget).expect("write budget");
        budget.len()
    };
    let p = path.display().to_string();
    let json = dir.join("huge.json");
    let j = json.display().to_string();
    let commands: [(&str, Vec<&str>); 2] = [
        ("check", vec!["check", "--max-input-size", "2G", &p]),
        (
            "compile -o FILE.json",
            vec!["compile", "--max-input-size", "2G", &p, "-o", &j],
        ),
    ];
    println!(
        "{:<22} {:>9} {:>9} {:>10} {:>11} {:>13} {:>10}",
        "budc", "input MB", "s", "MB/s", "peak MB", "peak / input", "output MB"
    );
    for (what, args) in commands {
        let _ = std::fs::remove_file(&json);
        let (time, peak, ok) = run_status(bin, &args);
        let out = std::fs::metadata(&json).map(|m| m.len()).unwrap_or(0);
        let mb = size as f64 / 1e6;
        println!(
            "{what:<22} {mb:>9.1} {:>9.1} {:>10.1} {:>11.0} {:>12.2}× {:>10.0}{}",
            time.as_secs_f64(),
            mb / time.as_secs_f64(),
            peak as f64 / 1e6,
            peak as f64 / size as f64,
            out as f64 / 1e6,
            if ok { "" } else { "   FAILED (exit not 0)" }
        );
    }
    let _ = std::fs::remove_file(&json);
    let _ = std::fs::remove_file(&path);
}
