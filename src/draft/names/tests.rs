//! The actors of short texts: kinds, acronyms, surnames, reused keys and the two names of one UN body.

use super::*;
use crate::draft::Known;
use crate::draft::layout::lay_out;
use crate::draft::sentences::split;

fn actors(text: &str, known: &[Known]) -> Vec<(String, &'static str, String, Vec<String>)> {
    let layout = lay_out(text);
    let index = KnownIndex::new(known);
    let mut actors = Actors::new(&index);
    for s in split(&layout) {
        actors.read(&layout, &s);
    }
    actors.settle();
    actors
        .list
        .into_iter()
        .map(|a| (a.key, a.kind, a.name, a.aliases))
        .collect()
}

#[test]
fn people_organisations_states_and_acronyms() {
    let text = "The UN Security Council (UNSC) met. Kyodo News Agency reported that Jeffrey Feltman met Pyongyang's envoy. Feltman said so. North Korean Foreign Minister Ri Yong-ho spoke of the Trump administration.";
    let found = actors(text, &[]);
    let keys: Vec<&str> = found.iter().map(|a| a.0.as_str()).collect();
    assert_eq!(
        keys,
        [
            "unsc",
            "kyodo-news-agency",
            "feltman",
            "north-korea",
            "ri-yong-ho",
            "trump-administration"
        ]
    );
    assert_eq!(found[2].3, ["Feltman"]);
    assert_eq!(found[3].3, ["Pyongyang"]);
}

#[test]
fn known_keys_are_reused() {
    let known = [Known {
        key: "guterres".into(),
        kind: "person".into(),
        names: vec!["Antonio Guterres".into(), "Guterres".into()],
    }];
    let found = actors("We met António Guterres in May 2019.", &known);
    assert_eq!(found[0].0, "guterres");
}

#[test]
fn a_un_body_with_and_without_un_is_one_actor() {
    let found = actors(
        "Ri spoke at the General Assembly. The UN General Assembly met in New York.",
        &[],
    );
    let assembly: Vec<_> = found.iter().filter(|a| a.2.contains("Assembly")).collect();
    assert_eq!(assembly.len(), 1, "{found:?}");
    assert_eq!(assembly[0].2, "UN General Assembly");
    assert!(assembly[0].3.contains(&"General Assembly".to_string()));
}
