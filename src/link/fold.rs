//! Labels folded for comparison (case, accents, punctuation, hyphens and spaces), and how close two folded labels are.

use unicode_normalization::UnicodeNormalization;

/// A label folded for comparison: its tokens (lower case, accents removed,
/// punctuation and hyphens as spaces) and those tokens run together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Folded {
    pub tokens: Vec<String>,
    pub compact: String,
}

/// Folds `text`: NFKD, combining marks dropped, lower case, every character
/// that is not a letter or digit a token break. "Ri Yong-ho", "Ri Yong Ho"
/// and "Ri Yongho" share the compact form `riyongho`.
pub fn fold(text: &str) -> Folded {
    let mut tokens = Vec::new();
    let mut current = String::new();
    for c in text.nfkd() {
        if unicode_normalization::char::is_combining_mark(c) {
            continue;
        }
        // Apostrophes join rather than split: "Children's" is one word.
        if matches!(c, '\'' | '’' | 'ʼ' | '‘') {
            continue;
        }
        if c.is_alphanumeric() {
            current.extend(c.to_lowercase());
        } else if !current.is_empty() {
            tokens.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        tokens.push(current);
    }
    let compact = tokens.concat();
    Folded { tokens, compact }
}

/// How far apart two strings are, as a similarity in [0, 1]: one minus the
/// Levenshtein distance over the longer length.
pub fn similarity(a: &str, b: &str) -> f64 {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let longest = a.len().max(b.len());
    if longest == 0 {
        return 1.0;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.iter().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitution = previous[j] + usize::from(ca != cb);
            current[j + 1] = substitution.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    1.0 - previous[b.len()] as f64 / longest as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_meets_variants() {
        let a = fold("Ri Yong-ho");
        assert_eq!(a.compact, fold("Ri Yong Ho").compact);
        assert_eq!(a.compact, fold("Ri Yongho").compact);
        assert_eq!(
            fold("António Guterres").compact,
            fold("Antonio Guterres").compact
        );
        assert_eq!(fold("United Nations Children's Fund").tokens.len(), 4);
    }

    #[test]
    fn similarity_is_one_minus_the_edit_distance_over_the_longer_length() {
        assert_eq!(similarity("kimjongun", "kimjongun"), 1.0);
        assert!((similarity("kimjongun", "kimjongil") - 7.0 / 9.0).abs() < 1e-9);
        assert_eq!(similarity("", ""), 1.0);
    }
}
