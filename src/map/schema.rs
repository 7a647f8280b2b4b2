//! The JSON Schema of `map.toml`, for editors with TOML support: its keys read from the raw map's own serde definitions, so that the schema and the parser cannot drift.
//!
//! serde tells a deserializer the field names of a struct (already in
//! kebab-case) when it asks for one; [`field_names`] asks with a
//! deserializer that only listens. Each key's type, allowed words and a
//! line of help come from [`key`], which has an answer for every key of
//! every table (a unit test holds it to that).

use std::cell::Cell;

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map as JsonMap, Value, json};

use crate::map::model::{ACTOR_KINDS, SOURCE_KINDS};
use crate::map::parse::{
    RawActor, RawAssumption, RawBrief, RawEvent, RawHedge, RawHypothesis, RawIndicator,
    RawProposition, RawQuestion, RawSource, RawUnmapped,
};

/// The `$id` of the schema: the name editors and the repository's copy give it.
pub const SCHEMA_ID: &str = "https://w3id.org/argmap/map.schema.json";

/// A node's id as the checker accepts it.
const ID_PATTERN: &str = "^[a-z0-9][a-z0-9-]*$";

/// The field names of the serde struct `T`, as its `Deserialize` gives them.
pub fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    let names = Cell::new(&[][..]);
    // The listener always fails: it only wants the names.
    let _ = T::deserialize(FieldNames(&names));
    names.get()
}

/// A deserializer that records the fields a struct asks for, then fails.
struct FieldNames<'a>(&'a Cell<&'static [&'static str]>);

impl<'de> Deserializer<'de> for FieldNames<'_> {
    type Error = de::value::Error;

    fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
        Err(de::Error::custom("only the field names are read"))
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        fields: &'static [&'static str],
        _visitor: V,
    ) -> Result<V::Value, Self::Error> {
        self.0.set(fields);
        Err(de::Error::custom("only the field names are read"))
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string
        bytes byte_buf option unit unit_struct newtype_struct seq tuple
        tuple_struct map enum identifier ignored_any
    }
}

/// One table of the map: its section, the struct that reads it, and the
/// keys it cannot do without.
struct Table {
    section: &'static str,
    fields: &'static [&'static str],
    required: &'static [&'static str],
    doc: &'static str,
}

fn tables() -> Vec<Table> {
    vec![
        Table {
            section: "brief",
            fields: field_names::<RawBrief>(),
            required: &["title", "language", "rights", "mapped-by"],
            doc: "The brief's metadata: title, authors, publisher, date, rights and who mapped it.",
        },
        Table {
            section: "question",
            fields: field_names::<RawQuestion>(),
            required: &["text"],
            doc: "A question the brief poses, answered by hypotheses.",
        },
        Table {
            section: "hypothesis",
            fields: field_names::<RawHypothesis>(),
            required: &["answers", "text"],
            doc: "An answer to a question that the brief weighs.",
        },
        Table {
            section: "claim",
            fields: field_names::<RawProposition>(),
            required: &["text", "status"],
            doc: "An intermediate proposition between evidence and hypotheses.",
        },
        Table {
            section: "evidence",
            fields: field_names::<RawProposition>(),
            required: &["text", "status"],
            doc: "An item the argument rests on.",
        },
        Table {
            section: "source",
            fields: field_names::<RawSource>(),
            required: &["kind", "title"],
            doc: "A document or statement the brief cites (shared across briefs).",
        },
        Table {
            section: "actor",
            fields: field_names::<RawActor>(),
            required: &["kind", "name"],
            doc: "A person, organisation, state or place (shared across briefs).",
        },
        Table {
            section: "event",
            fields: field_names::<RawEvent>(),
            required: &["text"],
            doc: "A dated event (shared across briefs).",
        },
        Table {
            section: "unmapped",
            fields: field_names::<RawUnmapped>(),
            required: &["quote", "reason"],
            doc: "A passage of the brief left out of the map on purpose, with the reason.",
        },
        Table {
            section: "assumption",
            fields: field_names::<RawAssumption>(),
            required: &["text"],
            doc: "A key assumption a judgement rests on, how solid it is and what would invalidate it.",
        },
        Table {
            section: "indicator",
            fields: field_names::<RawIndicator>(),
            required: &["hypothesis", "ask"],
            doc: "What would show a hypothesis right or wrong, with a SPARQL ASK that tells whether the store has observed it.",
        },
        Table {
            section: "hedges",
            fields: field_names::<RawHedge>(),
            required: &[],
            doc: "A hedge term of this map's own, with its probability band in percent.",
        },
    ]
}

