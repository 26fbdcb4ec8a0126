//! `budc serve`: the website of a budget (or a folder of them) served on this machine while it
//! is written. The pages are built in memory, again on every save (`notify`: of a budget, or
//! of a `上年文件` one names, wherever it is), with the
//! diagnostics at the top; each page listens on an event stream (server-sent events) and
//! reloads itself when the pages are built again. Read-only: only the built pages are served,
//! by their exact paths; a path that leaves them (`..`, `%2e%2e`, an absolute path) is refused.

use super::site::{compile_all, notices, slugs, Input};
use super::ui::{Ui, OK};
use crate::diag::{t, Lang, Text};
use crate::model::Catalog;
use crate::site::{self, Entry, Notice, Region, Site};
use std::net::SocketAddr;
use std::path::{Path, PathBuf};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Duration;

/// The pages of the current build and its generation (counted from 1).
struct State {
    site: Site,
    generation: u64,
}

/// The state, and a signal for the event streams when it changes.
struct Shared {
    state: Mutex<State>,
    changed: Condvar,
}

impl Shared {
    fn lock(&self) -> std::sync::MutexGuard<'_, State> {
        match self.state.lock() {
            Ok(s) => s,
            Err(poisoned) => poisoned.into_inner(),
        }
    }
}

/// What is built, from where.
struct Inputs {
    path: PathBuf,
    catalog: Option<Catalog>,
    lang: Lang,
}

pub fn run(ui: &mut Ui, path: &Path, addr: SocketAddr, catalog: Option<&Path>) -> i32 {
    let catalog = match super::inputs::load_catalog(ui, catalog) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let inputs = Inputs {
        path: path.to_path_buf(),
        catalog,
        lang: ui.lang,
    };
    // The first build: a folder without budgets or a path that is not there is an error now.
    if let Err(e) = crate::files::expand(std::slice::from_ref(&inputs.path)) {
        return ui.file_error(&e);
    }
    let (site, priors) = build(ui, &inputs, 1);
    let shared = Arc::new(Shared {
        state: Mutex::new(State {
            site,
            generation: 1,
        }),
        changed: Condvar::new(),
    });
    let server = match tiny_http::Server::http(addr) {
        Ok(s) => s,
        Err(e) => {
            return ui.fail(t!(
                "无法在 {addr} 上监听：{e}",
                "cannot listen on {addr}: {e}"
            ))
        }
    };
    let url = match server.server_addr().to_ip() {
        Some(a) => format!("http://{a}/"),
        None => format!("http://{addr}/"),
    };
    if !addr.ip().is_loopback() {
        ui.say(&t!(
            "注意：监听 {addr}，本机以外也能访问这些页面。",
            "note: listening on {addr}, the pages can be reached from other machines."
        ));
    }
    ui.say(&t!(
        "预览：{url}（保存后自动刷新；Ctrl+C 结束）",
        "preview: {url} (reloads on save; Ctrl+C to stop)"
    ));
    // The watcher lives as long as the server (in the thread that builds again).
    if let Err(code) = watch(ui, &inputs, priors, Arc::clone(&shared)) {
        return code;
    }
    for request in server.incoming_requests() {
        let shared = Arc::clone(&shared);
        std::thread::spawn(move || respond(request, &shared));
    }
    OK
}

