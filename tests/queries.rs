//! The named queries of `queries/`, each run through `argmap query` with its rows asserted.

use crate::common::{TempStore, root};

/// A store with the bundled brief and the two small briefs that share a source.
fn corpus() -> TempStore {
    let store = TempStore::with_seed();
    let a = root().join("tests/data/shared/brief-a");
    let b = root().join("tests/data/shared/brief-b");
    store.ok(&["load", a.to_str().unwrap(), b.to_str().unwrap()]);
    store
}

/// Runs a named query on one brief and returns its CSV rows (without the
/// header), `\r\n` removed. The `brief` column that the corpus-wide
/// queries open with must name that brief on every row, and is left out.
fn rows(store: &TempStore, query: &str, brief: &str) -> Vec<String> {
    let out = store.ok(&["query", query, "--brief", brief, "--format", "csv"]);
    let has_brief_column = out.starts_with("brief,");
    out.lines()
        .skip(1)
        .map(|l| {
            let l = l.trim_end();
            if !has_brief_column {
                return l.to_string();
            }
            let rest = l.strip_prefix(&format!("{brief},"));
            rest.unwrap_or_else(|| panic!("{query}: a row of another brief: {l}"))
                .to_string()
        })
        .collect()
}

fn header(store: &TempStore, query: &str, brief: &str) -> String {
    let out = store.ok(&["query", query, "--brief", brief, "--format", "csv"]);
    out.lines()
        .next()
        .unwrap_or_default()
        .trim_end()
        .to_string()
}

#[test]
fn the_named_queries_are_listed_with_what_they_answer() {
    let store = TempStore::new();
    let list = store.ok(&["query", "--list"]);
    for name in [
        "motives",
        "shared-evidence",
        "sources",
        "briefs-relying-on-source",
        "actors",
        "timeline",
        "unsupported-claims",
        "inference-vs-reported",
    ] {
        assert!(list.contains(&format!("{name}\n")), "{name} is not listed");
    }
    assert!(list.contains("param ?graph optional:"));
    assert!(list.contains("param ?source required:"));
}

#[test]
fn motives_with_their_evidence_and_quotes() {
    let store = corpus();
    let rows = rows(&store, "motives", "kinu-co-17-32");
    let per = |h: &str| {
        rows.iter()
            .filter(|r| r.starts_with(&format!("{h},")))
            .count()
    };
    assert_eq!(per("buffer-zone"), 3, "{rows:#?}");
    assert_eq!(per("circumvent-beijing-moscow"), 5);
    assert_eq!(per("un-as-channel"), 3);
    assert_eq!(per("humanitarian-frame"), 4);
    assert!(rows.contains(&"un-as-channel,un-for-food-shortages,Since the mid-1990s North Korea has used the UN mainly to overcome serious food shortages.,observed,\"Since the mid-1990s, it has mainly used the UN as a means to overcome serious food shortages\"".to_string()), "{rows:#?}");
}

#[test]
fn evidence_behind_more_than_one_motive() {
    let store = corpus();
    assert_eq!(
        header(&store, "shared-evidence", "brief-a"),
        "brief,evidence,text,motives,hypothesis"
    );
    assert_eq!(
        rows(&store, "shared-evidence", "brief-a"),
        [
            "cranes,The port authority ordered new cranes.,2,reopen",
            "cranes,The port authority ordered new cranes.,2,sale"
        ]
    );
    assert!(
        rows(&store, "shared-evidence", "kinu-co-17-32").is_empty(),
        "no item of the bundled brief backs two motives"
    );
}

#[test]
fn sources_with_what_each_supports() {
    let store = corpus();
    assert_eq!(
        rows(&store, "sources", "brief-a"),
        [
            "wire-report,Wire report on the port's cranes,MediaReport,B,2,cranes,reopen",
            "wire-report,Wire report on the port's cranes,MediaReport,B,2,cranes,sale",
        ]
    );
    let seed = rows(&store, "sources", "kinu-co-17-32");
    assert!(seed.contains(&"kyodo-report,Kyodo News report on Ri Yong-ho's request to Guterres for a dialogue channel,MediaReport,,,kyodo-us-opposition,us-role-in-visit".to_string()));
    assert_eq!(
        seed.iter()
            .map(|r| r.split(',').next().unwrap())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        11
    );
}

