//! A file's bytes as text: UTF-8 with a leading byte-order mark dropped, bad bytes placed by line and column, and files of other kinds named for what they are.
//!
//! Every reader of user files (maps, briefs, queries, RDF, interchange
//! files) turns bytes into text here, so that each says the same thing
//! about a PDF or a UTF-16 file given by mistake.

use std::io;

use crate::map::diagnostic::Position;

/// The SHA-256 digest of `text` (its UTF-8 bytes) in lower-case hex: the
/// name of one revision of a brief's text.
pub fn digest(text: &str) -> String {
    use sha2::Digest;
    let hash = sha2::Sha256::digest(text.as_bytes());
    hash.iter().map(|b| format!("{b:02x}")).collect()
}

/// A file's bytes as text: UTF-8, with a leading byte-order mark dropped
/// (editors on Windows write one; it is not part of the text, so quote
/// offsets count from the character after it). Bytes that are not UTF-8
/// give a [`NotUtf8`] error with their line and column.
pub fn text_of(bytes: Vec<u8>) -> io::Result<String> {
    let text = String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let at = e.utf8_error().valid_up_to();
        let before = String::from_utf8_lossy(&bytes[..at]);
        let line = before.matches('\n').count() + 1;
        let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        io::Error::new(
            io::ErrorKind::InvalidData,
            NotUtf8 {
                position: Position { line, column },
                byte: at,
                kind: kind_of(bytes),
            },
        )
    })?;
    Ok(match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    })
}

/// What kind of file `bytes` are, by their first bytes, when that tells
/// why they are not text: a file that is not what its name says.
pub fn kind_of(bytes: &[u8]) -> Option<&'static str> {
    const KINDS: &[(&[u8], &str)] = &[
        (b"%PDF-", "a PDF document"),
        (b"\x89PNG", "a PNG image"),
        (b"\xff\xd8\xff", "a JPEG image"),
        (b"GIF8", "a GIF image"),
        (
            b"PK\x03\x04",
            "a ZIP archive (a .docx, .odt or .xlsx is one)",
        ),
        (b"\x1f\x8b", "gzip-compressed"),
        (b"\x7fELF", "a program (ELF)"),
        (b"\xd0\xcf\x11\xe0", "an old Microsoft Office document"),
        (b"\xff\xfe", "UTF-16 text"),
        (b"\xfe\xff", "UTF-16 text"),
    ];
    KINDS
        .iter()
        .find(|(magic, _)| bytes.starts_with(magic))
        .map(|(_, kind)| *kind)
}

/// A file that is not UTF-8 text, and where its first bad byte is.
#[derive(Debug)]
pub struct NotUtf8 {
    pub position: Position,
    /// The offset of the first bad byte.
    pub byte: usize,
    /// What the file is instead, when its first bytes tell.
    pub kind: Option<&'static str>,
}

impl std::fmt::Display for NotUtf8 {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(kind) = self.kind {
            write!(f, "the file is {kind}, not UTF-8 text")
        } else {
            write!(
                f,
                "not UTF-8 text: byte {} (line {}, column {}) is not a UTF-8 character",
                self.byte, self.position.line, self.position.column
            )
        }
    }
}

impl std::error::Error for NotUtf8 {}

/// How to fix a file that is not UTF-8 text, by what it is instead.
pub fn not_text_help(e: &io::Error) -> Option<String> {
    let n = e.get_ref()?.downcast_ref::<NotUtf8>()?;
    Some(match n.kind {
        Some("a PDF document") => {
            "extract its text to a .txt file (e.g. `pdftotext -layout brief.pdf brief.txt`)".into()
        }
        Some("UTF-16 text") => "convert it to UTF-8 (e.g. `iconv -f utf-16 -t utf-8`)".into(),
        Some(kind) => format!("give the path of the text file, not of {kind}"),
        None => "save the file as UTF-8 (e.g. `iconv -f latin1 -t utf-8` for Latin-1)".into(),
    })
}

/// Where an error from [`MapFiles::read`] points in its file, if it says.
pub fn read_error_position(e: &io::Error) -> Option<Position> {
    e.get_ref()
        .and_then(|inner| inner.downcast_ref::<NotUtf8>())
        // A file of another kind is wrong as a whole, not at a place.
        .filter(|n| n.kind.is_none())
        .map(|n| n.position)
}
