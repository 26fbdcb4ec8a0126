//! Temporary files: created exclusively with a random name beside their target, known to a
//! registry while they live so that SIGINT/SIGTERM removes them, and swept when stale.

use std::path::{Path, PathBuf};
use std::sync::{Mutex, Once};
use std::time::{Duration, SystemTime};

/// The temporary files of this process that are being written.
static LIVE: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// A temporary file of a killed run is removed by a later run after this long: old enough that
/// no run still writes it.
const STALE_AFTER: Duration = Duration::from_secs(24 * 60 * 60);

/// Removes the live temporary files when the process is interrupted or terminated (SIGINT,
/// SIGTERM, SIGHUP), then exits with 130. Installed once; later calls do nothing.
pub fn install_signal_cleanup() {
    static ONCE: Once = Once::new();
    ONCE.call_once(|| {
        // A handler that cannot be installed (one already is) leaves the default behaviour.
        let _ = ctrlc::set_handler(|| {
            remove_live();
            std::process::exit(130);
        });
    });
}

fn remove_live() {
    let live = match LIVE.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    };
    for p in live.iter() {
        let _ = std::fs::remove_file(p);
    }
}

/// The prefix of the temporary files of a target named `name`: `.name.budc-`.
pub fn prefix(target_name: &str) -> String {
    format!(".{target_name}.budc-")
}

pub const SUFFIX: &str = ".tmp";

/// A registered temporary file: unregistered (and removed, unless it was renamed) on drop.
pub struct Registered {
    file: Option<tempfile::NamedTempFile>,
    path: PathBuf,
}

impl Registered {
    /// Creates `dir/.name.budc-XXXXXX.tmp`, exclusively (never through an existing file or
    /// symlink), with the permissions a new file gets (0666 less the umask).
    pub fn create(dir: &Path, target_name: &str) -> std::io::Result<Registered> {
        sweep_stale(dir, target_name);
        let prefix = prefix(target_name);
        let mut builder = tempfile::Builder::new();
        builder.prefix(&prefix).suffix(SUFFIX);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            builder.permissions(std::fs::Permissions::from_mode(0o666));
        }
        let file = builder.tempfile_in(dir)?;
        let path = file.path().to_path_buf();
        lock_live().push(path.clone());
        Ok(Registered {
            file: Some(file),
            path,
        })
    }

    /// The open file, to write to.
    pub fn file(&mut self) -> std::io::Result<&mut std::fs::File> {
        match self.file.as_mut() {
            Some(f) => Ok(f.as_file_mut()),
            None => Err(std::io::Error::other("temporary file already persisted")),
        }
    }

    /// Renames the file over `target`.
    pub fn persist(mut self, target: &Path) -> std::io::Result<()> {
        match self.file.take() {
            Some(f) => f.persist(target).map(|_| ()).map_err(|e| e.error),
            None => Err(std::io::Error::other("temporary file already persisted")),
        }
    }
}

impl Drop for Registered {
    fn drop(&mut self) {
        unregister(&self.path);
    }
}

fn lock_live() -> std::sync::MutexGuard<'static, Vec<PathBuf>> {
    match LIVE.lock() {
        Ok(l) => l,
        Err(poisoned) => poisoned.into_inner(),
    }
}

fn unregister(path: &Path) {
    lock_live().retain(|p| p != path);
}

/// Removes the temporary files of `target_name` in `dir` that are older than a day: left by a
/// run that was killed (SIGKILL, a power cut) before it could clean up.
fn sweep_stale(dir: &Path, target_name: &str) {
    let prefix = prefix(target_name);
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let now = SystemTime::now();
    for entry in entries.flatten() {
        let name = entry.file_name();
        let Some(name) = name.to_str() else { continue };
        if !name.starts_with(&prefix) || !name.ends_with(SUFFIX) {
            continue;
        }
        // Never through a symlink: only a regular file budc could have made.
        let Ok(meta) = entry.path().symlink_metadata() else {
            continue;
        };
        let old = meta
            .modified()
            .ok()
            .and_then(|m| now.duration_since(m).ok())
            .is_some_and(|age| age > STALE_AFTER);
        if meta.is_file() && old {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}
