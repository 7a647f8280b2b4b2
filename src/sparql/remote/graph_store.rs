//! Writing and reading whole graphs of a remote store: a Graph Store Protocol PUT or SPARQL Update in batches, the server's count, and paged reads checked against it.

use oxigraph::model::{NamedNode, NamedOrBlankNode, Term, Triple};
use url::Url;

use crate::Error;
use crate::sparql::bind::with_page;
use crate::sparql::remote::{Remote, redact};
use crate::sparql::{Backend, Solutions, named_query};

/// How a graph was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WriteMethod {
    /// One Graph Store Protocol PUT: the graph was replaced atomically.
    GraphStore,
    /// DROP SILENT GRAPH, then INSERT DATA in batches.
    Update,
}

impl Remote {
    /// Replaces the graph `graph` with `triples`: one Graph Store Protocol
    /// PUT when a graph store is configured and takes it, else DROP SILENT
    /// GRAPH and INSERT DATA in batches of at most `batch` triples (and about
    /// 256 KiB). `progress` gets the number of triples written so far.
    pub fn replace_graph(
        &self,
        graph: &NamedNode,
        triples: &[Triple],
        batch: usize,
        progress: &mut dyn FnMut(usize),
    ) -> Result<WriteMethod, Error> {
        if let Some(store) = &self.config.graph_store {
            if !*self.graph_store_unsupported.lock().expect("lock")
                && self.put(store, graph, triples)?
            {
                progress(triples.len());
                return Ok(WriteMethod::GraphStore);
            }
        }
        self.insert_in_batches(graph, triples, batch, progress)?;
        Ok(WriteMethod::Update)
    }

    /// Replaces `graph` with one Graph Store Protocol PUT to `store`;
    /// `false` when the server does not take such requests at all, and
    /// will not be asked again.
    fn put(&self, store: &str, graph: &NamedNode, triples: &[Triple]) -> Result<bool, Error> {
        let mut url = Url::parse(store)
            .map_err(|e| Error::Remote(format!("`{}` is not a URL: {e}", redact(store))))?;
        url.query_pairs_mut().append_pair("graph", graph.as_str());
        let url = url.to_string();
        let mut body = String::new();
        for t in triples {
            body.push_str(&format!("{t} .\n"));
        }
        let reply = self.send(
            "PUT",
            &url,
            Some("application/n-triples"),
            "*/*",
            body.as_bytes(),
        )?;
        // These say the server does not do this kind of request at all: fall back.
        if matches!(reply.status, 405 | 415 | 501) {
            *self.graph_store_unsupported.lock().expect("lock") = true;
            return Ok(false);
        }
        self.check_status(&url, "replacing the graph (Graph Store PUT)", &reply)?;
        // The Graph Store Protocol answers a PUT with 200, 201 or 204; any
        // other success (202 Accepted, say) does not say the graph was written.
        if !matches!(reply.status, 200 | 201 | 204) {
            return Err(Error::Remote(format!(
                "{}: replacing the graph (Graph Store PUT) was answered with HTTP {}, which does not \
                 say that the graph was written (the protocol answers 200, 201 or 204)",
                redact(&url),
                reply.status
            )));
        }
        Ok(true)
    }

    /// Replaces `graph` with SPARQL Update: DROP SILENT GRAPH, then INSERT
    /// DATA in batches. The updates are written here rather than in
    /// `queries/`: they are data, each term written by the RDF model, and
    /// spargebra's own writer would repeat `GRAPH <g>` around every triple.
    fn insert_in_batches(
        &self,
        graph: &NamedNode,
        triples: &[Triple],
        batch: usize,
        progress: &mut dyn FnMut(usize),
    ) -> Result<(), Error> {
        self.update(&format!("DROP SILENT GRAPH {graph}"))?;
        let mut done = 0;
        let mut text = String::new();
        let mut in_batch = 0;
        for (i, t) in triples.iter().enumerate() {
            text.push_str(&format!("{t} .\n"));
            in_batch += 1;
            if in_batch >= batch.max(1) || text.len() >= 256 * 1024 || i + 1 == triples.len() {
                self.update(&format!("INSERT DATA {{ GRAPH {graph} {{\n{text}}} }}"))?;
                done += in_batch;
                progress(done);
                text.clear();
                in_batch = 0;
            }
        }
        if triples.is_empty() {
            // An empty graph still exists once pushed, where the store keeps empty graphs.
            self.update(&format!("CREATE SILENT GRAPH {graph}"))?;
        }
        Ok(())
    }