/// The schema of one key of one section, or `None` for a key this table
/// does not know (which the unit tests forbid).
fn key(section: &str, name: &str) -> Option<Value> {
    let string = |doc: &str| json!({"type": "string", "description": doc});
    let words = |doc: &str, allowed: &[&str]| json!({"type": "string", "enum": allowed, "description": doc});
    let strings =
        |doc: &str| json!({"type": "array", "items": {"type": "string"}, "description": doc});
    let ids = |doc: &str| json!({"type": "array", "items": {"type": "string", "pattern": ID_PATTERN}, "description": doc});
    let boolean = |doc: &str| json!({"type": "boolean", "description": doc});
    let integer = |doc: &str, min: i64, max: Option<i64>| {
        let mut v = json!({"type": "integer", "minimum": min, "description": doc});
        if let Some(max) = max {
            v["maximum"] = json!(max);
        }
        v
    };
    Some(match (section, name) {
        ("brief", "id") => string("The brief's id; its folder's name when not given."),
        ("brief", "title") => string("The brief's title."),
        ("brief", "author") => ids("The actor ids of the authors."),
        ("brief", "publisher") => string("The actor id of the publisher."),
        ("brief", "series") => string("The series the brief is published in."),
        ("brief", "number") => string("The brief's number in its series."),
        ("brief", "language") => string("The language of the text, a BCP 47 tag such as `en`."),
        ("brief", "rights") => string("The brief's rights statement, as it writes it."),
        ("brief", "source") => string("Where the text was taken from (a URL or a citation)."),
        ("brief", "furniture") => {
            strings("Running heads, footers and page numbers that may interrupt a quote.")
        }
        ("brief", "mapped-by") => string("Who made the map."),
        ("brief", "mapped-on") => string("When the map was made, YYYY-MM-DD."),
        ("brief", "revises") => string(
            "`sha256:` and the digest of the text this one revises (written by `argmap reanchor`).",
        ),
        ("hedges", "low") => integer("The band's lower bound, in percent.", 0, Some(100)),
        ("hedges", "high") => integer("The band's upper bound, in percent.", 0, Some(100)),
        ("hedges", "scale") => string("The scale the term comes from."),
        ("actor", "kind") => words("What kind of actor.", ACTOR_KINDS),
        ("source", "kind") => words("What kind of source.", SOURCE_KINDS),
        ("source", "title") => string("The source's title."),
        ("source", "by") => string("The actor id of its author."),
        ("source", "reliability") => words(
            "Admiralty reliability of the source, A (reliable) to F (cannot be judged).",
            &["A", "B", "C", "D", "E", "F"],
        ),
        ("source", "credibility") => integer(
            "Admiralty credibility of the information, 1 (confirmed) to 6 (cannot be judged).",
            1,
            Some(6),
        ),
        ("source", "derived-from") => ids(
            "The sources or actors it took its information from (`source:<id>` or `actor:<id>` where an id names both).",
        ),
        ("assumption", "supports") => ids("The ids of the nodes it underlies."),
        ("assumption", "confidence") => words(
            "How well the assumption holds (key assumptions check).",
            &["solid", "caveated", "unsupported"],
        ),
        ("assumption", "invalidated-by") => {
            ids("The ids of the indicators that would show it wrong.")
        }
        ("indicator", "hypothesis") => string("The id of the hypothesis it bears on."),
        ("indicator", "direction") => words(
            "Whether observing it confirms or refutes the hypothesis.",
            &["confirms", "refutes"],
        ),
        ("indicator", "expected-by") => string("An EDTF date by which it is expected."),
        ("indicator", "ask") => string("A SPARQL ASK, true when the store holds the observation."),
        ("actor", "name") => string("The actor's name."),
        ("actor", "aliases") => strings("Other names the brief uses."),
        ("actor", "role") => string("The actor's role, in words."),
        ("actor", "member-of") => {
            string("The actor id of the organisation or state it belongs to.")
        }
        ("event", "actors") => ids("The actor ids of those taking part."),
        ("hypothesis", "answers") => string("The id of the question it answers."),
        ("hypothesis", "confidence") => words("ICD 203 confidence.", &["low", "moderate", "high"]),
        ("question", "exclusive") => {
            boolean("Whether its hypotheses exclude each other (ranked by ACH only then).")
        }
        (_, "text") => string("The item in the analyst's words."),
        (_, "quote") => string("The brief's exact words, anchored in brief.txt."),
        (_, "occurrence") => integer(
            "Which occurrence of the quote, from 1, when it occurs more than once.",
            1,
            None,
        ),
        (_, "note") => string("The analyst's note."),
        (_, "hedge") => string(
            "The hedge as the brief writes it (\"likely\", \"could be\"), from the hedge table.",
        ),
        (_, "status") => words("Epistemic status.", &["reported", "observed", "inference"]),
        (_, "said-by") => string("The actor id of who said it."),
        (_, "source") => string("The source id it comes from."),
        (_, "publisher") => string("The actor id of the publisher."),
        (_, "date") => string("An EDTF date: 2017, 2017-05, 2017-05-14, 1991/.., 2014/2016."),
        (_, "date-inferred") => boolean("True when the brief does not write the date."),
        (_, "mentions") => ids("The actor and event ids it names."),
        (_, "event") => string("The event id it reports."),
        ("claim" | "evidence", "supports") => ids("The ids it supports."),
        ("claim" | "evidence", "supports-strongly") => ids("The ids it supports strongly."),
        ("claim" | "evidence", "opposes") => ids("The ids it opposes."),
        ("claim" | "evidence", "opposes-strongly") => ids("The ids it opposes strongly."),
        ("claim" | "evidence", "analyst-links") => ids(
            "The targets among the four lists above that the analyst linked, where the brief draws no such line.",
        ),
        ("claim" | "evidence", "ratings") => json!({
            "type": "object",
            "description": "The analyst's own ACH ratings against hypotheses: { <hypothesis id> = \"CC\" | \"C\" | \"N\" | \"I\" | \"II\" | \"NA\" }.",
            "propertyNames": {"pattern": ID_PATTERN},
            "additionalProperties": {"type": "string", "enum": ["CC", "C", "N", "I", "II", "NA"]},
        }),
        (_, "iri") => string("An IRI naming the same thing elsewhere (Wikidata, a KB)."),
        (_, "links") => {
            strings("IRIs of the same thing in other knowledge bases (skos:exactMatch).")
        }
        ("unmapped", "reason") => string("Why the passage is left out."),
        _ => return None,
    })
}

