//! Writing outputs: atomically, never through a planted link, never over a device.

use super::error::{Doing, FileError};
use super::temp::Registered;
use crate::diag::t;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes `bytes` to `path`; see `write_output_with`.
pub fn write_output(path: &Path, bytes: &[u8]) -> Result<(), FileError> {
    write_output_with(path, |w| w.write_all(bytes))
}

/// Writes an output file by streaming into `fill`:
/// - a path that exists and is a character device or a FIFO (`/dev/null`, `/dev/stdout` to a
///   pipe) is written to directly; a folder, a socket or a block device is refused;
/// - otherwise (a new file, a regular file, or a symlink to one, which is followed) the bytes go
///   to a fresh temporary file beside the target, which is renamed over it once complete, so a
///   reader sees the old file or the new one, never a part. Missing folders are created.
pub fn write_output_with(
    path: &Path,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), FileError> {
    match std::fs::metadata(path) {
        Ok(meta) if !meta.is_file() => return write_special(path, &meta, fill),
        _ => {}
    }
    let target = resolve_link(path)?;
    let dir = folder_of(&target);
    std::fs::create_dir_all(&dir).map_err(|e| FileError::io(&dir, Doing::Write, &e))?;
    let mut tmp = Registered::create(&dir, &file_name(&target))
        .map_err(|e| FileError::io(&target, Doing::Write, &e))?;
    let written = (|| {
        let file = tmp.file()?;
        let mut w = std::io::BufWriter::new(file);
        fill(&mut w)?;
        w.flush()?;
        drop(w);
        tmp.file()?.sync_all()
    })();
    written.map_err(|e| FileError::io(&target, Doing::Write, &e))?;
    tmp.persist(&target)
        .map_err(|e| FileError::io(&target, Doing::Write, &e))
}

/// A path that is not a regular file: written to as it is, or refused.
fn write_special(
    path: &Path,
    meta: &std::fs::Metadata,
    fill: impl FnOnce(&mut dyn Write) -> std::io::Result<()>,
) -> Result<(), FileError> {
    if meta.is_dir() {
        return Err(FileError::new(
            path,
            t!(
                "这是一个目录：--format all 之外的输出须是文件",
                "this is a folder: outputs other than --format all go to a file"
            ),
        ));
    }
    if !is_stream(meta) {
        return Err(FileError::new(
            path,
            t!(
                "不是普通文件、字符设备或管道：budc 不写入它",
                "not a regular file, a character device or a FIFO: budc does not write to it"
            ),
        ));
    }
    let file = std::fs::OpenOptions::new()
        .write(true)
        .open(path)
        .map_err(|e| FileError::io(path, Doing::Write, &e))?;
    let mut w = std::io::BufWriter::new(file);
    fill(&mut w)
        .and_then(|_| w.flush())
        .map_err(|e| FileError::io(path, Doing::Write, &e))
}

#[cfg(unix)]
fn is_stream(meta: &std::fs::Metadata) -> bool {
    use std::os::unix::fs::FileTypeExt;
    let t = meta.file_type();
    t.is_char_device() || t.is_fifo()
}

#[cfg(not(unix))]
fn is_stream(_meta: &std::fs::Metadata) -> bool {
    false
}

/// The file a path names, through a symlink if it is one (the link is kept, its target
/// replaced). A dangling link is refused: where it points may be no place to create a file.
fn resolve_link(path: &Path) -> Result<PathBuf, FileError> {
    let Ok(meta) = path.symlink_metadata() else {
        return Ok(path.to_path_buf());
    };
    if !meta.file_type().is_symlink() {
        return Ok(path.to_path_buf());
    }
    std::fs::canonicalize(path).map_err(|_| {
        FileError::new(
            path,
            t!(
                "符号链接指向不存在的位置：budc 不经由它写入",
                "a dangling symlink: budc does not write through it"
            ),
        )
    })
}

fn folder_of(path: &Path) -> PathBuf {
    match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

fn file_name(path: &Path) -> String {
    path.file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_else(|| "out".into())
}

/// Replaces a source file in place with `new` (what `budc fmt` does), keeping the file as its
/// owner left it: a symlink stays a link (its target is rewritten); the mode and the owner are
/// kept; a read-only file or a file with other hard links is refused, as is a file that
/// changed since it was read as `original` (an edit saved meanwhile is never lost).
pub fn replace_in_place(path: &Path, original: &[u8], new: &[u8]) -> Result<(), FileError> {
    let target = resolve_link(path)?;
    let meta = std::fs::metadata(&target).map_err(|e| FileError::io(path, Doing::Read, &e))?;
    if !meta.is_file() {
        return Err(FileError::new(
            path,
            t!(
                "不是普通文件：只有普通文件能就地格式化（管道请用 budc fmt -）",
                "not a regular file: only regular files are formatted in place (use budc fmt - for a stream)"
            ),
        ));
    }
    if meta.permissions().readonly() {
        return Err(FileError::new(
            path,
            t!(
                "文件是只读的：未改动。确需格式化时先改为可写",
                "the file is read-only: left alone. Make it writable to format it"
            ),
        ));
    }
    refuse_hard_links(path, &meta)?;
    let dir = folder_of(&target);
    let mut tmp = Registered::create(&dir, &file_name(&target))
        .map_err(|e| FileError::io(path, Doing::Write, &e))?;
    let written = (|| {
        let f = tmp.file()?;
        f.set_permissions(meta.permissions())?;
        keep_owner(f, &meta)?;
        f.write_all(new)?;
        f.sync_all()
    })();
    written.map_err(|e| FileError::io(path, Doing::Write, &e))?;
    // The last moment to notice an edit saved while budc worked.
    let now = std::fs::read(&target).map_err(|e| FileError::io(path, Doing::Read, &e))?;
    if now != original {
        return Err(FileError::new(
            path,
            t!(
                "文件在格式化期间被修改：未写入，请重新运行",
                "the file changed while it was being formatted: nothing written, run again"
            ),
        ));
    }
    tmp.persist(&target)
        .map_err(|e| FileError::io(path, Doing::Write, &e))
}

#[cfg(unix)]
fn refuse_hard_links(path: &Path, meta: &std::fs::Metadata) -> Result<(), FileError> {
    use std::os::unix::fs::MetadataExt;
    let links = meta.nlink();
    if links > 1 {
        return Err(FileError::new(
            path,
            t!(
                "文件有 {links} 个硬链接：就地替换会拆开它们，未改动。可用 budc fmt - < 文件 查看格式化结果",
                "the file has {links} hard links: replacing it would split them, so it is left alone. budc fmt - < FILE shows the formatted text"
            ),
        ));
    }
    Ok(())
}

#[cfg(not(unix))]
fn refuse_hard_links(_path: &Path, _meta: &std::fs::Metadata) -> Result<(), FileError> {
    Ok(())
}

/// Gives the new file the old one's owner and group; a run that may not (not root, another
/// user's file) fails here rather than silently changing who owns the file.
#[cfg(unix)]
fn keep_owner(f: &std::fs::File, meta: &std::fs::Metadata) -> std::io::Result<()> {
    use std::os::unix::fs::MetadataExt;
    let new = f.metadata()?;
    if new.uid() == meta.uid() && new.gid() == meta.gid() {
        return Ok(());
    }
    std::os::unix::fs::fchown(f, Some(meta.uid()), Some(meta.gid()))
}

#[cfg(not(unix))]
fn keep_owner(_f: &std::fs::File, _meta: &std::fs::Metadata) -> std::io::Result<()> {
    Ok(())
}
