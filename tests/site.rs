//! `budc site` and `budc serve`: the same bytes on every run, a page per department, every text
//! escaped, nothing loaded from elsewhere; the live preview serves only its pages (paths that
//! leave them refused), shows the diagnostics and tells the page to reload after a save. The
//! browser tests (chromium, the Nu validator) are in tests/browser/, run by .ci/run.

mod common;
use common::budc_command;

use std::collections::BTreeMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

const EXAMPLES: [&str; 4] = [
    "liaocheng-2024",
    "yunxi-cdc-2024",
    "qinghe-education-2024",
    "songling-sasac-2024",
];

fn example(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("examples")
        .join(format!("{name}.bud"))
}

/// Every file under a folder, by its path relative to it.
fn files(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut out = BTreeMap::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(d) = todo.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                todo.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().to_string_lossy().into_owned();
                out.insert(rel, std::fs::read(&p).unwrap());
            }
        }
    }
    out
}

fn site(inputs: &[PathBuf], out: &Path) -> std::process::Output {
    budc_command()
        .arg("site")
        .args(inputs)
        .arg("-o")
        .arg(out)
        .output()
        .unwrap()
}

#[test]
fn the_site_is_the_same_bytes_on_every_run_with_a_page_per_department() {
    let inputs: Vec<PathBuf> = EXAMPLES.iter().map(|n| example(n)).collect();
    let (a, b) = (tempfile::tempdir().unwrap(), tempfile::tempdir().unwrap());
    let out = site(&inputs, a.path());
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(site(&inputs, b.path()).status.success());
    let (fa, fb) = (files(a.path()), files(b.path()));
    assert_eq!(fa.keys().collect::<Vec<_>>(), fb.keys().collect::<Vec<_>>());
    for (k, v) in &fa {
        assert!(fb.get(k) == Some(v), "{k} differs between two runs");
    }
    let index = String::from_utf8(fa["index.html"].clone()).unwrap();
    for name in EXAMPLES {
        let json = budc::compile(
            budc::source::SourceFile::new(name, std::fs::read_to_string(example(name)).unwrap()),
            None,
        );
        let dept = json.budget.department().to_string();
        assert!(index.contains(&format!("<a href=\"{name}/index.html\">{dept}</a>")));
        let page = String::from_utf8(fa[&format!("{name}/index.html")].clone()).unwrap();
        assert!(page.starts_with("<!DOCTYPE html>\n<html lang=\"zh-CN\">"));
        assert_eq!(page.matches("<table class=\"budget\"").count(), 12);
        assert_eq!(
            page.matches("<table class=\"goal\"").count(),
            json.budget.projects.len()
        );
        // The downloads are the compiler's outputs, byte for byte.
        assert_eq!(
            fa[&format!("{name}/{name}.json")],
            json.to_json().into_bytes()
        );
        assert_eq!(fa[&format!("{name}/{name}.docx")], json.to_docx().unwrap());
        assert!(fa.contains_key(&format!("{name}/{name}.xlsx")));
        assert!(page.contains(&format!("href=\"{name}.docx\"")));
    }
    // Nothing is loaded from elsewhere: no URL but the SVG namespace.
    for (k, v) in &fa {
        if k.ends_with(".html") || k.ends_with(".css") || k.ends_with(".js") {
            let text = String::from_utf8_lossy(v).replace("http://www.w3.org/2000/svg", "");
            assert!(
                !text.contains("http://") && !text.contains("https://") && !text.contains("//cdn"),
                "{k} names another site"
            );
        }
    }
}

#[test]
fn every_text_from_the_budget_is_escaped() {
    let dir = tempfile::tempdir().unwrap();
    let text = std::fs::read_to_string(example("yunxi-cdc-2024")).unwrap();
    let evil = text
        .replacen(
            "部门 云溪县疾病预防控制中心",
            "部门 云溪县<b>疾控</b>&\"中心'",
            1,
        )
        .replacen(
            "  > 云溪县疾病预防控制中心是",
            "  > <script>alert(1)</script><img src=x onerror=alert(2)>云溪县疾病预防控制中心是",
            1,
        );
    assert_ne!(evil, text);
    let file = dir.path().join("evil.bud");
    std::fs::write(&file, evil).unwrap();
    let out_dir = dir.path().join("site");
    let out = site(&[file], &out_dir);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    for page in ["index.html", "evil/index.html"] {
        let html = std::fs::read_to_string(out_dir.join(page)).unwrap();
        assert!(!html.contains("<b>疾控"), "{page}");
        assert!(!html.contains("<script>alert"), "{page}");
        assert!(!html.contains("<img src=x"), "{page}");
        assert!(
            html.contains("云溪县&lt;b&gt;疾控&lt;/b&gt;&amp;&quot;中心&#39;"),
            "{page}"
        );
    }
    let page = std::fs::read_to_string(out_dir.join("evil/index.html")).unwrap();
    assert!(
        page.contains("&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=alert(2)&gt;")
    );
}