/// Builds the pages: every budget, with or without errors, its diagnostics on its page. Also
/// returns the files the budgets name as `上年文件` (to be watched too).
fn build(ui: &Ui, inputs: &Inputs, generation: u64) -> (Site, Vec<PathBuf>) {
    let mut problems: Vec<Notice> = Vec::new();
    let files = match crate::files::expand(std::slice::from_ref(&inputs.path)) {
        Ok(found) => found.files,
        Err(e) => {
            problems.push(Notice {
                error: true,
                text: e.line(inputs.lang),
            });
            Vec::new()
        }
    };
    let slugs = match slugs(ui, &files) {
        Ok(s) => s,
        Err(_) => {
            problems.push(Notice {
                error: true,
                text: t!(
                    "有两个同名的预算，网页会互相覆盖：请改名",
                    "two budgets have the same name and would have the same page: rename one"
                )
                .get(inputs.lang)
                .to_string(),
            });
            Vec::new()
        }
    };
    let done = compile_all(ui, &files, &slugs, inputs.catalog.as_ref(), true, false);
    let priors: Vec<PathBuf> = done
        .iter()
        .filter_map(|d| match &d.input {
            Input::Compiled(c) => c
                .budget
                .prior_file
                .as_ref()
                .map(|p| crate::prior::resolve(&c.file.name, &p.value)),
            _ => None,
        })
        .collect();
    let mut kept = Vec::new();
    for d in done {
        let name = d.path.display().to_string();
        match d.input {
            Input::Unreadable(text) => problems.push(Notice {
                error: true,
                text: format!("{name}：{}", text.get(inputs.lang)),
            }),
            Input::Undecodable(f, diag) => problems.push(Notice {
                error: true,
                text: crate::report::human(
                    &diag,
                    &f,
                    crate::report::HumanStyle {
                        color: false,
                        width: 100,
                        lang: inputs.lang,
                    },
                ),
            }),
            Input::Compiled(c) => {
                let downloads = match d.downloads {
                    Some(Ok(dl)) => dl,
                    Some(Err(why)) => {
                        problems.push(Notice {
                            error: true,
                            text: format!("{name}：{}", why.get(inputs.lang)),
                        });
                        Vec::new()
                    }
                    None => Vec::new(),
                };
                let notices = notices(&c, inputs.lang);
                if notices.iter().any(|n| n.error) {
                    let n = notices.iter().filter(|n| n.error).count();
                    problems.push(Notice {
                        error: true,
                        text: Text::new(
                            format!("{name}：{n} 个错误（见该部门的页面）"),
                            format!("{name}: {n} errors (on the department's page)"),
                        )
                        .get(inputs.lang)
                        .to_string(),
                    });
                }
                kept.push((d.slug, c, downloads, notices));
            }
        }
    }
    let entries: Vec<Entry> = kept
        .iter_mut()
        .map(|(slug, c, downloads, notices)| Entry {
            slug: slug.clone(),
            compiled: c,
            downloads: std::mem::take(downloads),
            notices: std::mem::take(notices),
        })
        .collect();
    // The region's tables, as `budc site` shows them (of the budgets without errors).
    let region = crate::region::consolidate(
        entries
            .iter()
            .map(|e| e.compiled)
            .filter(|c| !c.has_errors()),
        None,
    );
    let site = site::build(&entries, Region::of(&region), Some(generation), &problems);
    let n = entries.len();
    ui.say(&t!(
        "已生成 {n} 个部门的网页（第 {generation} 次）",
        "built the pages of {n} departments (build {generation})"
    ));
    (site, priors)
}

/// Watches the budget's folder (a file is watched through its folder: editors save by
/// renaming a new file over the old) and the folders of the `上年文件` the budgets name, and
/// builds again after each change to a `.bud` file of the input or to a `上年文件`. The
/// watcher lives in the thread that builds, which watches the folders of new `上年文件` after
/// each build.
fn watch(ui: &Ui, inputs: &Inputs, priors: Vec<PathBuf>, shared: Arc<Shared>) -> Result<(), i32> {
    use notify::{RecursiveMode, Watcher};
    let (tx, rx) = std::sync::mpsc::channel::<notify::Result<notify::Event>>();
    let mut watcher = notify::recommended_watcher(tx).map_err(|e| {
        ui.fail(t!(
            "无法监视文件的变化：{e}",
            "cannot watch the files for changes: {e}"
        ))
    })?;
    let (dir, mode) = if inputs.path.is_dir() {
        (inputs.path.clone(), RecursiveMode::Recursive)
    } else {
        (folder_of(&inputs.path), RecursiveMode::NonRecursive)
    };
    watcher.watch(&dir, mode).map_err(|e| {
        let d = dir.display();
        ui.fail(t!("无法监视 {d}：{e}", "cannot watch {d}: {e}"))
    })?;
    let mut scope = Scope {
        input: canonical(&dir),
        recursive: mode == RecursiveMode::Recursive,
        priors: Vec::new(),
        folders: Vec::new(),
    };
    scope.follow(&mut watcher, &priors);
    let mut rebuild_ui = Ui::new(ui.lang, None);
    rebuild_ui.limits = ui.limits;
    let inputs = Inputs {
        path: inputs.path.clone(),
        catalog: inputs.catalog.clone(),
        lang: inputs.lang,
    };
    std::thread::spawn(move || {
        while let Ok(event) = rx.recv() {
            if !scope.touches(&event) {
                continue;
            }
            // A save is often several events (write, rename, metadata): wait until they stop.
            while rx.recv_timeout(Duration::from_millis(150)).is_ok() {}
            let next = shared.lock().generation + 1;
            let (site, priors) = build(&rebuild_ui, &inputs, next);
            scope.follow(&mut watcher, &priors);
            let mut state = shared.lock();
            state.site = site;
            state.generation = next;
            drop(state);
            shared.changed.notify_all();
        }
    });
    Ok(())
}

/// What a change must touch to build again: a `.bud` file of the input (its folder, or the
/// folder of the one file), or one of the `上年文件` the budgets name, wherever they are.
struct Scope {
    /// The input's folder, canonical.
    input: PathBuf,
    recursive: bool,
    /// The `上年文件`, canonical (their folder, and their name).
    priors: Vec<PathBuf>,
    /// The folders watched for them (outside the input's).
    folders: Vec<PathBuf>,
}

