//! argmap's own endpoints beside the standard protocols: the page at `/`, the list of briefs and
//! their hypotheses at `/briefs`, and the trace of hypotheses to their evidence at `/trace`.

use oxhttp::model::{Body, Request, StatusCode};
use oxigraph::model::Term;
use serde_json::{Value, json};

use super::fail::{Fail, fail};
use super::request::{param, query_params};
use super::{Reply, Service};
use crate::read::trace;
use crate::sparql::{Backend, lexical, named_query};

/// The page served at `/`: plain HTML, CSS and script, no external request.
pub(super) const INDEX_HTML: &str = include_str!("index.html");

impl Service {
    /// Every brief with its hypotheses, as JSON, from the named query `list`.
    pub(super) fn briefs(&self) -> Result<Reply, Fail> {
        let kb = self.kb();
        self.limited(move |_, _| {
            let text = named_query("list").map(|q| q.text).unwrap_or_default();
            let rows = kb.select(text, &[])?;
            let mut briefs: Vec<Value> = Vec::new();
            let col = |name: &str| rows.column(name);
            let get = |row: &[Option<Term>], name: &str| {
                col(name)
                    .and_then(|i| row[i].as_ref())
                    .map(lexical)
                    .map(Value::String)
                    .unwrap_or(Value::Null)
            };
            // The rows come sorted by brief: a new id starts a new brief.
            for row in &rows.rows {
                let id = get(row, "id");
                if briefs.last().is_none_or(|b| b["id"] != id) {
                    briefs.push(json!({"id": id, "title": get(row, "title"), "hypotheses": []}));
                }
                if get(row, "hypothesisKey").is_null() {
                    continue;
                }
                let brief = briefs.last_mut().expect("pushed above");
                brief["hypotheses"]
                    .as_array_mut()
                    .expect("an array")
                    .push(json!({
                        "key": get(row, "hypothesisKey"),
                        "text": get(row, "hypothesis"),
                        "hedge": get(row, "hedge"),
                        "question": get(row, "question"),
                    }));
            }
            Ok(Reply::new(
                "application/json",
                serde_json::to_vec_pretty(&json!({ "briefs": briefs })).unwrap_or_default(),
            ))
        })
    }

    /// The trace of the hypotheses named (all when none is) of the brief named
    /// (every brief when none is), as JSON or text.
    pub(super) fn trace(&self, request: &Request<Body>) -> Result<Reply, Fail> {
        let params = query_params(request);
        let brief = param(&params, "brief");
        let hypotheses: Vec<String> = params
            .iter()
            .filter(|(k, _)| k == "hypothesis")
            .map(|(_, v)| v.clone())
            .collect();
        let text = match param(&params, "format").as_deref() {
            None | Some("json") => false,
            Some("text") => true,
            Some(other) => {
                return Err(fail(
                    StatusCode::BAD_REQUEST,
                    "format",
                    format!("unknown format `{other}`: use format=json or format=text"),
                ));
            }
        };
        let kb = self.kb();
        self.limited(move |_, _| {
            let traces = trace::trace(&kb, brief.as_deref(), &hypotheses)?;
            Ok(if text {
                Reply::new("text/plain; charset=utf-8", trace::to_text(&traces))
            } else {
                Reply::new(
                    "application/json",
                    serde_json::to_vec_pretty(&trace::to_json(&traces)).unwrap_or_default(),
                )
            })
        })
    }
}
