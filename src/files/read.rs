//! Reading inputs: once, bounded, of any kind; and finding the `.bud` files of folders.

use super::error::{Doing, FileError};
use crate::diag::t;
use std::collections::HashSet;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Inputs larger than this are refused unless `--max-input-size` says otherwise: 512 MiB is
/// thousands of times the largest real budget, and keeps a run's memory within a laptop's.
pub const DEFAULT_MAX_INPUT: u64 = 512 * 1024 * 1024;

/// Resource limits of a run.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// The largest input read, in bytes.
    pub max_input: u64,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_input: DEFAULT_MAX_INPUT,
        }
    }
}

/// Reads a whole input once, at most `limits.max_input` bytes: a regular file (its size is
/// known before reading), or anything else that can be read (a FIFO, a character device such
/// as `/dev/stdin`, standard input as `-`), read until the limit. A folder is an error.
pub fn read_input(path: &Path, limits: Limits) -> Result<Vec<u8>, FileError> {
    if path.as_os_str() == "-" {
        return read_bounded(std::io::stdin().lock(), path, None, limits);
    }
    let file = std::fs::File::open(path).map_err(|e| FileError::io(path, Doing::Read, &e))?;
    let meta = file
        .metadata()
        .map_err(|e| FileError::io(path, Doing::Read, &e))?;
    if meta.is_dir() {
        return Err(FileError::new(
            path,
            t!("这是一个目录，不是文件", "this is a folder, not a file"),
        ));
    }
    let known = meta.is_file().then_some(meta.len());
    read_bounded(file, path, known, limits)
}

fn read_bounded(
    reader: impl Read,
    path: &Path,
    known: Option<u64>,
    limits: Limits,
) -> Result<Vec<u8>, FileError> {
    let max = limits.max_input;
    if let Some(size) = known {
        if size > max {
            return Err(too_large(path, Some(size), max));
        }
    }
    let mut bytes = Vec::with_capacity(known.unwrap_or(0) as usize);
    reader
        .take(max.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(|e| FileError::io(path, Doing::Read, &e))?;
    if bytes.len() as u64 > max {
        return Err(too_large(path, None, max));
    }
    Ok(bytes)
}

fn too_large(path: &Path, size: Option<u64>, max: u64) -> FileError {
    let limit = human_size(max);
    let message = match size {
        Some(size) => {
            let size = human_size(size);
            t!(
                "文件有 {size}，超过了输入上限 {limit}；确有需要时用 --max-input-size 调高上限",
                "the file has {size}, more than the input limit of {limit}; raise it with --max-input-size if you mean it"
            )
        }
        None => t!(
            "输入超过了上限 {limit}（已停止读取）；确有需要时用 --max-input-size 调高上限",
            "the input goes past the limit of {limit} (reading stopped); raise it with --max-input-size if you mean it"
        ),
    };
    FileError::new(path, message)
}

/// `512 MiB`, `1.5 GiB`, `300 B`.
pub fn human_size(bytes: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, size) in UNITS {
        if bytes >= size {
            let whole = bytes / size;
            let tenth = (bytes % size) * 10 / size;
            return if tenth == 0 {
                format!("{whole} {name}")
            } else {
                format!("{whole}.{tenth} {name}")
            };
        }
    }
    format!("{bytes} B")
}

/// Parses a size as written on the command line: `512M`, `1G`, `64K`, `1000` (bytes); binary
/// multiples, an optional `B`/`iB`.
pub fn parse_size(s: &str) -> Result<u64, NotASize> {
    let t = s.trim();
    let t = t
        .strip_suffix("iB")
        .or_else(|| t.strip_suffix('B'))
        .unwrap_or(t);
    let (digits, shift) = match t.char_indices().last() {
        Some((i, 'K' | 'k')) => (&t[..i], 10),
        Some((i, 'M' | 'm')) => (&t[..i], 20),
        Some((i, 'G' | 'g')) => (&t[..i], 30),
        Some((i, 'T' | 't')) => (&t[..i], 40),
        _ => (t, 0),
    };
    digits
        .trim()
        .parse::<u64>()
        .ok()
        .and_then(|n| n.checked_mul(1u64 << shift))
        .filter(|n| *n > 0)
        .ok_or_else(|| NotASize(s.to_string()))
}

/// A value of `--max-input-size` that is not a size. The command line says why in the language
/// of the messages (`cli::parse_error`); `Display` is the English.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NotASize(pub String);

impl std::fmt::Display for NotASize {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "'{}' is not a size (e.g. 512M, 1G)", self.0)
    }
}

