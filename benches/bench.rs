//! The in-process half of the benchmark suite: figures that a whole-process timing would blur (compile throughput, trace latency, traces per second), driven by `scripts/bench.sh`.
//!
//! A `harness = false` bench target, so it needs no benchmarking crate; run
//! it with `cargo bench --profile release --bench bench -- COMMAND …` to
//! reuse the release build (the default `bench` profile would rebuild every
//! dependency). Each command prints one JSON object per figure; every figure
//! is the median of its runs.
//!
//! Commands:
//!   compile RUNS MAP…                  check + compile, in maps/s and quads/s (one thread, and every core)
//!   trace STORE BRIEF RUNS             latency and CPU time of a whole trace of one brief, and of its queries as one query on one thread
//!   throughput STORE RUNS SECONDS      traces per second on 1 and 2 threads, over every brief of the store
//!   bound-query NAME GRAPH             a named query with ?graph bound, as peers run it; NAME `trace`
//!                                      is the union of the trace's queries, the same work in one query
//!   query STORE FILE GRAPH RUNS        latency and CPU time of one query file with ?graph bound
//!   explain STORE FILE GRAPH           oxigraph's plan for a query file, with rows and time per step
//!   optimize STORE                     compacts the store, as after a bulk load

use std::path::PathBuf;
use std::time::{Duration, Instant};

use argmap::KnowledgeBase;
use argmap::map::check::{Disk, check_map};
use argmap::read::briefs::briefs;
use argmap::read::trace::trace;
use argmap::sparql::{Backend, bind_query, named_query};
use argmap::store::compile::compile;
use oxigraph::model::{NamedNode, Term};

// The binary's allocator, so that the figures are the binary's.
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn median(mut values: Vec<f64>) -> f64 {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    if n == 0 {
        return f64::NAN;
    }
    if n % 2 == 1 {
        values[n / 2]
    } else {
        (values[n / 2 - 1] + values[n / 2]) / 2.0
    }
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// CPU time of `clock`, in milliseconds: on a shared machine it varies far
/// less than wall time, since waiting for a core is not counted.
fn cpu_ms(clock: libc::clockid_t) -> f64 {
    let mut t = libc::timespec {
        tv_sec: 0,
        tv_nsec: 0,
    };
    // SAFETY: `t` is a valid timespec for the call to write.
    unsafe { libc::clock_gettime(clock, &mut t) };
    t.tv_sec as f64 * 1000.0 + t.tv_nsec as f64 / 1e6
}

/// CPU time of the calling thread.
fn thread_cpu_ms() -> f64 {
    cpu_ms(libc::CLOCK_THREAD_CPUTIME_ID)
}

/// CPU time of the whole process (every thread).
fn process_cpu_ms() -> f64 {
    cpu_ms(libc::CLOCK_PROCESS_CPUTIME_ID)
}

/// The trace's queries with `?graph` bound, as one query: the UNION of
/// their bodies, projecting every variable. It asks for the same rows the
/// trace reads, so a peer that runs it does a whole trace's work.
fn trace_query(graph: &Term) -> spargebra::Query {
    use spargebra::algebra::GraphPattern;
    let bindings = [("graph".to_string(), graph.clone())];
    let mut union: Option<GraphPattern> = None;
    let mut variables: Vec<spargebra::term::Variable> = Vec::new();
    for name in argmap::read::trace::QUERIES {
        let text = named_query(name).expect("a named query").text;
        let spargebra::Query::Select { pattern, .. } =
            bind_query(text, &bindings).expect("it binds")
        else {
            panic!("{name} is a SELECT");
        };
        if let GraphPattern::Project { variables: v, .. } = &pattern {
            for v in v {
                if !variables.contains(v) {
                    variables.push(v.clone());
                }
            }
        }
        union = Some(match union {
            None => pattern,
            Some(left) => GraphPattern::Union {
                left: Box::new(left),
                right: Box::new(pattern),
            },
        });
    }
    spargebra::Query::Select {
        dataset: None,
        pattern: GraphPattern::Project {
            inner: Box::new(union.expect("a trace runs queries")),
            variables,
        },
        base_iri: None,
    }
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let Some(command) = args.first() else {
        eprintln!("usage: bench compile|trace|throughput|bound-query …");
        std::process::exit(2);
    };
    let rest = &args[1..];
    match command.as_str() {
        "compile" => bench_compile(rest),
        "trace" => bench_trace(rest),
        "throughput" => bench_throughput(rest),
        "explain" => {
            let kb = KnowledgeBase::open(rest[0].as_ref()).expect("the store opens");
            let text = std::fs::read_to_string(&rest[1]).expect("a query file");
            let graph = Term::NamedNode(NamedNode::new(&rest[2]).expect("an IRI"));
            let bindings = [("graph".to_string(), graph)];
            kb.explain(&text, &bindings).expect("it runs");
            println!("{}", kb.explain(&text, &bindings).expect("it runs"));
        }
        "query" => {
            // query STORE FILE GRAPH RUNS: the median time of one query file with ?graph bound.
            let kb = KnowledgeBase::open(rest[0].as_ref()).expect("the store opens");
            let text = std::fs::read_to_string(&rest[1]).expect("a query file");
            let graph = Term::NamedNode(NamedNode::new(&rest[2]).expect("an IRI"));
            let runs: usize = rest[3].parse().expect("RUNS");
            let bindings = [("graph".to_string(), graph)];
            let rows = kb.select(&text, &bindings).expect("it runs").rows.len();
            let (mut wall, mut cpu) = (Vec::new(), Vec::new());
            for _ in 0..runs {
                let c = thread_cpu_ms();
                let t = Instant::now();
                std::hint::black_box(kb.select(&text, &bindings).expect("it runs"));
                wall.push(ms(t.elapsed()));
                cpu.push(thread_cpu_ms() - c);
            }
            println!(
                "{{\"figure\":\"query\",\"file\":\"{}\",\"rows\":{rows},\"ms\":{:.3},\"cpu_ms\":{:.3}}}",
                rest[1],
                median(wall),
                median(cpu)
            );
        }
        "optimize" => {
            let kb = KnowledgeBase::open(rest[0].as_ref()).expect("the store opens");
            let t = Instant::now();
            kb.optimize().expect("it compacts");
            println!(
                "{{\"figure\":\"optimize\",\"seconds\":{:.3}}}",
                t.elapsed().as_secs_f64()
            );
        }
        "bound-query" => {
            let graph = Term::NamedNode(NamedNode::new(&rest[1]).expect("an IRI"));
            if rest[0] == "trace" {
                println!("{}", trace_query(&graph));
            } else {
                let query = named_query(&rest[0]).expect("a named query").text;
                let bound = bind_query(query, &[("graph".to_string(), graph)]).expect("it binds");
                println!("{bound}");
            }
        }
        other => {
            eprintln!("unknown command {other}");
            std::process::exit(2);
        }
    }
}

fn bench_compile(rest: &[String]) {
    let runs: usize = rest[0].parse().expect("RUNS");
    let paths: Vec<PathBuf> = rest[1..]
        .iter()
        .map(|p| argmap::map::check::map_path(p.as_ref()))
        .collect();
    let iris = argmap::vocab::Iris::new(argmap::vocab::DEFAULT_BASE);
    let mut serial = Vec::new();
    let mut quads = 0usize;
    for _ in 0..runs {
        let t = Instant::now();
        quads = 0;
        for path in &paths {
            let map = check_map(path, &Disk).map.expect("the map checks");
            quads += compile(&map, &iris).len();
        }
        serial.push(t.elapsed().as_secs_f64());
    }
    let mut parallel = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        let (maps, _) = argmap::store::load::check_maps(&paths, &Disk);
        let maps = maps.expect("the maps check");
        argmap::store::load::compile_maps(&maps, &iris, |_, q| {
            std::hint::black_box(q);
            Ok(())
        })
        .expect("compiles");
        parallel.push(t.elapsed().as_secs_f64());
    }
    for (name, times) in [
        ("compile-1-thread", serial),
        ("compile-all-cores", parallel),
    ] {
        let s = median(times);
        println!(
            "{{\"figure\":\"{name}\",\"maps\":{},\"quads\":{quads},\"seconds\":{s:.4},\"maps_per_s\":{:.1},\"quads_per_s\":{:.0}}}",
            paths.len(),
            paths.len() as f64 / s,
            quads as f64 / s
        );
    }
}