#[test]
fn briefs_relying_on_a_source_across_the_corpus() {
    let store = corpus();
    let out = store.ok(&[
        "query",
        "briefs-relying-on-source",
        "--param",
        "source=https://w3id.org/argmap/kb/source/wire-report",
        "--format",
        "csv",
    ]);
    assert_eq!(
        out.replace("\r\n", "\n"),
        "brief,title,item,text\nbrief-a,Will the Port Reopen?,cranes,The port authority ordered new cranes.\nbrief-b,Who Buys the Cranes?,import,The cranes came from abroad.\n"
    );
    let kyodo = store.ok(&[
        "query",
        "briefs-relying-on-source",
        "--param",
        "source=<https://w3id.org/argmap/kb/source/kyodo-report>",
        "--format",
        "csv",
    ]);
    assert_eq!(
        kyodo
            .lines()
            .skip(1)
            .filter(|l| l.starts_with("kinu-co-17-32,"))
            .count(),
        2
    );
}

#[test]
fn actors_and_what_mentions_them() {
    let store = corpus();
    assert_eq!(
        rows(&store, "actors", "brief-b"),
        ["wire,Wire Service,Organisation,said,import"]
    );
    let seed = rows(&store, "actors", "kinu-co-17-32");
    assert!(
        seed.contains(&"ri-yong-ho,Ri Yong-ho,Person,mentioned by,kyodo-ri-request".to_string()),
        "{seed:#?}"
    );
    assert!(
        seed.contains(&"kyodo-news,Kyodo News,Organisation,said,kyodo-ri-request".to_string()),
        "{seed:#?}"
    );
}

#[test]
fn a_timeline_of_dated_events() {
    let store = corpus();
    assert_eq!(
        rows(&store, "timeline", "kinu-co-17-32"),
        [
            "1987,kal-bombing,The bombing of a Korean Air airliner,false,false",
            "1991,un-accession-1991,North and South Korea join the UN together,false,false",
            "1995/..,food-shortages,Serious food shortages in North Korea,true,true",
            "2016,fourth-nuclear-test,North Korea's fourth nuclear test,true,false",
            "2016,unsc-sanctions-resolutions,\"The UN Security Council adopts a series of resolutions to sanction North Korea, following its fourth nuclear test\",true,false",
            "2017-09,ri-guterres-meeting,Ri Yong-ho meets Guterres in a closed meeting at the General Assembly (as reported by Kyodo News),true,false",
            "2017-09,unga-2017,The September 2017 session of the UN General Assembly,true,false",
            "2017-11,russian-parliament-invitation,North Korea invites members of the Russian Parliament,true,false",
            "2017-11-11,guterres-cnn-interview,Antonio Guterres is interviewed by CNN,true,false",
            "2017-11-29,hwaseong-15-launch,North Korea launches the Hwaseong-15 missile,true,false",
            "2017-11-30,nk-accepts-visit,North Korea allows Feltman's visit,true,false",
            "2017-12,tillerson-offer,Tillerson announces that the US seeks unconditional dialogue with North Korea,true,false",
            "2017-12-05/2017-12-09,feltman-visit,Jeffrey Feltman's five-day visit to North Korea,true,false",
        ]
    );
}

#[test]
fn claims_that_nothing_supports() {
    let store = corpus();
    assert_eq!(
        rows(&store, "unsupported-claims", "kinu-co-17-32"),
        [
            "frame-conversion,\"In a phase of confrontation with the international community, North Korea is likely to use the UN to turn the 'sanction' frame into a 'humanitarian crisis' frame.\",inference",
            "nk-seeking-exit-us-threat,North Korea has been seeking a way out of the US military threat.,inference",
            "un-purpose,\"For the UN, the purpose of initiating a regular dialogue with North Korea might be to induce it to return to the negotiating table.\",inference",
        ]
    );
}

#[test]
fn inferences_against_reported_facts() {
    let store = corpus();
    let rows = rows(&store, "inference-vs-reported", "kinu-co-17-32");
    let count = |status: &str| {
        rows.iter()
            .filter(|r| r.starts_with(&format!("{status},")))
            .count()
    };
    assert_eq!(
        count("inference") + count("reported") + count("observed"),
        48
    );
    assert!(count("inference") >= 11);
    assert!(rows.contains(&"reported,kyodo-ri-request,,kyodo-news,kyodo-report,\"According to Kyodo News, Ri Yong-ho asked Guterres, in a closed meeting at the General Assembly, to open a dialogue channel.\"".to_string()), "{rows:#?}");
    assert!(rows.contains(&"inference,nk-saw-guterres-opportunity,must have,,,North Korea judged that using Guterres's stance and restoring its relationship with the UN would be a good opportunity to ease tensions.".to_string()));
}

#[test]
fn list_shows_briefs_questions_and_hypotheses() {
    let store = corpus();
    let list = store.ok(&["list"]);
    assert!(list.contains(
        "kinu-co-17-32  What Does North Korea Want to Achieve through the Dialogue with the UN?"
    ));
    assert!(list.contains(
        "  question future: What will become of the port? (hypotheses exclude each other)"
    ));
    assert!(list.contains("    hypothesis buffer-zone: "));
    assert_eq!(list.matches("    hypothesis ").count(), 4 + 2 + 1);
}

