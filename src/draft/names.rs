//! The actors a brief names: runs of capitalised words classified as states, organisations, places and people, with acronyms in brackets kept as aliases and keys reused from what is already known.
//!
//! Names are read in two passes. The first collects every run of
//! capitalised words of every sentence (with the lower-case joiners of
//! "Minister of Foreign Affairs" inside, and a bracketed acronym after);
//! the second classifies them, once all full names are known, so that a
//! lone "Feltman" becomes an alias of "Jeffrey Feltman". A name is matched
//! against the known actors by `link`'s label folding, so a second brief
//! reuses `guterres` or `north-korea` rather than inventing a key.

mod merge;

use std::collections::HashMap;

use crate::draft::gazetteer::{state_named, state_of_demonym, state_prefix};
use crate::draft::layout::Layout;
use crate::draft::lexicon::{
    MEDIA_WORDS, MONTHS, NAME_JOINERS, ORGANISATION_TAILS, ORGANISATION_WORDS, PLACE_WORDS,
    SENTENCE_OPENERS, STOPWORDS, TITLES, WEEKDAYS, is,
};
use crate::draft::meta::Meta;
use crate::draft::sentences::Sentence;
pub use crate::draft::words::{KnownIndex, slug};
use crate::draft::words::{acronym, capitalised, clean};
use crate::link::fold::fold;

/// First words of the names of cities: "New York", "San Diego".
const PLACE_OPENERS: &[&str] = &[
    "new", "san", "santa", "los", "las", "saint", "st", "port", "fort", "mount",
];

/// Words that are capitalised but name nothing by themselves.
const NOT_NAMES: &[&str] = &[
    "north", "south", "east", "west", "online", "series", "page", "i", "mr", "mrs", "ms", "dr",
];

/// One actor of the draft.
#[derive(Debug, Clone)]
pub struct Actor {
    pub key: String,
    pub kind: &'static str,
    pub name: String,
    pub aliases: Vec<String>,
    pub role: Option<String>,
    pub member_of: Option<String>,
    /// Why it was taken for an actor of this kind.
    pub why: String,
    /// The known actor whose key it reuses, by name.
    pub reused: Option<String>,
    /// Whether it is a news medium.
    pub media: bool,
}

/// A run of capitalised words in a sentence.
#[derive(Debug, Clone)]
struct Run {
    sentence: usize,
    /// Where it starts among the layout's words.
    word: usize,
    tokens: Vec<String>,
    acronym: Option<String>,
    /// The title words just before it, lower case ("special envoy").
    titled: bool,
    /// A lower-case tail that makes it an organisation ("administration").
    tail: Option<String>,
}

/// The actors of the draft and where each sentence names them.
pub struct Actors<'k> {
    known: &'k KnownIndex<'k>,
    runs: Vec<Run>,
    pub list: Vec<Actor>,
    /// Each sentence's mentions: (word, actor), in the order of the text.
    pub mentions: HashMap<usize, Vec<(usize, usize)>>,
    pub author: Option<usize>,
    pub publisher: Option<usize>,
}

