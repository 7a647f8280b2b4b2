//! The exact search for preferred and stable extensions: backtracking over labellings with propagation and pruning, after the grounded labelling has settled what it can.
//!
//! The search follows the labelling algorithms of Nofal, Atkinson and
//! Dunne. Every preferred and every stable extension is complete, so it
//! contains the grounded extension and leaves out what that attacks: only
//! the arguments grounded leaves undecided are searched. Each is tried in,
//! then not in; after each choice the labels that follow are propagated:
//!
//! - an argument put in makes what it attacks out, and each of its
//!   attackers must be out (`MustOut`): some argument put in later must
//!   attack it;
//! - an argument whose attackers are all out must be in (completeness);
//! - a dead end is an argument that must be out with no attacker left
//!   that could still go in, or (preferred) one left undecided whose
//!   attackers are all out.
//!
//! Preferred search records each complete labelling it reaches, and
//! prunes a branch whose arguments in, with those still open, fit inside
//! an extension already found: it cannot lead to a larger one. Stable
//! search never leaves an argument undecided: "not in" means "must be
//! attacked". The search is iterative (no recursion, whatever the size)
//! and stops after `Limits::max_steps` choices with `Error::TooComplex`.

use super::{Framework, Label, Limits, Semantics};
use crate::Error;

/// A label during the search.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum L {
    Blank,
    In,
    Out,
    MustOut,
    Undec,
}

/// The extensions of `framework` under `semantics` (preferred or stable),
/// each as a flag per argument, in the order found; `grounded` is the
/// grounded labelling.
pub fn extensions(
    framework: &Framework,
    grounded: &[Label],
    semantics: Semantics,
    limits: Limits,
) -> Result<Vec<Vec<bool>>, Error> {
    let mut search = Search::new(framework, grounded, semantics == Semantics::Stable);
    let open: Vec<usize> = (0..framework.len())
        .filter(|&a| grounded[a] == Label::Undecided)
        .collect();
    let open = super::order::upstream_first(framework, &open);
    let mut found: Vec<Vec<bool>> = Vec::new();
    // Each frame: the argument chosen, the trail length before the choice,
    // and whether its second branch (not in) has been taken.
    let mut frames: Vec<(usize, usize, bool)> = Vec::new();
    let mut steps: u64 = 0;
    let mut ok = search.settle();
    loop {
        if ok {
            match open.iter().copied().find(|&a| search.label[a] == L::Blank) {
                None if search.must_out == 0 => {
                    found.push(search.label.iter().map(|&l| l == L::In).collect());
                }
                // A dead end, or a branch that cannot lead to a larger extension.
                None => {}
                Some(_) if !search.stable && search.fits_inside(&open, &found) => {}
                Some(a) => {
                    steps += 1;
                    if steps > limits.max_steps {
                        return Err(too_complex(framework, &open, limits));
                    }
                    frames.push((a, search.trail.len(), false));
                    ok = search.put_in(a) && search.settle();
                    continue;
                }
            }
        }
        // Backtrack: undo to the last frame whose second branch is untried.
        loop {
            let Some(frame) = frames.last_mut() else {
                return Ok(finish(found, semantics));
            };
            search.undo(frame.1);
            if frame.2 {
                frames.pop();
                continue;
            }
            frame.2 = true;
            let a = frame.0;
            let not_in = if search.stable { L::MustOut } else { L::Undec };
            search.set(a, not_in);
            ok = search.settle();
            break;
        }
    }
}

/// Preferred extensions are the maximal ones among those found; stable
/// ones are all of them.
fn finish(found: Vec<Vec<bool>>, semantics: Semantics) -> Vec<Vec<bool>> {
    if semantics == Semantics::Stable {
        return found;
    }
    let subset = |a: &[bool], b: &[bool]| a.iter().zip(b).all(|(&x, &y)| !x || y);
    let mut maximal: Vec<Vec<bool>> = Vec::new();
    for (i, e) in found.iter().enumerate() {
        let beaten = found
            .iter()
            .enumerate()
            .any(|(j, f)| j != i && subset(e, f) && (e != f || j < i));
        if !beaten {
            maximal.push(e.clone());
        }
    }
    maximal
}

fn too_complex(framework: &Framework, open: &[usize], limits: Limits) -> Error {
    Error::TooComplex(format!(
        "the search for extensions stopped after {} steps: {} of the {} arguments are left \
         undecided by grounded semantics and tangled in cycles of attack. Raise --max-steps, or \
         write the framework with `argmap export --format apx` and give it to an ICCMA solver \
         (such as mu-toksia or ASPARTIX)",
        limits.max_steps,
        open.len(),
        framework.len()
    ))
}