#[test]
fn query_output_formats_and_parameters() {
    let store = TempStore::with_seed();
    let ask = store.ok(&["query", "--sparql", "PREFIX arg: <https://w3id.org/argmap/ns#> ASK { GRAPH ?g { ?h a arg:Hypothesis ; arg:key ?k } }", "--param", "k=buffer-zone"]);
    assert_eq!(ask, "true\n");
    let ask = store.ok(&["query", "--sparql", "PREFIX arg: <https://w3id.org/argmap/ns#> ASK { GRAPH ?g { ?h a arg:Hypothesis ; arg:key ?k } }", "--param", "k=\"} INJECT"]);
    assert_eq!(ask, "false\n", "a parameter is a term, never query text");
    let json: serde_json::Value = serde_json::from_str(&store.ok(&[
        "query",
        "timeline",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "json",
    ]))
    .unwrap();
    assert_eq!(json["results"]["bindings"].as_array().unwrap().len(), 13);
    let xml = store.ok(&[
        "query",
        "timeline",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "xml",
    ]);
    assert!(xml.starts_with("<?xml") && xml.contains("<variable name=\"when\"/>"));
    let tsv = store.ok(&[
        "query",
        "timeline",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "tsv",
    ]);
    assert!(tsv.starts_with("?brief\t?when\t?event"), "{tsv}");
    let table = store.ok(&["query", "timeline", "--brief", "kinu-co-17-32"]);
    assert!(table.ends_with("13 rows\n"));
    let turtle = store.ok(&["query", "--sparql", "PREFIX arg: <https://w3id.org/argmap/ns#> CONSTRUCT { ?h arg:key ?k } WHERE { GRAPH ?g { ?h a arg:Hypothesis ; arg:key ?k } }"]);
    assert!(turtle.contains("@prefix arg: <https://w3id.org/argmap/ns#> ."));
    assert_eq!(turtle.matches("arg:key").count(), 4);
    let describe = store.ok(&[
        "query",
        "--sparql",
        "DESCRIBE <https://w3id.org/argmap/kb/actor/guterres>",
        "--format",
        "ntriples",
    ]);
    assert!(describe.is_empty() || describe.contains("guterres"));
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("count.rq");
    std::fs::write(
        &file,
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a ?type } } ",
    )
    .unwrap();
    assert!(
        store
            .ok(&["query", file.to_str().unwrap(), "--format", "csv"])
            .starts_with("n\r\n")
    );
    let bad = store.run(&["query", "--sparql", "SELECT WHERE {"]);
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("SPARQL syntax error"));
    let unknown = store.run(&["query", "motive"]);
    assert_eq!(unknown.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&unknown.stderr).contains("did you mean `motives`?"));
}

#[test]
fn a_graph_is_counted_and_read_whole() {
    let store = TempStore::with_seed();
    let count = rows(&store, "pull-count", "kinu-co-17-32");
    // TSV writes a line break inside a literal as `\n`: one line per triple.
    let tsv = store.ok(&[
        "query",
        "pull-triples",
        "--brief",
        "kinu-co-17-32",
        "--format",
        "tsv",
    ]);
    let triples: Vec<&str> = tsv.lines().skip(1).collect();
    assert_eq!(count, [triples.len().to_string()]);
    assert!(triples.len() > 1000, "{}", triples.len());
    assert_eq!(
        header(&store, "pull-triples", "kinu-co-17-32"),
        "s,p,o",
        "the columns pull reads"
    );
    // The same as every quad of the brief's graph in the store's dump.
    let graph = "https://w3id.org/argmap/kb/graph/kinu-co-17-32";
    let in_dump = store
        .dump()
        .iter()
        .filter(|l| l.starts_with(&format!("<{graph}>\t")))
        .count();
    assert_eq!(in_dump, triples.len());
}

#[test]
fn the_link_search_asks_only_for_the_spellings_it_is_given() {
    // The store's default graph holds nothing: with spellings of names in
    // the briefs' graphs, the answer is empty; with none, the query is refused.
    let store = TempStore::with_seed();
    let none = store.run(&["query", "link-candidates", "--format", "csv"]);
    assert_eq!(none.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&none.stderr).contains("needs ?needle and ?language"));
    let named = store.ok(&[
        "query",
        "link-candidates",
        "--param",
        "needle=Kim Jong-un",
        "--param",
        "language=en",
        "--format",
        "csv",
    ]);
    assert_eq!(named, "entity,p,value\r\n");
}