/// The schema of one table: its keys, closed to others.
fn table_schema(table: &Table) -> Value {
    let mut properties = JsonMap::new();
    for name in table.fields {
        let schema = key(table.section, name).unwrap_or_else(|| json!({}));
        properties.insert((*name).to_string(), schema);
    }
    json!({
        "type": "object",
        "description": table.doc,
        "properties": properties,
        "required": table.required,
        "additionalProperties": false,
    })
}

/// The JSON Schema (draft-07, which TOML editors read) of `map.toml`.
pub fn map_schema() -> Value {
    let mut definitions = JsonMap::new();
    let mut properties = JsonMap::new();
    for table in tables() {
        let name = table.section;
        definitions.insert(name.to_string(), table_schema(&table));
        let reference = json!({"$ref": format!("#/definitions/{name}")});
        let section = match name {
            "brief" => reference,
            "unmapped" => json!({
                "type": "array",
                "description": table.doc,
                "items": reference,
            }),
            "hedges" => json!({
                "type": "object",
                "description": table.doc,
                "additionalProperties": reference,
            }),
            _ => json!({
                "type": "object",
                "description": format!("[{name}.<id>] tables: {}", table.doc),
                "propertyNames": {"pattern": ID_PATTERN},
                "additionalProperties": reference,
            }),
        };
        properties.insert(name.to_string(), section);
    }
    json!({
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        "title": "argmap map.toml",
        "description": "An analyst's argument map of one policy brief, beside the brief's exact text (brief.txt). See the map format in argmap's README.",
        "type": "object",
        "properties": properties,
        "required": ["brief"],
        "additionalProperties": false,
        "definitions": definitions,
    })
}

/// The schema as the repository keeps it: pretty JSON and a final newline.
pub fn map_schema_text() -> String {
    let mut text = serde_json::to_string_pretty(&map_schema()).unwrap_or_default();
    text.push('\n');
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_key_of_every_table_has_a_type_and_help() {
        for table in tables() {
            assert!(!table.fields.is_empty(), "{}", table.section);
            for name in table.fields {
                let schema = key(table.section, name);
                assert!(
                    schema
                        .as_ref()
                        .is_some_and(|s| s["description"].is_string()),
                    "[{}] {name} has no schema",
                    table.section
                );
            }
            for name in table.required {
                assert!(table.fields.contains(name), "{}: {name}", table.section);
            }
        }
    }

    #[test]
    fn the_field_names_are_the_map_s_keys() {
        let names = field_names::<RawQuestion>();
        assert_eq!(names, ["text", "quote", "occurrence", "exclusive", "note"]);
        assert!(field_names::<RawProposition>().contains(&"supports-strongly"));
    }
}
