//! Fixture loading shared by the integration tests.
#![allow(clippy::unwrap_used, dead_code)]

use std::collections::BTreeMap;
use std::path::PathBuf;

use indicators::{GroupStats, Headcount, Instrument, Item, Scale};

pub fn fixture(name: &str) -> String {
    let path = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(str::to_owned).collect())
        .collect()
}

pub struct Response {
    pub unit: String,
    pub wave: u32,
    pub answers: Vec<Option<u8>>,
}

pub struct Dataset {
    pub instrument: Instrument,
    /// Unit ids in file order, with headcounts.
    pub units: Vec<(String, Headcount)>,
    pub responses: Vec<Response>,
}

impl Dataset {
    pub fn load(name: &str, scale: Scale) -> Self {
        let items = rows(&fixture(&format!("items_{name}.csv")))
            .into_iter()
            .map(|r| Item {
                id: r[0].clone(),
                dimension: r[1].clone(),
                reverse_keyed: r[2] == "true",
            })
            .collect();
        let instrument = Instrument::new(scale, items).unwrap();
        let units = rows(&fixture(&format!("units_{name}.csv")))
            .into_iter()
            .map(|r| (r[0].clone(), Headcount::new(r[1].parse().unwrap()).unwrap()))
            .collect();
        let responses = rows(&fixture(&format!("responses_{name}.csv")))
            .into_iter()
            .map(|r| Response {
                unit: r[1].clone(),
                wave: r[2].parse().unwrap(),
                answers: r[3..]
                    .iter()
                    .map(|v| (!v.is_empty()).then(|| v.parse().unwrap()))
                    .collect(),
            })
            .collect();
        Self {
            instrument,
            units,
            responses,
        }
    }

    pub fn waves(&self) -> Vec<u32> {
        let mut w: Vec<u32> = self.responses.iter().map(|r| r.wave).collect();
        w.sort_unstable();
        w.dedup();
        w
    }

    /// Statistics of one unit in one wave.
    pub fn unit_stats(&self, wave: u32, unit: &str) -> GroupStats {
        let mut stats = GroupStats::new(&self.instrument);
        for r in self
            .responses
            .iter()
            .filter(|r| r.wave == wave && r.unit == unit)
        {
            stats.add_response(&self.instrument, &r.answers).unwrap();
        }
        stats
    }

    /// Per-unit statistics of a wave, in unit order.
    pub fn wave_units(&self, wave: u32) -> BTreeMap<String, GroupStats> {
        self.units
            .iter()
            .map(|(u, _)| (u.clone(), self.unit_stats(wave, u)))
            .collect()
    }

    /// The organisation in a wave, by merging the units.
    pub fn organisation(&self, wave: u32) -> GroupStats {
        let mut all = GroupStats::new(&self.instrument);
        for stats in self.wave_units(wave).values() {
            all.merge(stats).unwrap();
        }
        all
    }

    pub fn total_headcount(&self) -> Headcount {
        Headcount::new(self.units.iter().map(|(_, h)| h.get()).sum()).unwrap()
    }
}