impl<'k> Actors<'k> {
    pub fn new(known: &'k KnownIndex<'k>) -> Actors<'k> {
        Actors {
            known,
            runs: Vec::new(),
            list: Vec::new(),
            mentions: HashMap::new(),
            author: None,
            publisher: None,
        }
    }

    /// Adds the author and the publisher the metadata names.
    pub fn add_meta(&mut self, meta: &Meta) {
        if let Some(author) = &meta.author {
            let a = &author.value;
            let mut aliases = Vec::new();
            if a.written != a.name {
                aliases.push(a.written.clone());
            }
            let i = self.add(Actor {
                key: slug(&a.name),
                kind: "person",
                name: a.name.clone(),
                aliases,
                role: a.role.clone(),
                member_of: None,
                why: author.why.clone(),
                reused: None,
                media: false,
            });
            self.author = Some(i);
        }
        if let Some(publisher) = &meta.publisher {
            let i = self.add(Actor {
                key: slug(&publisher.value),
                kind: "organisation",
                name: publisher.value.clone(),
                aliases: Vec::new(),
                role: None,
                member_of: None,
                why: publisher.why.clone(),
                reused: None,
                media: false,
            });
            self.publisher = Some(i);
        }
        if let (Some(a), Some(p)) = (self.author, self.publisher) {
            self.list[a].member_of = Some(self.list[p].key.clone());
        }
    }

    /// Collects the runs of capitalised words of `sentence`.
    pub fn read(&mut self, layout: &Layout, sentence: &Sentence) {
        let words: Vec<(String, bool, &str)> = (sentence.first..sentence.last)
            .map(|i| {
                let raw = layout.word(i);
                let (core, ended) = clean(raw);
                (core, ended, raw)
            })
            .collect();
        let mut i = 0;
        while i < words.len() {
            let (core, _, _) = &words[i];
            let lower = core.to_lowercase();
            let skip = !capitalised(core)
                || is(STOPWORDS, &lower) && !acronym(core)
                || i == 0 && is(SENTENCE_OPENERS, &lower)
                || MONTHS.iter().any(|(m, _)| *m == lower)
                || is(WEEKDAYS, &lower)
                || core.bytes().any(|b| b.is_ascii_digit());
            if skip {
                i += 1;
                continue;
            }
            let start = i;
            let mut tokens = vec![core.clone()];
            let mut ended = words[i].1;
            let mut j = i + 1;
            while !ended && j < words.len() {
                let (next, next_ended, raw) = &words[j];
                if raw.starts_with('(') {
                    break;
                }
                let joiner = is(NAME_JOINERS, next)
                    && words.get(j + 1).is_some_and(|w| capitalised(&w.0))
                    && !words[j].1;
                if capitalised(next)
                    && !next.bytes().any(|b| b.is_ascii_digit())
                    && !MONTHS.iter().any(|(m, _)| m.eq_ignore_ascii_case(next))
                    || joiner
                {
                    tokens.push(next.clone());
                    ended = *next_ended;
                    j += 1;
                } else {
                    break;
                }
            }
            let mut tail = None;
            if !ended && j < words.len() && is(ORGANISATION_TAILS, &words[j].0) {
                tail = Some(words[j].0.clone());
                j += 1;
            }
            let acronym = words
                .get(j)
                .filter(|w| w.2.starts_with('(') && acronym(&w.0))
                .map(|w| w.0.clone());
            if acronym.is_some() {
                j += 1;
            }
            // A possessive ends a name: "Guterres's interview".
            if let Some(last) = tokens.last_mut() {
                if let Some(stem) = last.strip_suffix("'s").or_else(|| last.strip_suffix("’s")) {
                    *last = stem.to_string();
                }
            }
            let titled = start > 0 && is(TITLES, &words[start - 1].0.to_lowercase());
            self.runs.push(Run {
                sentence: sentence.index,
                word: sentence.first + start,
                tokens,
                acronym,
                titled,
                tail,
            });
            i = j.max(start + 1);
        }
    }

    /// Classifies every run, merges names of one actor, and records each sentence's mentions.
    pub fn settle(&mut self) {
        let runs = std::mem::take(&mut self.runs);
        // Full names first, so that a lone surname finds its person.
        let mut order: Vec<usize> = (0..runs.len()).collect();
        order.sort_by_key(|&r| (runs[r].tokens.len() == 1, r));
        for r in order {
            for (word, actor) in self.classify(&runs[r]) {
                self.mentions
                    .entry(runs[r].sentence)
                    .or_default()
                    .push((word, actor));
            }
        }
        for mentions in self.mentions.values_mut() {
            mentions.sort_unstable();
            let mut seen = Vec::new();
            mentions.retain(|&(_, a)| {
                let new = !seen.contains(&a);
                seen.push(a);
                new
            });
        }
        self.assign_keys();
    }

    /// The actors a run names, with the word where each starts.
    fn classify(&mut self, run: &Run) -> Vec<(usize, usize)> {
        let tokens: Vec<&str> = run.tokens.iter().map(String::as_str).collect();
        let mut out = Vec::new();
        let whole = tokens.join(" ");
        if let Some(i) = self.existing(&whole, run.acronym.as_deref()) {
            return vec![(run.word, i)];
        }
        // A state, or a state's adjective before the rest of the name.
        let mut rest = &tokens[..];
        let mut state = None;
        let mut offset = 0;
        if let Some((n, s, adjective)) = state_prefix(&tokens) {
            let i = self.state(s.key, s.name, &tokens[..n].join(" "));
            out.push((run.word, i));
            state = Some(i);
            if n == tokens.len() {
                return out;
            }
            let org = tokens
                .iter()
                .any(|t| is(ORGANISATION_WORDS, &t.to_lowercase()));
            if adjective && org {
                let name = tokens.join(" ");
                let key = self.list[i].key.clone();
                let o = self.organisation(&name, run.acronym.clone(), Some(key), run);
                out.push((run.word, o));
                return out;
            }
            rest = &tokens[n..];
            offset = n;
        }
        let rest_lower: Vec<String> = rest.iter().map(|t| t.to_lowercase()).collect();
        if let Some(org_word) = rest_lower.iter().position(|t| is(ORGANISATION_WORDS, t)) {
            let member_of = state.map(|s| self.list[s].key.clone());
            out.extend(self.organisation_run(rest, &rest_lower, org_word, member_of, run, offset));
            return out;
        }
        // A run that ends with a title is a role ("UN Under-Secretary-General"):
        // only the names before the title words are actors.
        if rest_lower.last().is_some_and(|t| is(TITLES, t)) {
            out.extend(self.role_head(rest, &rest_lower, run, offset));
            return out;
        }
        // Title words before a name are a role, and so is what a title
        // closes ("UN Secretary-General Antonio Guterres").
        let leading = rest
            .iter()
            .take_while(|t| is(TITLES, &t.to_lowercase()) || is(NAME_JOINERS, t))
            .count();
        let titles = match rest_lower.iter().rposition(|t| is(TITLES, t)) {
            Some(t) if t + 1 < rest.len() && t + 1 > leading => t + 1,
            _ => leading,
        };
        if titles > leading {
            out.extend(self.role_head(rest, &rest_lower, run, offset));
        }
        let name = &rest[titles..];
        let role = (titles > 0).then(|| tokens[..offset + titles].join(" "));
        if name.is_empty() || name.iter().all(|t| is(TITLES, &t.to_lowercase())) {
            return out;
        }
        let name_text = name.join(" ");
        if name.len() == 1 && is(NOT_NAMES, &name_text.to_lowercase()) {
            return out;
        }
        let member_of = state.map(|s| self.list[s].key.clone());
        let word = run.word + offset + titles;
        let lower: Vec<String> = name.iter().map(|t| t.to_lowercase()).collect();
        let i = if let Some(s) = state_named(&name_text) {
            self.state(s.key, s.name, &name_text)
        } else if let Some(i) = self.existing(&name_text, run.acronym.as_deref()) {
            i
        } else if run.tail.is_some()
            || lower.iter().any(|t| is(ORGANISATION_WORDS, t))
            || name.len() == 1 && acronym(name[0])
        {
            let full = match &run.tail {
                Some(tail) => format!("{name_text} {tail}"),
                None => name_text.clone(),
            };
            self.organisation(&full, run.acronym.clone(), member_of, run)
        } else if lower.iter().any(|t| is(PLACE_WORDS, t))
            || is(PLACE_OPENERS, &lower[0]) && name.len() >= 2
        {
            self.other("place", &name_text, "a place word in the name")
        } else if name
            .iter()
            .any(|t| t.strip_suffix('s').and_then(state_of_demonym).is_some())
        {
            // "North Koreans": a people, not a person.
            return out;
        } else if name.iter().any(|t| state_of_demonym(t).is_some()) {
            self.organisation(&name_text, run.acronym.clone(), member_of, run)
        } else if let Some(p) = self.person_with_surname(&name_text) {
            p
        } else if name.len() >= 2 && name.len() <= 4 || role.is_some() || run.titled {
            let why = match &role {
                Some(role) => format!("a name after the title \"{role}\""),
                None if run.titled => "a name after a title".to_string(),
                None => "a name of capitalised words with no word of an organisation".to_string(),
            };
            let i = self.other("person", &name_text, &why);
            if self.list[i].role.is_none() {
                self.list[i].role = role;
            }
            if self.list[i].member_of.is_none() {
                self.list[i].member_of = member_of;
            }
            i
        } else {
            return out;
        };
        out.push((word, i));
        out
    }

    /// The names before a role's first title, actors of their own ("UN" in
    /// "UN Secretary-General Antonio Guterres").
    fn role_head(
        &mut self,
        rest: &[&str],
        rest_lower: &[String],
        run: &Run,
        offset: usize,
    ) -> Vec<(usize, usize)> {
        let before_title = rest_lower.iter().position(|t| is(TITLES, t)).unwrap_or(0);
        if before_title == 0 {
            return Vec::new();
        }
        let head = Run {
            tokens: rest[..before_title].iter().map(|t| t.to_string()).collect(),
            acronym: None,
            tail: None,
            ..run.clone()
        };
        let word = run.word + offset;
        self.classify(&Run { word, ..head })
    }

    /// A run holding an organisation's word: the organisation, and a person
    /// after a title that follows it ("Federal Reserve Chair Jerome H. Powell").
    fn organisation_run(
        &mut self,
        rest: &[&str],
        rest_lower: &[String],
        org_word: usize,
        member_of: Option<String>,
        run: &Run,
        offset: usize,
    ) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        // "Federal Reserve Chair Jerome H. Powell": an organisation, a title, a person.
        let title = (org_word + 1..rest.len())
            .find(|&i| is(TITLES, &rest_lower[i]) && !is(ORGANISATION_WORDS, &rest_lower[i]));
        let person = title.and_then(|t| {
            let after = (t..rest.len()).find(|&i| !is(TITLES, &rest_lower[i]))?;
            Some((t, after))
        });
        let org_end = person.map(|(t, _)| t).unwrap_or(rest.len());
        let o = self.organisation(
            &rest[..org_end].join(" "),
            run.acronym.clone(),
            member_of,
            run,
        );
        out.push((run.word + offset, o));
        if let Some((_, after)) = person {
            let name = rest[after..].join(" ");
            let role = rest[..after].join(" ");
            let p = self.other(
                "person",
                &name,
                &format!("a name after the title \"{role}\""),
            );
            if self.list[p].role.is_none() {
                self.list[p].role = Some(role);
                self.list[p].member_of = Some(self.list[o].key.clone());
            }
            out.push((run.word + offset + after, p));
        }
        out
    }

    /// The actor already in the draft that `name` or `acronym` names.
    fn existing(&mut self, name: &str, acronym: Option<&str>) -> Option<usize> {
        let folded = fold(name).compact;
        let found = self.list.iter().position(|a| {
            fold(&a.name).compact == folded || a.aliases.iter().any(|x| fold(x).compact == folded)
        });
        let found = found.or_else(|| self.un_body(name));
        if let (Some(i), Some(acr)) = (found, acronym) {
            if !self.list[i].aliases.iter().any(|x| x == acr) {
                self.list[i].aliases.push(acr.to_string());
            }
        }
        found
    }

    /// The organisation that `name` names with or without the "UN" before
    /// it ("the General Assembly" and "the UN General Assembly"); the
    /// longer name becomes its name, the shorter an alias.
    fn un_body(&mut self, name: &str) -> Option<usize> {
        const PREFIXES: [&str; 2] = ["un", "unitednations"];
        if !name.contains(' ') {
            return None;
        }
        let folded = fold(name).compact;
        let i = self.list.iter().position(|a| {
            let other = fold(&a.name).compact;
            a.kind == "organisation"
                && a.name.contains(' ')
                && PREFIXES.iter().any(|p| {
                    other.strip_prefix(p) == Some(folded.as_str())
                        || folded.strip_prefix(p) == Some(other.as_str())
                })
        })?;
        let actor = &mut self.list[i];
        let (longer, shorter) = if name.len() > actor.name.len() {
            (name.to_string(), std::mem::take(&mut actor.name))
        } else {
            (actor.name.clone(), name.to_string())
        };
        actor.name = longer;
        if !actor.aliases.contains(&shorter) {
            actor.aliases.push(shorter);
        }
        Some(i)
    }

    /// A person whose name ends with `surname` ("Feltman" of "Jeffrey Feltman").
    fn person_with_surname(&mut self, surname: &str) -> Option<usize> {
        if surname.contains(' ') {
            return None;
        }
        let i = self.list.iter().position(|a| {
            a.kind == "person" && a.name.contains(' ') && a.name.rsplit(' ').next() == Some(surname)
        })?;
        if !self.list[i].aliases.iter().any(|x| x == surname) {
            self.list[i].aliases.push(surname.to_string());
        }
        Some(i)
    }

    fn state(&mut self, key: &str, name: &str, written: &str) -> usize {
        if let Some(i) = self
            .list
            .iter()
            .position(|a| a.key == key && a.kind == "state")
        {
            if written != name
                && !self.list[i].aliases.iter().any(|x| x == written)
                && state_named(written).is_some()
            {
                self.list[i].aliases.push(written.to_string());
            }
            return i;
        }
        let mut aliases = Vec::new();
        if written != name && state_named(written).is_some() {
            aliases.push(written.to_string());
        }
        self.add(Actor {
            key: key.to_string(),
            kind: "state",
            name: name.to_string(),
            aliases,
            role: None,
            member_of: None,
            why: format!("\"{written}\", a state in the list of states"),
            reused: None,
            media: false,
        })
    }

    fn organisation(
        &mut self,
        name: &str,
        acronym: Option<String>,
        member_of: Option<String>,
        run: &Run,
    ) -> usize {
        if let Some(i) = self.existing(name, acronym.as_deref()) {
            return i;
        }
        let lower: Vec<String> = name.split_whitespace().map(str::to_lowercase).collect();
        let media = lower.iter().any(|t| is(MEDIA_WORDS, t));
        let why = if let Some(tail) = &run.tail {
            format!("\"{name}\": a name before \"{tail}\"")
        } else if let Some(w) = lower.iter().find(|t| is(ORGANISATION_WORDS, t)) {
            format!("\"{w}\" in the name")
        } else {
            "an acronym".to_string()
        };
        let aliases = acronym.into_iter().collect();
        let i = self.add(Actor {
            key: slug(name),
            kind: "organisation",
            name: name.to_string(),
            aliases,
            role: None,
            member_of,
            why,
            reused: None,
            media,
        });
        // An acronym seen alone before its full name is the same organisation.
        let acr = self.list[i].aliases.first().cloned();
        if let Some(acr) = acr {
            if let Some(j) = self
                .list
                .iter()
                .position(|a| a.name == acr && a.kind == "organisation")
            {
                if j != i {
                    self.list[j].name = name.to_string();
                    self.list[j].aliases = vec![acr];
                    self.list.pop();
                    return j;
                }
            }
        }
        i
    }

    fn other(&mut self, kind: &'static str, name: &str, why: &str) -> usize {
        if let Some(i) = self.existing(name, None) {
            return i;
        }
        self.add(Actor {
            key: slug(name),
            kind,
            name: name.to_string(),
            aliases: Vec::new(),
            role: None,
            member_of: None,
            why: why.to_string(),
            reused: None,
            media: false,
        })
    }

    fn add(&mut self, actor: Actor) -> usize {
        self.list.push(actor);
        self.list.len() - 1
    }

    /// Gives every actor its key: a known one's when a name matches, else
    /// the acronym of an organisation, a person's surname when the text
    /// uses it alone, or the slug of the name; never one taken twice.
    fn assign_keys(&mut self) {
        let mut taken: HashMap<String, usize> = HashMap::new();
        let mut renamed: HashMap<String, String> = HashMap::new();
        let mut merged: Vec<(usize, usize)> = Vec::new();
        for i in 0..self.list.len() {
            let a = &self.list[i];
            let known = std::iter::once(&a.name).chain(&a.aliases).find_map(|n| {
                self.known
                    .find(n)
                    .filter(|k| k.kind != "source" && k.kind != "event")
            });
            let (key, reused) = match known {
                Some(k) => (
                    k.key.clone(),
                    Some(k.names.first().cloned().unwrap_or_default()),
                ),
                None => {
                    let acronym = a.aliases.iter().find(|x| acronym(x));
                    let surname = a.aliases.iter().find(|x| {
                        a.kind == "person" && a.name.ends_with(x.as_str()) && !x.contains(' ')
                    });
                    let key = match (a.kind, acronym, surname) {
                        ("state", _, _) => a.key.clone(),
                        ("organisation", Some(acr), _) => slug(acr),
                        ("organisation", None, _) if acronym_name(&a.name) => slug(&a.name),
                        ("person", _, Some(s)) => slug(s),
                        _ => slug(&a.name),
                    };
                    (
                        if key.is_empty() {
                            "actor".to_string()
                        } else {
                            key
                        },
                        None,
                    )
                }
            };
            // Two names the text uses for one known actor ("the UN General
            // Assembly", "the General Assembly") are that one actor.
            if let (Some(_), Some(&j)) = (&reused, taken.get(&key)) {
                if self.list[j].reused.is_some() {
                    merged.push((i, j));
                    continue;
                }
            }
            let mut unique = key.clone();
            let mut n = 2;
            while taken.contains_key(&unique) {
                unique = format!("{key}-{n}");
                n += 1;
            }
            taken.insert(unique.clone(), i);
            renamed.insert(self.list[i].key.clone(), unique.clone());
            self.list[i].key = unique;
            self.list[i].reused = reused;
        }
        for a in &mut self.list {
            if let Some(m) = &a.member_of {
                a.member_of = renamed.get(m).cloned().or(Some(m.clone()));
            }
        }
        self.merge(&merged);
    }

    /// The actors `sentence` names, in the order of the text.
    pub fn in_sentence(&self, sentence: usize) -> &[(usize, usize)] {
        self.mentions
            .get(&sentence)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }
}

fn acronym_name(name: &str) -> bool {
    acronym(name)
}

#[cfg(test)]
mod tests;
