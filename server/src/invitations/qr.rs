//! QR codes as inline SVG, so the sheet prints sharply at any size and needs no images.

use qrcode::{render::svg, EcLevel, QrCode};

/// The QR code of `text` as an SVG element, or `None` if the text is too long for a QR
/// code (a survey link never is).
pub fn svg(text: &str) -> Option<String> {
    // Level M survives a crease or a smudge on a printed slip.
    let code = QrCode::with_error_correction_level(text.as_bytes(), EcLevel::M).ok()?;
    Some(
        code.render::<svg::Color<'_>>()
            .min_dimensions(112, 112)
            .quiet_zone(true)
            .build(),
    )
}

#[cfg(test)]
mod tests {
    #[test]
    fn renders_an_svg_element() {
        let svg = super::svg("https://siap.example/s/abcd2345efgh").expect("a QR code");
        assert!(svg.contains("<svg"), "{svg}");
        assert!(svg.contains("</svg>"));
    }
}
