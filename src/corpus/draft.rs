//! One brief being drawn: its sizes, the shared entities it uses, and its questions, hypotheses, claims and evidence in order.
//!
//! The order of the draws is the generator's contract: every step takes
//! its numbers from the brief's one random stream, so moving a draw from
//! one step to another changes the bytes of every corpus.

use super::CorpusConfig;
use super::pieces::{actor_key, event_key, list, quoted, source_key};
use super::pools::{ACTORS, EVENTS, ORGANISATIONS, Pools, SOURCES, capitalise};
use super::rng::SplitMix64;
use super::words::{CLAIM_HEDGES, CONFIDENCE, HEDGES, MOTIVES, OBJECTS, STATES, SUBJECTS, VERBS};

/// A node of the argument, before it is written out.
pub struct Node {
    pub section: &'static str,
    pub key: String,
    /// The sentence of the brief's text that holds the quote.
    pub sentence: String,
    pub quote: String,
    /// The lines of its table in the map, after the header.
    pub lines: Vec<String>,
}

/// A brief while it is drawn.
pub struct Draft<'a> {
    pub rng: SplitMix64,
    pub pools: &'a Pools,
    config: &'a CorpusConfig,
    questions: usize,
    hypotheses: usize,
    claims: usize,
    evidence: usize,
    /// Digits of the serial numbers that make every quote unique.
    width: usize,
    serial: usize,
    local_sources: Vec<usize>,
    local_events: Vec<usize>,
    local_people: Vec<usize>,
    pub author: usize,
    pub publisher: usize,
    pub main_state: &'static str,
    pub used_actors: Vec<usize>,
    pub used_sources: Vec<usize>,
    pub used_events: Vec<usize>,
    pub nodes: Vec<Node>,
    question_keys: Vec<String>,
    hypothesis_keys: Vec<String>,
    /// What a second support of an item of evidence may point to: hypotheses and claims.
    targets: Vec<String>,
}

