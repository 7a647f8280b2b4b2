//! A layered (Sugiyama-style) layout that scales to thousands of nodes: cycle breaking by depth-first search, longest-path layering, barycentre ordering in a few sweeps, and one vertical band per group.
//!
//! Every band (a hypothesis's support tree, or the nodes shared between
//! trees) gets its own columns, so the boxes drawn around groups never
//! overlap. Long edges get no dummy nodes: their ends still pull on each
//! other's order through the barycentres, which is enough for argument maps
//! and keeps the layout linear in the number of edges per sweep.

/// Where each node goes: its centre, and the drawing's size.
#[derive(Debug, Clone)]
pub struct Layout {
    /// Centre of each node.
    pub centres: Vec<(f64, f64)>,
    /// The layer of each node, 0 at the top.
    pub layers: Vec<usize>,
    /// Left edge and width of each band.
    pub bands: Vec<(f64, f64)>,
    pub width: f64,
    pub height: f64,
}

/// Space between nodes of a layer, between layers, between bands, and around the drawing.
pub const NODE_GAP: f64 = 24.0;
pub const LAYER_GAP: f64 = 64.0;
pub const BAND_GAP: f64 = 48.0;
pub const MARGIN: f64 = 40.0;
const SWEEPS: usize = 4;

/// Lays out `sizes.len()` nodes of sizes `sizes` (width, height). Each edge
/// is `(upper, lower)`: the first is drawn in a layer above the second when
/// the edges allow. `band[i]` (below `bands`) is node i's band, drawn left
/// to right in band order; the last band is drawn across the top, above the
/// others (argmap's pictures put their questions there).
pub fn layered(
    sizes: &[(f64, f64)],
    edges: &[(usize, usize)],
    band: &[usize],
    bands: usize,
) -> Layout {
    let n = sizes.len();
    let mut down: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(u, l) in edges {
        if u != l && u < n && l < n {
            down[u].push(l);
        }
    }
    let down = break_cycles(&down);
    let mut up: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (u, lowers) in down.iter().enumerate() {
        for &l in lowers {
            up[l].push(u);
        }
    }
    let layer = longest_path_layers(&down, &up);
    let rows = ordered_rows(&layer, &up, &down, band);
    let band_width = band_widths(&rows, sizes, band, bands);
    let mut band_left = Vec::with_capacity(band_width.len());
    let mut x = MARGIN;
    for &w in &band_width {
        band_left.push(x);
        if w > 0.0 {
            x += w + BAND_GAP;
        }
    }
    let width = (x - BAND_GAP).max(MARGIN) + MARGIN;
    let (centres, y) = centres(&rows, sizes, band, &band_left, &band_width);
    Layout {
        centres,
        layers: layer,
        bands: band_left.into_iter().zip(band_width).collect(),
        width,
        height: y - LAYER_GAP + MARGIN + 24.0,
    }
}

/// Each node's layer, by longest path from the top, in topological order (Kahn).
fn longest_path_layers(down: &[Vec<usize>], up: &[Vec<usize>]) -> Vec<usize> {
    let mut indegree: Vec<usize> = up.iter().map(Vec::len).collect();
    let mut layer = vec![0usize; down.len()];
    let mut ready: Vec<usize> = (0..down.len()).filter(|&v| indegree[v] == 0).collect();
    while let Some(u) = ready.pop() {
        for &l in &down[u] {
            layer[l] = layer[l].max(layer[u] + 1);
            indegree[l] -= 1;
            if indegree[l] == 0 {
                ready.push(l);
            }
        }
    }
    // A node nothing is above (an event that only names its participants,
    // say) goes just above the highest of the nodes below it, not to the
    // top, where it would open a row of its own far from them.
    for v in (0..down.len()).filter(|&v| up[v].is_empty()) {
        if let Some(lowest) = down[v].iter().map(|&l| layer[l]).min() {
            layer[v] = lowest.saturating_sub(1);
        }
    }
    layer
}

/// The nodes of each layer, left to right: band by band, and within a band
/// by the barycentre of their neighbours, over a few sweeps down and up.
fn ordered_rows(
    layer: &[usize],
    up: &[Vec<usize>],
    down: &[Vec<usize>],
    band: &[usize],
) -> Vec<Vec<usize>> {
    let n = layer.len();
    let depth = layer.iter().copied().max().map_or(0, |m| m + 1);
    let mut rows: Vec<Vec<usize>> = vec![Vec::new(); depth];
    for v in 0..n {
        rows[layer[v]].push(v);
    }
    let mut rank = vec![0.0f64; n];
    let place =
        |rows: &mut Vec<Vec<usize>>, rank: &mut Vec<f64>, l: usize, key: &dyn Fn(usize) -> f64| {
            let mut keyed: Vec<(usize, f64, usize)> =
                rows[l].iter().map(|&v| (band[v], key(v), v)).collect();
            keyed.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.total_cmp(&b.1)).then(a.2.cmp(&b.2)));
            let len = keyed.len() as f64;
            rows[l] = keyed.iter().map(|k| k.2).collect();
            for (i, &v) in rows[l].iter().enumerate() {
                rank[v] = (i as f64 + 0.5) / len;
            }
        };
    for l in 0..depth {
        place(&mut rows, &mut rank, l, &|v| v as f64);
    }
    for _ in 0..SWEEPS {
        for l in 1..depth {
            let snapshot = rank.clone();
            place(&mut rows, &mut rank, l, &|v| {
                barycentre(&up[v], &snapshot).unwrap_or(snapshot[v])
            });
        }
        for l in (0..depth.saturating_sub(1)).rev() {
            let snapshot = rank.clone();
            place(&mut rows, &mut rank, l, &|v| {
                barycentre(&down[v], &snapshot).unwrap_or(snapshot[v])
            });
        }
    }
    rows
}

