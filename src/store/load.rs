//! Loading many maps at once: check them on every core, then compile them on every core while their quads stream into the store.
//!
//! A load is all or nothing, so every map is checked before the store is
//! touched ([`check_maps`]). Only the checked models are kept in memory (a
//! model is a few times smaller than its quads); [`load_maps`] compiles them
//! again in parallel and feeds one stream of quads to the store, so peak
//! memory does not grow with the corpus. How the stream is written, and how
//! all-or-nothing is kept, is [`KnowledgeBase::write_graphs`]'s business.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::mpsc::sync_channel;

use oxigraph::model::{NamedNode, Quad};

use crate::Error;
use crate::map::check::{MapFiles, check_map};
use crate::map::diagnostic::Diagnostic;
use crate::map::model::Map;
use crate::store::compile::compile;
use crate::store::{GraphData, KnowledgeBase};
use crate::vocab::{Iris, ONTOLOGY};

/// A checked map and the file it came from.
pub struct CheckedMap {
    pub path: PathBuf,
    pub map: Map,
}

/// What a load wrote.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct LoadReport {
    /// The briefs loaded, in the order given.
    pub briefs: Vec<String>,
    /// Quads written, the ontology's included.
    pub quads: usize,
    /// Whether the graphs were new and went through the bulk loader.
    pub bulk: bool,
}

/// Progress of a load: quads written so far and maps compiled so far.
#[derive(Debug, Clone, Copy)]
pub struct Progress {
    pub quads: u64,
    pub maps: usize,
    pub total_maps: usize,
}

/// The number of threads to use for CPU work: every core.
pub fn threads() -> usize {
    std::thread::available_parallelism().map_or(1, usize::from)
}

/// Runs `work` on each of `items` on `threads` threads and returns the results in order.
fn parallel_map<T: Sync, R: Send>(
    items: &[T],
    threads: usize,
    work: impl Fn(&T) -> R + Sync,
) -> Vec<R> {
    let threads = threads.clamp(1, items.len().max(1));
    if threads == 1 {
        return items.iter().map(work).collect();
    }
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<R>>> = Mutex::new((0..items.len()).map(|_| None).collect());
    std::thread::scope(|scope| {
        for _ in 0..threads {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(item) = items.get(i) else { break };
                    let r = work(item);
                    results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(r);
                }
            });
        }
    });
    results
        .into_inner()
        .unwrap_or_else(|e| e.into_inner())
        .into_iter()
        .map(|r| r.expect("every item was worked on"))
        .collect()
}

/// Checks the maps at `paths` on every core. Returns the models when no map
/// has an error, and every diagnostic (warnings too) in the order of `paths`.
/// Two maps with the same brief id are an error.
pub fn check_maps(
    paths: &[PathBuf],
    files: &(dyn MapFiles + Sync),
) -> (Option<Vec<CheckedMap>>, Vec<Diagnostic>) {
    let checked = parallel_map(paths, threads(), |path| check_map(path, files));
    let mut diagnostics = Vec::new();
    let mut maps = Vec::new();
    let mut seen: HashMap<String, PathBuf> = HashMap::new();
    for (path, checked) in paths.iter().zip(checked) {
        diagnostics.extend(checked.diagnostics);
        let Some(map) = checked.map else { continue };
        if let Some(other) = seen.get(&map.id) {
            diagnostics.push(
                Diagnostic::error(
                    path,
                    None,
                    format!("brief `{}` is also loaded from {}", map.id, other.display()),
                )
                .with_help("give each brief its own id, or load it once"),
            );
            continue;
        }
        seen.insert(map.id.clone(), path.clone());
        maps.push(CheckedMap {
            path: path.clone(),
            map,
        });
    }
    if crate::map::diagnostic::has_errors(&diagnostics) {
        return (None, diagnostics);
    }
    (Some(maps), diagnostics)
}

/// Compiles `maps` on every core, calling `each` with every map's quads in
/// order. Used to write a corpus as N-Quads.
pub fn compile_maps(
    maps: &[CheckedMap],
    iris: &Iris,
    mut each: impl FnMut(&CheckedMap, Vec<Quad>) -> Result<(), Error>,
) -> Result<(), Error> {
    // Chunks bound the memory held by compiled quads waiting for their turn.
    for chunk in maps.chunks(threads() * 8) {
        let compiled = parallel_map(chunk, threads(), |m| compile(&m.map, iris));
        for (m, quads) in chunk.iter().zip(compiled) {
            each(m, quads)?;
        }
    }
    Ok(())
}

/// Loads the checked `maps`, the `extra` graphs (RDF read from files) and
/// the ontology into `kb`, replacing their graphs, all or nothing. Maps are compiled on every core while the store
/// writes; `progress` is called from time to time.
pub fn load_maps(
    kb: &KnowledgeBase,
    maps: &[CheckedMap],
    extra: Vec<GraphData>,
    iris: &Iris,
    progress: &(dyn Fn(Progress) + Sync),
) -> Result<LoadReport, Error> {
    let mut graphs: Vec<NamedNode> = maps
        .iter()
        .map(|m| NamedNode::new_unchecked(iris.graph(&m.map.id)))
        .collect();
    graphs.extend(extra.iter().map(|g| g.graph.clone()));
    let ontology_graph = NamedNode::new_unchecked(ONTOLOGY);
    let mut ontology = KnowledgeBase::ontology_quads()?;
    // The ontology is rewritten only when it differs from the built-in one,
    // so that adding briefs to a store does not count as replacing a graph
    // (which would rule out the bulk loader).
    if kb.graph_holds_exactly(ontology_graph.as_ref(), &ontology)? {
        ontology.clear();
    } else {
        graphs.push(ontology_graph.clone());
    }
    let total_maps = maps.len();
    let workers = threads();
    // A few compiled maps may wait for the store; more would only hold memory.
    let (sender, receiver) = sync_channel::<(usize, Vec<Quad>)>(workers * 2);
    let next = AtomicUsize::new(0);
    let written = std::thread::scope(|scope| {
        for _ in 0..workers {
            let sender = sender.clone();
            let next = &next;
            scope.spawn(move || {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(m) = maps.get(i) else { break };
                    if sender.send((i, compile(&m.map, iris))).is_err() {
                        // The writer stopped on an error: nothing more is wanted.
                        break;
                    }
                }
            });
        }
        drop(sender);
        let mut done_maps = 0usize;
        let mut done_quads = 0u64;
        let stream = receiver
            .iter()
            .map(|(i, quads)| (graphs[i].clone(), quads))
            .chain(extra.into_iter().map(|g| (g.graph, g.quads)))
            .chain(std::iter::once((ontology_graph.clone(), ontology)))
            .inspect(|(_, quads)| {
                done_maps += 1;
                done_quads += quads.len() as u64;
                progress(Progress {
                    quads: done_quads,
                    maps: done_maps.min(total_maps),
                    total_maps,
                });
            });
        let result = kb.write_graphs(&graphs, stream);
        // On an error the receiver is dropped here, so the workers stop.
        result
    })?;
    Ok(LoadReport {
        briefs: maps.iter().map(|m| m.map.id.clone()).collect(),
        quads: written.quads,
        bulk: written.bulk,
    })
}
