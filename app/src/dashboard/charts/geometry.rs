//! Plot coordinates: the arithmetic of the charts, apart from their markup.

use crate::dashboard::model::IndexInterval;

/// A plot area inside an SVG view box, with the index (0-100) on the vertical axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
}

impl Frame {
    /// Vertical position of an index; clamped so a wide interval stays inside the frame.
    pub fn y(&self, index: f64) -> f64 {
        let clamped = index.clamp(0.0, 100.0);
        self.top + self.height * (1.0 - clamped / 100.0)
    }

    /// Horizontal position of point `i` of `count`, spread evenly (one point sits centred).
    pub fn x(&self, i: usize, count: usize) -> f64 {
        if count <= 1 {
            self.left + self.width / 2.0
        } else {
            self.left + self.width * i as f64 / (count - 1) as f64
        }
    }
}

/// Consecutive visible points: a hidden wave breaks the line (and the band) instead of
/// being bridged, which would suggest a value where none is shown.
pub fn runs(values: &[Option<IndexInterval>]) -> Vec<Vec<(usize, IndexInterval)>> {
    let mut runs = Vec::new();
    let mut current = Vec::new();
    for (i, value) in values.iter().enumerate() {
        match value {
            Some(v) => current.push((i, *v)),
            None if !current.is_empty() => runs.push(std::mem::take(&mut current)),
            None => {}
        }
    }
    if !current.is_empty() {
        runs.push(current);
    }
    runs
}

/// `M x y L x y …` through the points' indices.
pub fn line_path(frame: &Frame, count: usize, run: &[(usize, IndexInterval)]) -> String {
    run.iter()
        .enumerate()
        .map(|(k, (i, v))| {
            let op = if k == 0 { 'M' } else { 'L' };
            format!("{op}{:.1} {:.1}", frame.x(*i, count), frame.y(v.index))
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// The confidence band: along the upper bounds, back along the lower bounds.
pub fn band_points(frame: &Frame, count: usize, run: &[(usize, IndexInterval)]) -> String {
    let upper = run
        .iter()
        .map(|(i, v)| format!("{:.1},{:.1}", frame.x(*i, count), frame.y(v.high)));
    let lower = run
        .iter()
        .rev()
        .map(|(i, v)| format!("{:.1},{:.1}", frame.x(*i, count), frame.y(v.low)));
    upper.chain(lower).collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(index: f64) -> Option<IndexInterval> {
        Some(IndexInterval {
            index,
            low: index - 5.0,
            high: index + 5.0,
        })
    }

    const FRAME: Frame = Frame {
        left: 10.0,
        top: 0.0,
        width: 100.0,
        height: 50.0,
    };

    #[test]
    fn axis_maps_zero_to_bottom_and_hundred_to_top() {
        assert_eq!(FRAME.y(0.0), 50.0);
        assert_eq!(FRAME.y(100.0), 0.0);
        assert_eq!(FRAME.y(120.0), 0.0);
        assert_eq!(FRAME.x(0, 3), 10.0);
        assert_eq!(FRAME.x(2, 3), 110.0);
        assert_eq!(FRAME.x(0, 1), 60.0);
    }

    #[test]
    fn hidden_waves_break_the_line() {
        let values = [at(50.0), None, at(60.0), at(70.0), None];
        let runs = runs(&values);
        assert_eq!(runs.len(), 2);
        assert_eq!(runs[0].len(), 1);
        assert_eq!(
            runs[1].iter().map(|(i, _)| *i).collect::<Vec<_>>(),
            vec![2, 3]
        );
        assert_eq!(line_path(&FRAME, 5, &runs[1]), "M60.0 20.0 L85.0 15.0");
        assert_eq!(
            band_points(&FRAME, 5, &runs[1]),
            "60.0,17.5 85.0,12.5 85.0,17.5 60.0,22.5"
        );
    }
}
