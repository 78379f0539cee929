//! Exit statuses, and the one policy for bad input: every bad file or
//! record is reported on stderr with its file and line, skipped, and
//! counted; the good ones go on. `--strict` stops at the first instead.

use std::process::ExitCode;

use newsgraph::ErrorKind;

/// The exit statuses, as `--help` prints them.
pub const EXIT_HELP: &str = "\
Exit status:
  0  all input read and all output written
  1  bad input: some files or records were reported on stderr and skipped
  2  usage: the arguments are wrong
  3  a path cannot be read (missing, a directory where a file is needed, no permission)
  4  a gazetteer or rule file cannot be read or is malformed
  5  the output cannot be written";

/// Bad input: reported and skipped.
pub const BAD_INPUT: u8 = 1;
/// Wrong arguments (clap exits with 2 itself).
pub const USAGE: u8 = 2;
/// An input path cannot be read.
pub const UNREADABLE: u8 = 3;
/// A gazetteer or rule file is bad.
pub const CONFIG: u8 = 4;
/// The output cannot be written.
pub const OUTPUT: u8 = 5;

/// What went wrong with the input so far.
#[derive(Default)]
pub struct Status {
    /// Bad files or records (not UTF-8, malformed, an id already taken).
    pub bad: usize,
    /// Paths that cannot be read.
    pub unreadable: usize,
}

impl Status {
    /// Prints a bad input and counts it.
    pub fn report(&mut self, err: &newsgraph::Error) {
        match err.kind() {
            ErrorKind::Io => {
                eprintln!("newsgraph: {err}");
                self.unreadable += 1;
            }
            ErrorKind::Utf8 => {
                eprintln!("newsgraph: {err} (use --lossy to replace it)");
                self.bad += 1;
            }
            _ => {
                eprintln!("newsgraph: {err}");
                self.bad += 1;
            }
        }
    }

    /// Whether any input was bad or unreadable.
    pub fn failed(&self) -> bool {
        self.bad + self.unreadable > 0
    }

    /// Says how many inputs were skipped, if any.
    pub fn summary(&self) {
        if self.failed() {
            eprintln!(
                "newsgraph: {} bad input(s) skipped",
                self.bad + self.unreadable
            );
        }
    }

    /// The exit status: an unreadable path before bad data.
    pub fn code(&self) -> ExitCode {
        if self.unreadable > 0 {
            ExitCode::from(UNREADABLE)
        } else if self.bad > 0 {
            ExitCode::from(BAD_INPUT)
        } else {
            ExitCode::SUCCESS
        }
    }
}

/// Prints a warning.
pub fn warn(message: &str) {
    eprintln!("newsgraph: warning: {message}");
}

/// An output error: a closed pipe ends quietly, anything else is status 5.
pub fn output_error(what: &str, e: &std::io::Error, status: &Status) -> ExitCode {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        return status.code();
    }
    eprintln!(
        "newsgraph: writing {what}: {}",
        newsgraph::Error::io(what, e).reason()
    );
    ExitCode::from(OUTPUT)
}
