//! The SPARQL 1.1 Service Description of the endpoint, answered to a GET of `/sparql` that
//! carries neither a query nor an update: what it speaks, which formats it writes, whether it
//! takes updates and federates.

use std::time::Instant;

use oxhttp::model::{Body, Request, header};
use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::Triple;

use super::answer::write_triples;
use super::fail::Fail;
use super::negotiate::{RDF_TYPES, negotiate};
use super::request::header_text;
use super::worker::Limits;
use super::{Reply, Service};
use crate::Error;

impl Service {
    /// A SPARQL 1.1 Service Description of this endpoint, in the RDF format asked for.
    pub(super) fn service_description(&self, request: &Request<Body>) -> Result<Reply, Fail> {
        let media = negotiate(header_text(request, header::ACCEPT).as_deref(), RDF_TYPES)?;
        let host = header_text(request, header::HOST).unwrap_or_else(|| "localhost".into());
        let endpoint = format!("http://{host}{}", request.uri().path());
        let update = if self.config.allow_update {
            ", sd:SPARQL11Update"
        } else {
            ""
        };
        let turtle = format!(
            "@prefix sd: <http://www.w3.org/ns/sparql-service-description#> .\n\
             @prefix f: <http://www.w3.org/ns/formats/> .\n\
             <{endpoint}> a sd:Service ;\n\
             sd:endpoint <{endpoint}> ;\n\
             sd:supportedLanguage sd:SPARQL11Query{update} ;\n\
             sd:resultFormat f:SPARQL_Results_JSON, f:SPARQL_Results_XML, f:SPARQL_Results_CSV, f:SPARQL_Results_TSV, f:Turtle, f:N-Triples, f:RDF_XML, f:JSON-LD ;\n\
             sd:feature sd:BasicFederatedQuery ;\n\
             sd:defaultDataset <{endpoint}#dataset> .\n\
             <{endpoint}#dataset> a sd:Dataset ; sd:defaultGraph <{endpoint}#default-graph> .\n\
             <{endpoint}#default-graph> a sd:Graph .\n"
        );
        let turtle = if self.config.allow_service {
            turtle
        } else {
            turtle.replace("sd:feature sd:BasicFederatedQuery ;\n", "")
        };
        let triples = RdfParser::from_format(RdfFormat::Turtle)
            .for_slice(turtle.as_bytes())
            .map(|q| {
                q.map(Triple::from)
                    .map_err(|e| Error::Internal(e.to_string()))
            });
        let limits = Limits::starting(Instant::now(), &self.config);
        Ok(Reply::new(media, write_triples(triples, media, &limits)?))
    }
}