fn bench_trace(rest: &[String]) {
    let kb = KnowledgeBase::open(rest[0].as_ref()).expect("the store opens");
    let brief = &rest[1];
    let runs: usize = rest[2].parse().expect("RUNS");
    let quads = kb.len().expect("len");
    // A first run warms the caches, as any later trace of a working store would find them.
    trace(&kb, Some(brief), &[]).expect("it traces");
    let mut whole = Vec::new();
    let mut cpu = Vec::new();
    for _ in 0..runs {
        let c = process_cpu_ms();
        let t = Instant::now();
        std::hint::black_box(trace(&kb, Some(brief), &[]).expect("it traces"));
        whole.push(ms(t.elapsed()));
        cpu.push(process_cpu_ms() - c);
    }
    // The same work as one query on one thread, as the peers run it.
    let graph = Term::NamedNode(NamedNode::new_unchecked(
        argmap::vocab::Iris::new(argmap::vocab::DEFAULT_BASE).graph(brief),
    ));
    let one = trace_query(&graph).to_string();
    let mut query = Vec::new();
    for _ in 0..runs {
        let t = Instant::now();
        std::hint::black_box(kb.select(&one, &[]).expect("it runs"));
        query.push(ms(t.elapsed()));
    }
    println!(
        "{{\"figure\":\"trace\",\"store_quads\":{quads},\"brief\":\"{brief}\",\"trace_ms\":{:.3},\"trace_cpu_ms\":{:.3},\"trace_query_ms\":{:.3}}}",
        median(whole),
        median(cpu),
        median(query)
    );
}

fn bench_throughput(rest: &[String]) {
    let kb = KnowledgeBase::open(rest[0].as_ref()).expect("the store opens");
    let runs: usize = rest[1].parse().expect("RUNS");
    let seconds: f64 = rest[2].parse().expect("SECONDS");
    let ids: Vec<String> = briefs(&kb)
        .expect("briefs")
        .into_iter()
        .map(|b| b.id)
        .collect();
    for threads in [1usize, 2] {
        let mut rates = Vec::new();
        for _ in 0..runs {
            let t = Instant::now();
            let done: usize = std::thread::scope(|scope| {
                let handles: Vec<_> = (0..threads)
                    .map(|k| {
                        let kb = &kb;
                        let ids = &ids;
                        scope.spawn(move || {
                            let mut n = 0usize;
                            let mut i = k;
                            while t.elapsed().as_secs_f64() < seconds {
                                let id = &ids[i % ids.len()];
                                std::hint::black_box(trace(kb, Some(id), &[]).expect("traces"));
                                n += 1;
                                i += threads;
                            }
                            n
                        })
                    })
                    .collect();
                handles.into_iter().map(|h| h.join().expect("joins")).sum()
            });
            rates.push(done as f64 / t.elapsed().as_secs_f64());
        }
        println!(
            "{{\"figure\":\"traces-per-second\",\"threads\":{threads},\"traces_per_s\":{:.1}}}",
            median(rates)
        );
    }
}