/// The state of the search: labels, counters, and a trail to undo them.
struct Search<'a> {
    framework: &'a Framework,
    stable: bool,
    label: Vec<L>,
    /// Per argument: attackers still blank.
    blank_attackers: Vec<u32>,
    /// Per argument: attackers not out.
    live_attackers: Vec<u32>,
    /// How many arguments must be out and are not yet.
    must_out: usize,
    /// (argument, its label before) for each change.
    trail: Vec<(usize, L)>,
    /// Arguments whose neighbourhood changed, to look at in `settle`.
    dirty: Vec<usize>,
}

impl<'a> Search<'a> {
    fn new(framework: &'a Framework, grounded: &[Label], stable: bool) -> Search<'a> {
        let n = framework.len();
        let label: Vec<L> = grounded
            .iter()
            .map(|l| match l {
                Label::In => L::In,
                Label::Out => L::Out,
                Label::Undecided => L::Blank,
            })
            .collect();
        let count = |a: usize, keep: &dyn Fn(L) -> bool| {
            framework
                .attackers(a)
                .iter()
                .filter(|&&z| keep(label[z as usize]))
                .count() as u32
        };
        let blank_attackers = (0..n).map(|a| count(a, &|l| l == L::Blank)).collect();
        let live_attackers = (0..n).map(|a| count(a, &|l| l != L::Out)).collect();
        Search {
            framework,
            stable,
            label,
            blank_attackers,
            live_attackers,
            must_out: 0,
            trail: Vec::new(),
            dirty: Vec::new(),
        }
    }

    /// Changes `a`'s label to `to`, keeping the counters.
    fn set(&mut self, a: usize, to: L) {
        let from = self.label[a];
        self.trail.push((a, from));
        self.apply(a, from, to);
        self.dirty.push(a);
        self.dirty
            .extend(self.framework.attacks(a).iter().map(|&t| t as usize));
    }

    /// The counters' part of a change from `from` to `to` (or back).
    fn apply(&mut self, a: usize, from: L, to: L) {
        self.label[a] = to;
        let was_blank = (from == L::Blank) as i64 - (to == L::Blank) as i64;
        let now_out = (to == L::Out) as i64 - (from == L::Out) as i64;
        self.must_out = (self.must_out as i64 + (to == L::MustOut) as i64
            - (from == L::MustOut) as i64) as usize;
        for &t in self.framework.attacks(a) {
            let t = t as usize;
            self.blank_attackers[t] = (self.blank_attackers[t] as i64 - was_blank) as u32;
            self.live_attackers[t] = (self.live_attackers[t] as i64 - now_out) as u32;
        }
    }

    /// Undoes every change after the first `len` of the trail.
    fn undo(&mut self, len: usize) {
        while self.trail.len() > len {
            let (a, before) = self.trail.pop().expect("trail");
            let now = self.label[a];
            self.apply(a, now, before);
        }
        self.dirty.clear();
    }

    /// Puts `a` in with what follows at once; false on a conflict.
    fn put_in(&mut self, a: usize) -> bool {
        match self.label[a] {
            L::In => return true,
            L::Blank => {}
            _ => return false,
        }
        if self.framework.attacks(a).contains(&(a as u32)) {
            return false;
        }
        self.set(a, L::In);
        for i in 0..self.framework.attacks(a).len() {
            let t = self.framework.attacks(a)[i] as usize;
            match self.label[t] {
                L::In => return false,
                L::Out => {}
                _ => self.set(t, L::Out),
            }
        }
        for i in 0..self.framework.attackers(a).len() {
            let z = self.framework.attackers(a)[i] as usize;
            match self.label[z] {
                L::In => return false,
                L::Blank | L::Undec => self.set(z, L::MustOut),
                _ => {}
            }
        }
        true
    }

    /// Propagates from the changed arguments until nothing follows; false
    /// on a dead end.
    fn settle(&mut self) -> bool {
        while let Some(a) = self.dirty.pop() {
            let (blank, live) = (self.blank_attackers[a], self.live_attackers[a]);
            let current = self.label[a];
            match current {
                L::MustOut if blank == 0 => return false,
                L::Undec if live == 0 => return false,
                L::Blank if live == 0 && !self.put_in(a) => return false,
                _ => {}
            }
        }
        true
    }

    /// Whether every argument in or still blank is in one extension of
    /// `found`, so that this branch cannot lead to a larger one.
    fn fits_inside(&self, open: &[usize], found: &[Vec<bool>]) -> bool {
        found.iter().any(|e| {
            open.iter()
                .all(|&a| !matches!(self.label[a], L::In | L::Blank) || e[a])
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::grounded::grounded;

    fn exts(n: usize, attacks: &[(u32, u32)], s: Semantics) -> Vec<Vec<usize>> {
        let f = Framework::abstract_of(n, attacks);
        let g = grounded(&f);
        let mut out: Vec<Vec<usize>> = extensions(&f, &g, s, Limits::default())
            .unwrap()
            .into_iter()
            .map(|e| (0..n).filter(|&a| e[a]).collect())
            .collect();
        out.sort();
        out
    }

    #[test]
    fn an_even_cycle_has_two_preferred_and_two_stable_extensions() {
        let att = [(0, 1), (1, 0)];
        assert_eq!(exts(2, &att, Semantics::Preferred), [vec![0], vec![1]]);
        assert_eq!(exts(2, &att, Semantics::Stable), [vec![0], vec![1]]);
    }

    #[test]
    fn an_odd_cycle_has_the_empty_preferred_extension_and_no_stable_one() {
        let att = [(0, 1), (1, 2), (2, 0)];
        assert_eq!(exts(3, &att, Semantics::Preferred), [Vec::<usize>::new()]);
        assert!(exts(3, &att, Semantics::Stable).is_empty());
    }

    #[test]
    fn a_self_attacker_is_never_in() {
        // 0 attacks itself and 1; 1 attacks 2.
        let att = [(0, 0), (0, 1), (1, 2)];
        assert_eq!(exts(3, &att, Semantics::Preferred), [Vec::<usize>::new()]);
        assert!(exts(3, &att, Semantics::Stable).is_empty());
        // A self-attacker that something else attacks: stable can reject it.
        let att = [(0, 0), (1, 0)];
        assert_eq!(exts(2, &att, Semantics::Stable), [vec![1]]);
    }

    #[test]
    fn preferred_and_stable_differ_where_an_odd_cycle_hangs_off_an_even_one() {
        // a0 ⇄ a1, a1 → a2, a2 → a3 → a4 → a2 (odd).
        let att = [(0, 1), (1, 0), (1, 2), (2, 3), (3, 4), (4, 2)];
        assert_eq!(exts(5, &att, Semantics::Preferred), [vec![0], vec![1, 3]]);
        assert_eq!(exts(5, &att, Semantics::Stable), [vec![1, 3]]);
    }

    #[test]
    fn independent_even_cycles_above_a_chain_give_every_combination() {
        // Eight cycles 2k ⇄ 2k+1; each 2k+1 attacks the chain's head 16,
        // and the chain 16 → 17 → … → 40 runs below, listed first so that
        // index order would choose in the chain before the cycles.
        let mut att: Vec<(u32, u32)> = Vec::new();
        for k in 0..8 {
            att.extend([(2 * k, 2 * k + 1), (2 * k + 1, 2 * k), (2 * k + 1, 16)]);
        }
        att.extend((16..40).map(|a| (a, a + 1)));
        let preferred = exts(41, &att, Semantics::Preferred);
        let stable = exts(41, &att, Semantics::Stable);
        assert_eq!(preferred.len(), 256);
        assert_eq!(stable, preferred);
        // With every 2k in, the chain's head is in and the chain alternates.
        let evens: Vec<usize> = (0..8).map(|k| 2 * k).collect();
        let all_even = preferred
            .iter()
            .find(|e| evens.iter().all(|a| e.contains(a)))
            .unwrap();
        assert!(all_even.contains(&16) && !all_even.contains(&17) && all_even.contains(&18));
        // With any 2k+1 in, the head is out and the chain starts at 17.
        assert!(
            preferred
                .iter()
                .filter(|e| e.contains(&1))
                .all(|e| !e.contains(&16) && e.contains(&17))
        );
    }

    #[test]
    fn the_step_limit_is_an_error_that_names_the_way_out() {
        let f = Framework::abstract_of(2, &[(0, 1), (1, 0)]);
        let g = grounded(&f);
        let e = extensions(&f, &g, Semantics::Preferred, Limits { max_steps: 0 }).unwrap_err();
        assert!(e.to_string().contains("--format apx"), "{e}");
    }
}
