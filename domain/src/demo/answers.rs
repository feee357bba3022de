//! Simulated answers for the demo's waves: plausible, deterministic, and varied between units
//! so the dashboard has something to show (some units ready, some resistant, barriers that
//! differ, a few comments) and, over several waves, trends to follow (most units improving a
//! little, some falling back). Not a model of real respondents.
//!
//! Everything about a unit is drawn from its own generator, seeded by the unit's code, so a
//! unit keeps its character from one wave to the next whatever units come before it.

use super::rng::SplitMix64;
use crate::instrument::{Answers, Instrument};
use crate::responses::ParsedResponse;
use crate::units::{Unit, UnitCode};

/// One simulated wave: who answers, and how far the units' trends have gone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemoWave {
    /// The share of each unit's headcount that answers, in percent; a unit with staff always
    /// has at least one respondent, so that every unit shows up in the demo.
    pub share_percent: u32,
    /// The seed of the simulation. Keep it the same for every wave of one demo: it fixes each
    /// unit's leaning, trend and main barrier, which must not change between waves.
    pub seed: u64,
    /// 0 for the baseline, 1 for the first follow-up, and so on: each unit's leaning has
    /// moved by this many steps of its trend.
    pub wave_number: u32,
}

/// The leaning of a unit stays within these bounds, whatever its trend, so that a unit
/// improving wave after wave levels off instead of answering only the top of the scale.
const LEANING_BOUNDS: (f64, f64) = (-1.0, 1.0);

/// The share of units whose readiness falls from wave to wave; the others improve.
const FALLING_PERCENT: u32 = 15;

/// The share of small units (see [`FEW_ANSWER_MAX_HEADCOUNT`]) where only a handful answer.
const FEW_ANSWER_PERCENT: u32 = 10;

/// Only units up to this headcount can be ones where few answer (a kelurahan, a seksi): a
/// large dinas where three people answered would not be plausible.
const FEW_ANSWER_MAX_HEADCOUNT: u32 = 150;

/// About one respondent in this many writes an open comment, as on real forms where most
/// leave the box empty.
const COMMENT_ONE_IN: u32 = 6;

/// Comments of respondents who find the change hard: what is missing, what weighs on them.
const CONCERNS: [&str; 14] = [
    "Pelatihan aplikasi baru sebaiknya diberikan sebelum sistem diberlakukan, bukan sesudahnya.",
    "Anggaran untuk perubahan ini belum jelas, sementara kegiatan rutin kami sudah dipotong.",
    "Sistem informasi sering lambat dan kadang tidak bisa diakses dari kantor kelurahan.",
    "Beban kerja bertambah karena data harus diinput di dua aplikasi sekaligus.",
    "Pimpinan perlu menjelaskan alasan perubahan langsung kepada staf, tidak hanya lewat surat edaran.",
    "Mohon ada masa transisi yang cukup sebelum cara kerja lama dihentikan.",
    "Jaringan internet di kantor sering putus sehingga layanan daring terhambat.",
    "Jumlah pegawai tidak sebanding dengan tugas tambahan dari perubahan ini.",
    "Informasi sering berubah-ubah, kami bingung aturan mana yang berlaku.",
    "Perlu pendampingan teknis di lapangan, bukan hanya sosialisasi satu hari.",
    "Komputer di unit kami sudah tua dan tidak kuat menjalankan aplikasi baru.",
    "Mohon SOP yang baru dibagikan tertulis dan mudah dicari.",
    "Pegawai senior perlu diajak bicara lebih awal agar tidak merasa ditinggalkan.",
    "Target waktunya terlalu cepat untuk unit dengan layanan tatap muka yang padat.",
];

/// Comments of respondents who are on board: what works, what to keep.
const PRAISE: [&str; 6] = [
    "Sosialisasi dari pimpinan unit sudah jelas dan rutin, terima kasih.",
    "Aplikasi baru mempercepat pelayanan, warga juga merasakan manfaatnya.",
    "Pelatihan kemarin sangat membantu, semoga ada kelanjutannya.",
    "Tim kami makin kompak sejak ada rapat evaluasi mingguan.",
    "Perubahan ini bagus, asalkan didukung anggaran yang cukup.",
    "Forum tanya jawab dengan pimpinan sebaiknya dilanjutkan setiap bulan.",
];

