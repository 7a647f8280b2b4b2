//! The competing-hypotheses section: the matrix of each question, written by the matrix's own table writer with each item linked to its passage.

use std::fmt::Write as _;

use super::{Places, passage_link};
use crate::read::matrix::{self, QuestionMatrix};
use crate::report::Report;

pub(super) fn write_matrix(out: &mut String, report: &Report, places: &Places) {
    out.push_str("<section id=\"matrix\" aria-labelledby=\"matrix-h\">\n<h2 id=\"matrix-h\">Competing hypotheses</h2>\n");
    let questions: &[QuestionMatrix] = report
        .matrix
        .as_ref()
        .map(|m| m.questions.as_slice())
        .unwrap_or_default();
    if questions.is_empty() {
        out.push_str("<p>The map has no question with hypotheses to weigh.</p>\n</section>\n");
        return;
    }
    let _ = writeln!(out, "<p>{}</p>", matrix::LEGEND);
    for (qi, q) in questions.iter().enumerate() {
        matrix::write_table(out, q, &format!("mx{qi}"), &|e| {
            passage_link(places, &e.iri, &e.key)
        });
    }
    out.push_str("</section>\n");
}
