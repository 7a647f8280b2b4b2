//! The order the exact search chooses in: the arguments grounded leaves open, by the strongly connected components of their attacks, attackers' components first.
//!
//! Choosing upstream first means that, once a component is labelled, what
//! it attacks follows by propagation, and the search branches only inside
//! cycles. Tarjan's algorithm, run with an explicit stack (no recursion,
//! whatever the size), emits each component after every component it
//! reaches, so its output reversed puts attackers first.

use super::Framework;

/// `open` reordered so that an argument's attackers among `open` come
/// before it, unless they share a cycle with it.
pub fn upstream_first(framework: &Framework, open: &[usize]) -> Vec<usize> {
    const NONE: usize = usize::MAX;
    let n = framework.len();
    let mut in_open = vec![false; n];
    for &a in open {
        in_open[a] = true;
    }
    let mut index = vec![NONE; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut stack: Vec<usize> = Vec::new();
    let mut emitted: Vec<usize> = Vec::with_capacity(open.len());
    let mut next = 0;
    // Each frame: an argument and how many of its attacks are looked at.
    let mut frames: Vec<(usize, usize)> = Vec::new();
    for &root in open {
        if index[root] != NONE {
            continue;
        }
        frames.push((root, 0));
        index[root] = next;
        low[root] = next;
        next += 1;
        stack.push(root);
        on_stack[root] = true;
        while let Some(&(a, i)) = frames.last() {
            if let Some(&t) = framework.attacks(a).get(i) {
                frames.last_mut().expect("a frame").1 += 1;
                let t = t as usize;
                if !in_open[t] {
                    continue;
                }
                if index[t] == NONE {
                    index[t] = next;
                    low[t] = next;
                    next += 1;
                    stack.push(t);
                    on_stack[t] = true;
                    frames.push((t, 0));
                } else if on_stack[t] {
                    low[a] = low[a].min(index[t]);
                }
                continue;
            }
            frames.pop();
            if let Some(&(parent, _)) = frames.last() {
                low[parent] = low[parent].min(low[a]);
            }
            if low[a] == index[a] {
                let start = stack.iter().rposition(|&x| x == a).expect("on the stack");
                for x in stack.drain(start..).rev() {
                    on_stack[x] = false;
                    emitted.push(x);
                }
            }
        }
    }
    emitted.reverse();
    emitted
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn attackers_come_first_and_a_cycle_stays_together() {
        // 3 ⇄ 2, 2 → 1, 1 → 0, 4 → 0.
        let f = Framework::abstract_of(5, &[(3, 2), (2, 3), (2, 1), (1, 0), (4, 0)]);
        let order = upstream_first(&f, &[0, 1, 2, 3, 4]);
        let at = |a: usize| order.iter().position(|&x| x == a).unwrap();
        assert_eq!(order.len(), 5);
        assert!(at(2) < at(1) && at(3) < at(1) && at(1) < at(0) && at(4) < at(0));
        assert_eq!(at(2).abs_diff(at(3)), 1);
    }
}
