//! The folder `budc site` writes into, and its manifest (`.budc-site`): the list of the files
//! budc wrote there. A new build into the same folder removes the files of the last build that
//! it no longer writes (the page of a department that is gone, a PDF no longer asked for), and
//! nothing else: budc deletes only what its manifest names, and only regular files.
//!
//! So that nothing of anyone else's is ever at risk, `budc site` writes only into a folder
//! that is new, empty, or holds a manifest, and never into a folder that holds one of its
//! inputs.

use super::ui::Ui;
use crate::diag::t;
use crate::files::{reason, FileError};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// The manifest's name, in the site's root (no page's folder starts with a dot: `site::slug`).
pub const MANIFEST: &str = ".budc-site";

/// The manifest's first line.
const HEADER: &str = "# budc site v1: the files budc wrote here; the next build removes those it does not write again";

/// What the folder held before this build: the files of the last build (from its manifest).
#[derive(Debug, Default)]
pub struct Before {
    files: Vec<String>,
}

/// Checks the folder before anything is written: refused (exit 2) when it holds an input, is
/// not a folder, or is a folder that is neither empty nor a site budc wrote.
pub fn open(ui: &Ui, output: &Path, inputs: &[PathBuf]) -> Result<Before, i32> {
    let o = output.display();
    let meta = match std::fs::metadata(output) {
        Err(_) => return Ok(Before::default()),
        Ok(m) => m,
    };
    if !meta.is_dir() {
        return Err(ui.fail(t!(
            "{o} 不是目录：网站写入一个目录（-o DIR）",
            "{o} is not a folder: a site is written into a folder (-o DIR)"
        )));
    }
    if let Ok(root) = std::fs::canonicalize(output) {
        let inside = inputs.iter().find(|f| {
            std::fs::canonicalize(f)
                .map(|f| f.starts_with(&root))
                .unwrap_or(false)
        });
        if let Some(f) = inside {
            let f = f.display();
            return Err(ui.fail(t!(
                "输出目录 {o} 里有输入的预算 {f}：budc 不在源文件所在的目录里写网站（会删除旧网页）；换一个输出目录",
                "the output folder {o} holds the budget {f}: budc does not write a site where its sources are (a build removes old pages); choose another folder"
            )));
        }
    }
    match std::fs::read_to_string(output.join(MANIFEST)) {
        Ok(text) => match parse(&text) {
            Some(files) => Ok(Before { files }),
            None => Err(ui.fail(t!(
                "{o}/{MANIFEST} 不是 budc 写的清单：不写入这个目录；换一个输出目录，或删去这个文件后清空目录",
                "{o}/{MANIFEST} is not a manifest budc wrote: the folder is left alone; choose another folder, or delete that file and empty the folder"
            ))),
        },
        Err(_) => {
            let empty = std::fs::read_dir(output)
                .map(|mut d| d.next().is_none())
                .unwrap_or(false);
            if empty {
                Ok(Before::default())
            } else {
                Err(ui.fail(t!(
                    "{o} 不是空目录，也不是 budc 写的网站（没有 {MANIFEST}）：为免删除别人的文件，budc 只写入新的或空的目录，或它以前写的网站；换一个输出目录，或先清空它",
                    "{o} is not empty and is not a site budc wrote (no {MANIFEST}): so as never to delete anyone's files, budc writes only into a new or empty folder, or a site it wrote before; choose another folder, or empty this one"
                )))
            }
        }
    }
}

/// After every file is written: removes the files of the last build that this one did not
/// write (regular files only; their folders when left empty), then writes the new manifest.
pub fn close(output: &Path, before: Before, written: &[String]) -> Result<(), FileError> {
    let now: BTreeSet<&str> = written.iter().map(String::as_str).collect();
    for old in before.files.iter().filter(|f| !now.contains(f.as_str())) {
        let path = under(output, old);
        let regular = path
            .symlink_metadata()
            .map(|m| m.file_type().is_file())
            .unwrap_or(false);
        if !regular {
            continue;
        }
        if let Err(e) = std::fs::remove_file(&path) {
            let why = reason(&e);
            let (zh, en) = (&why.zh, &why.en);
            return Err(FileError::new(
                &path,
                t!(
                    "无法删除上次生成的文件：{zh}",
                    "cannot remove it (of the last build): {en}"
                ),
            ));
        }
        // Its folder, if this left it empty (never the site's root).
        let mut dir = path.parent();
        while let Some(d) = dir.filter(|d| *d != output) {
            if std::fs::remove_dir(d).is_err() {
                break;
            }
            dir = d.parent();
        }
    }
    let mut text = String::from(HEADER);
    text.push('\n');
    for f in &now {
        text.push_str(f);
        text.push('\n');
    }
    crate::files::write_output(&output.join(MANIFEST), text.as_bytes())
}

/// The files a manifest names, or `None` when it is not one. A line that is not a plain path
/// inside the site (absolute, `..`, `.`, an empty segment, a backslash) is ignored: budc never
/// removes anything outside the folder, whatever the manifest says.
fn parse(text: &str) -> Option<Vec<String>> {
    let mut lines = text.lines();
    if lines.next()? != HEADER {
        return None;
    }
    Some(lines.filter(|l| safe(l)).map(str::to_string).collect())
}

/// A path relative to the site's root that stays inside it.
fn safe(path: &str) -> bool {
    !path.is_empty()
        && !path.contains(['\\', '\0', ':'])
        && path
            .split('/')
            .all(|s| !s.is_empty() && s != "." && s != "..")
}

/// A `/`-separated path of the site, under its folder.
pub fn under(output: &Path, name: &str) -> PathBuf {
    name.split('/')
        .fold(output.to_path_buf(), |p, part| p.join(part))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_manifest_names_only_paths_inside_the_site() {
        let text = format!(
            "{HEADER}\nindex.html\na/index.html\n../x\n/etc/passwd\na//b\n./a\nC:/x\na\\..\\b\n"
        );
        assert_eq!(
            parse(&text),
            Some(vec!["index.html".to_string(), "a/index.html".to_string()])
        );
        assert_eq!(parse("index.html\n"), None);
        assert_eq!(parse(""), None);
    }
}
