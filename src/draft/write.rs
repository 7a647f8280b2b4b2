//! The draft written as `map.toml`: every table the map language knows, each guess with a `# draft:` comment saying what it was guessed from.
//!
//! Quotes are the sentences' own words joined by single spaces, which the
//! anchoring of `check` matches across line breaks and declared
//! furniture; a quote that occurs more than once gets the `occurrence`
//! that points at its own sentence, so `check` has nothing to warn about.

use std::fmt::Write as _;

use crate::draft::Summary;
use crate::draft::argument::{Argument, Node};
use crate::draft::layout::Layout;
use crate::draft::meta::Meta;
use crate::draft::names::Actors;
use crate::map::anchor::{Found, Text};
pub use crate::render::{toml_list as list, toml_string as string};

/// A comment's text on one line, shortened.
fn note(text: &str) -> String {
    let one_line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    if one_line.chars().count() > 140 {
        format!("{} …", one_line.chars().take(140).collect::<String>())
    } else {
        one_line
    }
}

/// Writes a quote and, when it occurs more than once, the occurrence that starts at `byte`.
struct Quoter<'a> {
    text: Text<'a>,
}

impl Quoter<'_> {
    fn quote(&self, out: &mut String, quote: &str, byte: usize) {
        let _ = writeln!(out, "quote = {}", string(quote));
        let Found::Anchored { count, .. } = self.text.find(quote, None) else {
            return;
        };
        if count < 2 {
            return;
        }
        let wanted = self.text.char_offset(byte);
        for n in 1..=count {
            if let Found::Anchored { anchor, .. } = self.text.find(quote, Some(n)) {
                if anchor.end > wanted && anchor.start <= wanted + 1 {
                    let _ = writeln!(out, "occurrence = {n}");
                    return;
                }
            }
        }
    }
}

/// The TOML of the draft.
pub fn write(
    layout: &Layout,
    meta: &Meta,
    actors: &Actors,
    argument: &Argument,
    summary: &mut Summary,
) -> String {
    let furniture: Vec<&str> = layout.furniture.iter().map(|f| f.text.as_str()).collect();
    let quoter = Quoter {
        text: Text::new(layout.text, &furniture),
    };
    let mut out = String::new();
    let _ = writeln!(
        out,
        "# A draft map of {}, made by `argmap draft` from its text alone on {}.\n# Every guess carries a `# draft:` comment saying what it was guessed from:\n# read each, correct what is wrong, and delete the comment. Node texts are\n# the brief's own sentences until you put them in your words.\n",
        meta.id, meta.today
    );
    brief(&mut out, layout, meta, actors);
    questions(&mut out, layout, argument, &quoter, summary);
    for node in &argument.nodes {
        proposition(&mut out, layout, node, actors, argument, &quoter);
        summary.nodes += 1;
    }
    unmapped(&mut out, layout, argument, &quoter, summary);
    shared(&mut out, actors, argument, summary);
    out
}

fn brief(out: &mut String, layout: &Layout, meta: &Meta, actors: &Actors) {
    out.push_str("[brief]\n");
    let _ = writeln!(
        out,
        "# draft: {}\ntitle = {}",
        note(&meta.title.why),
        string(&meta.title.value)
    );
    if let (Some(author), Some(i)) = (&meta.author, actors.author) {
        let _ = writeln!(
            out,
            "# draft: {}\nauthor = {}",
            note(&author.why),
            list(&[actors.list[i].key.clone()])
        );
    }
    if let (Some(p), Some(i)) = (&meta.publisher, actors.publisher) {
        let _ = writeln!(
            out,
            "# draft: {}\npublisher = {}",
            note(&p.why),
            string(&actors.list[i].key)
        );
    }
    for (key, value) in [("series", &meta.series), ("number", &meta.number)] {
        if let Some(v) = value {
            let _ = writeln!(
                out,
                "# draft: {}\n{key} = {}",
                note(&v.why),
                string(&v.value)
            );
        }
    }
    if let Some(d) = &meta.issued {
        let _ = writeln!(
            out,
            "# draft: {}\ndate = {}",
            note(&d.why),
            string(&d.value.iso())
        );
    }
    out.push_str("# draft: the drafter reads English\nlanguage = \"en\"\n");
    let _ = writeln!(
        out,
        "# draft: {}\nrights = {}",
        note(&meta.rights.why),
        string(&meta.rights.value)
    );
    out.push_str("source = \"brief.txt\"\n");
    if !layout.furniture.is_empty() {
        out.push_str("furniture = [\n");
        for f in &layout.furniture {
            let _ = writeln!(out, "  # draft: {}\n  {},", note(&f.why), string(&f.text));
        }
        out.push_str("]\n");
    }
    let _ = writeln!(
        out,
        "mapped-by = \"argmap draft\"\nmapped-on = {}\n",
        string(&meta.today)
    );
}