impl Scope {
    /// Watches the folders of these `上年文件` that are not watched yet (and no longer those
    /// of files no budget names now).
    fn follow(&mut self, watcher: &mut notify::RecommendedWatcher, priors: &[PathBuf]) {
        use notify::{RecursiveMode, Watcher};
        self.priors = priors.iter().map(|p| canonical(p)).collect();
        self.priors.sort();
        self.priors.dedup();
        let mut wanted: Vec<PathBuf> = self
            .priors
            .iter()
            .map(|p| folder_of(p))
            .filter(|f| !self.covers(f) && f.is_dir())
            .collect();
        wanted.sort();
        wanted.dedup();
        for old in self.folders.iter().filter(|f| !wanted.contains(f)) {
            let _ = watcher.unwatch(old);
        }
        for new in wanted.iter().filter(|f| !self.folders.contains(f)) {
            // A folder that cannot be watched: its changes are seen at the next save.
            let _ = watcher.watch(new, RecursiveMode::NonRecursive);
        }
        self.folders = wanted;
    }

    /// Whether the input's own watch sees changes in this folder.
    fn covers(&self, folder: &Path) -> bool {
        if self.recursive {
            folder.starts_with(&self.input)
        } else {
            folder == self.input
        }
    }

    /// Whether an event is about a `.bud` file of the input, or a `上年文件` (the watched
    /// folders may hold the site's output, editors' swap files, other years' budgets).
    fn touches(&self, event: &notify::Result<notify::Event>) -> bool {
        let Ok(e) = event else {
            return false;
        };
        if matches!(e.kind, notify::EventKind::Access(_)) {
            return false;
        }
        e.paths.iter().any(|p| {
            let p = canonical(p);
            let budget = p.extension().is_some_and(|x| x.eq_ignore_ascii_case("bud"));
            (budget && self.covers(&folder_of(&p))) || self.priors.contains(&p)
        })
    }
}

/// The folder of a file (`.` for a bare name).
fn folder_of(path: &Path) -> PathBuf {
    path.parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."))
        .to_path_buf()
}

/// A path with its folder made canonical (the file itself may be gone: a save by renaming
/// removes it for a moment), so that the paths of events and of budgets compare.
fn canonical(path: &Path) -> PathBuf {
    if let Ok(p) = std::fs::canonicalize(path) {
        if path.is_dir() {
            return p;
        }
    }
    match (path.parent(), path.file_name()) {
        (Some(dir), Some(name)) => std::fs::canonicalize(folder_of_dir(dir))
            .map(|d| d.join(name))
            .unwrap_or_else(|_| path.to_path_buf()),
        _ => path.to_path_buf(),
    }
}

/// `.` for an empty folder name.
fn folder_of_dir(dir: &Path) -> &Path {
    if dir.as_os_str().is_empty() {
        Path::new(".")
    } else {
        dir
    }
}

/// Why a request gets no page.
#[derive(Debug, PartialEq, Eq)]
pub enum Refused {
    /// Not a path of the site: `..`, `.`, an empty segment, a backslash, a NUL, a colon, an
    /// encoding that is not UTF-8, a target that is not an absolute path (`http://…`).
    BadPath,
}

/// The site's key for a request's target: the path, percent-decoded, checked, with
/// `index.html` for a folder. The query is ignored.
pub fn resolve(target: &str) -> Result<String, Refused> {
    let path = target.split(['?', '#']).next().unwrap_or_default();
    let Some(rest) = path.strip_prefix('/') else {
        return Err(Refused::BadPath);
    };
    let bytes = percent_decode(rest).ok_or(Refused::BadPath)?;
    let decoded = String::from_utf8(bytes).map_err(|_| Refused::BadPath)?;
    if decoded.contains(['\\', '\0', ':']) {
        return Err(Refused::BadPath);
    }
    let segments: Vec<&str> = decoded.split('/').collect();
    let last = segments.len().saturating_sub(1);
    for (i, s) in segments.iter().enumerate() {
        // Only the last segment may be empty (a folder: `dept/`, or the root).
        if *s == "." || *s == ".." || (s.is_empty() && i != last) {
            return Err(Refused::BadPath);
        }
    }
    if decoded.is_empty() || decoded.ends_with('/') {
        Ok(format!("{decoded}index.html"))
    } else {
        Ok(decoded)
    }
}

/// `%XX` decoded; `None` for a `%` not followed by two hex digits.
fn percent_decode(s: &str) -> Option<Vec<u8>> {
    let b = s.as_bytes();
    let mut out = Vec::with_capacity(b.len());
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        if c == b'%' {
            let hex = b.get(i + 1..i + 3)?;
            let hex = std::str::from_utf8(hex).ok()?;
            out.push(u8::from_str_radix(hex, 16).ok()?);
            i += 3;
        } else {
            out.push(c);
            i += 1;
        }
    }
    Some(out)
}

