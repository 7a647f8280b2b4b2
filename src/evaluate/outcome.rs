//! An evaluation's outcome: the label of every argument under the chosen semantics, the extensions behind it, and the attackers that defeat each rejected argument.

use super::exact::extensions;
use super::grounded::grounded;
use super::{Framework, Label, Limits, Semantics};
use crate::Error;
use crate::read::briefs::BriefInfo;

/// The outcome of evaluating one framework.
#[derive(Debug, Clone)]
pub struct Evaluation {
    /// The brief evaluated (none for an apx file).
    pub brief: Option<BriefInfo>,
    pub framework: Framework,
    pub semantics: Semantics,
    /// One label per argument. Under preferred and stable semantics an
    /// argument is in when it is in every extension, out when an argument
    /// of each extension attacks it, undecided otherwise (and every
    /// argument is undecided when there is no stable extension).
    pub labels: Vec<Label>,
    /// The extensions found, each as its arguments in order (none for grounded).
    pub extensions: Option<Vec<Vec<usize>>>,
    /// For each argument out: the accepted attackers that defeat it (those
    /// labelled in; where no one attacker is in every extension, those in
    /// at least one). Empty for the others.
    pub defeated_by: Vec<Vec<usize>>,
    /// When it was evaluated, as an `xsd:dateTime`.
    pub when: String,
}

impl Evaluation {
    /// How many arguments have `label`.
    pub fn count(&self, label: Label) -> usize {
        self.labels.iter().filter(|&&l| l == label).count()
    }

    /// Whether argument `a` is in at least one extension (for grounded: in).
    pub fn credulous(&self, a: usize) -> bool {
        match &self.extensions {
            None => self.labels[a] == Label::In,
            Some(exts) => exts.iter().any(|e| e.binary_search(&a).is_ok()),
        }
    }
}

/// Evaluates `framework` under `semantics`, evaluated at `when`.
pub fn evaluate(
    framework: Framework,
    semantics: Semantics,
    limits: Limits,
    when: &str,
) -> Result<Evaluation, Error> {
    let ground = grounded(&framework);
    let (labels, exts) = match semantics {
        Semantics::Grounded => (ground, None),
        _ => {
            let found = extensions(&framework, &ground, semantics, limits)?;
            let labels = sceptical(&framework, &found);
            let lists = found
                .iter()
                .map(|e| (0..framework.len()).filter(|&a| e[a]).collect())
                .collect();
            (labels, Some(lists))
        }
    };
    let defeated_by = defeaters(&framework, &labels, exts.as_deref());
    Ok(Evaluation {
        brief: None,
        framework,
        semantics,
        labels,
        extensions: exts,
        defeated_by,
        when: when.to_string(),
    })
}

/// The labels that hold in every extension of `found`.
fn sceptical(framework: &Framework, found: &[Vec<bool>]) -> Vec<Label> {
    (0..framework.len())
        .map(|a| {
            if found.is_empty() {
                Label::Undecided
            } else if found.iter().all(|e| e[a]) {
                Label::In
            } else if found
                .iter()
                .all(|e| framework.attackers(a).iter().any(|&z| e[z as usize]))
            {
                Label::Out
            } else {
                Label::Undecided
            }
        })
        .collect()
}

/// The attackers that defeat each argument labelled out.
fn defeaters(
    framework: &Framework,
    labels: &[Label],
    exts: Option<&[Vec<usize>]>,
) -> Vec<Vec<usize>> {
    let in_some = |z: usize| exts.is_some_and(|es| es.iter().any(|e| e.binary_search(&z).is_ok()));
    (0..framework.len())
        .map(|a| {
            if labels[a] != Label::Out {
                return Vec::new();
            }
            let attackers = framework.attackers(a).iter().map(|&z| z as usize);
            let sure: Vec<usize> = attackers
                .clone()
                .filter(|&z| labels[z] == Label::In)
                .collect();
            if !sure.is_empty() {
                return sure;
            }
            attackers.filter(|&z| in_some(z)).collect()
        })
        .collect()
}