/// The words of a reading as a sentence of the analyst's: a capital first, a full stop last.
fn as_sentence(words: &[&str]) -> String {
    let joined = words.join(" ");
    let trimmed = joined.trim_end_matches([',', ';', ':']);
    let mut chars = trimmed.chars();
    let mut text: String = match chars.next() {
        Some(c) => c.to_uppercase().chain(chars).collect(),
        None => String::new(),
    };
    if !text.ends_with(['.', '?', '!', '"', '”']) {
        text.push('.');
    }
    text
}

fn questions(
    out: &mut String,
    layout: &Layout,
    argument: &Argument,
    quoter: &Quoter,
    summary: &mut Summary,
) {
    for r in &argument.readings {
        let _ = writeln!(
            out,
            "# draft: a question with {} readings, from {}",
            r.readings.len(),
            note(&r.why)
        );
        let _ = writeln!(out, "[question.{}]", r.key);
        match r.question_sentence {
            Some(q) => {
                let s = sentence(argument, q);
                let _ = writeln!(
                    out,
                    "# draft: the sentence that announces the readings; put the question in your words\ntext = {}",
                    string(&s.quote)
                );
                quoter.quote(out, &s.quote, s.start);
            }
            None => {
                let _ = writeln!(
                    out,
                    "# draft: the text poses no question in words of its own\ntext = \"Which of these readings holds?\""
                );
            }
        }
        let _ = writeln!(
            out,
            "# draft: {}\nexclusive = {}\n",
            note(&r.exclusive_why),
            r.exclusive
        );
        summary.questions += 1;
        for reading in &r.readings {
            let s = sentence(argument, reading.sentence);
            let words = s.words(layout);
            let words = &words[reading.words.clone()];
            let quote = words.join(" ");
            let _ = writeln!(out, "# draft: a reading, from {}", note(&reading.why));
            let _ = writeln!(
                out,
                "[hypothesis.{}]\nanswers = {}",
                reading.key,
                string(&r.key)
            );
            let _ = writeln!(out, "text = {}", string(&as_sentence(words)));
            let start = layout.words[s.first + reading.words.start].start;
            quoter.quote(out, &quote, start);
            if let Some(h) = &reading.hedge {
                let _ = writeln!(
                    out,
                    "# draft: the hedge found in the reading\nhedge = {}",
                    string(h)
                );
            }
            out.push('\n');
            summary.hypotheses += 1;
        }
    }
}

fn sentence(argument: &Argument, k: usize) -> &crate::draft::sentences::Sentence {
    &argument.open[k]
}

fn proposition(
    out: &mut String,
    layout: &Layout,
    node: &Node,
    actors: &Actors,
    argument: &Argument,
    quoter: &Quoter,
) {
    let s = sentence(argument, node.sentence);
    let _ = layout;
    let _ = writeln!(out, "[{}.{}]", node.kind(), node.key);
    let _ = writeln!(
        out,
        "# draft: the sentence itself; say it in your words\ntext = {}",
        string(&s.quote)
    );
    quoter.quote(out, &s.quote, s.start);
    let _ = writeln!(
        out,
        "# draft: {}\nstatus = {}",
        note(&node.status_why),
        string(node.status.name())
    );
    if let Some(h) = &node.hedge {
        let _ = writeln!(
            out,
            "# draft: the hedge found in the sentence\nhedge = {}",
            string(h)
        );
    }
    if let Some(a) = node.said_by {
        let _ = writeln!(
            out,
            "# draft: the speaker nearest the cue\nsaid-by = {}",
            string(&actors.list[a].key)
        );
    }
    if let Some(src) = node.source {
        let _ = writeln!(out, "source = {}", string(&argument.sources[src].key));
    }
    if let Some(d) = &node.date {
        let _ = writeln!(
            out,
            "# draft: from \"{}\"\ndate = {}",
            note(&d.from),
            string(&d.date)
        );
        if d.inferred {
            out.push_str("date-inferred = true\n");
        }
    }
    if let Some(e) = node.event {
        let _ = writeln!(out, "event = {}", string(&argument.events[e].key));
    }
    let mut mentions: Vec<String> = node
        .mentions
        .iter()
        .map(|&a| actors.list[a].key.clone())
        .collect();
    if let Some(e) = node.event {
        mentions.push(argument.events[e].key.clone());
    }
    if !mentions.is_empty() {
        let _ = writeln!(
            out,
            "# draft: the names found in the sentence\nmentions = {}",
            list(&mentions)
        );
    }
    if let Some((target, opposes, why)) = &node.target {
        let key = if *opposes { "opposes" } else { "supports" };
        let _ = writeln!(
            out,
            "# draft: {}\n{key} = {}",
            note(why),
            list(std::slice::from_ref(target))
        );
    }
    out.push('\n');
}