    /// Checks that the server now holds `sent` triples in `graph`, so that
    /// a write some part of the way lost (a proxy that answered in the
    /// server's place, an update the server took but did not apply) is not
    /// reported as done.
    pub fn check_count(&self, graph: &NamedNode, sent: usize) -> Result<(), Error> {
        let held = self.count(graph)?;
        if held == sent as u64 {
            return Ok(());
        }
        Err(Error::Remote(format!(
            "{}: {graph} was written with {sent} triples, but the server now counts {held} in it; \
             the write did not arrive whole (is something between argmap and the store answering \
             in its place?)",
            self.url()
        )))
    }

    /// The number of triples in `graph` (query `pull-count`).
    pub fn count(&self, graph: &NamedNode) -> Result<u64, Error> {
        let rows = self.select(
            query("pull-count")?,
            &[("graph".into(), graph.clone().into())],
        )?;
        let n = rows
            .column("n")
            .and_then(|n| rows.rows.first()?.get(n).cloned().flatten())
            .map(|t| crate::sparql::lexical(&t));
        n.and_then(|n| n.parse().ok()).ok_or_else(|| {
            Error::Remote(format!(
                "{}: the server did not answer a COUNT with a number",
                self.url()
            ))
        })
    }

    /// Every triple of `graph`, read in pages of `page` rows (query
    /// `pull-triples`) and checked against the server's own count, so that
    /// a cut page cannot pass for the whole graph.
    pub fn graph_triples(&self, graph: &NamedNode, page: usize) -> Result<Vec<Triple>, Error> {
        let expected = self.count(graph)?;
        let bindings = [("graph".to_string(), Term::from(graph.clone()))];
        let all = query("pull-triples")?;
        let mut triples = Vec::new();
        let mut seen = std::collections::HashSet::new();
        let mut sent = 0usize;
        let mut offset = 0usize;
        loop {
            let rows = self.select(&with_page(all, offset, page)?, &bindings)?;
            let got = rows.rows.len();
            sent += got;
            // A graph is a set: a row sent twice is one triple, and only the
            // distinct triples can be compared with the server's count.
            for triple in page_triples(&rows)? {
                if seen.insert(triple.clone()) {
                    triples.push(triple);
                }
            }
            offset += got;
            if got < page {
                break;
            }
        }
        if triples.len() as u64 != expected {
            return Err(Error::Incomplete(format!(
                "{}: the server counts {expected} triples in {graph} but sent {} distinct ones \
                 (in {sent} rows); nothing was written",
                self.url(),
                triples.len()
            )));
        }
        Ok(triples)
    }
}

/// The text of the named query `name`.
fn query(name: &str) -> Result<&'static str, Error> {
    named_query(name)
        .map(|q| q.text)
        .ok_or_else(|| Error::Internal(format!("no query {name}")))
}

/// The triples of one page of `pull-triples`; a row that is no triple
/// (a literal subject, say) is left out, and then missed by the count.
fn page_triples(rows: &Solutions) -> Result<Vec<Triple>, Error> {
    let (Some(s), Some(p), Some(o)) = (rows.column("s"), rows.column("p"), rows.column("o")) else {
        return Err(Error::Remote("a row without three columns".into()));
    };
    let mut triples = Vec::with_capacity(rows.rows.len());
    for row in &rows.rows {
        let subject: NamedOrBlankNode = match &row[s] {
            Some(Term::NamedNode(n)) => n.clone().into(),
            Some(Term::BlankNode(b)) => b.clone().into(),
            _ => continue,
        };
        let (Some(Term::NamedNode(predicate)), Some(object)) = (&row[p], &row[o]) else {
            continue;
        };
        triples.push(Triple::new(subject, predicate.clone(), object.clone()));
    }
    Ok(triples)
}
