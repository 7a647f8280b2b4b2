//! Synthetic corpora for tests and benchmarks: briefs with their maps, of the shape of a real mapped brief, deterministic for a seed.
//!
//! Each brief is a `brief.txt` and a `map.toml`: one or two questions, three
//! to six hypotheses, claims and evidence whose quotes are sentences of the
//! generated text, and the actors, sources and dated events they name. The
//! actors, sources and events come from pools drawn once per seed, so briefs
//! share them as a real corpus does, and each map carries its own copy of
//! the same description. Support and attack edges always point from a later
//! node to an earlier one (evidence → claims → hypotheses), so they form a
//! DAG. Every brief is drawn from its own random stream (the seed and its
//! number), so briefs can be made in any order, or in parallel, and a seed
//! always gives the same bytes.
//!
//! The generator keeps its own small PRNG (splitmix64) so that the bytes
//! depend on nothing outside this file.

use std::fmt::Write;

/// How large each generated brief is; `None` draws the size of a real brief.
#[derive(Debug, Clone, Copy, Default)]
pub struct CorpusConfig {
    /// The seed every brief and the shared pools are drawn from.
    pub seed: u64,
    /// Evidence items per brief [default: 20–40].
    pub evidence: Option<usize>,
    /// Claims per brief [default: 10–15].
    pub claims: Option<usize>,
}

/// One generated brief: its id (the folder's name), its text and its map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedBrief {
    pub id: String,
    pub text: String,
    pub map: String,
}

/// splitmix64: tiny, fast, and good enough to draw test data from.
#[derive(Debug, Clone)]
pub struct SplitMix64(u64);