fn unmapped(
    out: &mut String,
    layout: &Layout,
    argument: &Argument,
    quoter: &Quoter,
    summary: &mut Summary,
) {
    let _ = layout;
    for (k, what) in &argument.unmapped {
        let s = sentence(argument, *k);
        out.push_str("[[unmapped]]\n");
        if let Some(what) = what {
            let _ = writeln!(out, "# draft: {what}");
        }
        quoter.quote(out, &s.quote, s.start);
        out.push_str("reason = \"not yet mapped\"\n\n");
        summary.unmapped += 1;
    }
}

fn shared(out: &mut String, actors: &Actors, argument: &Argument, summary: &mut Summary) {
    for (term, from) in &argument.hedges {
        let _ = writeln!(
            out,
            "# draft: \"{}\" is in no scale of the built-in hedge table; it states no likelihood until you give it a band (from \"{}\")\n[hedges.{}]\n",
            term,
            note(from),
            string(term)
        );
    }
    for s in &argument.sources {
        let _ = writeln!(
            out,
            "# draft: the source of a reported sentence; {}",
            note(&s.why)
        );
        let _ = writeln!(
            out,
            "[source.{}]\nkind = {}\ntitle = {}",
            s.key,
            string(s.kind),
            string(&s.title)
        );
        if let Some(by) = s.by {
            let _ = writeln!(out, "by = {}", string(&actors.list[by].key));
        }
        if let Some(p) = s.publisher {
            let _ = writeln!(out, "publisher = {}", string(&actors.list[p].key));
        }
        if let Some(d) = &s.date {
            let _ = writeln!(out, "date = {}", string(&d.date));
            if d.inferred {
                out.push_str("date-inferred = true\n");
            }
        }
        out.push('\n');
    }
    for e in &argument.events {
        let _ = writeln!(out, "# draft: an event, from {}", note(&e.why));
        let _ = writeln!(
            out,
            "[event.{}]\ntext = {}\ndate = {}",
            e.key,
            string(&e.text),
            string(&e.date)
        );
        if e.inferred {
            out.push_str("date-inferred = true\n");
        }
        if !e.actors.is_empty() {
            let keys: Vec<String> = e
                .actors
                .iter()
                .map(|&a| actors.list[a].key.clone())
                .collect();
            let _ = writeln!(out, "actors = {}", list(&keys));
        }
        out.push('\n');
        summary.events += 1;
    }
    for a in &actors.list {
        match &a.reused {
            Some(name) => {
                let _ = writeln!(
                    out,
                    "# draft: the known actor \"{}\" ({}), matched by name",
                    a.key,
                    note(name)
                );
                summary.reused += 1;
            }
            None => {
                let _ = writeln!(out, "# draft: a new {}: {}", a.kind, note(&a.why));
            }
        }
        let _ = writeln!(
            out,
            "[actor.{}]\nkind = {}\nname = {}",
            a.key,
            string(a.kind),
            string(&a.name)
        );
        if !a.aliases.is_empty() {
            let _ = writeln!(out, "aliases = {}", list(&a.aliases));
        }
        if let Some(role) = &a.role {
            let _ = writeln!(out, "role = {}", string(role));
        }
        if let Some(m) = a
            .member_of
            .as_ref()
            .filter(|m| actors.list.iter().any(|b| &b.key == *m && b.key != a.key))
        {
            let _ = writeln!(out, "member-of = {}", string(m));
        }
        out.push('\n');
        summary.actors += 1;
    }
}
