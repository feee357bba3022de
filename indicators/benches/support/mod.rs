//! The benchmark workload, shared by `organisation.rs` (criterion) and
//! `organisation_figures.rs` (one printed run): the demo organisation (389 Jakarta-like
//! units) and N synthetic responses, generated deterministically.
#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use domain::demo::demo_organisation;
use domain::instrument::{default_instrument, Instrument as Survey, SurveyMeta, TextDraft};
use domain::units::Unit;
use indicators::Instrument;

/// Which survey to answer.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Variant {
    /// The default survey, 34 items in 16 dimensions.
    Default34,
    /// 40 library items: the default's 34 and six more of its multi-item dimensions.
    Library40,
}

impl Variant {
    pub fn parse(text: &str) -> Option<Self> {
        match text {
            "34" => Some(Self::Default34),
            "40" => Some(Self::Library40),
            _ => None,
        }
    }
}

/// The survey, with every item made optional so that skipped answers (which the synthetic
/// data has) are valid, as in a survey without required questions.
pub fn survey(variant: Variant) -> Survey {
    let base = match variant {
        Variant::Default34 => default_instrument(),
        Variant::Library40 => {
            let default = default_instrument();
            let mut ids: Vec<String> = default.items().map(|i| i.id().to_string()).collect();
            for extra in [
                "kesesuaian-3",
                "manfaat-pribadi-4",
                "dukungan-pimpinan-2",
                "keyakinan-diri-4",
                "komitmen-3",
                "kemampuan-bersama-3",
            ] {
                ids.push(extra.to_owned());
            }
            let ids: Vec<&str> = ids.iter().map(String::as_str).collect();
            let meta = SurveyMeta::new(
                "bench-40",
                TextDraft::new("Survei 40 pernyataan", "40-item survey"),
                TextDraft::new("Untuk uji kinerja.", "For benchmarks."),
            );
            Survey::compose(meta, default.scale(), &ids, Default::default()).unwrap()
        }
    };
    let mut draft = base.to_draft();
    for item in &mut draft.items {
        item.required = false;
    }
    Survey::from_draft(&draft).unwrap()
}

/// Units, survey and responses, kept compact: answers flat, `k` per response.
pub struct Workload {
    pub units: Vec<Unit>,
    pub survey: Survey,
    pub instrument: Instrument,
    pub k: usize,
    /// Index into `units` of each response's unit.
    pub unit_of: Vec<u16>,
    pub answers: Vec<Option<u8>>,
}

impl Workload {
    pub fn len(&self) -> usize {
        self.unit_of.len()
    }

    pub fn response(&self, i: usize) -> (&domain::units::UnitCode, &[Option<u8>]) {
        (
            &self.units[usize::from(self.unit_of[i])].code,
            &self.answers[i * self.k..(i + 1) * self.k],
        )
    }

