//! Files on disk, treated as a careful tool treats them.
//!
//! - Inputs are read once, with a size limit, whatever they are (a file, a FIFO, a device,
//!   standard input); folder walks never follow a symlinked folder and count every file once.
//! - Outputs are written atomically: a temporary file with a random name, created exclusively
//!   (`O_EXCL`) in the destination's folder, then renamed. A path that exists and is not a
//!   regular file (a device, a FIFO) is written to directly, never renamed over.
//! - A file rewritten in place (`budc fmt`) keeps its mode, its owner and its links, and is left
//!   alone if someone changed it meanwhile.
//! - Temporary files are removed on SIGINT/SIGTERM, and stale ones (older than a day, of a
//!   killed run) are removed by the next run that writes the same target.

mod error;
pub mod read;
mod temp;
pub mod write;

pub use error::{reason, FileError};
pub use read::{expand, read_input, Expanded, Limits};
pub use temp::install_signal_cleanup;
pub use write::{replace_in_place, write_output, write_output_with};
