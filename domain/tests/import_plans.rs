//! What a valid import plans: creations and updates, parents first, unchanged rows counted,
//! and export → import round trips.
#![allow(clippy::unwrap_used)]

mod common;

use std::collections::HashSet;

use common::{code, existing, plan, unit};
use domain::units::csv::{import_units, to_csv, ImportPlan, PlanStep};
use domain::units::{Unit, UnitKind};

/// Every step's parent is either existing or placed by an earlier step.
fn assert_parents_first(plan: &ImportPlan, existing: &[Unit]) {
    let mut placed: HashSet<_> = existing.iter().map(|u| u.code.clone()).collect();
    for step in plan.steps() {
        if let Some(parent) = &step.unit().parent {
            assert!(
                placed.contains(parent),
                "{} before its parent {parent}",
                step.unit().code
            );
        }
        placed.insert(step.unit().code.clone());
    }
}

#[test]
fn creates_in_parent_first_order_whatever_the_file_order() {
    let plan = plan(
        "A.1.1,Seksi,seksi,A.1,5\nA.1,Bidang,bidang,A,10\nA,Dinas A,dinas,DKI,100\nDKI,Pemprov,provinsi,,10\nB,Badan B,badan,DKI,50\n",
        &[],
    );
    let codes: Vec<_> = plan.creates().map(|u| u.code.as_str().to_owned()).collect();
    assert_eq!(codes, ["DKI", "A", "B", "A.1", "A.1.1"]);
    assert_parents_first(&plan, &[]);
    assert_eq!(plan.updates().count(), 0);
}

#[test]
fn reimport_updates_only_changed_rows() {
    let existing = existing();
    let mut csv = to_csv(&existing);
    // Change the biro's name and the kecamatan's headcount; leave the rest as exported.
    csv = csv.replace(
        "Unit DKI.SETDA.BIRO-ORB",
        "Biro Organisasi dan Reformasi Birokrasi",
    );
    csv = csv.replace("kecamatan,DKI.JAKPUS,60", "kecamatan,DKI.JAKPUS,64");
    let plan = import_units(csv.as_bytes(), &existing).unwrap();
    assert_eq!(plan.creates().count(), 0);
    assert_eq!(plan.unchanged(), 3);
    let updates: Vec<_> = plan.updates().collect();
    assert_eq!(updates.len(), 2);
    assert_eq!(updates[0].code(), &code("DKI.SETDA.BIRO-ORB"));
    assert_eq!(updates[0].changed_columns(), ["name"]);
    assert_eq!(updates[0].before().name.as_str(), "Unit DKI.SETDA.BIRO-ORB");
    assert_eq!(updates[1].code(), &code("DKI.JAKPUS.KEC-MENTENG"));
    assert_eq!(updates[1].changed_columns(), ["headcount"]);
    assert_eq!(updates[1].after().headcount.get(), 64);
}

#[test]
fn a_partial_file_touches_only_its_rows() {
    let plan = plan(
        "DKI.SETDA.BIRO-HUKUM,Biro Hukum,biro,DKI.SETDA,90\n",
        &existing(),
    );
    assert_eq!(plan.steps().len(), 1);
    assert_eq!(plan.unchanged(), 0);
    assert!(matches!(plan.steps()[0], PlanStep::Create { .. }));
}

#[test]
fn moving_an_existing_unit_under_a_new_one_comes_after_creating_it() {
    // A new "Wilayah I" group between Jakarta Pusat and Kecamatan Menteng.
    let existing = existing();
    let plan = plan(
        "DKI.JAKPUS.KEC-MENTENG,Unit DKI.JAKPUS.KEC-MENTENG,kecamatan,DKI.JAKPUS.W1,60\nDKI.JAKPUS.W1,Wilayah I,lainnya,DKI.JAKPUS,0\n",
        &existing,
    );
    let actions: Vec<_> = plan
        .steps()
        .iter()
        .map(|s| match s {
            PlanStep::Create { unit } => format!("create {}", unit.code),
            PlanStep::Update { update } => {
                format!("update {} {:?}", update.code(), update.changed_columns())
            }
        })
        .collect();
    assert_eq!(
        actions,
        [
            "create DKI.JAKPUS.W1",
            "update DKI.JAKPUS.KEC-MENTENG [\"parent_code\"]"
        ]
    );
    assert_parents_first(&plan, &existing);
}

