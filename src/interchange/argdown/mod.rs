//! Argdown: an Argdown document parsed into a map, and a stored brief written back as Argdown.
//!
//! The parser follows Argdown 1.7's model: every statement occurrence
//! belongs to an equivalence class named by its title (untitled ones are
//! numbered `Untitled 1`, `Untitled 2`… in document order), arguments are
//! named by theirs, and relations are read from indented `+ - _ ><` lines
//! and their directed forms `<+ +> <- -> <_ _>`. In the default loose mode
//! `+` and `-` are support and attack; in strict mode (`model: mode:
//! strict` in the frontmatter) they are entailment and contrariety between
//! two statements. Premise-conclusion structures `(1) … ---- (n)` become AIF
//! inference nodes. Statements and arguments become claims; arguments are
//! also typed `arg:Argument`.
//!
//! Reading has two steps: [`parse`] turns the text into a [`Document`] in
//! Argdown's own terms (the line-by-line parser in `parse.rs`, the small
//! syntaxes inside a line in `syntax.rs`), and [`read`] turns the document
//! into a map (`read.rs`). [`write`] writes a stored brief (`write.rs`).
//! This file holds the document model they share.

use std::collections::HashMap;

use crate::map::diagnostic::Position;

mod frontmatter;
mod parse;
mod read;
mod stored;
mod syntax;
mod write;

pub use parse::parse;
pub use read::{read, read_with};
pub use stored::{Extras, extras};
pub use write::write;

/// A statement (equivalence class) or an argument, by title.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Ref {
    Statement(String),
    Argument(String),
}

impl Ref {
    /// The title the document names it by.
    pub fn title(&self) -> &str {
        match self {
            Ref::Statement(t) | Ref::Argument(t) => t,
        }
    }

    /// Whether it is an argument rather than a statement.
    pub fn is_argument(&self) -> bool {
        matches!(self, Ref::Argument(_))
    }
}

/// A relation as Argdown's model names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum RelationType {
    Support,
    Attack,
    Undercut,
    Contradictory,
    Contrary,
    Entails,
}

impl RelationType {
    /// The name Argdown's JSON export uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            RelationType::Support => "support",
            RelationType::Attack => "attack",
            RelationType::Undercut => "undercut",
            RelationType::Contradictory => "contradictory",
            RelationType::Contrary => "contrary",
            RelationType::Entails => "entails",
        }
    }
}

/// A relation between two statements or arguments.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct Relation {
    pub from: Ref,
    pub to: Ref,
    pub kind: RelationType,
}

/// A heading: a section, nested under the nearest heading before it of a
/// lower level, as Argdown nests them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Section {
    pub title: String,
    /// The number of `#`s.
    pub level: usize,
    /// The index of the enclosing section in [`Document::sections`].
    pub parent: Option<usize>,
}

/// The part a statement plays in a premise-conclusion structure.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PcsRole {
    Premise,
    IntermediaryConclusion,
    MainConclusion,
}

impl PcsRole {
    /// The name Argdown's model uses.
    pub fn as_str(&self) -> &'static str {
        match self {
            PcsRole::Premise => "premise",
            PcsRole::IntermediaryConclusion => "intermediary-conclusion",
            PcsRole::MainConclusion => "main-conclusion",
        }
    }

    /// The role named `name`, if it is one.
    pub fn from_name(name: &str) -> Option<PcsRole> {
        match name {
            "premise" => Some(PcsRole::Premise),
            "intermediary-conclusion" => Some(PcsRole::IntermediaryConclusion),
            "main-conclusion" => Some(PcsRole::MainConclusion),
            _ => None,
        }
    }
}

/// A premise-conclusion structure: the argument it reconstructs and its
/// numbered statements in order.
#[derive(Debug, Clone)]
pub struct Pcs {
    pub argument: String,
    /// (statement title, role), in the order the structure numbers them.
    pub items: Vec<(String, PcsRole)>,
}

/// One inference step of a premise-conclusion structure.
#[derive(Debug, Clone)]
struct Inference {
    /// The title of the argument the structure reconstructs.
    argument: String,
    /// The titles of the statements the step starts from.
    premises: Vec<String>,
    /// The title of the statement it concludes.
    conclusion: String,
    /// The inference rule written between the separator lines, if any.
    rule: Option<String>,
    /// The step's data block as written, if any.
    data: Option<String>,
}

/// What the document says about one statement or argument, gathered over
/// all its occurrences.
#[derive(Debug, Default, Clone)]
struct Entry {
    /// The first text given for it.
    text: Option<String>,
    tags: Vec<String>,
    /// The section of its first definition, as Argdown chooses it.
    section: Option<usize>,
    /// The section of its first occurrence, for one that is never defined.
    first_section: Option<Option<usize>>,
    /// Its data blocks' keys and values, each with the line it is on.
    data: Vec<(String, String, Position)>,
    /// Its data blocks as written, in order.
    raw_data: Vec<String>,
}

impl Entry {
    /// The section Argdown gives it: that of its first definition, or of
    /// its first occurrence when it has no definition in a section.
    fn section(&self) -> Option<usize> {
        self.section.or(self.first_section.flatten())
    }
}

/// What a parse finds, in Argdown's terms.
#[derive(Debug, Default)]
pub struct Document {
    /// The frontmatter's title, if any.
    pub title: Option<String>,
    /// The frontmatter as written, between its `===` lines.
    pub frontmatter: Option<String>,
    /// `model: mode: strict` in the frontmatter.
    pub strict: bool,
    /// The tags the frontmatter's `argmap: hypothesis-tags` names.
    pub hypothesis_tags: Vec<String>,
    /// The headings, in document order.
    pub sections: Vec<Section>,
    /// The premise-conclusion structures, in document order.
    pub pcs: Vec<Pcs>,
    /// Statement titles, in order of first appearance.
    pub statements: Vec<String>,
    /// Argument titles, in order of first appearance.
    pub arguments: Vec<String>,
    /// The relations, in document order, without repeats.
    pub relations: Vec<Relation>,
    entries: HashMap<Ref, Entry>,
    /// The inference steps of every premise-conclusion structure, in order.
    inferences: Vec<Inference>,
}

/// The characters the writer puts a backslash before, and the parser
/// reads back: each would start Argdown syntax inside a text.
const ESCAPED: &[char] = &['[', ']', '<', '>', '#', '@', '{', '}', '*', '_', '\\', '/'];

/// `text` with its runs of white space made one space and its ends trimmed,
/// as Argdown reads a text written over several lines.
fn collapse_space(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}
