//! The `[brief]` table: the brief's id and metadata, and reading the brief's text beside the map.

use std::path::{Path, PathBuf};

use toml::Spanned;

use super::ids::Ids;
use super::{Checker, MapFiles};
use crate::map::date::{Date, Day, parse_date};
use crate::map::diagnostic::{Diagnostic, Position};
use crate::map::model::BriefMeta;
use crate::map::parse::{RawBrief, RawMap, Str};
use crate::map::text::not_text_help;

/// The checked `[brief]` table.
pub(super) struct Brief {
    /// The brief's id: `id`, or the name of the map's folder.
    pub id: String,
    /// Its metadata; `mapped_on` is `None` only when there is an error.
    pub meta: BriefMeta,
    /// The table's place, for problems of the table as a whole.
    pub span: Str,
}

impl Checker<'_> {
    /// The `[brief]` table, or an error when the map has none (nothing else
    /// can be checked without it).
    pub(super) fn brief_table<'r>(&mut self, raw: &'r RawMap) -> Option<&'r Spanned<RawBrief>> {
        let brief = raw.brief.as_ref();
        if brief.is_none() {
            self.diagnostics.push(
                Diagnostic::error(self.path, Some(Position { line: 1, column: 1 }), "the map has no `[brief]` table")
                    .with_help("start the map with `[brief]` and its title, language, rights, mapped-by and mapped-on"),
            );
        }
        brief
    }

    /// Checks the `[brief]` table's values: the id, what is required, the
    /// language tag, the day of mapping, furniture and the people named.
    pub(super) fn brief(&mut self, brief: &Spanned<RawBrief>, ids: &Ids) -> Brief {
        let span: Str = Spanned::new(brief.span(), "[brief]".to_string());
        let b = brief.get_ref();
        let id = self.brief_id(b, &span);
        let title = self.required(&b.title, "title", &span, "[brief]");
        let language = self.required(&b.language, "language", &span, "[brief]");
        if let Some(tag) = &b.language {
            if oxigraph::model::Literal::new_language_tagged_literal("x", tag.get_ref()).is_err() {
                self.error(
                    tag,
                    format!("`{}` is not a BCP 47 language tag", tag.get_ref()),
                    "write a tag such as \"en\" or \"ko\"",
                );
            }
        }
        let rights = self.required(&b.rights, "rights", &span, "[brief]");
        let mapped_by = self.required(&b.mapped_by, "mapped-by", &span, "[brief]");
        let mapped_on = self.mapped_on(b, &span);
        let furniture: Vec<String> = b.furniture.iter().map(|f| f.get_ref().clone()).collect();
        for f in &b.furniture {
            if f.get_ref().trim().is_empty() {
                self.error(
                    f,
                    "an empty furniture string",
                    "remove it, or write the running head it stands for",
                );
            }
        }
        let authors = b
            .author
            .iter()
            .filter_map(|a| self.resolve(a, &ids.actors, "author", "actor"))
            .collect();
        let publisher = b
            .publisher
            .as_ref()
            .and_then(|p| self.resolve(p, &ids.actors, "publisher", "actor"));
        let date = b.date.as_ref().and_then(|d| self.dated(d, None));
        let revises = b.revises.as_ref().and_then(|r| self.revises(r));
        let meta = BriefMeta {
            title,
            authors,
            publisher,
            series: b.series.as_ref().map(|s| s.get_ref().clone()),
            number: b.number.as_ref().map(|s| s.get_ref().clone()),
            date,
            language,
            rights,
            furniture,
            mapped_by,
            mapped_on,
            revises,
        };
        Brief { id, meta, span }
    }

    /// `revises`: `sha256:` and the 64 hex digits of the earlier text's digest.
    fn revises(&mut self, r: &Str) -> Option<String> {
        let digest = r.get_ref().strip_prefix("sha256:").unwrap_or("");
        if digest.len() == 64 && digest.bytes().all(|b| b.is_ascii_hexdigit()) {
            return Some(digest.to_ascii_lowercase());
        }
        self.error(
            r,
            format!("`revises` is not a SHA-256 digest: `{}`", r.get_ref()),
            "write `sha256:` and the 64 hex digits of the earlier text's digest, as `argmap reanchor` does, or remove `revises`",
        );
        None
    }

    /// The brief's id: `id` when given (and then it must be a valid id),
    /// else the name of the folder that holds the map, which must be a
    /// valid id too: the id becomes part of the brief's graph IRI, and a
    /// folder such as `CRS Upper` would make an IRI no store can hold.
    fn brief_id(&mut self, b: &RawBrief, span: &Str) -> String {
        if let Some(id) = &b.id {
            self.slug(id, "brief");
            return id.get_ref().clone();
        }
        let folder = self
            .path
            .parent()
            .and_then(|p| p.file_name())
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "brief".into());
        if !super::ids::is_slug(&folder) {
            let slug = slugify(&folder);
            self.error(
                span,
                format!(
                    "the brief's id would be its folder's name `{folder}`, which is not a valid brief id"
                ),
                format!(
                    "add `id = \"{slug}\"` to [brief] (ids are lower-case letters a-z, digits and `-`), or rename the folder"
                ),
            );
        }
        folder
    }

    /// `mapped-on`, which must be one exact day.
    fn mapped_on(&mut self, b: &RawBrief, span: &Str) -> Option<Day> {
        let Some(d) = &b.mapped_on else {
            self.error(
                span,
                "[brief] has no `mapped-on`",
                "add `mapped-on = \"YYYY-MM-DD\"`, the day the map was made",
            );
            return None;
        };
        match parse_date(d.get_ref()) {
            Ok(Date::Single {
                day: day @ Day::Day(..),
                approximate: false,
            }) => Some(day),
            Ok(_) => {
                self.error(
                    d,
                    format!("`mapped-on` must be one day, not `{}`", d.get_ref()),
                    "write it as YYYY-MM-DD",
                );
                None
            }
            Err(e) => {
                self.error(d, format!("bad date: {e}"), "write it as YYYY-MM-DD");
                None
            }
        }
    }

    /// Reads the brief's text (`source`, by default `brief.txt` beside the
    /// map); its path, and the text unless it cannot be read (an error).
    pub(super) fn brief_text(
        &mut self,
        brief: &Spanned<RawBrief>,
        files: &dyn MapFiles,
    ) -> (PathBuf, Option<String>) {
        let b = brief.get_ref();
        let source = b
            .source
            .as_ref()
            .map(|s| s.get_ref().as_str())
            .unwrap_or("brief.txt");
        let text_path = self.path.parent().unwrap_or(Path::new("")).join(source);
        let text = match files.read(&text_path) {
            Ok(t) => Some(t),
            Err(e) => {
                let message = format!("cannot read the brief's text {}: {e}", text_path.display());
                let help = not_text_help(&e).unwrap_or_else(|| {
                    "put the brief's exact text beside the map as brief.txt, or name it with `source` in [brief]".into()
                });
                match &b.source {
                    Some(s) => self.error(s, message, help),
                    None => self.error(brief, message, help),
                }
                None
            }
        };
        (text_path, text)
    }
}

/// A valid id made from any name: lower case, every run of other
/// characters one `-`, for the help of an error about a bad id.
pub fn slugify(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_lowercase() || c.is_ascii_digit() {
            out.push(c);
        } else if !out.is_empty() && !out.ends_with('-') {
            out.push('-');
        }
    }
    let out = out.trim_end_matches('-').to_string();
    if out.is_empty() { "brief".into() } else { out }
}
