//! The A4 sheet of invitation slips: ten per page, each to be cut out and handed to one
//! person. A slip carries no name or number that could tie it to whoever received it.

use app::format::jakarta_time;
use chrono::{DateTime, Utc};
use domain::{units::Locale, waves::InvitationToken};

use super::{html::escape, qr};

/// One slip: the link, the code to type, and its QR code.
pub struct Slip {
    pub url: String,
    pub code: String,
    pub qr_svg: String,
}

impl Slip {
    pub fn new(base: &str, token: &InvitationToken) -> Self {
        let url = format!("{base}/s/{}", token.as_str());
        let qr_svg = qr::svg(&url).unwrap_or_default();
        Self {
            code: token.grouped(),
            url,
            qr_svg,
        }
    }
}

pub struct SlipSheet {
    pub wave_title: String,
    pub unit_name: String,
    pub closes_at: DateTime<Utc>,
    pub slips: Vec<Slip>,
}

const STYLE: &str = "
@page { size: A4; margin: 10mm; }
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0; color: #111; }
.toolbar { padding: 1rem; }
.toolbar button { font-size: 1rem; padding: .5rem 1rem; }
.sheet { display: grid; grid-template-columns: 1fr 1fr; gap: 0; width: 190mm; margin: 0 auto; }
.slip { height: 55mm; border: 1px dashed #888; padding: 3mm 4mm; display: grid;
        grid-template-columns: 30mm 1fr; gap: 3mm; align-items: center; break-inside: avoid; }
.slip svg { width: 30mm; height: 30mm; }
.slip h2 { font-size: 10pt; margin: 0 0 1mm; }
.slip p { font-size: 8pt; margin: 0 0 1mm; line-height: 1.25; }
.slip .code { font-family: ui-monospace, monospace; font-size: 12pt; font-weight: bold; letter-spacing: .05em; }
.slip .url { font-family: ui-monospace, monospace; font-size: 7.5pt; word-break: break-all; }
@media print { .toolbar { display: none; } }
";

impl SlipSheet {
    pub fn to_html(&self) -> String {
        let title = escape(&self.wave_title);
        let unit = escape(&self.unit_name);
        let closes = jakarta_time(self.closes_at, Locale::Id);
        let mut out = String::with_capacity(2_000 + self.slips.len() * 6_000);
        out.push_str("<!DOCTYPE html><html lang=\"id\"><head><meta charset=\"utf-8\">");
        out.push_str("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">");
        out.push_str(&format!(
            "<title>Undangan survei · {title} · {unit}</title>"
        ));
        out.push_str(&format!("<style>{STYLE}</style></head><body>"));
        out.push_str(&format!(
            "<div class=\"toolbar\"><h1>{title} · {unit}</h1><p>{} lembar undangan. Gunting per kotak; \
             bagikan satu lembar per pegawai secara acak, tanpa mencatat siapa menerima yang mana.</p>\
             <button onclick=\"window.print()\">Cetak</button></div>",
            self.slips.len()
        ));
        out.push_str("<main class=\"sheet\" data-testid=\"slips\">");
        for slip in &self.slips {
            out.push_str(&format!(
                "<section class=\"slip\">{qr}<div><h2>Survei kesiapan perubahan</h2>\
                 <p>{unit} · {title}</p>\
                 <p>Pindai kode QR atau buka alamat di bawah. Jawaban Anda anonim. Berlaku satu kali, sampai {closes}.</p>\
                 <p class=\"code\">{code}</p><p class=\"url\">{url}</p></div></section>",
                qr = slip.qr_svg,
                code = escape(&slip.code),
                url = escape(&slip.url),
            ));
        }
        out.push_str("</main></body></html>");
        out
    }

    /// `code,url` per unused token: the tokens and links are plain ASCII, never quoted.
    pub fn to_csv(&self) -> String {
        let mut out = String::from("code,url\n");
        for slip in &self.slips {
            out.push_str(&slip.code);
            out.push(',');
            out.push_str(&slip.url);
            out.push('\n');
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sheet() -> SlipSheet {
        let token = InvitationToken::from_random_bytes(&[7u8; 16]);
        SlipSheet {
            wave_title: "Gelombang <1>".to_owned(),
            unit_name: "Kelurahan \"Gambir\"".to_owned(),
            closes_at: DateTime::parse_from_rfc3339("2026-12-01T10:00:00Z")
                .expect("a timestamp")
                .with_timezone(&Utc),
            slips: vec![Slip::new("https://siap.example", &token)],
        }
    }

    #[test]
    fn sheet_escapes_names_and_shows_jakarta_time() {
        let html = sheet().to_html();
        assert!(html.contains("Gelombang &lt;1&gt;"));
        assert!(html.contains("Kelurahan &quot;Gambir&quot;"));
        assert!(html.contains("01-12-2026 17.00 WIB"));
        assert!(html.contains("<svg"));
        assert!(!html.contains("<1>"));
    }

    #[test]
    fn csv_has_one_line_per_slip() {
        let csv = sheet().to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines[0], "code,url");
        assert_eq!(lines.len(), 2);
        assert!(lines[1].contains(",https://siap.example/s/"));
    }
}