impl SplitMix64 {
    pub fn new(seed: u64) -> SplitMix64 {
        SplitMix64(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n > 0`).
    pub fn below(&mut self, n: usize) -> usize {
        // The modulo bias is at most n / 2^64: irrelevant for test data.
        (self.next_u64() % n as u64) as usize
    }

    /// A number in `low..=high`.
    pub fn between(&mut self, low: usize, high: usize) -> usize {
        low + self.below(high - low + 1)
    }

    /// True with probability `percent` / 100.
    pub fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

const ACTORS: usize = 60;
const SOURCES: usize = 120;
const EVENTS: usize = 80;

const STATES: &[&str] = &[
    "Arvenia",
    "Belmora",
    "Caldessa",
    "Dunmark",
    "Estrovia",
    "Farland",
    "Galvany",
    "Hesperia",
    "Istrana",
    "Jorvik",
    "Kestrel Republic",
    "Lunaria",
];
const ORGANISATION_KINDS: &[&str] = &[
    "Council",
    "Institute",
    "Agency",
    "Committee",
    "Ministry",
    "Commission",
    "Bureau",
    "Forum",
];
const ORGANISATION_TOPICS: &[&str] = &[
    "Maritime Security",
    "Trade Policy",
    "Energy Affairs",
    "Strategic Studies",
    "Humanitarian Relief",
    "Arms Control",
    "Foreign Affairs",
    "Regional Dialogue",
];
const GIVEN: &[&str] = &[
    "Amal", "Boris", "Chiara", "Dmitri", "Elena", "Farid", "Greta", "Hiro", "Ines", "Jonas",
    "Kemal", "Leila", "Mateo", "Nadia", "Oskar", "Priya", "Quentin", "Rosa", "Sami", "Tove",
];
const FAMILY: &[&str] = &[
    "Adler", "Brandt", "Castell", "Dorn", "Ekberg", "Falk", "Grieve", "Holm", "Ivers", "Jansen",
    "Kovac", "Lind", "Moreau", "Novak", "Ortega", "Pauls", "Quist", "Reyes", "Sato", "Tamm",
];
const ROLES: &[&str] = &[
    "Foreign Minister",
    "Defence Minister",
    "Special Envoy",
    "Senior Analyst",
    "Ambassador",
    "Spokesperson",
    "Director",
];
const SOURCE_KINDS: &[&str] = &[
    "report",
    "interview",
    "statement",
    "speech",
    "media",
    "briefing",
    "document",
];
const EVENT_NOUNS: &[&str] = &[
    "summit",
    "naval exercise",
    "trade agreement",
    "missile test",
    "border incident",
    "envoy visit",
    "sanctions vote",
    "ceasefire talks",
];
const SUBJECTS: &[&str] = &[
    "the coastal fleet",
    "the trade delegation",
    "the border garrison",
    "the energy ministry",
    "the central bank",
    "the ruling council",
    "the opposition bloc",
    "the customs service",
    "the relief mission",
    "the research reactor",
];
const VERBS: &[&str] = &[
    "moved",
    "expanded",
    "suspended",
    "resumed",
    "doubled",
    "withdrew",
    "announced",
    "reviewed",
    "restricted",
    "financed",
];
const OBJECTS: &[&str] = &[
    "its patrols near the strait",
    "grain shipments to the north",
    "talks with the neighbouring envoys",
    "the pipeline construction",
    "inspections at the harbour",
    "funding for the new port",
    "military drills in the region",
    "contacts with the monitoring mission",
    "imports of dual-use equipment",
    "the exchange of prisoners",
];
const MOTIVES: &[&str] = &[
    "to gain leverage before the next round of negotiations",
    "to split the coalition that imposed the sanctions",
    "to test the resolve of its neighbours",
    "to secure hard currency for its budget",
    "to win time for its weapons programme",
    "to present itself as a responsible partner",
    "to deflect attention from domestic unrest",
    "to open a channel that bypasses its patrons",
];
const HEDGES: &[&str] = &[
    "could be",
    "may",
    "might",
    "would probably",
    "likely",
    "unlikely",
    "very likely",
    "almost certainly",
    "can",
    "roughly even chance",
];
const CONFIDENCE: &[&str] = &["low", "moderate", "high"];
const CLAIM_HEDGES: &[&str] = &["may", "could", "probably", "likely"];

struct Actor {
    kind: &'static str,
    name: String,
    role: Option<&'static str>,
    member_of: Option<usize>,
}

struct Source {
    kind: &'static str,
    title: String,
    by: Option<usize>,
    publisher: Option<usize>,
    date: Option<String>,
    reliability: Option<char>,
    credibility: Option<usize>,
}

struct Event {
    text: String,
    date: String,
    actors: Vec<usize>,
}

/// The actors, sources and events every brief of a corpus draws from.
struct Pools {
    actors: Vec<Actor>,
    sources: Vec<Source>,
    events: Vec<Event>,
}

fn date(rng: &mut SplitMix64) -> String {
    format!(
        "{}-{:02}-{:02}",
        rng.between(2012, 2024),
        rng.between(1, 12),
        rng.between(1, 28)
    )
}

impl Pools {
    fn draw(seed: u64) -> Pools {
        let mut rng = SplitMix64::new(seed ^ 0x00C0_FFEE_D00D_F00D);
        let mut actors = Vec::with_capacity(ACTORS);
        // States first, then organisations (members of a state), then people (members of either).
        for name in STATES {
            actors.push(Actor {
                kind: "state",
                name: (*name).to_string(),
                role: None,
                member_of: None,
            });
        }
        let organisations = 16;
        for i in 0..organisations {
            let state = rng.below(STATES.len());
            actors.push(Actor {
                kind: "organisation",
                name: format!(
                    "{} {} for {} {}",
                    STATES[state],
                    ORGANISATION_KINDS[i % ORGANISATION_KINDS.len()],
                    rng.pick(ORGANISATION_TOPICS),
                    i + 1
                ),
                role: None,
                member_of: Some(state),
            });
        }
        while actors.len() < ACTORS {
            actors.push(Actor {
                kind: "person",
                name: format!(
                    "{} {}-{}",
                    rng.pick(GIVEN),
                    rng.pick(FAMILY),
                    rng.pick(FAMILY)
                ),
                role: Some(*rng.pick(ROLES)),
                member_of: Some(rng.below(STATES.len() + organisations)),
            });
        }
        let sources = (0..SOURCES)
            .map(|i| {
                let kind = *rng.pick(SOURCE_KINDS);
                let by = rng.chance(70).then(|| rng.below(ACTORS));
                let publisher = rng
                    .chance(50)
                    .then(|| STATES.len() + rng.below(organisations));
                Source {
                    kind,
                    title: format!(
                        "{} no. {} on {}",
                        capitalise(kind),
                        i + 1,
                        rng.pick(OBJECTS)
                    ),
                    by,
                    publisher,
                    date: rng.chance(80).then(|| date(&mut rng)),
                    reliability: rng.chance(70).then(|| (b'A' + rng.below(6) as u8) as char),
                    credibility: rng.chance(70).then(|| rng.between(1, 6)),
                }
            })
            .collect();
        let events = (0..EVENTS)
            .map(|_| {
                let a = rng.below(ACTORS);
                let b = rng.below(ACTORS);
                let mut actors = vec![a];
                if b != a {
                    actors.push(b);
                }
                Event {
                    text: format!(
                        "The {} of {} with {}",
                        rng.pick(EVENT_NOUNS),
                        STATES[rng.below(STATES.len())],
                        STATES[rng.below(STATES.len())]
                    ),
                    date: date(&mut rng),
                    actors,
                }
            })
            .collect();
        Pools {
            actors,
            sources,
            events,
        }
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A TOML basic string.
fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {
                let _ = write!(out, "\\u{:04X}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn list(keys: &[String]) -> String {
    let items: Vec<String> = keys.iter().map(|k| quoted(k)).collect();
    format!("[{}]", items.join(", "))
}

fn actor_key(i: usize) -> String {
    format!("actor-{:03}", i + 1)
}
fn source_key(i: usize) -> String {
    format!("source-{:03}", i + 1)
}
fn event_key(i: usize) -> String {
    format!("event-{:03}", i + 1)
}

/// A generator of briefs for one seed and size.
pub struct Corpus {
    config: CorpusConfig,
    pools: Pools,
}

/// A node of the argument, before it is written out.
struct Node {
    section: &'static str,
    key: String,
    sentence: String,
    quote: String,
    lines: Vec<String>,
}

impl Corpus {
    pub fn new(config: CorpusConfig) -> Corpus {
        Corpus {
            config,
            pools: Pools::draw(config.seed),
        }
    }

    /// The id of brief number `index` (from 0).
    pub fn id(index: usize) -> String {
        format!("brief-{:05}", index + 1)
    }

    /// Brief number `index` (from 0); the same bytes for the same seed, size and index.
    pub fn brief(&self, index: usize) -> GeneratedBrief {
        let mut rng = SplitMix64::new(
            self.config
                .seed
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(index as u64),
        );
        let id = Corpus::id(index);
        let pools = &self.pools;
        let questions = rng.between(1, 2);
        let hypotheses = rng.between(3, 6);
        let claims = self.config.claims.unwrap_or_else(|| rng.between(10, 15));
        let evidence = self.config.evidence.unwrap_or_else(|| rng.between(20, 40));
        // Serial numbers of fixed width make every quote occur exactly once.
        let width = (questions + hypotheses + claims + evidence)
            .to_string()
            .len()
            + 2;
        let mut serial = 0usize;
        let mut next_ref = || {
            serial += 1;
            format!("{serial:0width$}")
        };

        // The shared entities this brief draws on, from the corpus-wide pools.
        let local_states: Vec<usize> = (0..3).map(|_| rng.below(STATES.len())).collect();
        let local_sources: Vec<usize> =
            (0..rng.between(5, 8)).map(|_| rng.below(SOURCES)).collect();
        let local_events: Vec<usize> = (0..rng.between(3, 6)).map(|_| rng.below(EVENTS)).collect();
        let local_people: Vec<usize> = (0..rng.between(4, 7))
            .map(|_| STATES.len() + 16 + rng.below(ACTORS - STATES.len() - 16))
            .collect();
        let author = *rng.pick(&local_people);
        let publisher = STATES.len() + rng.below(16);
        let mut used_actors: Vec<usize> = vec![author, publisher];
        let mut used_sources: Vec<usize> = Vec::new();
        let mut used_events: Vec<usize> = Vec::new();
        let main_state = STATES[local_states[0]];

        let mut nodes: Vec<Node> = Vec::new();
        // Questions.
        let mut question_keys = Vec::new();
        for q in 0..questions {
            let key = format!("q{}", q + 1);
            let quote = format!(
                "what does {main_state} want to achieve in matter {}",
                next_ref()
            );
            nodes.push(Node {
                section: "question",
                key: key.clone(),
                sentence: format!("The question is {quote}."),
                quote: quote.clone(),
                lines: vec![
                    format!(
                        "text = {}",
                        quoted(&format!("What does {main_state} want to achieve?"))
                    ),
                    format!("quote = {}", quoted(&quote)),
                    format!("exclusive = {}", rng.chance(50)),
                ],
            });
            question_keys.push(key);
        }
        // Hypotheses: the first ones answer each question in turn, so every question has one.
        let mut targets: Vec<String> = Vec::new();
        let mut hypothesis_keys = Vec::new();
        for h in 0..hypotheses {
            let key = format!("h{}", h + 1);
            let hedge = *rng.pick(HEDGES);
            let motive = rng.pick(MOTIVES);
            let quote = format!(
                "the reading ({hedge}) is that {main_state} is trying {motive} as seen in matter {}",
                next_ref()
            );
            let mut lines = vec![
                format!("answers = {}", quoted(&question_keys[h % questions])),
                format!(
                    "text = {}",
                    quoted(&format!("{main_state} is trying {motive}."))
                ),
                format!("quote = {}", quoted(&quote)),
                format!("hedge = {}", quoted(hedge)),
            ];
            if rng.chance(40) {
                lines.push(format!(
                    "confidence = {}",
                    quoted(rng.pick::<&str>(CONFIDENCE))
                ));
            }
            nodes.push(Node {
                section: "hypothesis",
                key: key.clone(),
                sentence: format!("In short, {quote}."),
                quote,
                lines,
            });
            hypothesis_keys.push(key.clone());
            targets.push(key);
        }
        // Claims: each supports a hypothesis or an earlier claim; a few also a second hypothesis.
        for c in 0..claims {
            let key = format!("c{}", c + 1);
            let subject = rng.pick(SUBJECTS);
            let verb = rng.pick(VERBS);
            let object = rng.pick(OBJECTS);
            let quote = format!("{subject} {verb} {object} in matter {}", next_ref());
            let first = if c < hypotheses || rng.chance(30) {
                hypothesis_keys[c % hypotheses].clone()
            } else {
                format!("c{}", rng.below(c) + 1)
            };
            let mut supports = vec![first];
            if rng.chance(10) {
                let second = rng.pick(&hypothesis_keys).clone();
                if !supports.contains(&second) {
                    supports.push(second);
                }
            }
            let mut lines = vec![
                format!(
                    "text = {}",
                    quoted(&capitalise(&format!("{subject} {verb} {object}.")))
                ),
                format!("quote = {}", quoted(&quote)),
            ];
            if rng.chance(80) {
                lines.push("status = \"inference\"".into());
                if rng.chance(40) {
                    lines.push(format!(
                        "hedge = {}",
                        quoted(rng.pick::<&str>(CLAIM_HEDGES))
                    ));
                }
            } else {
                let source = *rng.pick(&local_sources);
                used_sources.push(source);
                lines.push("status = \"reported\"".into());
                lines.push(format!("source = {}", quoted(&source_key(source))));
            }
            lines.push(format!("supports = {}", list(&supports)));
            if c > 0 && rng.chance(8) {
                let opposed = format!("c{}", rng.below(c) + 1);
                if !supports.contains(&opposed) {
                    lines.push(format!("opposes = {}", list(&[opposed])));
                }
            }
            nodes.push(Node {
                section: "claim",
                key: key.clone(),
                sentence: format!("Analysts note that {quote}."),
                quote,
                lines,
            });
            targets.push(key);
        }
        // Evidence: each supports a claim (the first ones each claim in turn, so every claim has support).
        for e in 0..evidence {
            let key = format!("e{}", e + 1);
            let subject = rng.pick(SUBJECTS);
            let verb = rng.pick(VERBS);
            let object = rng.pick(OBJECTS);
            let quote = format!("{subject} {verb} {object} on record {}", next_ref());
            let first = if claims == 0 {
                rng.pick(&hypothesis_keys).clone()
            } else if e < claims {
                format!("c{}", e + 1)
            } else {
                format!("c{}", rng.below(claims) + 1)
            };
            let mut lines = vec![
                format!(
                    "text = {}",
                    quoted(&capitalise(&format!("{subject} {verb} {object}.")))
                ),
                format!("quote = {}", quoted(&quote)),
            ];
            let event = *rng.pick(&local_events);
            let sentence;
            if rng.chance(60) {
                let source = *rng.pick(&local_sources);
                let speaker = *rng.pick(&local_people);
                used_sources.push(source);
                used_actors.push(speaker);
                lines.push("status = \"reported\"".into());
                lines.push(format!("said-by = {}", quoted(&actor_key(speaker))));
                lines.push(format!("source = {}", quoted(&source_key(source))));
                lines.push(format!("date = {}", quoted(&date(&mut rng))));
                sentence = format!("{} said that {quote}.", pools.actors[speaker].name);
                lines.push(format!(
                    "mentions = {}",
                    list(&[actor_key(speaker), event_key(event)])
                ));
            } else {
                lines.push("status = \"observed\"".into());
                lines.push(format!("date = {}", quoted(&pools.events[event].date)));
                if rng.chance(30) {
                    lines.push("date-inferred = true".into());
                }
                lines.push(format!("event = {}", quoted(&event_key(event))));
                sentence = format!("It was observed that {quote}.");
            }
            used_events.push(event);
            let mut supports = vec![first];
            if rng.chance(15) {
                let second = rng.pick(&targets).clone();
                if !supports.contains(&second) {
                    supports.push(second);
                }
            }
            let strong = rng.chance(20);
            lines.push(format!(
                "{} = {}",
                if strong {
                    "supports-strongly"
                } else {
                    "supports"
                },
                list(&supports)
            ));
            if claims > 0 && rng.chance(10) {
                let opposed = format!("c{}", rng.below(claims) + 1);
                if !supports.contains(&opposed) {
                    lines.push(format!("opposes = {}", list(&[opposed])));
                }
            }
            nodes.push(Node {
                section: "evidence",
                key,
                sentence,
                quote,
                lines,
            });
        }

        // Close the shared entities over what they name.
        for &s in &used_sources {
            used_actors.extend(pools.sources[s].by);
            used_actors.extend(pools.sources[s].publisher);
        }
        for &e in &used_events {
            used_actors.extend(pools.events[e].actors.iter().copied());
        }
        let named: Vec<usize> = used_actors.clone();
        for a in named {
            if let Some(m) = pools.actors[a].member_of {
                used_actors.push(m);
                // Organisations belong to a state, which must be there too.
                used_actors.extend(pools.actors[m].member_of);
            }
        }
        used_actors.sort_unstable();
        used_actors.dedup();
        used_sources.sort_unstable();
        used_sources.dedup();
        used_events.sort_unstable();
        used_events.dedup();

        // The text: an opening, then the nodes' sentences in paragraphs, with filler between.
        let title = format!("What does {main_state} want? Brief {}", index + 1);
        let mut text = String::new();
        let _ = writeln!(
            text,
            "{title}\n\nBy {}, {}\n",
            pools.actors[author].name, pools.actors[publisher].name
        );
        for (i, node) in nodes.iter().enumerate() {
            text.push_str(&node.sentence);
            if i % 5 == 4 {
                text.push_str(" Observers disagree about what comes next.\n\n");
            } else {
                text.push(' ');
            }
        }
        text.push('\n');

        // The map.
        let mut map = String::new();
        let _ = writeln!(
            map,
            "# A synthetic brief made by `argmap gen-corpus --seed {}`.\n",
            self.config.seed
        );
        let _ = writeln!(map, "[brief]");
        let _ = writeln!(map, "title = {}", quoted(&title));
        let _ = writeln!(map, "author = {}", list(&[actor_key(author)]));
        let _ = writeln!(map, "publisher = {}", quoted(&actor_key(publisher)));
        let _ = writeln!(map, "series = \"Synthetic Series\"");
        let _ = writeln!(map, "number = {}", quoted(&format!("SYN {}", index + 1)));
        let _ = writeln!(map, "date = {}", quoted(&date(&mut rng)));
        let _ = writeln!(map, "language = \"en\"");
        let _ = writeln!(map, "rights = \"Synthetic test data, free to use\"");
        let _ = writeln!(map, "mapped-by = \"argmap gen-corpus\"");
        let _ = writeln!(map, "mapped-on = \"2026-11-27\"");
        for node in &nodes {
            let _ = writeln!(map, "\n[{}.{}]", node.section, node.key);
            for line in &node.lines {
                map.push_str(line);
                map.push('\n');
            }
            debug_assert!(node.sentence.contains(&node.quote));
        }
        for &s in &used_sources {
            let source = &pools.sources[s];
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
        for &a in &used_actors {
            let actor = &pools.actors[a];
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
        for &e in &used_events {
            let event = &pools.events[e];
            let _ = writeln!(map, "\n[event.{}]", event_key(e));
            let _ = writeln!(map, "text = {}", quoted(&event.text));
            let _ = writeln!(map, "date = {}", quoted(&event.date));
            let actors: Vec<String> = event.actors.iter().map(|&a| actor_key(a)).collect();
            let _ = writeln!(map, "actors = {}", list(&actors));
        }
        GeneratedBrief { id, text, map }
    }
}