/// `wave.share_percent` of each unit's headcount answers (at least one person per unit with
/// staff), each with the unit's leaning in that wave. The same on every call for the same
/// inputs, and a unit's answers do not depend on the other units passed.
pub fn demo_responses(
    instrument: &Instrument,
    units: &[Unit],
    wave: &DemoWave,
) -> Vec<ParsedResponse> {
    let form = Form::new(instrument);
    units
        .iter()
        .flat_map(|unit| unit_responses(&form, unit, wave))
        .collect()
}

/// What the simulation needs from the instrument, read once for all units.
struct Form<'a> {
    instrument: &'a Instrument,
    /// The barrier codes a respondent may tick; "lainnya" is left out because it would need
    /// a free text.
    barriers: Vec<String>,
    max_point: i32,
}

impl<'a> Form<'a> {
    fn new(instrument: &'a Instrument) -> Self {
        let barriers = instrument
            .barriers()
            .map(|b| {
                b.codes()
                    .iter()
                    .filter(|c| c.as_str() != "lainnya")
                    .map(|c| c.as_str().to_owned())
                    .collect()
            })
            .unwrap_or_default();
        Self {
            instrument,
            barriers,
            max_point: i32::from(instrument.scale().max()),
        }
    }
}

/// What a unit is like in the demo, the same in every wave of one seed.
#[derive(Debug, Clone, Copy, PartialEq)]
struct UnitProfile {
    /// The leaning at the baseline, -1.0 (resistant) to +1.0 (ready).
    base: f64,
    /// How much the leaning moves from one wave to the next, -0.25 to +0.45.
    drift: f64,
    /// The barrier the unit feels most, as an index into [`Form::barriers`].
    main_barrier: usize,
    /// Only a handful of its staff answer (1 to 4), in every wave: the small groups that the
    /// dashboard must hide.
    few_answer: Option<u32>,
}

impl UnitProfile {
    /// Drawn from the unit's own generator, so that neither the wave nor the unit's place in
    /// the list changes it.
    fn of(code: &UnitCode, seed: u64, barrier_count: usize) -> Self {
        let mut rng = SplitMix64::new(unit_seed(code, seed));
        let base = fraction(&mut rng) * 2.0 - 1.0;
        let drift = if rng.between(0, 99) < FALLING_PERCENT {
            -0.05 - 0.20 * fraction(&mut rng)
        } else {
            // Squared, so that most improving units improve a little and few a lot.
            0.45 * fraction(&mut rng).powi(2)
        };
        let last = u32::try_from(barrier_count.saturating_sub(1)).unwrap_or(u32::MAX);
        let main_barrier = rng.between(0, last) as usize;
        let few_answer = (rng.between(0, 99) < FEW_ANSWER_PERCENT).then(|| rng.between(1, 4));
        Self {
            base,
            drift,
            main_barrier,
            few_answer,
        }
    }

    /// How many of `headcount` answer in a wave asking `share_percent` of the staff.
    fn respondents(&self, headcount: u32, share_percent: u32) -> u32 {
        match self.few_answer {
            Some(few) if headcount <= FEW_ANSWER_MAX_HEADCOUNT => few.min(headcount),
            _ => (headcount * share_percent / 100).max(1),
        }
    }

    /// The unit's leaning in wave `wave_number`: its baseline moved `wave_number` times by
    /// its trend.
    fn leaning(&self, wave_number: u32) -> f64 {
        let (low, high) = LEANING_BOUNDS;
        (self.base + f64::from(wave_number) * self.drift).clamp(low, high)
    }
}

/// A unit's seed: the demo's seed mixed with a hash of the unit's code.
fn unit_seed(code: &UnitCode, seed: u64) -> u64 {
    seed ^ fnv1a(code.as_str())
}