impl std::error::Error for NotASize {}

/// The `.bud` files that paths name: a file as given; a folder's `.bud` files, found
/// recursively and sorted, without following symlinked folders, each file counted once.
#[derive(Debug, Default)]
pub struct Expanded {
    pub files: Vec<PathBuf>,
    /// Entries passed over, with why: not regular files (FIFOs, sockets, devices), or symlinks
    /// to folders (a walk that followed them could loop).
    pub skipped: Vec<FileError>,
}

/// Expands folders into their `.bud` files. A folder without any is an error: a run over
/// nothing is a mistake in the command, not a clean check.
pub fn expand(paths: &[PathBuf]) -> Result<Expanded, FileError> {
    let mut out = Expanded::default();
    let mut seen = HashSet::new();
    for p in paths {
        if !p.is_dir() {
            out.files.push(p.clone());
            continue;
        }
        let mut found = Vec::new();
        walk(p, &mut found, &mut out.skipped, &mut seen)?;
        if found.is_empty() {
            return Err(FileError::new(
                p,
                t!("目录里没有 .bud 文件", "the folder holds no .bud file"),
            ));
        }
        found.sort();
        out.files.extend(found);
    }
    Ok(out)
}

fn walk(
    dir: &Path,
    out: &mut Vec<PathBuf>,
    skipped: &mut Vec<FileError>,
    seen: &mut HashSet<FileKey>,
) -> Result<(), FileError> {
    let entries = std::fs::read_dir(dir).map_err(|e| FileError::io(dir, Doing::List, &e))?;
    for entry in entries {
        let entry = entry.map_err(|e| FileError::io(dir, Doing::List, &e))?;
        let path = entry.path();
        let kind = entry
            .file_type()
            .map_err(|e| FileError::io(&path, Doing::Read, &e))?;
        if kind.is_dir() {
            walk(&path, out, skipped, seen)?;
            continue;
        }
        if path.extension().is_none_or(|e| e != "bud") && !kind.is_symlink() {
            continue;
        }
        // What the entry is, through a symlink if it is one.
        let Ok(meta) = std::fs::metadata(&path) else {
            if path.extension().is_some_and(|e| e == "bud") {
                skipped.push(FileError::new(
                    &path,
                    t!(
                        "符号链接指向不存在的文件，已跳过",
                        "a dangling symlink: skipped"
                    ),
                ));
            }
            continue;
        };
        if meta.is_dir() {
            skipped.push(FileError::new(
                &path,
                t!(
                    "指向目录的符号链接，不跟随，已跳过",
                    "a symlink to a folder: not followed, skipped"
                ),
            ));
            continue;
        }
        if path.extension().is_none_or(|e| e != "bud") {
            continue;
        }
        if !meta.is_file() {
            skipped.push(FileError::new(
                &path,
                t!(
                    "不是普通文件（管道、设备或套接字），已跳过",
                    "not a regular file (a FIFO, device or socket): skipped"
                ),
            ));
            continue;
        }
        if seen.insert(FileKey::of(&path, &meta)) {
            out.push(path);
        }
    }
    Ok(())
}

/// What makes two paths the same file.
#[derive(Debug, Hash, PartialEq, Eq)]
enum FileKey {
    #[cfg(unix)]
    Inode(u64, u64),
    #[allow(dead_code)]
    Path(PathBuf),
}

impl FileKey {
    #[cfg(unix)]
    fn of(_path: &Path, meta: &std::fs::Metadata) -> Self {
        use std::os::unix::fs::MetadataExt;
        FileKey::Inode(meta.dev(), meta.ino())
    }

    #[cfg(not(unix))]
    fn of(path: &Path, _meta: &std::fs::Metadata) -> Self {
        FileKey::Path(std::fs::canonicalize(path).unwrap_or_else(|_| path.to_path_buf()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_parse_and_print_in_binary_multiples() {
        assert_eq!(parse_size("512M"), Ok(512 << 20));
        assert_eq!(parse_size("1G"), Ok(1 << 30));
        assert_eq!(parse_size("64KiB"), Ok(64 << 10));
        assert_eq!(parse_size("1000"), Ok(1000));
        assert!(parse_size("0").is_err());
        assert!(parse_size("lots").is_err());
        assert!(parse_size("99999999999T").is_err());
        assert_eq!(human_size(512 << 20), "512 MiB");
        assert_eq!(human_size(1536 << 20), "1.5 GiB");
        assert_eq!(human_size(300), "300 B");
    }
}
