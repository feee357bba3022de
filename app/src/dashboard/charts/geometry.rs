//! Plot coordinates: the arithmetic of the charts, apart from their markup.

use crate::dashboard::model::IndexInterval;

/// A plot area inside an SVG view box, with the index from `low` to `high` (within 0-100)
/// on the vertical axis.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Frame {
    pub left: f64,
    pub top: f64,
    pub width: f64,
    pub height: f64,
    pub low: f64,
    pub high: f64,
}

impl Frame {
    /// Vertical position of an index; clamped so a wide interval stays inside the frame.
    pub fn y(&self, index: f64) -> f64 {
        let clamped = index.clamp(self.low, self.high);
        self.top + self.height * (1.0 - (clamped - self.low) / (self.high - self.low))
    }

    /// The same frame with its axis narrowed to the values (in steps of 10, at least 20
    /// points wide): changes of a few points stay visible, and the axis is labelled.
    pub fn zoomed(self, values: &[Option<IndexInterval>]) -> Frame {
        let shown = values.iter().flatten();
        let (min, max) = shown.fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v.low), hi.max(v.high))
        });
        if !min.is_finite() || !max.is_finite() {
            return self;
        }
        let mut low = ((min - 5.0) / 10.0).floor() * 10.0;
        let mut high = ((max + 5.0) / 10.0).ceil() * 10.0;
        if high - low < 20.0 {
            low -= 10.0;
            high += 10.0;
        }
        Frame {
            low: low.max(0.0),
            high: high.min(100.0),
            ..self
        }
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
        low: 0.0,
        high: 100.0,
    };

    #[test]
    fn the_axis_zooms_to_the_values() {
        let zoomed = FRAME.zoomed(&[at(62.0), None, at(66.0)]);
        assert_eq!((zoomed.low, zoomed.high), (50.0, 80.0));
        let narrow = FRAME.zoomed(&[Some(IndexInterval {
            index: 50.0,
            low: 49.0,
            high: 51.0,
        })]);
        assert_eq!((narrow.low, narrow.high), (40.0, 60.0));
        assert_eq!(FRAME.zoomed(&[None]), FRAME);
        let edge = FRAME.zoomed(&[at(97.0)]);
        assert_eq!(edge.high, 100.0);
    }

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