#[test]
fn a_budget_with_errors_gets_no_page_and_the_others_do() {
    let dir = tempfile::tempdir().unwrap();
    let out = site(
        &[
            example("yunxi-cdc-2024"),
            example("liaocheng-2024-as-published"),
        ],
        dir.path(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(dir.path().join("yunxi-cdc-2024/index.html").is_file());
    assert!(!dir.path().join("liaocheng-2024-as-published").exists());
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("有错误，不生成它的网页"), "{err}");
}

/// `budc serve` on a copy of a budget, on a free port; the child and its address.
struct Server {
    child: Child,
    addr: String,
    _dir: tempfile::TempDir,
    file: PathBuf,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve() -> Server {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("yunxi-cdc-2024.bud");
    std::fs::copy(example("yunxi-cdc-2024"), &file).unwrap();
    let mut child = budc_command()
        .args(["serve", "--port", "0"])
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("budc serve said no address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    // The rest of its messages, drained so it never blocks on a full pipe.
    std::thread::spawn(move || for _ in lines {});
    assert!(addr.starts_with("127.0.0.1:"), "{addr}");
    Server {
        child,
        addr,
        _dir: dir,
        file,
    }
}

/// A raw request (the target sent as written, never normalised); the status and the body.
fn request(addr: &str, method: &str, target: &str) -> (u16, String) {
    let mut s = TcpStream::connect(addr).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    write!(s, "{method} {target} HTTP/1.0\r\nHost: {addr}\r\n\r\n").unwrap();
    let mut raw = Vec::new();
    let _ = s.read_to_end(&mut raw);
    let text = String::from_utf8_lossy(&raw).into_owned();
    let status = text
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = text
        .split_once("\r\n\r\n")
        .map(|(_, b)| b.to_string())
        .unwrap_or_default();
    (status, body)
}

#[test]
fn serve_gives_only_its_pages() {
    let s = serve();
    let (status, body) = request(&s.addr, "GET", "/");
    assert_eq!(status, 200);
    assert!(body.contains("云溪县疾病预防控制中心"));
    let (status, page) = request(&s.addr, "GET", "/yunxi-cdc-2024/");
    assert_eq!(status, 200);
    assert!(
        page.contains("id=\"diagnostics\"") && page.contains("0 个错误"),
        "{page}"
    );
    assert!(page.contains("/_budc/live.js"));
    assert_eq!(request(&s.addr, "GET", "/_budc/live.js").0, 200);
    assert_eq!(
        request(&s.addr, "GET", "/yunxi-cdc-2024/yunxi-cdc-2024.json").0,
        200
    );
    for bad in [
        "/../Cargo.toml",
        "/../../../../etc/passwd",
        "/%2e%2e/Cargo.toml",
        "/%2E%2E/%2E%2E/etc/passwd",
        "/..%2fCargo.toml",
        "/yunxi-cdc-2024/..%2f..%2fyunxi-cdc-2024.bud",
        "//etc/passwd",
        "/%2fetc%2fpasswd",
        "/..%5cCargo.toml",
        "http://127.0.0.1/etc/passwd",
        "/C:/Windows/win.ini",
    ] {
        let (status, body) = request(&s.addr, "GET", bad);
        assert_eq!(status, 400, "{bad}");
        assert!(
            !body.contains("root:") && !body.contains("[package]"),
            "{bad}"
        );
    }
    // The source itself is not a page of the site, nor is anything else on the disk.
    assert_eq!(request(&s.addr, "GET", "/yunxi-cdc-2024.bud").0, 404);
    assert_eq!(request(&s.addr, "GET", "/etc/passwd").0, 404);
    // Read-only.
    assert_eq!(request(&s.addr, "POST", "/index.html").0, 405);
    assert_eq!(request(&s.addr, "PUT", "/index.html").0, 405);
    assert_eq!(request(&s.addr, "DELETE", "/index.html").0, 405);
}

#[test]
fn serve_builds_again_on_save_and_tells_the_page() {
    let s = serve();
    let mut events = TcpStream::connect(&s.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /_budc/events?since=1 HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    let mut seen = String::new();
    let mut buf = [0u8; 1024];
    while !seen.contains("retry:") {
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0);
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    assert!(seen.contains("text/event-stream"), "{seen}");
    // A mistake saved.
    let text = std::fs::read_to_string(&s.file).unwrap();
    std::fs::write(&s.file, text.replacen("年度 2024", "年度 二〇二四", 1)).unwrap();
    let start = Instant::now();
    while !seen.contains("data: 2") {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no event: {seen}"
        );
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
    let (_, page) = request(&s.addr, "GET", "/yunxi-cdc-2024/");
    assert!(page.contains("class=\"live errors\""), "{page}");
    assert!(
        page.contains("yunxi-cdc-2024.bud:"),
        "the diagnostic with its line"
    );
    assert!(page.contains("data-generation=\"2\""));
    // A page built earlier is told at once.
    let mut late = TcpStream::connect(&s.addr).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        late,
        "GET /_budc/events?since=1 HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    let mut got = String::new();
    while !got.contains("data: 2") {
        let n = late.read(&mut buf).unwrap();
        assert!(n > 0, "{got}");
        got.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

const OVERVIEW: &str = "主要职责\n  > 负责有关工作。\n机构设置\n  > 本级。\n";

/// A small clean budget of `year` (项目 P<year>).
fn budget(year: u16, basic: &str, project: &str) -> String {
    format!(
        "部门 测试局\n年度 {year}\n金额单位 万元\n科目版本 2024\n{OVERVIEW}基本支出\n  2013201 30101 {basic}\n  2013201 30201 10.00\n  2013201 30217 2.00\n项目 P{year} 某项目\n  类型 特定目标类\n  支出 2013202 {project}\n  支出 2013202 事业收入 5.00\n  目标 完成工作。\n  指标 产出指标 数量指标 | 场次 | 4场\n  指标 效益指标 社会效益指标 | 效果 | 提升\n  指标 满意度指标 服务对象满意度指标 | 满意度 | ≥90%\n"
    )
}

/// Reads the event stream until it says `data: N`.
fn wait_for(events: &mut TcpStream, seen: &mut String, what: &str) {
    let mut buf = [0u8; 1024];
    let start = Instant::now();
    while !seen.contains(what) {
        assert!(
            start.elapsed() < Duration::from_secs(30),
            "no {what}: {seen}"
        );
        let n = events.read(&mut buf).unwrap();
        assert!(n > 0, "the stream ended: {seen}");
        seen.push_str(&String::from_utf8_lossy(&buf[..n]));
    }
}

#[test]
fn serve_builds_again_when_last_years_file_changes_in_another_folder() {
    let dir = tempfile::tempdir().unwrap();
    let (this, last) = (dir.path().join("2024"), dir.path().join("2023"));
    std::fs::create_dir(&this).unwrap();
    std::fs::create_dir(&last).unwrap();
    let prior = last.join("t-2023.bud");
    std::fs::write(&prior, budget(2023, "80.00", "40.00")).unwrap();
    let file = this.join("t-2024.bud");
    let text = format!(
        "{}上年文件 ../2023/t-2023.bud\n",
        budget(2024, "90.00", "50.00")
    );
    std::fs::write(&file, text).unwrap();
    let mut child = budc_command()
        .args(["serve", "--port", "0"])
        .arg(&file)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
    let addr = loop {
        let line = lines.next().expect("budc serve said no address").unwrap();
        if let Some(rest) = line.split("http://").nth(1) {
            break rest.split('/').next().unwrap().to_string();
        }
    };
    std::thread::spawn(move || for _ in lines {});
    let s = Server {
        child,
        addr,
        _dir: dir,
        file,
    };
    // 2024: 基本 90 + 10 + 2, 项目 50 + 5 = 157; 2023: 137, so 20 more.
    let (_, page) = request(&s.addr, "GET", "/t-2024/");
    assert!(page.contains("增加20.00万元"), "{page}");
    let mut events = TcpStream::connect(&s.addr).unwrap();
    events
        .set_read_timeout(Some(Duration::from_secs(30)))
        .unwrap();
    write!(
        events,
        "GET /_budc/events?since=1 HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    let mut seen = String::new();
    wait_for(&mut events, &mut seen, "retry:");
    // Last year's file changed (its basic spending 10 less, so 30 more): built again.
    std::fs::write(&prior, budget(2023, "70.00", "40.00")).unwrap();
    wait_for(&mut events, &mut seen, "data: 2");
    let (_, page) = request(&s.addr, "GET", "/t-2024/");
    assert!(page.contains("data-generation=\"2\""));
    assert!(page.contains("增加30.00万元"), "{page}");
    // Another file in last year's folder is not watched.
    let mut late = TcpStream::connect(&s.addr).unwrap();
    late.set_read_timeout(Some(Duration::from_secs(3))).unwrap();
    write!(
        late,
        "GET /_budc/events?since=2 HTTP/1.1\r\nHost: {}\r\n\r\n",
        s.addr
    )
    .unwrap();
    let mut got = String::new();
    wait_for(&mut late, &mut got, "retry:");
    std::fs::write(last.join("other.bud"), budget(2023, "1.00", "1.00")).unwrap();
    let mut buf = [0u8; 256];
    match late.read(&mut buf) {
        Ok(n) => {
            let more = String::from_utf8_lossy(&buf[..n]);
            assert!(!more.contains("data:"), "rebuilt for another file: {more}");
        }
        Err(e) => assert!(
            matches!(
                e.kind(),
                std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut
            ),
            "{e}"
        ),
    }
}
