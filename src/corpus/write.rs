//! Writing a drawn brief out: its text, and its map as TOML text, section by section.

use std::fmt::Write;

use super::draft::Draft;
use super::pieces::{actor_key, event_key, list, quoted, source_key};
use super::roster;

/// The text: an opening, then the nodes' sentences in paragraphs of five, with filler between.
pub fn text(draft: &Draft, title: &str) -> String {
    let mut text = String::new();
    let _ = writeln!(
        text,
        "{title}\n\nBy {}, {}\n",
        draft.pools.actors[draft.author].name, draft.pools.actors[draft.publisher].name
    );
    for (i, node) in draft.nodes.iter().enumerate() {
        text.push_str(&node.sentence);
        if i % 5 == 4 {
            text.push_str(" Observers disagree about what comes next.\n\n");
        } else {
            text.push(' ');
        }
    }
    text.push('\n');
    text
}

/// The map: the brief's metadata, its nodes, then the shared entities it names.
pub fn map(draft: &mut Draft, title: &str, seed: u64, index: usize, roster: usize) -> String {
    let mut map = String::new();
    metadata(&mut map, draft, title, seed, index);
    for node in &draft.nodes {
        let _ = writeln!(map, "\n[{}.{}]", node.section, node.key);
        for line in &node.lines {
            map.push_str(line);
            map.push('\n');
        }
        debug_assert!(node.sentence.contains(&node.quote));
    }
    sources(&mut map, draft);
    actors(&mut map, draft);
    roster::sections(&mut map, roster);
    events(&mut map, draft);
    map
}

/// The `[brief]` table. Its date is the brief's last draw.
fn metadata(map: &mut String, draft: &mut Draft, title: &str, seed: u64, index: usize) {
    let _ = writeln!(
        map,
        "# A synthetic brief made by `argmap gen-corpus --seed {seed}`.\n"
    );
    let _ = writeln!(map, "[brief]");
    let _ = writeln!(map, "title = {}", quoted(title));
    let _ = writeln!(map, "author = {}", list(&[actor_key(draft.author)]));
    let _ = writeln!(map, "publisher = {}", quoted(&actor_key(draft.publisher)));
    let _ = writeln!(map, "series = \"Synthetic Series\"");
    let _ = writeln!(map, "number = {}", quoted(&format!("SYN {}", index + 1)));
    let _ = writeln!(map, "date = {}", quoted(&draft.rng.date()));
    let _ = writeln!(map, "language = \"en\"");
    let _ = writeln!(map, "rights = \"Synthetic test data, free to use\"");
    let _ = writeln!(map, "mapped-by = \"argmap gen-corpus\"");
    let _ = writeln!(map, "mapped-on = \"2026-11-27\"");
}

fn sources(map: &mut String, draft: &Draft) {
    for &s in &draft.used_sources {
        let source = &draft.pools.sources[s];
        let _ = writeln!(map, "\n[source.{}]", source_key(s));
        let _ = writeln!(map, "kind = {}", quoted(source.kind));
        let _ = writeln!(map, "title = {}", quoted(&source.title));
        if let Some(by) = source.by {
            let _ = writeln!(map, "by = {}", quoted(&actor_key(by)));
        }
        if let Some(p) = source.publisher {
            let _ = writeln!(map, "publisher = {}", quoted(&actor_key(p)));
        }
        if let Some(d) = &source.date {
            let _ = writeln!(map, "date = {}", quoted(d));
        }
        if let Some(r) = source.reliability {
            let _ = writeln!(map, "reliability = \"{r}\"");
        }
        if let Some(c) = source.credibility {
            let _ = writeln!(map, "credibility = {c}");
        }
    }
}

fn actors(map: &mut String, draft: &Draft) {
    for &a in &draft.used_actors {
        let actor = &draft.pools.actors[a];
        let _ = writeln!(map, "\n[actor.{}]", actor_key(a));
        let _ = writeln!(map, "kind = {}", quoted(actor.kind));
        let _ = writeln!(map, "name = {}", quoted(&actor.name));
        if let Some(role) = actor.role {
            let _ = writeln!(map, "role = {}", quoted(role));
        }
        if let Some(m) = actor.member_of {
            let _ = writeln!(map, "member-of = {}", quoted(&actor_key(m)));
        }
    }
}

fn events(map: &mut String, draft: &Draft) {
    for &e in &draft.used_events {
        let event = &draft.pools.events[e];
        let _ = writeln!(map, "\n[event.{}]", event_key(e));
        let _ = writeln!(map, "text = {}", quoted(&event.text));
        let _ = writeln!(map, "date = {}", quoted(&event.date));
        let actors: Vec<String> = event.actors.iter().map(|&a| actor_key(a)).collect();
        let _ = writeln!(map, "actors = {}", list(&actors));
    }
}
