//! Attacks, each the reproducer of a finding of a hostile review: the exact input or command,
//! and the exit code and state of the files expected. Every one crashed, hung, grew without
//! bound or damaged a file before its fix. (The language server's are in `attack_lsp.rs`.)

#![cfg(unix)]

mod common;
use common::budc_command;

use std::io::{Read, Write};
use std::os::unix::fs::{MetadataExt, PermissionsExt};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant, SystemTime};

const EXAMPLE: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/liaocheng-2024.bud");

/// A fresh scratch folder for one test.
fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("budc-attack-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

fn cmd(args: &[&str]) -> Command {
    let mut c = budc_command();
    c.args(args).env("NO_COLOR", "1");
    c
}

/// Waits for a child at most `limit`, reading its piped output meanwhile (a full pipe would
/// block it); a hang kills it and fails the test.
fn finish(mut child: Child, limit: Duration, what: &str) -> Output {
    fn drain(pipe: Option<impl Read + Send + 'static>) -> std::thread::JoinHandle<Vec<u8>> {
        std::thread::spawn(move || {
            let mut buf = Vec::new();
            if let Some(mut p) = pipe {
                let _ = p.read_to_end(&mut buf);
            }
            buf
        })
    }
    let out = drain(child.stdout.take());
    let err = drain(child.stderr.take());
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            return Output {
                status,
                stdout: out.join().unwrap(),
                stderr: err.join().unwrap(),
            };
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            panic!("{what}: still running after {limit:?}");
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

/// Runs budc with no input, its output captured, within a time limit.
fn run(args: &[&str], limit: Duration) -> Output {
    let child = cmd(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    finish(child, limit, &args.join(" "))
}

/// Runs budc with `input` on standard input.
fn run_with_input(args: &[&str], input: &[u8]) -> Output {
    let mut child = cmd(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let feeder = std::thread::spawn(move || {
        let _ = stdin.write_all(&input);
    });
    let out = finish(child, Duration::from_secs(60), &args.join(" "));
    feeder.join().unwrap();
    out
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

fn s(p: &Path) -> &str {
    p.to_str().unwrap()
}

fn mkfifo(path: &Path) {
    let ok = Command::new("mkfifo").arg(path).status().unwrap().success();
    assert!(ok, "mkfifo {}", path.display());
}

fn is_root() -> bool {
    std::fs::metadata("/proc/self")
        .map(|m| m.uid() == 0)
        .unwrap_or(false)
}

fn temp_files(dir: &Path) -> Vec<String> {
    std::fs::read_dir(dir)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains(".budc-"))
        .collect()
}

// 1. Crashes: a column past 65,535.

#[test]
fn a_token_past_column_65535_is_drawn_not_a_panic() {
    let dir = scratch("wide");
    let file = dir.join("wide.bud");
    std::fs::write(&file, format!("部门 甲\n{}x\n", " ".repeat(65_536))).unwrap();
    let other = dir.join("other.bud");
    std::fs::write(&other, "部门 乙\n").unwrap();
    for args in [
        vec!["check", s(&file)],
        vec!["compile", s(&file)],
        vec!["fmt", "--check", s(&file)],
        vec!["diff", s(&other), s(&file)],
    ] {
        let o = run(&args, Duration::from_secs(30));
        let code = o.status.code();
        assert!(
            matches!(code, Some(1 | 2)),
            "{args:?}: {code:?}\n{}",
            stderr(&o)
        );
        let err = stderr(&o);
        assert!(!err.contains("panicked"), "{args:?}: {err}");
        assert!(err.contains("wide.bud:2:65537"), "{args:?}: {err}");
    }
}

// 2. Failed writes to standard output.

#[test]
fn a_full_disk_on_stdout_is_an_io_error_not_a_panic() {
    let full = || {
        std::fs::OpenOptions::new()
            .write(true)
            .open("/dev/full")
            .unwrap()
    };
    for args in [
        vec!["schema"],
        vec!["explain", "E0201"],
        vec!["explain", "--list"],
        vec!["check", "--message-format", "json", EXAMPLE],
        vec![
            "diff",
            EXAMPLE,
            concat!(
                env!("CARGO_MANIFEST_DIR"),
                "/examples/liaocheng-2024-as-published.bud"
            ),
        ],
        vec!["compile", EXAMPLE],
    ] {
        let child = cmd(&args)
            .stdout(full())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let o = finish(child, Duration::from_secs(60), &args.join(" "));
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(2), "{args:?}: {err}");
        assert!(err.contains("无法写入标准输出"), "{args:?}: {err}");
        assert!(!err.contains("panicked"), "{args:?}: {err}");
    }
}

#[test]
fn a_closed_pipe_ends_the_output_quietly() {
    // `budc fmt - | head -c1`: the reader goes away after one byte.
    let source = std::fs::read(EXAMPLE).unwrap();
    for args in [vec!["fmt", "-"], vec!["explain", "--list"], vec!["schema"]] {
        let mut child = cmd(&args)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdout = child.stdout.take().unwrap();
        let mut one = [0u8; 1];
        let mut stdin = child.stdin.take().unwrap();
        let input = source.clone();
        let feeder = std::thread::spawn(move || {
            let _ = stdin.write_all(&input);
        });
        stdout.read_exact(&mut one).unwrap();
        drop(stdout);
        let o = finish(child, Duration::from_secs(30), &args.join(" "));
        feeder.join().unwrap();
        assert_eq!(o.status.code(), Some(0), "{args:?}: {}", stderr(&o));
        assert_eq!(stderr(&o), "", "{args:?}");
    }
}

// 4. The symlink attack on temporary files.

#[test]
fn a_planted_symlink_at_a_guessable_temp_name_is_never_followed() {
    let dir = scratch("symlink");
    let victim = dir.join("victim.txt");
    std::fs::write(&victim, "precious").unwrap();
    // The old temp name was `.<name>.budc-<pid>.tmp`; plant it for the pids to come.
    let me = std::process::id();
    for pid in me..me + 3000 {
        let link = dir.join(format!(".out.json.budc-{pid}.tmp"));
        std::os::unix::fs::symlink(&victim, link).unwrap();
    }
    let out = dir.join("out.json");
    let o = run(
        &["compile", EXAMPLE, "-o", s(&out)],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(std::fs::read_to_string(&victim).unwrap(), "precious");
    assert!(std::fs::read_to_string(&out).unwrap().starts_with('{'));
}

// 5. Paths that are not regular files.

#[test]
fn an_output_that_is_a_device_or_a_pipe_is_written_to_not_replaced() {
    let dir = scratch("special");
    // A symlink to /dev/null, and /dev/null itself: it stays the device.
    let null_link = dir.join("null-link");
    std::os::unix::fs::symlink("/dev/null", &null_link).unwrap();
    for target in [s(&null_link), "/dev/null"] {
        let o = run(&["compile", EXAMPLE, "-o", target], Duration::from_secs(60));
        assert_eq!(o.status.code(), Some(0), "{target}: {}", stderr(&o));
        let meta = std::fs::metadata("/dev/null").unwrap();
        assert!(std::os::unix::fs::FileTypeExt::is_char_device(
            &meta.file_type()
        ));
    }
    assert!(std::fs::symlink_metadata(&null_link)
        .unwrap()
        .file_type()
        .is_symlink());
    // -o /dev/stdout with standard output a pipe: the JSON arrives on the pipe.
    let o = run(
        &["compile", EXAMPLE, "-o", "/dev/stdout"],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(
        o.stdout.starts_with(b"{"),
        "{}",
        String::from_utf8_lossy(&o.stdout)
    );
    assert!(std::fs::symlink_metadata("/dev/stdout")
        .unwrap()
        .file_type()
        .is_symlink());
    // A FIFO: written through, still a FIFO.
    let fifo = dir.join("out.fifo");
    mkfifo(&fifo);
    let reader = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::read(fifo).unwrap())
    };
    let o = run(
        &["compile", EXAMPLE, "-o", s(&fifo)],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(reader.join().unwrap().starts_with(b"{"));
    let kind = std::fs::symlink_metadata(&fifo).unwrap().file_type();
    assert!(std::os::unix::fs::FileTypeExt::is_fifo(&kind));
    // A folder is refused with a message.
    let o = run(
        &["compile", EXAMPLE, "-o", s(&dir)],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("这是一个目录"), "{}", stderr(&o));
}

// 6. fmt in place keeps the file as its owner left it.

/// A budget that is valid but not in canonical form.
fn unformatted(dir: &Path, name: &str) -> PathBuf {
    let path = dir.join(name);
    std::fs::write(&path, "部门   甲\n年度 2024\n").unwrap();
    path
}

#[test]
fn fmt_refuses_a_read_only_file() {
    let dir = scratch("fmt-ro");
    let file = unformatted(&dir, "ro.bud");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o444)).unwrap();
    let o = run(&["fmt", s(&file)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("只读"), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "部门   甲\n年度 2024\n"
    );
    assert_eq!(std::fs::metadata(&file).unwrap().mode() & 0o777, 0o444);
}

#[test]
fn fmt_keeps_the_mode_and_the_owner() {
    let dir = scratch("fmt-mode");
    let file = unformatted(&dir, "m.bud");
    std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
    if is_root() {
        std::os::unix::fs::chown(&file, Some(4321), Some(4322)).unwrap();
    }
    let before = std::fs::metadata(&file).unwrap();
    let o = run(&["fmt", s(&file)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "部门 甲\n年度 2024\n"
    );
    let after = std::fs::metadata(&file).unwrap();
    assert_eq!(after.mode() & 0o777, 0o640);
    assert_eq!((after.uid(), after.gid()), (before.uid(), before.gid()));
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

#[test]
fn fmt_formats_a_symlinks_target_and_keeps_the_link() {
    let dir = scratch("fmt-link");
    let target = unformatted(&dir, "real.bud");
    let link = dir.join("link.bud");
    std::os::unix::fs::symlink("real.bud", &link).unwrap();
    let o = run(&["fmt", s(&link)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(std::fs::symlink_metadata(&link)
        .unwrap()
        .file_type()
        .is_symlink());
    assert_eq!(
        std::fs::read_to_string(&target).unwrap(),
        "部门 甲\n年度 2024\n"
    );
}

#[test]
fn fmt_refuses_to_split_a_hard_link() {
    let dir = scratch("fmt-hard");
    let a = unformatted(&dir, "a.bud");
    let b = dir.join("b.bud");
    std::fs::hard_link(&a, &b).unwrap();
    let o = run(&["fmt", s(&a)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(2), "{}", stderr(&o));
    assert!(stderr(&o).contains("硬链接"), "{}", stderr(&o));
    let (ma, mb) = (
        std::fs::metadata(&a).unwrap(),
        std::fs::metadata(&b).unwrap(),
    );
    assert_eq!(ma.ino(), mb.ino());
    assert_eq!(
        std::fs::read_to_string(&a).unwrap(),
        "部门   甲\n年度 2024\n"
    );
}

#[test]
fn an_edit_saved_while_fmt_runs_is_not_lost() {
    let dir = scratch("fmt-race");
    let file = dir.join("r.bud");
    std::fs::write(&file, "部门 乙（已改）\n").unwrap();
    // fmt read "部门   甲" and formatted it; meanwhile the officer saved another text.
    let r = budc::files::replace_in_place(&file, "部门   甲\n".as_bytes(), "部门 甲\n".as_bytes());
    let e = r.unwrap_err();
    assert!(e.message.zh.contains("格式化期间被修改"), "{e:?}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "部门 乙（已改）\n");
    assert!(temp_files(&dir).is_empty(), "{:?}", temp_files(&dir));
}

// 7. fmt - as an editor's filter never wipes the buffer.

#[test]
fn fmt_stdin_echoes_what_it_cannot_read() {
    // "部门 甲" in GBK, then bytes that are no encoding at all.
    for input in [
        &[0xb2, 0xbf, 0xc3, 0xc5, 0x20, 0xbc, 0xd7, 0x0a][..],
        &[0xff, 0x00, 0xfe, 0x80][..],
    ] {
        let o = run_with_input(&["fmt", "-"], input);
        assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));
        assert_eq!(o.stdout, input);
        assert!(stderr(&o).contains("E0002"), "{}", stderr(&o));
    }
}

// 8. Temporary files of killed runs.

#[test]
fn stale_temp_files_of_the_same_target_are_swept_and_fresh_ones_kept() {
    let dir = scratch("stale");
    let old = dir.join(".out.json.budc-AbC123.tmp");
    let fresh = dir.join(".out.json.budc-XyZ789.tmp");
    let other = dir.join(".other.json.budc-Old999.tmp");
    for p in [&old, &fresh, &other] {
        std::fs::write(p, "half a file").unwrap();
    }
    let two_days_ago = SystemTime::now() - Duration::from_secs(2 * 24 * 3600);
    for p in [&old, &other] {
        let f = std::fs::File::options().write(true).open(p).unwrap();
        f.set_modified(two_days_ago).unwrap();
    }
    let out = dir.join("out.json");
    let o = run(
        &["compile", EXAMPLE, "-o", s(&out)],
        Duration::from_secs(60),
    );
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(!old.exists(), "a day-old temp file of out.json is removed");
    assert!(
        fresh.exists(),
        "a fresh one may belong to a run still going"
    );
    assert!(other.exists(), "another target's are not touched");
}

#[test]
fn sigterm_and_sigint_leave_no_temp_file() {
    let dir = scratch("signal");
    let big = dir.join("big.bud");
    // The JSON streams into its temporary file for a while: long enough to be caught at it.
    std::fs::write(&big, budc::synth::department(0, 40_000)).unwrap();
    for signal in ["-TERM", "-INT"] {
        let out = dir.join("big.json");
        let child = cmd(&["compile", s(&big), "-o", s(&out)])
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let pid = child.id().to_string();
        // Wait for the temporary file to exist, then signal.
        let start = Instant::now();
        while temp_files(&dir).is_empty() && start.elapsed() < Duration::from_secs(120) {
            std::thread::sleep(Duration::from_millis(1));
        }
        assert!(
            !temp_files(&dir).is_empty(),
            "the temporary file never appeared"
        );
        Command::new("kill").args([signal, &pid]).status().unwrap();
        let o = finish(child, Duration::from_secs(60), "compile");
        assert_eq!(o.status.code(), Some(130), "{signal}: {}", stderr(&o));
        assert!(
            temp_files(&dir).is_empty(),
            "{signal}: {:?}",
            temp_files(&dir)
        );
        assert!(!out.exists(), "{signal}: no half-written output");
    }
}

// 9. Inputs that are not regular files; folder walks.

#[test]
fn fmt_of_a_fifo_reads_it_once() {
    let dir = scratch("fifo-fmt");
    let fifo = dir.join("in.bud");
    mkfifo(&fifo);
    let writer = {
        let fifo = fifo.clone();
        std::thread::spawn(move || std::fs::write(fifo, "部门 甲\n年度 2024\n").unwrap())
    };
    let o = run(&["fmt", "--check", s(&fifo)], Duration::from_secs(30));
    writer.join().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
}

#[test]
fn a_fifo_in_a_folder_is_skipped_with_a_note() {
    let dir = scratch("fifo-dir");
    std::fs::copy(EXAMPLE, dir.join("a.bud")).unwrap();
    mkfifo(&dir.join("pipe.bud"));
    let o = run(&["check", s(&dir)], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(
        err.contains("pipe.bud") && err.contains("不是普通文件"),
        "{err}"
    );
    assert!(err.contains("检查了 1 个文件"), "{err}");
}

#[test]
fn symlink_loops_in_a_folder_count_every_file_once() {
    let dir = scratch("loops");
    let sub = dir.join("sub");
    std::fs::create_dir_all(&sub).unwrap();
    std::fs::copy(EXAMPLE, sub.join("a.bud")).unwrap();
    // Two links back up: a walk that follows them grows exponentially.
    std::os::unix::fs::symlink("..", sub.join("up")).unwrap();
    std::os::unix::fs::symlink("..", sub.join("up2")).unwrap();
    std::os::unix::fs::symlink("a.bud", sub.join("same.bud")).unwrap();
    let o = run(&["check", s(&dir)], Duration::from_secs(60));
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert!(stderr(&o).contains("检查了 1 个文件"), "{}", stderr(&o));
}

#[test]
fn a_folder_without_budgets_is_an_error() {
    let dir = scratch("empty");
    let o = run(&["check", s(&dir)], Duration::from_secs(30));
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("没有 .bud 文件"), "{}", stderr(&o));
    std::fs::write(dir.join("notes.txt"), "x").unwrap();
    let o = run(
        &["compile", s(&dir), "-o", s(&dir.join("out"))],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(2));
}

// 10. Bounded output and memory.

#[test]
fn a_huge_line_gives_a_short_report() {
    let dir = scratch("huge-line");
    let file = dir.join("line.bud");
    std::fs::write(&file, format!("部门 甲\n{}", "甲".repeat(2_000_000))).unwrap();
    let o = run(&["check", s(&file)], Duration::from_secs(120));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.len() < 16_000, "{} bytes of stderr", err.len());
    assert!(err.contains('…'), "{err}");
}

#[test]
fn diagnostics_are_capped_per_file_and_per_run() {
    let dir = scratch("staircase");
    let file = dir.join("stairs.bud");
    let stairs: String = (0..20_000)
        .map(|i| format!("{}项目 x\n", " ".repeat(i % 200)))
        .collect();
    std::fs::write(&file, stairs).unwrap();
    let o = run(&["check", s(&file)], Duration::from_secs(120));
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert_eq!(
        err.matches("\nE0001").count() + usize::from(err.starts_with("E0001")),
        197
    );
    assert!(
        err.contains("另有 19803 条诊断未显示"),
        "{}",
        &err[err.len().saturating_sub(500)..]
    );
    assert!(err.len() < 200_000, "{} bytes of stderr", err.len());
    let o = run(
        &["check", "--max-diagnostics", "5", s(&file)],
        Duration::from_secs(120),
    );
    assert!(
        stderr(&o).contains("另有 19998 条诊断未显示"),
        "{}",
        stderr(&o)
    );
    let o = run(
        &[
            "check",
            "--message-format",
            "json",
            "--max-diagnostics",
            "5",
            s(&file),
        ],
        Duration::from_secs(120),
    );
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(v["diagnostics"].as_array().unwrap().len(), 5);
    assert_eq!(v["summary"]["omitted"], 19998);
    assert_eq!(v["summary"]["errors"], 20003);
}

#[test]
fn an_endless_input_is_cut_at_the_size_limit() {
    let o = run(
        &["check", "--max-input-size", "1M", "/dev/zero"],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("超过了上限 1 MiB"), "{}", stderr(&o));
    let dir = scratch("too-big");
    let file = dir.join("big.bud");
    std::fs::write(&file, vec![b'#'; 2 << 20]).unwrap();
    let o = run(
        &["check", "--max-input-size", "1M", s(&file)],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("文件有 2 MiB"), "{}", stderr(&o));
    let o = run(
        &["check", "--max-input-size", "lots", s(&file)],
        Duration::from_secs(30),
    );
    assert_eq!(o.status.code(), Some(2));
}

// 11. Encodings.

#[test]
fn utf32_and_utf16_without_a_bom_are_named() {
    let text = "部门 甲\n年度 2024\n";
    let utf32: Vec<u8> = text
        .chars()
        .flat_map(|c| (c as u32).to_le_bytes())
        .collect();
    let utf16: Vec<u8> = text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let mut bom32 = vec![0xff, 0xfe, 0, 0];
    bom32.extend(&utf32);
    for (bytes, name) in [
        (&bom32, "UTF-32LE"),
        (&utf32, "UTF-32LE"),
        (&utf16, "UTF-16LE"),
    ] {
        let o = run_with_input(&["check", "-"], bytes);
        assert_eq!(o.status.code(), Some(1));
        assert!(
            stderr(&o).contains(&format!("看来是 {name}")),
            "{name}: {}",
            stderr(&o)
        );
    }
}