impl<'a> Draft<'a> {
    /// Draws the brief's sizes and the shared entities it will name.
    pub fn start(config: &'a CorpusConfig, pools: &'a Pools, index: usize) -> Draft<'a> {
        let mut rng = SplitMix64::new(
            config
                .seed
                .wrapping_mul(0x2545_F491_4F6C_DD1D)
                .wrapping_add(index as u64),
        );
        let questions = rng.between(1, 2);
        let hypotheses = config.hypotheses.unwrap_or_else(|| rng.between(3, 6));
        let claims = config.claims.unwrap_or_else(|| rng.between(10, 15));
        let evidence = config.evidence.unwrap_or_else(|| rng.between(20, 40));
        // Serial numbers of fixed width make every quote occur exactly once.
        let width = (questions + hypotheses + claims + evidence)
            .to_string()
            .len()
            + 2;
        let local_states: Vec<usize> = (0..3).map(|_| rng.below(STATES.len())).collect();
        let local_sources: Vec<usize> =
            (0..rng.between(5, 8)).map(|_| rng.below(SOURCES)).collect();
        let local_events: Vec<usize> = (0..rng.between(3, 6)).map(|_| rng.below(EVENTS)).collect();
        let first_person = STATES.len() + ORGANISATIONS;
        let local_people: Vec<usize> = (0..rng.between(4, 7))
            .map(|_| first_person + rng.below(ACTORS - first_person))
            .collect();
        let author = *rng.pick(&local_people);
        let publisher = STATES.len() + rng.below(ORGANISATIONS);
        Draft {
            rng,
            pools,
            config,
            questions,
            hypotheses,
            claims,
            evidence,
            width,
            serial: 0,
            local_sources,
            local_events,
            local_people,
            author,
            publisher,
            main_state: STATES[local_states[0]],
            used_actors: vec![author, publisher],
            used_sources: Vec::new(),
            used_events: Vec::new(),
            nodes: Vec::new(),
            question_keys: Vec::new(),
            hypothesis_keys: Vec::new(),
            targets: Vec::new(),
        }
    }

    /// The next serial number, which makes the quote it ends unique in the text.
    fn next_ref(&mut self) -> String {
        self.serial += 1;
        format!("{:0width$}", self.serial, width = self.width)
    }

    pub fn questions(&mut self) {
        let main_state = self.main_state;
        for q in 0..self.questions {
            let key = format!("q{}", q + 1);
            let quote = format!(
                "what does {main_state} want to achieve in matter {}",
                self.next_ref()
            );
            let exclusive = match self.config.exclusive {
                Some(exclusive) => exclusive,
                None => self.rng.chance(50),
            };
            self.nodes.push(Node {
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
                    format!("exclusive = {exclusive}"),
                ],
            });
            self.question_keys.push(key);
        }
    }

    /// The first hypotheses answer each question in turn, so every question has one.
    pub fn hypotheses(&mut self) {
        let main_state = self.main_state;
        for h in 0..self.hypotheses {
            let key = format!("h{}", h + 1);
            let hedge = *self.rng.pick(HEDGES);
            let motive = self.rng.pick(MOTIVES);
            let quote = format!(
                "the reading ({hedge}) is that {main_state} is trying {motive} as seen in matter {}",
                self.next_ref()
            );
            let mut lines = vec![
                format!(
                    "answers = {}",
                    quoted(&self.question_keys[h % self.questions])
                ),
                format!(
                    "text = {}",
                    quoted(&format!("{main_state} is trying {motive}."))
                ),
                format!("quote = {}", quoted(&quote)),
                format!("hedge = {}", quoted(hedge)),
            ];
            if self.rng.chance(40) {
                lines.push(format!(
                    "confidence = {}",
                    quoted(self.rng.pick::<&str>(CONFIDENCE))
                ));
            }
            self.nodes.push(Node {
                section: "hypothesis",
                key: key.clone(),
                sentence: format!("In short, {quote}."),
                quote,
                lines,
            });
            self.hypothesis_keys.push(key.clone());
            self.targets.push(key);
        }
    }

    /// Each claim supports a hypothesis or an earlier claim; a few also a second hypothesis.
    pub fn claims(&mut self) {
        for c in 0..self.claims {
            let key = format!("c{}", c + 1);
            let (subject, verb, object) = self.clause();
            let quote = format!("{subject} {verb} {object} in matter {}", self.next_ref());
            let first = if c < self.hypotheses || self.rng.chance(30) {
                self.hypothesis_keys[c % self.hypotheses].clone()
            } else {
                format!("c{}", self.rng.below(c) + 1)
            };
            let mut supports = vec![first];
            if self.rng.chance(10) {
                let second = self.rng.pick(&self.hypothesis_keys).clone();
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
            self.claim_status(&mut lines);
            lines.push(format!("supports = {}", list(&supports)));
            if c > 0 && self.rng.chance(8) {
                let opposed = format!("c{}", self.rng.below(c) + 1);
                if !supports.contains(&opposed) {
                    lines.push(format!("opposes = {}", list(&[opposed])));
                }
            }
            self.nodes.push(Node {
                section: "claim",
                key: key.clone(),
                sentence: format!("Analysts note that {quote}."),
                quote,
                lines,
            });
            self.targets.push(key);
        }
    }

    /// Most claims are the author's inference, some hedged; the others are reported through a source.
    fn claim_status(&mut self, lines: &mut Vec<String>) {
        if self.rng.chance(80) {
            lines.push("status = \"inference\"".into());
            if self.rng.chance(40) {
                lines.push(format!(
                    "hedge = {}",
                    quoted(self.rng.pick::<&str>(CLAIM_HEDGES))
                ));
            }
        } else {
            let source = *self.rng.pick(&self.local_sources);
            self.used_sources.push(source);
            lines.push("status = \"reported\"".into());
            lines.push(format!("source = {}", quoted(&source_key(source))));
        }
    }

    /// A subject, a verb and an object: the words of a claim or an item of evidence.
    fn clause(&mut self) -> (&'static str, &'static str, &'static str) {
        let subject = *self.rng.pick(SUBJECTS);
        let verb = *self.rng.pick(VERBS);
        let object = *self.rng.pick(OBJECTS);
        (subject, verb, object)
    }

    /// Each item supports a claim (the first ones each claim in turn, so every claim has support).
    pub fn evidence(&mut self) {
        for e in 0..self.evidence {
            let key = format!("e{}", e + 1);
            let (subject, verb, object) = self.clause();
            let quote = format!("{subject} {verb} {object} on record {}", self.next_ref());
            let first = if self.claims == 0 {
                self.rng.pick(&self.hypothesis_keys).clone()
            } else if e < self.claims {
                format!("c{}", e + 1)
            } else {
                format!("c{}", self.rng.below(self.claims) + 1)
            };
            let mut lines = vec![
                format!(
                    "text = {}",
                    quoted(&capitalise(&format!("{subject} {verb} {object}.")))
                ),
                format!("quote = {}", quoted(&quote)),
            ];
            let sentence = self.evidence_status(&quote, &mut lines);
            self.evidence_relations(first, &mut lines);
            self.nodes.push(Node {
                section: "evidence",
                key,
                sentence,
                quote,
                lines,
            });
        }
    }

    /// An item is reported by a speaker through a source, or observed at an
    /// event; returns the sentence of the text that carries its quote.
    fn evidence_status(&mut self, quote: &str, lines: &mut Vec<String>) -> String {
        let event = *self.rng.pick(&self.local_events);
        let sentence = if self.rng.chance(60) {
            let source = *self.rng.pick(&self.local_sources);
            let speaker = *self.rng.pick(&self.local_people);
            self.used_sources.push(source);
            self.used_actors.push(speaker);
            lines.push("status = \"reported\"".into());
            lines.push(format!("said-by = {}", quoted(&actor_key(speaker))));
            lines.push(format!("source = {}", quoted(&source_key(source))));
            lines.push(format!("date = {}", quoted(&self.rng.date())));
            lines.push(format!(
                "mentions = {}",
                list(&[actor_key(speaker), event_key(event)])
            ));
            format!("{} said that {quote}.", self.pools.actors[speaker].name)
        } else {
            lines.push("status = \"observed\"".into());
            lines.push(format!("date = {}", quoted(&self.pools.events[event].date)));
            if self.rng.chance(30) {
                lines.push("date-inferred = true".into());
            }
            lines.push(format!("event = {}", quoted(&event_key(event))));
            format!("It was observed that {quote}.")
        };
        self.used_events.push(event);
        sentence
    }

    /// What an item supports (sometimes a second target, sometimes strongly) and, now and then, opposes.
    fn evidence_relations(&mut self, first: String, lines: &mut Vec<String>) {
        let mut supports = vec![first];
        if self.rng.chance(15) {
            let second = self.rng.pick(&self.targets).clone();
            if !supports.contains(&second) {
                supports.push(second);
            }
        }
        let strong = self.rng.chance(20);
        lines.push(format!(
            "{} = {}",
            if strong {
                "supports-strongly"
            } else {
                "supports"
            },
            list(&supports)
        ));
        if self.claims > 0 && self.rng.chance(10) {
            let opposed = format!("c{}", self.rng.below(self.claims) + 1);
            if !supports.contains(&opposed) {
                lines.push(format!("opposes = {}", list(&[opposed])));
            }
        }
    }

    /// Closes the shared entities over what they name: a source's author and
    /// publisher, an event's actors, and the organisation or state each
    /// actor belongs to, so that no reference of the map points to nothing.
    pub fn close_shared(&mut self) {
        let pools = self.pools;
        for &s in &self.used_sources {
            self.used_actors.extend(pools.sources[s].by);
            self.used_actors.extend(pools.sources[s].publisher);
        }
        for &e in &self.used_events {
            self.used_actors
                .extend(pools.events[e].actors.iter().copied());
        }
        let named: Vec<usize> = self.used_actors.clone();
        for a in named {
            if let Some(m) = pools.actors[a].member_of {
                self.used_actors.push(m);
                // Organisations belong to a state, which must be there too.
                self.used_actors.extend(pools.actors[m].member_of);
            }
        }
        for used in [
            &mut self.used_actors,
            &mut self.used_sources,
            &mut self.used_events,
        ] {
            used.sort_unstable();
            used.dedup();
        }
    }
}