/// FNV-1a, 64 bits: a fixed, platform-independent hash of a text (the standard library's
/// hasher may change between Rust releases, which would change the demo).
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xCBF2_9CE4_8422_2325, |hash, byte| {
        (hash ^ u64::from(byte)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

/// A number in `0.0..1.0`, from the generator's top 53 bits (a double's precision).
fn fraction(rng: &mut SplitMix64) -> f64 {
    (rng.next_u64() >> 11) as f64 / (1_u64 << 53) as f64
}

/// A unit's respondents in one wave, from a generator of their own per unit and wave.
fn unit_responses(form: &Form<'_>, unit: &Unit, wave: &DemoWave) -> Vec<ParsedResponse> {
    let headcount = unit.headcount.get();
    if headcount == 0 {
        return Vec::new();
    }
    let profile = UnitProfile::of(&unit.code, wave.seed, form.barriers.len());
    let respondents = profile.respondents(headcount, wave.share_percent);
    let leaning = profile.leaning(wave.wave_number);
    // Another stream than the profile's, and another in each wave.
    let wave_salt = (u64::from(wave.wave_number) + 1).wrapping_mul(0xD1B5_4A32_D192_ED03);
    let mut rng = SplitMix64::new(unit_seed(&unit.code, wave.seed) ^ wave_salt);
    (0..respondents)
        .filter_map(|_| {
            let person = leaning + (fraction(&mut rng) - 0.5);
            let answers = respondent(form, person, profile.main_barrier, &mut rng);
            // Always valid by construction; the check is what makes them `ValidAnswers`.
            let valid = form.instrument.validate_answers(&answers).ok()?;
            Some(ParsedResponse::new(unit.code.clone(), valid))
        })
        .collect()
}

/// One respondent's form, `person` being their own leaning (the unit's, give or take).
fn respondent(form: &Form<'_>, person: f64, main_barrier: usize, rng: &mut SplitMix64) -> Answers {
    let mut answers = Answers::default();
    answer_items(form, person, rng, &mut answers);
    tick_barriers(form, main_barrier, rng, &mut answers);
    write_comments(form, person, rng, &mut answers);
    answers
}

fn answer_items(form: &Form<'_>, person: f64, rng: &mut SplitMix64, answers: &mut Answers) {
    let max = form.max_point;
    for item in form.instrument.items() {
        let noise = f64::from(rng.between(0, 100)) / 50.0 - 1.0;
        let agree = 3.4 + person * 1.1 + noise;
        let mut point = (agree.round() as i32).clamp(1, max);
        if item.reverse_keyed() {
            point = max + 1 - point;
        }
        // About one in fifty answers is skipped, as on real forms; required items never are.
        let skipped = !item.required() && rng.between(0, 49) == 0;
        let value = (!skipped).then(|| u8::try_from(point).unwrap_or(3));
        answers.items.insert(item.id().as_str().to_owned(), value);
    }
}

/// The unit's main barrier for about half the respondents, sometimes another one too.
fn tick_barriers(form: &Form<'_>, main: usize, rng: &mut SplitMix64, answers: &mut Answers) {
    let Some(main_code) = form.barriers.get(main) else {
        return;
    };
    if rng.between(0, 99) < 55 {
        answers.barriers.push(main_code.clone());
    }
    let last = u32::try_from(form.barriers.len() - 1).unwrap_or(0);
    let other = rng.between(0, last) as usize;
    if other != main && rng.between(0, 99) < 30 {
        answers.barriers.push(form.barriers[other].clone());
    }
}

/// A short comment for about one respondent in [`COMMENT_ONE_IN`], in the instrument's first
/// comment question; every required comment question is answered too, so that the form
/// validates.
fn write_comments(form: &Form<'_>, person: f64, rng: &mut SplitMix64, answers: &mut Answers) {
    let volunteers = rng.between(1, COMMENT_ONE_IN) == 1;
    for (index, question) in form.instrument.comments().iter().enumerate() {
        if !(question.required() || (volunteers && index == 0)) {
            continue;
        }
        if let Some(text) = pick_comment(person, question.max_length(), rng) {
            answers
                .comments
                .insert(question.id().as_str().to_owned(), text.to_owned());
        }
    }
}

/// A comment in the respondent's tone that fits in `max_length` characters: concerns from
/// the reluctant, praise or concerns from the others (the ready ones also see what is
/// missing).
fn pick_comment(person: f64, max_length: u32, rng: &mut SplitMix64) -> Option<&'static str> {
    let pool: &[&str] = if person > 0.0 && rng.between(0, 1) == 0 {
        &PRAISE
    } else {
        &CONCERNS
    };
    let fitting: Vec<&'static str> = pool
        .iter()
        .copied()
        .filter(|text| text.chars().count() <= max_length as usize)
        .collect();
    let last = u32::try_from(fitting.len().checked_sub(1)?).unwrap_or(0);
    fitting.get(rng.between(0, last) as usize).copied()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::demo::demo_organisation;
    use crate::instrument::{default_instrument, library};

    const SEED: u64 = 7;

    fn wave(share_percent: u32, wave_number: u32) -> DemoWave {
        DemoWave {
            share_percent,
            seed: SEED,
            wave_number,
        }
    }

    /// The first `count` units of the demo with at most 500 staff: varied, and quick to
    /// simulate (the big dinas alone have thousands of respondents).
    fn small_units(count: usize) -> Vec<Unit> {
        demo_organisation()
            .into_iter()
            .filter(|u| u.headcount.get() <= 500)
            .take(count)
            .collect()
    }

    /// The mean scored answer (reverse keying applied, so higher is readier) over every
    /// answered item of `responses`.
    fn mean_score(responses: &[ParsedResponse]) -> f64 {
        let (sum, count) = responses
            .iter()
            .flat_map(|r| r.answers.items().values())
            .fold((0_u64, 0_u64), |(sum, count), answer| {
                (sum + u64::from(answer.scored()), count + 1)
            });
        sum as f64 / count as f64
    }

    #[test]
    fn fnv1a_matches_the_reference_values() {
        assert_eq!(fnv1a(""), 0xCBF2_9CE4_8422_2325);
        assert_eq!(fnv1a("a"), 0xAF63_DC4C_8601_EC8C);
        assert_eq!(fnv1a("foobar"), 0x8594_4171_F739_67E8);
    }

    #[test]
    fn deterministic_valid_and_sized_by_headcount() {
        let instrument = default_instrument();
        let some = small_units(20);
        for number in 0..3 {
            let first = demo_responses(&instrument, &some, &wave(30, number));
            let second = demo_responses(&instrument, &some, &wave(30, number));
            assert_eq!(first, second);
            let barriers = Form::new(&instrument).barriers.len();
            let expected: u32 = some
                .iter()
                .filter(|u| u.headcount.get() > 0)
                .map(|u| {
                    UnitProfile::of(&u.code, SEED, barriers).respondents(u.headcount.get(), 30)
                })
                .sum();
            assert_eq!(
                first.len() as u32,
                expected,
                "every simulated answer validates"
            );
        }
        let other_seed = DemoWave {
            seed: SEED + 1,
            ..wave(30, 0)
        };
        assert_ne!(
            demo_responses(&instrument, &some, &wave(30, 0)),
            demo_responses(&instrument, &some, &other_seed)
        );
    }

    /// Some small units have only a handful of respondents (the groups the dashboard hides);
    /// large units never do.
    #[test]
    fn few_answer_in_some_small_units_only() {
        let instrument = default_instrument();
        let units = crate::demo::demo_organisation();
        let barriers = Form::new(&instrument).barriers.len();
        let few: Vec<&Unit> = units
            .iter()
            .filter(|u| u.headcount.get() > 0)
            .filter(|u| {
                let profile = UnitProfile::of(&u.code, SEED, barriers);
                profile.respondents(u.headcount.get(), 35) < 5
                    && (u.headcount.get() * 35 / 100) >= 5
            })
            .collect();
        assert!(few.len() >= 10, "{} units with few respondents", few.len());
        assert!(few
            .iter()
            .all(|u| u.headcount.get() <= FEW_ANSWER_MAX_HEADCOUNT));
    }

    #[test]
    fn a_unit_keeps_its_character_across_waves_and_positions() {
        let units = demo_organisation();
        let instrument = default_instrument();
        let count = Form::new(&instrument).barriers.len();
        for unit in &units {
            let profile = UnitProfile::of(&unit.code, SEED, count);
            assert_eq!(profile, UnitProfile::of(&unit.code, SEED, count));
            assert!((-1.0..=1.0).contains(&profile.base));
            assert!((-0.25..=0.45).contains(&profile.drift), "{profile:?}");
            assert!(profile.main_barrier < count);
            for number in 0..3 {
                let expected = (profile.base + f64::from(number) * profile.drift).clamp(-1.0, 1.0);
                assert_eq!(profile.leaning(number), expected);
            }
        }
        // A unit answers the same alone as among others: nothing depends on its position.
        let some: Vec<Unit> = units.into_iter().skip(30).take(6).collect();
        let together = demo_responses(&instrument, &some, &wave(20, 1));
        let last = &some[5];
        let alone = demo_responses(&instrument, std::slice::from_ref(last), &wave(20, 1));
        let in_list: Vec<_> = together
            .into_iter()
            .filter(|r| r.unit == last.code)
            .collect();
        assert!(!alone.is_empty());
        assert_eq!(alone, in_list);
    }

    #[test]
    fn most_units_improve_a_little_and_some_fall() {
        let drifts: Vec<f64> = demo_organisation()
            .iter()
            .map(|u| UnitProfile::of(&u.code, SEED, 8).drift)
            .collect();
        let falling = drifts.iter().filter(|d| **d < 0.0).count();
        let share = falling * 100 / drifts.len();
        assert!((8..=25).contains(&share), "{falling} of {}", drifts.len());
        let mut sorted = drifts.clone();
        sorted.sort_by(f64::total_cmp);
        let median = sorted[sorted.len() / 2];
        assert!((0.02..=0.25).contains(&median), "median drift {median}");
    }

    #[test]
    fn readiness_moves_with_the_trends_between_waves() {
        let instrument = default_instrument();
        let units = demo_organisation();
        let barriers = Form::new(&instrument).barriers.len();
        let weighted_drift: f64 = units
            .iter()
            .map(|u| {
                let profile = UnitProfile::of(&u.code, SEED, barriers);
                f64::from(u.headcount.get()) * profile.drift
            })
            .sum();
        let baseline = mean_score(&demo_responses(&instrument, &units, &wave(5, 0)));
        let later = mean_score(&demo_responses(&instrument, &units, &wave(5, 2)));
        let staff: u32 = units.iter().map(|u| u.headcount.get()).sum();
        let mean_drift = weighted_drift / f64::from(staff);
        assert!(mean_drift.abs() > 0.02, "a clear trend: {mean_drift:.3}");
        let moved = later - baseline;
        assert!(
            moved.signum() == mean_drift.signum() && moved.abs() > 0.03,
            "baseline {baseline:.3}, wave 2 {later:.3}, mean drift {mean_drift:.3}"
        );

        // And unit by unit: the falling units, taken together, fall.
        let falling: Vec<Unit> = units
            .iter()
            .filter(|u| UnitProfile::of(&u.code, SEED, barriers).drift < -0.1)
            .cloned()
            .collect();
        assert!(!falling.is_empty());
        let before = mean_score(&demo_responses(&instrument, &falling, &wave(20, 0)));
        let after = mean_score(&demo_responses(&instrument, &falling, &wave(20, 2)));
        assert!(after < before, "falling units: {before:.3} then {after:.3}");
    }

    #[test]
    fn about_one_in_six_comments_and_they_validate() {
        let instrument = default_instrument();
        assert!(!instrument.comments().is_empty());
        let some = small_units(60);
        let responses = demo_responses(&instrument, &some, &wave(30, 0));
        let commented = responses
            .iter()
            .filter(|r| !r.answers.comments().is_empty())
            .count();
        let percent = commented * 100 / responses.len();
        assert!(
            (10..=24).contains(&percent),
            "{commented} of {}",
            responses.len()
        );
        // `demo_responses` keeps only what validated; check the texts once more by hand.
        for response in &responses {
            for (id, text) in response.answers.comments() {
                let question = instrument.comment(id.as_str()).expect("a known question");
                assert!(text.chars().count() <= question.max_length() as usize);
                assert!(CONCERNS.contains(&text.as_str()) || PRAISE.contains(&text.as_str()));
            }
        }
    }

    #[test]
    fn only_the_first_comment_question_is_volunteered() {
        // The library has two optional comment questions: comments go to the first, and every
        // respondent still validates.
        let full = library();
        let units = small_units(5);
        let responses = demo_responses(full, &units, &wave(30, 1));
        let expected: u32 = units
            .iter()
            .filter(|u| u.headcount.get() > 0)
            .map(|u| (u.headcount.get() * 30 / 100).max(1))
            .sum();
        assert_eq!(responses.len() as u32, expected);
        assert!(responses
            .iter()
            .flat_map(|r| r.answers.comments().keys())
            .all(|id| id == full.comments()[0].id()));
    }
}