#[test]
fn swapping_parent_and_child_is_ordered_by_the_new_tree() {
    // SETDA > BIRO-ORB becomes BIRO-ORB > SETDA: the biro moves up first.
    let existing = existing();
    let plan = plan(
        "DKI.SETDA,Unit DKI.SETDA,sekretariat_daerah,DKI.SETDA.BIRO-ORB,100\nDKI.SETDA.BIRO-ORB,Unit DKI.SETDA.BIRO-ORB,biro,DKI,80\n",
        &existing,
    );
    let codes: Vec<_> = plan
        .updates()
        .map(|u| u.code().as_str().to_owned())
        .collect();
    assert_eq!(codes, ["DKI.SETDA.BIRO-ORB", "DKI.SETDA"]);
}

#[test]
fn apply_gives_the_organisation_after_the_import() {
    let existing = existing();
    let plan = plan(
        "DKI.JAKPUS,Kota Administrasi Jakarta Pusat,kota_administrasi,DKI,480\nDKI.JAKUT,Kota Administrasi Jakarta Utara,kota_administrasi,DKI,450\n",
        &existing,
    );
    let after = plan.apply(&existing);
    assert_eq!(after.len(), 6);
    assert_eq!(after[3].name.as_str(), "Kota Administrasi Jakarta Pusat");
    assert_eq!(after[5].code, code("DKI.JAKUT"));
    // Exporting the result and importing it over itself changes nothing.
    let again = import_units(to_csv(&after).as_bytes(), &after).unwrap();
    assert!(again.is_empty());
    assert_eq!(again.unchanged(), 6);
}

#[test]
fn export_then_import_round_trips_to_no_changes() {
    let mut units = existing();
    units.push(Unit {
        name: domain::units::UnitName::parse("Dinas \"Uji\"; koma, dan titik koma — ünïcode")
            .unwrap(),
        ..unit("DKI.DINAS-UJI", UnitKind::Dinas, Some("DKI"), 1_000_000)
    });
    units.push(unit(
        "DKI.JAKPUS.KEC-MENTENG.KEL-01",
        UnitKind::Kelurahan,
        Some("DKI.JAKPUS.KEC-MENTENG"),
        0,
    ));
    // Stored in any order: the export still puts parents first.
    units.reverse();
    let csv = to_csv(&units);
    assert!(csv.starts_with("code,name,kind,parent_code,headcount\r\nDKI,"));
    let plan = import_units(csv.as_bytes(), &units).unwrap();
    assert!(plan.is_empty());
    assert_eq!(plan.unchanged(), units.len());
    // And into an empty organisation it recreates the same units.
    let fresh = import_units(csv.as_bytes(), &[]).unwrap();
    let mut recreated: Vec<Unit> = fresh.creates().cloned().collect();
    let mut original = units.clone();
    recreated.sort_by(|a, b| a.code.cmp(&b.code));
    original.sort_by(|a, b| a.code.cmp(&b.code));
    assert_eq!(recreated, original);
}

#[test]
fn plans_travel_as_json() {
    let plan = plan("DKI,Pemprov,provinsi,,10\n", &[]);
    let json = serde_json::to_value(&plan).unwrap();
    assert_eq!(
        json,
        serde_json::json!({
            "steps": [{"action": "create", "unit": {
                "code": "DKI", "name": "Pemprov", "kind": "provinsi", "parent": null, "headcount": 10
            }}],
            "unchanged": 0
        })
    );
    assert_eq!(serde_json::from_value::<ImportPlan>(json).unwrap(), plan);
}
