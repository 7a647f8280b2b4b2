//! Fuzz target: the SPARQL entry points, as `argmap query` and `serve` take
//! a query: the nesting guard, then parsing and binding `?graph`, then
//! running it on an empty in-memory store.
#![no_main]

use argmap::sparql::{Backend, bind_query};
use libfuzzer_sys::fuzz_target;
use oxigraph::model::{NamedNode, Term};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    if argmap::sparql::guard::nesting_depth(text) > argmap::sparql::guard::DEFAULT_MAX_DEPTH {
        return;
    }
    let graph: Term = NamedNode::new_unchecked("https://w3id.org/argmap/kb/graph/fuzz").into();
    let bindings = [("graph".to_string(), graph)];
    if let Ok(query) = bind_query(text, &bindings) {
        // What is sent to a remote endpoint must parse again.
        let printed = query.to_string();
        if let Err(e) = spargebra::SparqlParser::new().parse_query(&printed) {
            panic!("the bound query does not parse again: {e}\n{printed}");
        }
        let kb = argmap::KnowledgeBase::in_memory().unwrap();
        let _ = kb.run(text, &bindings);
    }
});
