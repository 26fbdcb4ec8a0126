//! What can go wrong with a file, said in both languages.

use crate::diag::t;
use crate::diag::{Lang, Text};
use std::path::Path;

/// A file that could not be read or written: the path and what went wrong, in words.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileError {
    pub path: String,
    pub message: Text,
}

impl FileError {
    pub fn new(path: &Path, message: Text) -> Self {
        FileError {
            path: path.display().to_string(),
            message,
        }
    }

    /// An I/O error of the operating system, with what budc was doing.
    pub fn io(path: &Path, doing: Doing, e: &std::io::Error) -> Self {
        let message = match doing {
            Doing::Read => t!("无法读取：{e}", "cannot read it: {e}"),
            Doing::Write => t!("无法写入：{e}", "cannot write it: {e}"),
            Doing::List => t!("无法列出目录：{e}", "cannot list the folder: {e}"),
        };
        FileError::new(path, message)
    }

    /// `path: message`, in one language.
    pub fn line(&self, lang: Lang) -> String {
        format!("{}: {}", self.path, self.message.get(lang))
    }
}

/// What budc was doing when the operating system said no.
#[derive(Debug, Clone, Copy)]
pub enum Doing {
    Read,
    Write,
    List,
}