/// The widest a band's row may grow before the rest of its layer wraps to
/// a row below: two of the widest boxes, or three narrower. A layer of
/// twelve pieces of evidence then takes a few short rows rather than one
/// long one, which keeps a whole brief's drawing a few screens wide instead
/// of many.
pub const ROW_WIDTH: f64 = 620.0;

/// A band's nodes of one layer (in their order) cut into rows no wider than
/// [`ROW_WIDTH`]; a row holds at least one node however wide.
fn rows_of(members: &[usize], sizes: &[(f64, f64)]) -> Vec<Vec<usize>> {
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut width = 0.0;
    for &v in members {
        let w = sizes[v].0;
        match rows.last_mut() {
            Some(row) if width + NODE_GAP + w <= ROW_WIDTH => {
                row.push(v);
                width += NODE_GAP + w;
            }
            _ => {
                rows.push(vec![v]);
                width = w;
            }
        }
    }
    rows
}

fn row_width(row: &[usize], sizes: &[(f64, f64)]) -> f64 {
    row.iter().map(|&v| sizes[v].0).sum::<f64>() + NODE_GAP * row.len().saturating_sub(1) as f64
}

/// The nodes of `row` (one layer) in band `b`, in order.
fn members(row: &[usize], band: &[usize], b: usize) -> Vec<usize> {
    row.iter().copied().filter(|&v| band[v] == b).collect()
}

/// Each band's width: its widest row.
fn band_widths(
    rows: &[Vec<usize>],
    sizes: &[(f64, f64)],
    band: &[usize],
    bands: usize,
) -> Vec<f64> {
    let mut band_width = vec![0.0f64; bands.max(1)];
    for row in rows {
        for (b, width) in band_width.iter_mut().enumerate() {
            for part in rows_of(&members(row, band, b), sizes) {
                *width = width.max(row_width(&part, sizes));
            }
        }
    }
    band_width
}

/// Each node's centre, each row centred in its band; and the `y` below the
/// last layer. The last band (the questions) is drawn first, across the
/// top; below it every other band stacks its own layers, so that a band
/// with a tall layer (many rows) does not push the others down and leave
/// them a blank band.
fn centres(
    rows: &[Vec<usize>],
    sizes: &[(f64, f64)],
    band: &[usize],
    band_left: &[f64],
    band_width: &[f64],
) -> (Vec<(f64, f64)>, f64) {
    let mut centres = vec![(0.0, 0.0); sizes.len()];
    let header = band_width.len() - 1;
    let stack = |b: usize, top: f64, centres: &mut [(f64, f64)]| -> f64 {
        let mut y = top;
        for row in rows {
            let parts = rows_of(&members(row, band, b), sizes);
            if parts.is_empty() {
                continue;
            }
            for part in parts {
                let height = part.iter().map(|&v| sizes[v].1).fold(0.0, f64::max);
                let mut left = band_left[b] + (band_width[b] - row_width(&part, sizes)) / 2.0;
                for v in part {
                    centres[v] = (left + sizes[v].0 / 2.0, y + height / 2.0);
                    left += sizes[v].0 + NODE_GAP;
                }
                y += height + NODE_GAP;
            }
            y += LAYER_GAP - NODE_GAP;
        }
        y
    };
    let top = stack(header, MARGIN + 24.0, &mut centres);
    let mut bottom = top;
    for b in 0..header {
        bottom = bottom.max(stack(b, top, &mut centres));
    }
    (centres, bottom)
}

fn barycentre(neighbours: &[usize], rank: &[f64]) -> Option<f64> {
    if neighbours.is_empty() {
        return None;
    }
    Some(neighbours.iter().map(|&v| rank[v]).sum::<f64>() / neighbours.len() as f64)
}

/// `down` without the edges that close a cycle (back edges of an iterative
/// depth-first search, so deep graphs cannot overflow the stack).
fn break_cycles(down: &[Vec<usize>]) -> Vec<Vec<usize>> {
    let n = down.len();
    // 0 unseen, 1 on the stack, 2 done.
    let mut state = vec![0u8; n];
    let mut kept: Vec<Vec<usize>> = vec![Vec::new(); n];
    for root in 0..n {
        if state[root] != 0 {
            continue;
        }
        let mut stack: Vec<(usize, usize)> = vec![(root, 0)];
        state[root] = 1;
        while let Some(top) = stack.last_mut() {
            let v = top.0;
            if top.1 < down[v].len() {
                let w = down[v][top.1];
                top.1 += 1;
                match state[w] {
                    0 => {
                        kept[v].push(w);
                        state[w] = 1;
                        stack.push((w, 0));
                    }
                    1 => {} // a back edge: dropped
                    _ => kept[v].push(w),
                }
            } else {
                state[v] = 2;
                stack.pop();
            }
        }
    }
    kept
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_follow_the_edges_and_cycles_do_not_hang() {
        let sizes = vec![(10.0, 10.0); 4];
        let l = layered(
            &sizes,
            &[(0, 1), (1, 2), (0, 2), (2, 3), (3, 0)],
            &[0; 4],
            1,
        );
        assert_eq!(l.layers[..3], [0, 1, 2]);
        assert!(l.centres[0].1 < l.centres[1].1 && l.centres[1].1 < l.centres[2].1);
    }

    #[test]
    fn bands_do_not_overlap() {
        let sizes = vec![(50.0, 10.0); 4];
        let l = layered(&sizes, &[(0, 1), (2, 3)], &[0, 0, 1, 1], 2);
        let (left0, w0) = l.bands[0];
        assert!(left0 + w0 < l.bands[1].0);
        assert!(l.centres[0].0 < l.centres[2].0);
    }
}
