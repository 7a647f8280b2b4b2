//! The actors, sources and events a corpus shares: drawn once per seed, so that briefs name the same ones as a real corpus does.

use super::rng::SplitMix64;
use super::words::{
    EVENT_NOUNS, FAMILY, GIVEN, OBJECTS, ORGANISATION_KINDS, ORGANISATION_TOPICS, ROLES,
    SOURCE_KINDS, STATES,
};

/// Actors in the pool: the states, then organisations, then people.
pub const ACTORS: usize = 60;
/// Organisations in the pool; each belongs to a state.
pub const ORGANISATIONS: usize = 16;
pub const SOURCES: usize = 120;
pub const EVENTS: usize = 80;

pub struct Actor {
    pub kind: &'static str,
    pub name: String,
    pub role: Option<&'static str>,
    pub member_of: Option<usize>,
}

pub struct Source {
    pub kind: &'static str,
    pub title: String,
    pub by: Option<usize>,
    pub publisher: Option<usize>,
    pub date: Option<String>,
    pub reliability: Option<char>,
    pub credibility: Option<usize>,
}

pub struct Event {
    pub text: String,
    pub date: String,
    pub actors: Vec<usize>,
}

/// The actors, sources and events every brief of a corpus draws from.
pub struct Pools {
    pub actors: Vec<Actor>,
    pub sources: Vec<Source>,
    pub events: Vec<Event>,
}

impl Pools {
    pub fn draw(seed: u64) -> Pools {
        let mut rng = SplitMix64::new(seed ^ 0x00C0_FFEE_D00D_F00D);
        let actors = draw_actors(&mut rng);
        let sources = (0..SOURCES).map(|i| draw_source(&mut rng, i)).collect();
        let events = (0..EVENTS).map(|_| draw_event(&mut rng)).collect();
        Pools {
            actors,
            sources,
            events,
        }
    }
}

/// States first, then organisations (members of a state), then people (members of either).
fn draw_actors(rng: &mut SplitMix64) -> Vec<Actor> {
    let mut actors = Vec::with_capacity(ACTORS);
    for name in STATES {
        actors.push(Actor {
            kind: "state",
            name: (*name).to_string(),
            role: None,
            member_of: None,
        });
    }
    for i in 0..ORGANISATIONS {
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
            member_of: Some(rng.below(STATES.len() + ORGANISATIONS)),
        });
    }
    actors
}

/// Source number `i` (from 0); by an actor of the pool, published by an organisation.
fn draw_source(rng: &mut SplitMix64, i: usize) -> Source {
    let kind = *rng.pick(SOURCE_KINDS);
    let by = rng.chance(70).then(|| rng.below(ACTORS));
    let publisher = rng
        .chance(50)
        .then(|| STATES.len() + rng.below(ORGANISATIONS));
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
        date: rng.chance(80).then(|| rng.date()),
        reliability: rng.chance(70).then(|| (b'A' + rng.below(6) as u8) as char),
        credibility: rng.chance(70).then(|| rng.between(1, 6)),
    }
}

/// An event between one or two actors of the pool.
fn draw_event(rng: &mut SplitMix64) -> Event {
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
        date: rng.date(),
        actors,
    }
}

pub fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}
