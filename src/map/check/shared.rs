//! The shared entities: actors, sources and events, which keep one IRI across every brief that describes them.

use toml::Spanned;

use super::Checker;
use super::ids::Ids;
use super::quotes::Anchoring;
use crate::map::date::{DATE_HELP, Date, Day};
use crate::map::model::{ACTOR_KINDS, Actor, Dated, Event, SOURCE_KINDS, Source};
use crate::map::parse::{RawMap, RawSource, Str};

impl Checker<'_> {
    /// `[actor.<id>]`: people, organisations, states and places.
    pub(super) fn actors(&mut self, raw: &RawMap, ids: &Ids) -> Vec<Actor> {
        raw.actors
            .iter()
            .map(|(key, a)| {
                let what = format!("[actor.{}]", key.get_ref());
                let a = a.get_ref();
                let kind = self.one_of(&a.kind, ACTOR_KINDS, "kind", key, &what);
                let (iri, links) = self.links(&a.iri, &a.links);
                Actor {
                    key: key.get_ref().clone(),
                    iri,
                    kind,
                    name: self.required(&a.name, "name", key, &what),
                    aliases: a.aliases.iter().map(|s| s.get_ref().clone()).collect(),
                    role: a.role.as_ref().map(|s| s.get_ref().clone()),
                    member_of: a
                        .member_of
                        .as_ref()
                        .and_then(|m| self.resolve(m, &ids.actors, "member-of", "actor")),
                    links,
                    note: a.note.as_ref().map(|n| n.get_ref().clone()),
                    at: self.at(key),
                }
            })
            .collect()
    }

    /// `[source.<id>]`: documents and statements, graded on the Admiralty scale.
    pub(super) fn sources(&mut self, raw: &RawMap, ids: &Ids) -> Vec<Source> {
        raw.sources
            .iter()
            .map(|(key, s)| {
                let what = format!("[source.{}]", key.get_ref());
                let s = s.get_ref();
                let kind = self.one_of(&s.kind, SOURCE_KINDS, "kind", key, &what);
                let (reliability, credibility) = self.admiralty(s);
                let (iri, links) = self.links(&s.iri, &s.links);
                Source {
                    key: key.get_ref().clone(),
                    iri,
                    kind,
                    title: self.required(&s.title, "title", key, &what),
                    by: s
                        .by
                        .as_ref()
                        .and_then(|b| self.resolve(b, &ids.actors, "by", "actor")),
                    publisher: s
                        .publisher
                        .as_ref()
                        .and_then(|b| self.resolve(b, &ids.actors, "publisher", "actor")),
                    date: s
                        .date
                        .as_ref()
                        .and_then(|d| self.dated(d, s.date_inferred.as_ref())),
                    reliability,
                    credibility,
                    links,
                    derived_from: self.derived_from(&s.derived_from, ids, &what),
                    note: s.note.as_ref().map(|n| n.get_ref().clone()),
                    at: self.at(key),
                }
            })
            .collect()
    }

    /// A source's Admiralty grades: reliability a letter A–F, credibility a
    /// number 1–6.
    fn admiralty(&mut self, s: &RawSource) -> (Option<char>, Option<u8>) {
        let reliability = s.reliability.as_ref().and_then(|r| {
            let value = r.get_ref();
            match value.as_str() {
                "A" | "B" | "C" | "D" | "E" | "F" => value.chars().next(),
                _ => {
                    self.error(
                        r,
                        format!("reliability `{value}` is not on the Admiralty scale"),
                        "write one letter from \"A\" (completely reliable) to \"F\" (cannot be judged)",
                    );
                    None
                }
            }
        });
        let credibility = s.credibility.as_ref().and_then(|c| match *c.get_ref() {
            v @ 1..=6 => Some(v as u8),
            v => {
                self.error(
                    c,
                    format!("credibility {v} is not on the Admiralty scale"),
                    "write a number from 1 (confirmed) to 6 (cannot be judged)",
                );
                None
            }
        });
        (reliability, credibility)
    }

    /// `[event.<id>]`: what happened, when, and who took part.
    pub(super) fn events(&mut self, raw: &RawMap, ids: &Ids, anchoring: &Anchoring) -> Vec<Event> {
        raw.events
            .iter()
            .map(|(key, e)| {
                let what = format!("[event.{}]", key.get_ref());
                let e = e.get_ref();
                let date = self.event_date(&e.date, e.date_inferred.as_ref(), key, &what);
                let (iri, links) = self.links(&e.iri, &e.links);
                Event {
                    key: key.get_ref().clone(),
                    iri,
                    text: self.required(&e.text, "text", key, &what),
                    date,
                    actors: e
                        .actors
                        .iter()
                        .filter_map(|a| self.resolve(a, &ids.actors, "actors", "actor"))
                        .collect(),
                    quote: self.quote(&e.quote, &e.occurrence, anchoring),
                    links,
                    note: e.note.as_ref().map(|n| n.get_ref().clone()),
                }
            })
            .collect()
    }

    /// An event's date, which it must have; a placeholder when there is an
    /// error, since the model is then not returned.
    fn event_date(
        &mut self,
        date: &Option<Str>,
        inferred: Option<&Spanned<bool>>,
        key: &Str,
        what: &str,
    ) -> Dated {
        let date = match date {
            Some(d) => self.dated(d, inferred),
            None => {
                self.error(
                    key,
                    format!("{what} has no `date`"),
                    format!("add `date = \"…\"`; {DATE_HELP}"),
                );
                None
            }
        };
        date.unwrap_or(Dated {
            date: Date::Single {
                day: Day::Year(0),
                approximate: false,
            },
            inferred: false,
        })
    }
}
