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

    /// An I/O error of the operating system, with what budc was doing; the system's reason is
    /// said in the message's language (`reason`), never as the system's English inside Chinese.
    pub fn io(path: &Path, doing: Doing, e: &std::io::Error) -> Self {
        let why = reason(e);
        let (zh, en) = (&why.zh, &why.en);
        let message = match doing {
            Doing::Read => t!("无法读取：{zh}", "cannot read it: {en}"),
            Doing::Write => t!("无法写入：{zh}", "cannot write it: {en}"),
            Doing::List => t!("无法列出目录：{zh}", "cannot list the folder: {en}"),
        };
        FileError::new(path, message)
    }

    /// `path: message`, in one language.
    pub fn line(&self, lang: Lang) -> String {
        format!("{}: {}", self.path, self.message.get(lang))
    }
}

/// The operating system's reason, in both languages: the common ones by their error number,
/// others by their kind, and at worst the number itself.
pub fn reason(e: &std::io::Error) -> Text {
    use std::io::ErrorKind as K;
    let by_code = match e.raw_os_error() {
        Some(2) => Some(("文件或目录不存在", "no such file or directory")),
        Some(13) | Some(1) => Some(("没有权限", "permission denied")),
        Some(21) => Some(("这是一个目录", "it is a folder")),
        Some(20) => Some(("路径中有一段不是目录", "a part of the path is not a folder")),
        Some(28) => Some(("磁盘已满", "no space left on the device")),
        Some(30) => Some(("文件系统是只读的", "the file system is read-only")),
        Some(17) => Some(("文件已存在", "the file exists")),
        Some(24) | Some(23) => Some(("打开的文件太多", "too many open files")),
        Some(36) => Some(("文件名太长", "the file name is too long")),
        Some(40) => Some((
            "符号链接层数过多（可能成环）",
            "too many levels of symbolic links",
        )),
        Some(5) => Some(("输入输出错误", "input/output error")),
        Some(16) => Some(("设备或资源忙", "device or resource busy")),
        Some(18) => Some(("不能跨设备移动", "cannot move across devices")),
        Some(32) => Some(("管道已关闭", "broken pipe")),
        _ => None,
    };
    if let Some((zh, en)) = by_code {
        return Text::fixed(zh, en);
    }
    match e.kind() {
        K::NotFound => Text::fixed("文件或目录不存在", "no such file or directory"),
        K::PermissionDenied => Text::fixed("没有权限", "permission denied"),
        K::AlreadyExists => Text::fixed("文件已存在", "the file exists"),
        K::InvalidData => Text::fixed("内容无效", "invalid data"),
        K::UnexpectedEof => Text::fixed("文件意外结束", "unexpected end of file"),
        K::Interrupted => Text::fixed("操作被中断", "interrupted"),
        K::TimedOut => Text::fixed("操作超时", "timed out"),
        K::OutOfMemory => Text::fixed("内存不足", "out of memory"),
        _ => match e.raw_os_error() {
            Some(n) => t!("系统错误（代码 {n}）", "system error (code {n})"),
            None => {
                let kind = format!("{:?}", e.kind());
                t!("系统错误（{kind}）", "system error ({kind})")
            }
        },
    }
}

/// What budc was doing when the operating system said no.
#[derive(Debug, Clone, Copy)]
pub enum Doing {
    Read,
    Write,
    List,
}
