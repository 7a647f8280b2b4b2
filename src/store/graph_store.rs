//! The Graph Store operations the server offers: one graph read, written, replaced or removed, each in one snapshot or one transaction.

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, Triple};

use super::KnowledgeBase;
use crate::Error;

impl KnowledgeBase {
    /// The triples of one graph (`None`: the default graph), streamed from
    /// one snapshot.
    pub fn graph_triples(
        &self,
        graph: Option<&NamedNode>,
    ) -> impl Iterator<Item = Result<Triple, Error>> + 'static {
        let name = match graph {
            Some(g) => GraphName::NamedNode(g.clone()),
            None => GraphName::DefaultGraph,
        };
        self.store
            .quads_for_pattern(None, None, None, Some(name.as_ref()))
            .map(|q| q.map(Triple::from).map_err(Error::from))
    }

    /// Whether a graph (`None`: the default graph) exists.
    pub fn graph_exists(&self, graph: Option<&NamedNode>) -> Result<bool, Error> {
        match graph {
            Some(g) => Ok(self.store.contains_named_graph(g)?),
            None => Ok(true),
        }
    }

    /// Writes `triples` into a graph (`None`: the default graph) in one
    /// transaction, replacing what it held when `replace`.
    pub fn write_graph(
        &self,
        graph: Option<&NamedNode>,
        triples: &[Triple],
        replace: bool,
    ) -> Result<(), Error> {
        let name = match graph {
            Some(g) => GraphName::NamedNode(g.clone()),
            None => GraphName::DefaultGraph,
        };
        for t in triples {
            super::literal::check_literal(t.as_ref().in_graph(name.as_ref()))?;
        }
        let mut transaction = self.store.start_transaction()?;
        if replace {
            transaction.clear_graph(name.as_ref())?;
        }
        if let Some(g) = graph {
            transaction.insert_named_graph(g);
        }
        for t in triples {
            transaction.insert(t.as_ref().in_graph(name.as_ref()));
        }
        transaction.commit()?;
        // Flushed, as every write is: a backup from another process sees it.
        self.flush();
        Ok(())
    }

    /// Removes a graph (`None`: empties the default graph).
    pub fn delete_graph(&self, graph: Option<&NamedNode>) -> Result<(), Error> {
        let mut transaction = self.store.start_transaction()?;
        match graph {
            Some(g) => transaction.remove_named_graph(g)?,
            None => transaction.clear_graph(GraphNameRef::DefaultGraph)?,
        }
        transaction.commit()?;
        // Flushed, as every write is: a backup from another process sees it.
        self.flush();
        Ok(())
    }
}
