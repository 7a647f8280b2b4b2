//! Problems found in user input, each with where it is, what is wrong and how to fix it.
//!
//! Every stage that reads user input reports through [`Diagnostic`], so that
//! `check`, `load` and the importers print problems the same way, as text for
//! people (`file:line:col: error: …`) or as JSON for editors and CI.

use std::fmt;
use std::path::{Path, PathBuf};

/// How bad a problem is: errors stop a load, warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// The input cannot be used as it is.
    Error,
    /// The input can be used, but probably not as the author meant.
    Warning,
    /// Not a problem: what a reader inferred from the input, said so that
    /// the user can check it.
    Note,
}

impl Severity {
    /// The word printed before the message.
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
            Severity::Note => "note",
        }
    }
}

/// A position in a text file, counted from 1, in characters.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Position {
    /// Line, from 1.
    pub line: usize,
    /// Column in characters, from 1.
    pub column: usize,
}

impl Position {
    /// The position of byte offset `offset` in `text`.
    pub fn of_byte(text: &str, offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let before = &text[..offset];
        let line = before.matches('\n').count() + 1;
        let line_start = before.rfind('\n').map_or(0, |i| i + 1);
        let column = before[line_start..].chars().count() + 1;
        Position { line, column }
    }

    /// As [`Position::of_byte`], with the line found in `starts` (the byte
    /// offset of each line's start, from [`line_starts`]) by binary search:
    /// a file with a hundred thousand problems is not read once per problem.
    pub fn of_byte_in(text: &str, starts: &[usize], offset: usize) -> Position {
        let offset = floor_char_boundary(text, offset.min(text.len()));
        let line = starts.partition_point(|&start| start <= offset).max(1);
        let line_start = starts.get(line - 1).copied().unwrap_or(0);
        let column = text[line_start..offset].chars().count() + 1;
        Position { line, column }
    }

    /// The position of character offset `offset` in `text`.
    pub fn of_char(text: &str, offset: usize) -> Position {
        let byte = text
            .char_indices()
            .nth(offset)
            .map_or(text.len(), |(i, _)| i);
        Position::of_byte(text, byte)
    }
}

/// The byte offset of the start of every line of `text`, the first 0.
pub fn line_starts(text: &str) -> Vec<usize> {
    std::iter::once(0)
        .chain(text.match_indices('\n').map(|(i, _)| i + 1))
        .collect()
}

fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// One problem in one input file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// How bad it is.
    pub severity: Severity,
    /// The file it is in.
    pub file: PathBuf,
    /// Where in the file, when known.
    pub position: Option<Position>,
    /// What is wrong.
    pub message: String,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `position` of `file`.
    pub fn error(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            file: file.to_path_buf(),
            position,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `position` of `file`.
    pub fn warning(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            ..Diagnostic::error(file, position, message)
        }
    }

    /// A note at `position` of `file`: something inferred, not a problem.
    pub fn note(file: &Path, position: Option<Position>, message: impl Into<String>) -> Self {
        Diagnostic {
            severity: Severity::Note,
            ..Diagnostic::error(file, position, message)
        }
    }

    /// The same problem with advice on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this problem stops the input from being used.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// The problem as a JSON object for editors and CI.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "severity": self.severity.as_str(),
            "file": self.file.display().to_string(),
            "line": self.position.map(|p| p.line),
            "column": self.position.map(|p| p.column),
            "message": self.message,
            "help": self.help,
        })
    }
}

impl fmt::Display for Diagnostic {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some(p) = self.position {
            write!(f, ":{}:{}", p.line, p.column)?;
        }
        write!(f, ": {}: {}", self.severity.as_str(), self.message)?;
        if let Some(help) = &self.help {
            for (i, line) in help.lines().enumerate() {
                let lead = if i == 0 { "help: " } else { "      " };
                write!(f, "\n  {lead}{line}")?;
            }
        }
        Ok(())
    }
}

/// Whether any of `diagnostics` is an error.
pub fn has_errors(diagnostics: &[Diagnostic]) -> bool {
    diagnostics.iter().any(Diagnostic::is_error)
}

/// The known word nearest to `word`, when one is near enough to be a likely typo.
pub fn nearest<'a>(word: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (edit_distance(word, k), *k))
        .filter(|(d, k)| *d <= (k.chars().count().max(word.chars().count()) / 2).max(2))
        .min_by_key(|(d, _)| *d)
        .map(|(_, k)| k)
}

/// Levenshtein distance in characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut previous = row[0];
        row[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let current = row[j + 1];
            row[j + 1] = if ca == *cb {
                previous
            } else {
                1 + previous.min(row[j]).min(row[j + 1])
            };
            previous = current;
        }
    }
    row[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn positions_count_characters() {
        let text = "é\nab©c";
        assert_eq!(Position::of_byte(text, 0), Position { line: 1, column: 1 });
        assert_eq!(Position::of_char(text, 5), Position { line: 2, column: 4 });
        assert_eq!(Position::of_byte(text, 6), Position { line: 2, column: 3 });
    }

    #[test]
    fn nearest_finds_typos() {
        assert_eq!(
            nearest("suports", &["supports", "opposes"]),
            Some("supports")
        );
        assert_eq!(nearest("zzzzzzzz", &["supports", "opposes"]), None);
    }
}