fn header(name: &str, value: &str) -> Option<tiny_http::Header> {
    tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()).ok()
}

/// The headers of every answer: no caching (the pages change on every save), no sniffing,
/// nothing loaded from elsewhere.
fn common_headers(content_type: &str) -> Vec<tiny_http::Header> {
    [
        ("Content-Type", content_type),
        ("Cache-Control", "no-store"),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "no-referrer"),
        (
            "Content-Security-Policy",
            "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'",
        ),
    ]
    .into_iter()
    .filter_map(|(n, v)| header(n, v))
    .collect()
}

fn respond(request: tiny_http::Request, shared: &Shared) {
    use tiny_http::{Method, Response, StatusCode};
    let text = |code: u16, body: &str| {
        Response::new(
            StatusCode(code),
            common_headers("text/plain; charset=utf-8"),
            std::io::Cursor::new(body.as_bytes().to_vec()),
            Some(body.len()),
            None,
        )
    };
    if !matches!(request.method(), Method::Get | Method::Head) {
        let _ = request.respond(text(405, "405 只读：只接受 GET 和 HEAD\n"));
        return;
    }
    let key = match resolve(request.url()) {
        Ok(k) => k,
        Err(Refused::BadPath) => {
            let _ = request.respond(text(400, "400 路径不合法\n"));
            return;
        }
    };
    if key == site::EVENTS {
        return events(request, shared);
    }
    let body = shared.lock().site.get(&key).cloned();
    match body {
        Some(bytes) => {
            let ext = key.rsplit('.').next().unwrap_or_default();
            let len = bytes.len();
            let _ = request.respond(Response::new(
                StatusCode(200),
                common_headers(site::mime(ext)),
                std::io::Cursor::new(bytes),
                Some(len),
                None,
            ));
        }
        None => {
            let _ = request.respond(text(404, "404 没有这个页面\n"));
        }
    }
}

/// The event stream of a page built at generation `since`: one `data:` event when the pages
/// are built again (at once if they already were), a comment every 15 s meanwhile, so a closed
/// page ends its stream. tiny_http buffers a streamed body, so the stream writes its own head.
fn events(request: tiny_http::Request, shared: &Shared) {
    use std::io::Write;
    let since = request
        .url()
        .split_once("since=")
        .and_then(|(_, v)| v.split('&').next())
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    let mut w = request.into_writer();
    let head = "HTTP/1.1 200 OK\r\nContent-Type: text/event-stream; charset=utf-8\r\nCache-Control: no-store\r\nX-Content-Type-Options: nosniff\r\nConnection: close\r\n\r\nretry: 1000\n\n";
    if w.write_all(head.as_bytes())
        .and_then(|_| w.flush())
        .is_err()
    {
        return;
    }
    let mut state = shared.lock();
    loop {
        if state.generation > since {
            let line = format!("data: {}\n\n", state.generation);
            drop(state);
            let _ = w.write_all(line.as_bytes()).and_then(|_| w.flush());
            return;
        }
        let (next, timeout) = match shared.changed.wait_timeout(state, Duration::from_secs(15)) {
            Ok(x) => x,
            Err(poisoned) => poisoned.into_inner(),
        };
        state = next;
        if timeout.timed_out() {
            drop(state);
            if w.write_all(b": ping\n\n").and_then(|_| w.flush()).is_err() {
                return;
            }
            state = shared.lock();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_outside_the_site_are_refused() {
        assert_eq!(resolve("/"), Ok("index.html".to_string()));
        assert_eq!(
            resolve("/yunxi-cdc-2024/"),
            Ok("yunxi-cdc-2024/index.html".to_string())
        );
        assert_eq!(resolve("/style.css?x=1"), Ok("style.css".to_string()));
        assert_eq!(
            resolve("/%E6%96%87%E5%8C%96/index.html"),
            Ok("文化/index.html".to_string())
        );
        for bad in [
            "/../Cargo.toml",
            "/a/../../etc/passwd",
            "/%2e%2e/Cargo.toml",
            "/%2E%2E%2FCargo.toml",
            "/..%2f..%2fetc/passwd",
            "//etc/passwd",
            "/%2fetc/passwd",
            "http://example.com/etc/passwd",
            "etc/passwd",
            "/C:/Windows/win.ini",
            "/..%5c..%5cCargo.toml",
            "/a%00.html",
            "/%zz",
            "/%ff",
            "/./index.html",
        ] {
            assert_eq!(resolve(bad), Err(Refused::BadPath), "{bad}");
        }
    }
}
