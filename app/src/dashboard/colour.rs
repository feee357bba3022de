//! Colours of readiness indices: six classes of ColorBrewer's RdYlBu scheme, which stays
//! distinguishable for the common colour-vision deficiencies and in greyscale print. The
//! number is always printed in the cell as well, so colour is never the only carrier.

/// One class of the heatmap's legend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexClass {
    /// Indices from this value (inclusive) up to the next class.
    pub from: u8,
    pub background: &'static str,
    /// Ink with at least 4.5:1 contrast on the background.
    pub ink: &'static str,
}

/// Low (red) to high (blue).
pub const CLASSES: [IndexClass; 6] = [
    IndexClass {
        from: 0,
        background: "#d73027",
        ink: "#ffffff",
    },
    IndexClass {
        from: 40,
        background: "#fc8d59",
        ink: "#000000",
    },
    IndexClass {
        from: 50,
        background: "#fee090",
        ink: "#000000",
    },
    IndexClass {
        from: 60,
        background: "#e0f3f8",
        ink: "#000000",
    },
    IndexClass {
        from: 70,
        background: "#91bfdb",
        ink: "#000000",
    },
    IndexClass {
        from: 80,
        background: "#4575b4",
        ink: "#ffffff",
    },
];

/// The class an index (0-100) falls in.
pub fn class_of(index: f64) -> IndexClass {
    CLASSES
        .iter()
        .rev()
        .find(|class| index >= f64::from(class.from))
        .copied()
        .unwrap_or(CLASSES[0])
}

/// `background:…;color:…` for a cell.
pub fn cell_style(index: f64) -> String {
    let class = class_of(index);
    format!("background:{};color:{}", class.background, class.ink)
}

/// The upper bound of a class for the legend ("40–49").
pub fn class_upper(position: usize) -> Option<u8> {
    CLASSES.get(position + 1).map(|next| next.from - 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn luminance(hex: &str) -> f64 {
        let channel = |at: usize| {
            let v = f64::from(u8::from_str_radix(&hex[at..at + 2], 16).expect("hex")) / 255.0;
            if v <= 0.03928 {
                v / 12.92
            } else {
                ((v + 0.055) / 1.055).powf(2.4)
            }
        };
        0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5)
    }

    fn contrast(a: &str, b: &str) -> f64 {
        let (la, lb) = (luminance(a), luminance(b));
        (la.max(lb) + 0.05) / (la.min(lb) + 0.05)
    }

    #[test]
    fn every_class_has_readable_ink() {
        for class in CLASSES {
            let ratio = contrast(class.background, class.ink);
            assert!(
                ratio >= 4.5,
                "{} on {}: {ratio:.2}",
                class.ink,
                class.background
            );
        }
    }

    #[test]
    fn indices_fall_in_their_class() {
        assert_eq!(class_of(0.0).from, 0);
        assert_eq!(class_of(39.99).from, 0);
        assert_eq!(class_of(40.0).from, 40);
        assert_eq!(class_of(65.2).from, 60);
        assert_eq!(class_of(100.0).from, 80);
        assert_eq!(class_upper(0), Some(39));
        assert_eq!(class_upper(5), None);
    }
}
