//! A demo organisation shaped like Pemprov DKI Jakarta, to try Siap without real data.
//!
//! Unit names and the counts of kota, kecamatan and kelurahan follow Jakarta's real
//! organisation; codes and headcounts are invented (plausible, deterministic, not official).

mod answers;
mod builder;
mod perangkat;
mod rng;
mod wilayah;

pub use answers::{demo_responses, DemoWave};
use builder::{OrgBuilder, Size};
use perangkat::{BIRO, BODIES};
use wilayah::WILAYAH;

use crate::units::{Unit, UnitKind};

/// The seed of the headcount generator; changing it changes every drawn headcount.
const SEED: u64 = 0x5349_4150_2D44_4B49; // "SIAP-DKI"

/// The demo organisation, parents before children; the same on every call.
pub fn demo_organisation() -> Vec<Unit> {
    let mut org = OrgBuilder::new(SEED);
    let root = org.add(
        None,
        "DKI",
        "Pemerintah Provinsi DKI Jakarta",
        UnitKind::Provinsi,
        Size::Exactly(12),
    );

    let setda = org.add(
        Some(&root),
        "SETDA",
        "Sekretariat Daerah",
        UnitKind::SekretariatDaerah,
        Size::Exactly(150),
    );
    for (segment, name, kind, headcount) in BIRO {
        org.add(Some(&setda), segment, name, kind, Size::Exactly(headcount));
    }
    for (segment, name, kind, headcount) in BODIES {
        org.add(Some(&root), segment, name, kind, Size::Exactly(headcount));
    }

    for wilayah in &WILAYAH {
        let full_name = format!(
            "{} {}",
            wilayah.kind.label(crate::units::Locale::Id),
            wilayah.name
        );
        let region = org.add(
            Some(&root),
            wilayah.segment,
            &full_name,
            wilayah.kind,
            Size::Exactly(wilayah.headcount),
        );
        for (segment, dinas) in wilayah.suku_dinas {
            let name = format!("Suku Dinas {dinas} {}", wilayah.name);
            org.add(
                Some(&region),
                segment,
                &name,
                UnitKind::SukuDinas,
                Size::Between(100, 600),
            );
        }
        for kecamatan in wilayah.kecamatan {
            let kec = org.add(
                Some(&region),
                kecamatan.segment,
                &format!("Kecamatan {}", kecamatan.name),
                UnitKind::Kecamatan,
                Size::Between(40, 90),
            );
            for (number, kelurahan) in kecamatan.kelurahan.iter().enumerate() {
                org.add(
                    Some(&kec),
                    &format!("KEL-{:02}", number + 1),
                    &format!("Kelurahan {kelurahan}"),
                    UnitKind::Kelurahan,
                    Size::Between(15, 40),
                );
            }
        }
    }
    org.finish()
}
