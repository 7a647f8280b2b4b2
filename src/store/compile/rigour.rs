//! Compiling the map's tables of analytic rigour: `prov:wasDerivedFrom` between sources and their origins, assumptions and indicators.

use super::{Compiler, iri, plain, term};
use crate::map::model::Origin;
use crate::vocab::*;

impl Compiler<'_> {
    /// Where each source got its information, as `prov:wasDerivedFrom`
    /// to another source or to an actor.
    pub(super) fn derivations(&mut self) {
        let map = self.map;
        for s in &map.sources {
            let node = self.source_iri(s);
            for origin in &s.derived_from {
                let to = match *origin {
                    Origin::Source(i) => self.source_iri(&map.sources[i]),
                    Origin::Actor(i) => self.actor_iri(&map.actors[i]),
                };
                self.add(&node, PROV, "wasDerivedFrom", to.into());
            }
        }
    }

    /// `arg:Assumption`: its text, what rests on it (`arg:underlies`), the
    /// analyst's confidence and the indicators that would invalidate it.
    pub(super) fn assumptions(&mut self) {
        let (map, brief) = (self.map, self.brief.clone());
        for a in &map.assumptions {
            let node = iri(self.iris.node(&map.id, "assumption", &a.key));
            self.add(&node, RDF, "type", term(ARG, "Assumption"));
            self.add(&node, ARG, "key", plain(&a.key));
            self.add(&node, ARG, "text", self.text(&a.text));
            for &p in &a.supports {
                let target = self.prop_iri(&map.propositions[p]);
                self.add(&node, ARG, "underlies", target.into());
            }
            self.add(&node, ARG, "assumptionConfidence", plain(a.confidence));
            for &i in &a.invalidated_by {
                let indicator = iri(self.iris.node(&map.id, "indicator", &map.indicators[i].key));
                self.add(&node, ARG, "invalidatedBy", indicator.into());
            }
            if let Some(note) = &a.note {
                self.add(&node, ARG, "note", self.text(note));
            }
            if let Some(quote) = &a.quote {
                self.annotation(&node, &brief, quote);
            }
        }
    }

    /// `arg:Indicator`: the hypothesis it bears on, its direction, when it
    /// is expected (EDTF, as written) and its ASK.
    pub(super) fn indicators(&mut self) {
        let map = self.map;
        for i in &map.indicators {
            let node = iri(self.iris.node(&map.id, "indicator", &i.key));
            self.add(&node, RDF, "type", term(ARG, "Indicator"));
            self.add(&node, ARG, "key", plain(&i.key));
            let hypothesis = self.prop_iri(&map.propositions[i.hypothesis]);
            self.add(&node, ARG, "indicates", hypothesis.into());
            self.add(&node, ARG, "direction", plain(i.direction));
            if let Some(date) = &i.expected_by {
                self.add(&node, ARG, "expectedBy", plain(&date.to_string()));
            }
            self.add(&node, ARG, "ask", plain(&i.ask));
            if let Some(text) = &i.text {
                self.add(&node, ARG, "text", self.text(text));
            }
            if let Some(note) = &i.note {
                self.add(&node, ARG, "note", self.text(note));
            }
        }
    }
}
