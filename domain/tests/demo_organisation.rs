//! The demo organisation: Jakarta's shape, determinism, and validity under the importer.
#![allow(clippy::unwrap_used)]

use std::collections::{BTreeMap, HashMap, HashSet};

use domain::demo::demo_organisation;
use domain::units::csv::{import_units, to_csv};
use domain::units::{Unit, UnitKind};

fn count(units: &[Unit], kind: UnitKind) -> usize {
    units.iter().filter(|u| u.kind == kind).count()
}

#[test]
fn has_jakartas_territorial_counts() {
    let units = demo_organisation();
    assert_eq!(count(&units, UnitKind::Provinsi), 1);
    assert_eq!(count(&units, UnitKind::KotaAdministrasi), 5);
    assert_eq!(count(&units, UnitKind::KabupatenAdministrasi), 1);
    assert_eq!(count(&units, UnitKind::Kecamatan), 44);
    assert_eq!(count(&units, UnitKind::Kelurahan), 267);
    assert_eq!(count(&units, UnitKind::Biro), 8);
    assert!((20..=25).contains(&count(&units, UnitKind::Dinas)));
    assert!((8..=10).contains(&count(&units, UnitKind::Badan)));
    assert!((350..=420).contains(&units.len()), "{} units", units.len());
}

#[test]
fn kecamatan_sit_under_the_right_kota() {
    let units = demo_organisation();
    let by_code: HashMap<&str, &Unit> = units.iter().map(|u| (u.code.as_str(), u)).collect();
    let mut kecamatan_per_region: BTreeMap<&str, usize> = BTreeMap::new();
    let mut kelurahan_per_region: BTreeMap<&str, usize> = BTreeMap::new();
    for unit in &units {
        let parent = || by_code[unit.parent.as_ref().unwrap().as_str()];
        match unit.kind {
            UnitKind::Kecamatan => {
                *kecamatan_per_region
                    .entry(parent().name.as_str())
                    .or_default() += 1;
            }
            UnitKind::Kelurahan => {
                let kecamatan = parent();
                assert_eq!(kecamatan.kind, UnitKind::Kecamatan);
                let region = by_code[kecamatan.parent.as_ref().unwrap().as_str()];
                *kelurahan_per_region
                    .entry(region.name.as_str())
                    .or_default() += 1;
            }
            _ => {}
        }
    }
    let expected: BTreeMap<&str, usize> = [
        ("Kota Administrasi Jakarta Pusat", 8),
        ("Kota Administrasi Jakarta Utara", 6),
        ("Kota Administrasi Jakarta Barat", 8),
        ("Kota Administrasi Jakarta Selatan", 10),
        ("Kota Administrasi Jakarta Timur", 10),
        ("Kabupaten Administrasi Kepulauan Seribu", 2),
    ]
    .into();
    assert_eq!(kecamatan_per_region, expected);
    assert_eq!(
        by_code["DKI.JAKPUS.KEC-MENTENG"].name.as_str(),
        "Kecamatan Menteng"
    );
    assert_eq!(
        by_code["DKI.JAKPUS.KEC-MENTENG.KEL-01"].name.as_str(),
        "Kelurahan Menteng"
    );
    assert_eq!(kelurahan_per_region.values().sum::<usize>(), 267);
}

#[test]
fn is_deterministic() {
    assert_eq!(demo_organisation(), demo_organisation());
}

#[test]
fn codes_are_unique_and_readable() {
    let units = demo_organisation();
    let codes: HashSet<&str> = units.iter().map(|u| u.code.as_str()).collect();
    assert_eq!(codes.len(), units.len());
    for code in [
        "DKI",
        "DKI.SETDA",
        "DKI.SETDA.BIRO-ORB",
        "DKI.DINAS-PENDIDIKAN",
        "DKI.JAKPUS",
        "DKI.JAKPUS.SUDIN-PENDIDIKAN",
        "DKI.KEPSERIBU.KEC-KS-SELATAN.KEL-03",
    ] {
        assert!(codes.contains(code), "{code}");
    }
}

#[test]
fn headcounts_are_plausible() {
    let units = demo_organisation();
    let total: u64 = units.iter().map(|u| u64::from(u.headcount.get())).sum();
    assert!(
        (55_000..=70_000).contains(&total),
        "total headcount {total}"
    );
    for unit in &units {
        let n = unit.headcount.get();
        let range = match unit.kind {
            UnitKind::Kelurahan => 15..=40,
            UnitKind::Kecamatan => 40..=90,
            UnitKind::SukuDinas => 100..=600,
            UnitKind::Dinas => 200..=40_000,
            _ => 1..=3_000,
        };
        assert!(range.contains(&n), "{} has {n}", unit.code);
    }
}

#[test]
fn passes_the_importers_validation() {
    let units = demo_organisation();
    let csv = to_csv(&units);
    let plan = import_units(csv.as_bytes(), &[]).unwrap();
    assert_eq!(plan.creates().count(), units.len());
    assert_eq!(plan.updates().count(), 0);
    // Importing it again over itself changes nothing.
    let again = import_units(csv.as_bytes(), &units).unwrap();
    assert!(again.is_empty());
    assert_eq!(again.unchanged(), units.len());
}

#[test]
fn print_totals() {
    // Shown with `cargo test -- --nocapture`; documents the demo's size.
    let units = demo_organisation();
    let total: u32 = units.iter().map(|u| u.headcount.get()).sum();
    println!("demo: {} units, headcount {total}", units.len());
    for kind in UnitKind::ALL {
        let of_kind: Vec<_> = units.iter().filter(|u| u.kind == kind).collect();
        if !of_kind.is_empty() {
            let sum: u32 = of_kind.iter().map(|u| u.headcount.get()).sum();
            println!("  {kind}: {} units, headcount {sum}", of_kind.len());
        }
    }
}
