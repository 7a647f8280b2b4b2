//! A brief's attacks as an abstract framework: its propositions and undercut inferences as arguments, `opposes` edges and undercuts as attacks, read through the `Backend`.

use std::collections::HashMap;

use crate::Error;
use crate::read::briefs::{BriefInfo, graph_bindings};
use crate::read::node::Kind;
use crate::read::rows::{rows, select};
use crate::sparql::Backend;

/// What an argument of the framework stands for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// A hypothesis, claim or item of evidence of the brief.
    Proposition(Kind),
    /// The inference from `premise` to `conclusion` (argument indexes):
    /// what an undercut attacks.
    Inference { premise: usize, conclusion: usize },
    /// An argument of an apx file: a name and nothing more.
    Abstract,
}

/// One argument of the framework.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Argument {
    /// The name it is shown by: the node's key, or the apx file's name.
    pub name: String,
    /// Its IRI in the store (none for an apx argument).
    pub iri: Option<String>,
    /// What it stands for.
    pub role: Role,
    /// The analyst's text of a proposition; empty otherwise.
    pub text: String,
}

impl Argument {
    /// Whether it is a hypothesis: what the report's verdicts are about.
    pub fn is_hypothesis(&self) -> bool {
        self.role == Role::Proposition(Kind::Hypothesis)
    }

    /// The word for what it is: `hypothesis`, `claim`, `evidence`,
    /// `inference` or `argument`.
    pub fn kind(&self) -> &'static str {
        match &self.role {
            Role::Proposition(k) => k.as_str(),
            Role::Inference { .. } => "inference",
            Role::Abstract => "argument",
        }
    }
}

/// Arguments and who attacks whom, with each argument's attackers and
/// targets indexed both ways.
#[derive(Debug, Clone, Default)]
pub struct Framework {
    pub arguments: Vec<Argument>,
    /// (attacker, attacked), sorted, each once.
    pub attack_list: Vec<(u32, u32)>,
    attacks: Vec<Vec<u32>>,
    attackers: Vec<Vec<u32>>,
}

impl Framework {
    /// The framework of `arguments` and `attacks` (indexes into them).
    pub fn new(arguments: Vec<Argument>, mut attacks: Vec<(u32, u32)>) -> Framework {
        attacks.sort_unstable();
        attacks.dedup();
        let n = arguments.len();
        let mut by_attacker = vec![Vec::new(); n];
        let mut by_target = vec![Vec::new(); n];
        for &(a, b) in &attacks {
            by_attacker[a as usize].push(b);
            by_target[b as usize].push(a);
        }
        Framework {
            arguments,
            attack_list: attacks,
            attacks: by_attacker,
            attackers: by_target,
        }
    }

    /// A framework of `n` arguments named `a0`, `a1`, …, for tests.
    pub fn abstract_of(n: usize, attacks: &[(u32, u32)]) -> Framework {
        let arguments = (0..n)
            .map(|i| Argument {
                name: format!("a{i}"),
                iri: None,
                role: Role::Abstract,
                text: String::new(),
            })
            .collect();
        Framework::new(arguments, attacks.to_vec())
    }

    /// How many arguments it has.
    pub fn len(&self) -> usize {
        self.arguments.len()
    }

    /// Whether it has no argument.
    pub fn is_empty(&self) -> bool {
        self.arguments.is_empty()
    }

    /// What argument `a` attacks.
    pub fn attacks(&self, a: usize) -> &[u32] {
        &self.attacks[a]
    }

    /// What attacks argument `a`.
    pub fn attackers(&self, a: usize) -> &[u32] {
        &self.attackers[a]
    }
}

/// The framework of one brief: its propositions (`trace-nodes`), its
/// attacks (the `attack` rows of `trace-edges`) and its undercuts
/// (`trace-undercuts`), each undercut attacking an argument of its own
/// that stands for the inference it attacks.
pub fn read_framework(backend: &dyn Backend, brief: &BriefInfo) -> Result<Framework, Error> {
    let bindings = graph_bindings(brief)?;
    let mut arguments = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    let nodes = select(backend, "trace-nodes", &bindings)?;
    let mut props: Vec<(Kind, String, String, String)> = rows(&nodes)
        .filter_map(|row| {
            let node = row.node()?;
            Some((node.kind, node.key, node.iri, node.text))
        })
        .collect();
    props.sort();
    props.dedup_by(|a, b| a.2 == b.2);
    for (kind, key, iri, text) in props {
        index.insert(iri.clone(), arguments.len());
        arguments.push(Argument {
            name: key,
            iri: Some(iri),
            role: Role::Proposition(kind),
            text,
        });
    }
    let mut attacks = Vec::new();
    let edges = select(backend, "trace-edges", &bindings)?;
    for row in rows(&edges) {
        if row.text("relation").as_deref() != Some("attack") {
            continue;
        }
        let (Some(from), Some(to)) = (row.text("from"), row.text("to")) else {
            continue;
        };
        let from = argument_of(&mut arguments, &mut index, &from);
        let to = argument_of(&mut arguments, &mut index, &to);
        attacks.push((from as u32, to as u32));
    }
    let undercuts = select(backend, "trace-undercuts", &bindings)?;
    let mut steps: Vec<(String, String, String)> = rows(&undercuts)
        .filter_map(|row| {
            Some((
                row.text("premise")?,
                row.text("conclusion")?,
                row.text("undercutter")?,
            ))
        })
        .collect();
    steps.sort();
    for (premise, conclusion, undercutter) in steps {
        let premise = argument_of(&mut arguments, &mut index, &premise);
        let conclusion = argument_of(&mut arguments, &mut index, &conclusion);
        let undercutter = argument_of(&mut arguments, &mut index, &undercutter);
        let step = inference_of(&mut arguments, &mut index, brief, premise, conclusion);
        attacks.push((undercutter as u32, step as u32));
    }
    Ok(Framework::new(arguments, attacks))
}

/// The argument of the node `iri`, added (named by the IRI's last
/// segment) when the brief's propositions do not include it.
fn argument_of(
    arguments: &mut Vec<Argument>,
    index: &mut HashMap<String, usize>,
    iri: &str,
) -> usize {
    if let Some(&i) = index.get(iri) {
        return i;
    }
    let name = iri.rsplit(['/', '#']).next().unwrap_or(iri).to_string();
    index.insert(iri.to_string(), arguments.len());
    arguments.push(Argument {
        name,
        iri: Some(iri.to_string()),
        role: Role::Abstract,
        text: String::new(),
    });
    arguments.len() - 1
}

/// The argument that stands for the inference from `premise` to
/// `conclusion`, added the first time an undercut names it.
fn inference_of(
    arguments: &mut Vec<Argument>,
    index: &mut HashMap<String, usize>,
    brief: &BriefInfo,
    premise: usize,
    conclusion: usize,
) -> usize {
    let (p, c) = (&arguments[premise], &arguments[conclusion]);
    let iri = format!(
        "{}/inference/{}-{}/{}-{}",
        brief.iri,
        p.kind(),
        p.name,
        c.kind(),
        c.name
    );
    if let Some(&i) = index.get(&iri) {
        return i;
    }
    let name = format!("{}->{}", p.name, c.name);
    index.insert(iri.clone(), arguments.len());
    arguments.push(Argument {
        name,
        iri: Some(iri),
        role: Role::Inference {
            premise,
            conclusion,
        },
        text: String::new(),
    });
    arguments.len() - 1
}