/// Run without `--brief`, every corpus-wide query says on each row which
/// brief it comes from, and the rows of one brief are those `--brief` gives.
#[test]
fn corpus_wide_rows_name_their_brief() {
    let store = corpus();
    for query in [
        "actors",
        "motives",
        "timeline",
        "unsupported-claims",
        "inference-vs-reported",
        "shared-evidence",
    ] {
        let all = store.ok(&["query", query, "--format", "csv"]);
        assert!(all.starts_with("brief,"), "{query}: {all}");
        for brief in ["kinu-co-17-32", "brief-a", "brief-b"] {
            let mut mine: Vec<String> = all
                .lines()
                .skip(1)
                .filter_map(|l| {
                    l.trim_end()
                        .strip_prefix(&format!("{brief},"))
                        .map(str::to_string)
                })
                .collect();
            let mut alone = rows(&store, query, brief);
            mine.sort();
            alone.sort();
            assert_eq!(mine, alone, "{query} on {brief}");
        }
    }
    let actors = store.ok(&["query", "actors", "--format", "csv"]);
    assert!(
        actors.contains("brief-b,wire,Wire Service,Organisation,said,import"),
        "{actors}"
    );
}

/// The statuses are the map's words everywhere: `unsupported-claims` and
/// `trace` both say `inference`.
#[test]
fn statuses_are_the_same_words_as_trace_prints() {
    let store = TempStore::with_seed();
    let claims = store.ok(&["query", "unsupported-claims", "--brief", "kinu-co-17-32"]);
    let trace = store.ok(&["trace", "--brief", "kinu-co-17-32"]);
    assert!(claims.contains(" inference"), "{claims}");
    assert!(trace.contains("inference"));
    for query in ["unsupported-claims", "inference-vs-reported", "motives"] {
        let out = store.ok(&["query", query]);
        assert!(
            !out.contains("AuthorInference") && !out.contains("Reported,"),
            "{query}: {out}"
        );
    }
}

/// A required parameter left out is an error that names it and shows the
/// header, where the query used to run with the variable unbound.
#[test]
fn a_missing_required_parameter_is_named() {
    let store = TempStore::with_seed();
    let out = store.run(&["query", "briefs-relying-on-source"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(stderr.contains("the query `briefs-relying-on-source` needs ?source, which is not bound: give --param source=VALUE"), "{stderr}");
    assert!(
        stderr.contains("param ?source required: the source's IRI"),
        "{stderr}"
    );
    let out = store.run(&["query", "linked-birth-dates", "--brief", "kinu-co-17-32"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("needs ?kb, which is not bound: give --param kb=VALUE"),
        "{stderr}"
    );
    assert!(!stderr.contains("unbound"), "{stderr}");
    let out = store.run(&["query", "trace-nodes"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("needs ?graph, which is not bound: give --brief ID"),
        "{stderr}"
    );
    // Optional parameters may be left out.
    store.ok(&["query", "actors"]);
    // --list shows which parameters are required.
    let list = store.ok(&["query", "--list"]);
    assert!(list.contains("param ?kb required:"), "{list}");
    assert!(list.contains("param ?graph optional:"), "{list}");
}

/// `--sparql` text may use the prefixes of `--prefixes` without declaring
/// them; a PREFIX of its own wins; a syntax error keeps the user's lines.
#[test]
fn sparql_text_has_the_documented_prefixes() {
    let store = TempStore::with_seed();
    let prefixes = store.ok(&["query", "--prefixes"]);
    for prefix in [
        "arg", "oa", "dcterms", "prov", "skos", "schema", "aif", "amo", "rdf", "rdfs", "xsd", "owl",
    ] {
        assert!(
            prefixes.contains(&format!("PREFIX {prefix}:")),
            "{prefix}: {prefixes}"
        );
    }
    let out = store.ok(&[
        "query",
        "--sparql",
        "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a arg:Actor } }",
        "--format",
        "csv",
    ]);
    assert_ne!(out.replace("\r\n", "\n"), "n\n0\n", "{out}");
    let own = store.ok(&["query", "--sparql", "PREFIX arg: <https://example.org/other#> SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a a arg:Actor } }", "--format", "csv"]);
    assert_eq!(own.replace("\r\n", "\n"), "n\n0\n");
    let out = store.run(&[
        "query",
        "--sparql",
        "SELECT * WHERE {\n  ?s ?p ?o }\nLIMT 3",
    ]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(stderr.contains("--sparql:3:"), "{stderr}");
    let out = store.run(&["query", "--sparql", "SELEC"]);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(
            "--sparql:1:6: error: SPARQL syntax error: `SELEC` is not a SPARQL keyword here"
        ),
        "{stderr}"
    );
}