    pub fn responses(&self) -> impl Iterator<Item = (&domain::units::UnitCode, &[Option<u8>])> {
        (0..self.len()).map(|i| self.response(i))
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014) with Box-Muller normals: fixed seed, same data on
/// every machine.
pub struct Rng {
    state: u64,
    spare: Option<f64>,
}

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self {
            state: seed,
            spare: None,
        }
    }

    pub fn next_u64(&mut self) -> u64 {
        self.state = self.state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in [0, 1).
    pub fn uniform(&mut self) -> f64 {
        (self.next_u64() >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    pub fn normal(&mut self) -> f64 {
        if let Some(z) = self.spare.take() {
            return z;
        }
        let u1 = 1.0 - self.uniform();
        let u2 = self.uniform();
        let r = (-2.0 * u1.ln()).sqrt();
        let (s, c) = (2.0 * std::f64::consts::PI * u2).sin_cos();
        self.spare = Some(r * s);
        r * c
    }
}

/// Responses per unit in proportion to its own headcount (largest remainders, so they add
/// up to `total` exactly). Every unit with employees gets respondents: kelurahan and other
/// leaf units, and the offices of kecamatan, kota, dinas, which have staff of their own.
fn allocation(units: &[Unit], total: usize) -> Vec<usize> {
    let headcount: Vec<f64> = units.iter().map(|u| f64::from(u.headcount.get())).collect();
    let sum: f64 = headcount.iter().sum();
    let exact: Vec<f64> = headcount.iter().map(|h| h / sum * total as f64).collect();
    let mut counts: Vec<usize> = exact.iter().map(|e| e.floor() as usize).collect();
    let mut order: Vec<usize> = (0..units.len()).collect();
    order.sort_by(|&a, &b| (exact[b] - exact[b].floor()).total_cmp(&(exact[a] - exact[a].floor())));
    let missing = total - counts.iter().sum::<usize>();
    for &u in order.iter().take(missing) {
        counts[u] += 1;
    }
    counts
}

/// `total` responses over the demo organisation.
///
/// Answer model (5-point scale): each unit has a climate effect u ~ N(0, 0.35^2); each
/// respondent a general readiness g ~ N(0, 1); each dimension factor f = 0.55 g + 0.835 z;
/// each item x = round(3.4 + 0.9 (u + 0.8 f + 0.6 e)), clamped to the scale, then mirrored
/// for reverse-keyed items (so the raw answer disagrees when the person is ready). Items of
/// one dimension correlate about 0.6, dimensions about 0.3, alpha of a 3-item dimension is
/// about 0.8. Missing: 3% of answers at random, and 2% of respondents stop part-way.
pub fn generate(variant: Variant, total: usize, seed: u64) -> Workload {
    let units = demo_organisation();
    let survey = survey(variant);
    let instrument = Instrument::try_from(&survey).unwrap();
    let k = instrument.items().len();
    let points = survey.scale().points();
    let dimension_of: Vec<usize> = instrument
        .items()
        .iter()
        .map(|item| {
            instrument
                .dimensions()
                .iter()
                .position(|d| d.id() == item.dimension)
                .unwrap()
        })
        .collect();
    let dimensions = instrument.dimensions().len();

    let mut rng = Rng::new(seed);
    let climate: Vec<f64> = units.iter().map(|_| 0.35 * rng.normal()).collect();
    let counts = allocation(&units, total);
    let mut unit_of = Vec::with_capacity(total);
    let mut answers = Vec::with_capacity(total * k);
    let mut factors = vec![0.0; dimensions];
    for (u, &count) in counts.iter().enumerate() {
        for _ in 0..count {
            unit_of.push(u16::try_from(u).unwrap());
            let g = rng.normal();
            for f in &mut factors {
                *f = 0.55 * g + 0.835 * rng.normal();
            }
            let stop_at = if rng.uniform() < 0.02 {
                rng.below(k)
            } else {
                k
            };
            for (i, item) in instrument.items().iter().enumerate() {
                let latent = climate[u] + 0.8 * factors[dimension_of[i]] + 0.6 * rng.normal();
                let x = (3.4 + 0.9 * latent).round().clamp(1.0, f64::from(points)) as u8;
                let raw = if item.reverse_keyed {
                    points + 1 - x
                } else {
                    x
                };
                let skipped = i >= stop_at || rng.uniform() < 0.03;
                answers.push((!skipped).then_some(raw));
            }
        }
    }
    Workload {
        units,
        survey,
        instrument,
        k,
        unit_of,
        answers,
    }
}

/// Peak resident memory of this process (VmHWM), in KiB; Linux only.
pub fn peak_memory_kib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    status
        .lines()
        .find_map(|line| line.strip_prefix("VmHWM:"))
        .and_then(|rest| rest.trim().trim_end_matches("kB").trim().parse().ok())
}

/// CPU time used so far by this process, all threads (utime + stime from /proc/self/stat),
/// in seconds; Linux only. Beside wall-clock time it shows how much a busy machine slowed a
/// run down.
pub fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may contain spaces) start with the state, field 3;
    // utime and stime are fields 14 and 15, in clock ticks of 1/100 s on Linux.
    let rest = stat.rsplit_once(')')?.1;
    let fields: Vec<&str> = rest.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(ticks as f64 / 100.0)
}
