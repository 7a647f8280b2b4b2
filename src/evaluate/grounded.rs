//! The grounded labelling in linear time: unattacked arguments in, what they attack out, repeated until nothing changes; the rest undecided.

use super::{Framework, Label};

/// The grounded labelling of `framework`: one label per argument, in the
/// framework's order. Each argument and attack is looked at a bounded
/// number of times, so the time grows with the size of the framework.
pub fn grounded(framework: &Framework) -> Vec<Label> {
    let n = framework.len();
    let mut label = vec![Label::Undecided; n];
    // How many attackers of each argument are not yet out: an argument
    // whose count reaches zero is defended by what is in, so it is in.
    let mut live_attackers: Vec<usize> = (0..n).map(|a| framework.attackers(a).len()).collect();
    let mut queue: Vec<usize> = (0..n).filter(|&a| live_attackers[a] == 0).collect();
    for &a in &queue {
        label[a] = Label::In;
    }
    while let Some(a) = queue.pop() {
        for &target in framework.attacks(a) {
            let target = target as usize;
            if label[target] != Label::Undecided {
                continue;
            }
            label[target] = Label::Out;
            for &next in framework.attacks(target) {
                let next = next as usize;
                live_attackers[next] -= 1;
                if live_attackers[next] == 0 && label[next] == Label::Undecided {
                    label[next] = Label::In;
                    queue.push(next);
                }
            }
        }
    }
    label
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::evaluate::Framework;

    fn labels(n: usize, attacks: &[(u32, u32)]) -> Vec<&'static str> {
        let f = Framework::abstract_of(n, attacks);
        grounded(&f).iter().map(|l| l.as_str()).collect()
    }

    #[test]
    fn a_chain_alternates_from_its_unattacked_end() {
        assert_eq!(
            labels(4, &[(0, 1), (1, 2), (2, 3)]),
            ["in", "out", "in", "out"]
        );
    }

    #[test]
    fn cycles_and_self_attack_stay_undecided() {
        assert_eq!(labels(2, &[(0, 1), (1, 0)]), ["undecided", "undecided"]);
        assert_eq!(
            labels(3, &[(0, 1), (1, 2), (2, 0)]),
            ["undecided", "undecided", "undecided"]
        );
        assert_eq!(labels(2, &[(0, 0), (0, 1)]), ["undecided", "undecided"]);
    }

    #[test]
    fn an_argument_attacked_twice_is_in_only_when_both_are_out() {
        // 0 → 1 → 2 ← 3 ← 4: 2's attackers 1 and 3 are both out.
        assert_eq!(
            labels(5, &[(0, 1), (1, 2), (3, 2), (4, 3)]),
            ["in", "out", "in", "out", "in"]
        );
    }
}
