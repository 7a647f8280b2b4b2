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
//! depend on nothing outside this folder. A brief is drawn in steps
//! (`draft`: sizes and shared entities, questions, hypotheses, claims,
//! evidence) from `pools` of shared entities, then written out
//! (`write`); [`roster`] adds actors of unique names, and a dataset to
//! reconcile them against, for `argmap link`'s benchmarks.

mod draft;
mod pieces;
mod pools;
pub mod rng;
pub mod roster;
mod words;
mod write;

pub use rng::SplitMix64;

/// How large each generated brief is; `None` draws the size of a real brief.
#[derive(Debug, Clone, Copy, Default)]
pub struct CorpusConfig {
    /// The seed every brief and the shared pools are drawn from.
    pub seed: u64,
    /// Evidence items per brief [default: 20–40].
    pub evidence: Option<usize>,
    /// Claims per brief [default: 10–15].
    pub claims: Option<usize>,
    /// Hypotheses per brief, at least 2 so that every question has one [default: 3–6].
    pub hypotheses: Option<usize>,
    /// Whether every question's hypotheses exclude each other [default: drawn per question].
    pub exclusive: Option<bool>,
    /// Roster actors declared in every brief, at most [`roster::MAX`] [default: none].
    pub roster: usize,
}

/// One generated brief: its id (the folder's name), its text and its map.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GeneratedBrief {
    pub id: String,
    pub text: String,
    pub map: String,
}

/// A generator of briefs for one seed and size.
pub struct Corpus {
    config: CorpusConfig,
    pools: pools::Pools,
}

impl Corpus {
    pub fn new(config: CorpusConfig) -> Corpus {
        Corpus {
            config,
            pools: pools::Pools::draw(config.seed),
        }
    }

    /// The id of brief number `index` (from 0).
    pub fn id(index: usize) -> String {
        format!("brief-{:05}", index + 1)
    }

    /// Brief number `index` (from 0); the same bytes for the same seed, size and index.
    pub fn brief(&self, index: usize) -> GeneratedBrief {
        let mut draft = draft::Draft::start(&self.config, &self.pools, index);
        draft.questions();
        draft.hypotheses();
        draft.claims();
        draft.evidence();
        draft.close_shared();
        let title = format!("What does {} want? Brief {}", draft.main_state, index + 1);
        let text = write::text(&draft, &title);
        let map = write::map(
            &mut draft,
            &title,
            self.config.seed,
            index,
            self.config.roster,
        );
        GeneratedBrief {
            id: Corpus::id(index),
            text,
            map,
        }
    }
}
