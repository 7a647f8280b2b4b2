//! Two actors of a draft that reuse one known key folded into one, with their names and mentions.

use super::Actors;

impl Actors<'_> {
    /// Folds each actor `i` of `pairs` into its `j`: its names become
    /// aliases of `j`, and its mentions mentions of `j`.
    pub(super) fn merge(&mut self, pairs: &[(usize, usize)]) {
        if pairs.is_empty() {
            return;
        }
        let mut into: Vec<usize> = (0..self.list.len()).collect();
        for &(i, j) in pairs {
            into[i] = j;
            let gone = self.list[i].clone();
            let kept = &mut self.list[j];
            for name in std::iter::once(gone.name).chain(gone.aliases) {
                if name != kept.name && !kept.aliases.contains(&name) {
                    kept.aliases.push(name);
                }
            }
        }
        // New indexes once the folded actors are gone.
        let mut index = vec![0; self.list.len()];
        let mut next = 0;
        for (i, slot) in index.iter_mut().enumerate() {
            if into[i] == i {
                *slot = next;
                next += 1;
            }
        }
        let at = |a: usize| index[into[a]];
        let mut i = 0;
        self.list.retain(|_| {
            i += 1;
            into[i - 1] == i - 1
        });
        for mentions in self.mentions.values_mut() {
            let mut seen = Vec::new();
            mentions.retain_mut(|(_, a)| {
                *a = at(*a);
                let new = !seen.contains(a);
                seen.push(*a);
                new
            });
        }
        self.author = self.author.map(at);
        self.publisher = self.publisher.map(at);
    }
}
