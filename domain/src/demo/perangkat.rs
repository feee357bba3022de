//! The province-level bodies of the demo: Sekretariat Daerah and its biro, Sekretariat DPRD,
//! Inspektorat, dinas and badan. Names follow Pemprov DKI Jakarta's perangkat daerah;
//! headcounts are round, plausible figures, not official data.

use crate::units::UnitKind;

/// A province-level body: code segment, name, kind, headcount.
pub(super) type Body = (&'static str, &'static str, UnitKind, u32);

/// The biro under Sekretariat Daerah.
pub(super) const BIRO: [Body; 8] = [
    ("BIRO-PEM", "Biro Pemerintahan", UnitKind::Biro, 110),
    ("BIRO-HUKUM", "Biro Hukum", UnitKind::Biro, 95),
    (
        "BIRO-ORB",
        "Biro Organisasi dan Reformasi Birokrasi",
        UnitKind::Biro,
        90,
    ),
    (
        "BIRO-PK",
        "Biro Perekonomian dan Keuangan",
        UnitKind::Biro,
        105,
    ),
    (
        "BIRO-PLH",
        "Biro Pembangunan dan Lingkungan Hidup",
        UnitKind::Biro,
        100,
    ),
    (
        "BIRO-KESRA",
        "Biro Kesejahteraan Rakyat",
        UnitKind::Biro,
        95,
    ),
    (
        "BIRO-UMUM",
        "Biro Umum dan Administrasi Sekretariat Daerah",
        UnitKind::Biro,
        240,
    ),
    ("BIRO-KSD", "Biro Kerja Sama Daerah", UnitKind::Biro, 70),
];

/// Bodies directly under the province besides Sekretariat Daerah. Satuan Polisi Pamong Praja
/// is its own kind of perangkat daerah (neither dinas nor badan), hence `lainnya`.
pub(super) const BODIES: [Body; 34] = [
    ("SETWAN", "Sekretariat DPRD", UnitKind::SekretariatDprd, 280),
    ("INSPEKTORAT", "Inspektorat", UnitKind::Inspektorat, 450),
    (
        "DINAS-PENDIDIKAN",
        "Dinas Pendidikan",
        UnitKind::Dinas,
        8_000,
    ),
    ("DINAS-KESEHATAN", "Dinas Kesehatan", UnitKind::Dinas, 4_800),
    (
        "DINAS-PERHUBUNGAN",
        "Dinas Perhubungan",
        UnitKind::Dinas,
        1_900,
    ),
    (
        "DINAS-BINA-MARGA",
        "Dinas Bina Marga",
        UnitKind::Dinas,
        1_200,
    ),
    ("DINAS-SDA", "Dinas Sumber Daya Air", UnitKind::Dinas, 1_500),
    ("DINAS-LH", "Dinas Lingkungan Hidup", UnitKind::Dinas, 2_200),
    ("DINAS-SOSIAL", "Dinas Sosial", UnitKind::Dinas, 1_100),
    (
        "DINAS-DUKCAPIL",
        "Dinas Kependudukan dan Pencatatan Sipil",
        UnitKind::Dinas,
        700,
    ),
    (
        "DINAS-PMPTSP",
        "Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu",
        UnitKind::Dinas,
        1_300,
    ),
    (
        "DINAS-KOMINFOTIK",
        "Dinas Komunikasi, Informatika dan Statistik",
        UnitKind::Dinas,
        450,
    ),
    (
        "DINAS-PAREKRAF",
        "Dinas Pariwisata dan Ekonomi Kreatif",
        UnitKind::Dinas,
        400,
    ),
    ("DINAS-KEBUDAYAAN", "Dinas Kebudayaan", UnitKind::Dinas, 500),
    (
        "DINAS-PORA",
        "Dinas Pemuda dan Olahraga",
        UnitKind::Dinas,
        600,
    ),
    (
        "DINAS-NAKERTRANSGI",
        "Dinas Tenaga Kerja, Transmigrasi dan Energi",
        UnitKind::Dinas,
        550,
    ),
    (
        "DINAS-GULKARMAT",
        "Dinas Penanggulangan Kebakaran dan Penyelamatan",
        UnitKind::Dinas,
        2_400,
    ),
    (
        "DINAS-PUSIP",
        "Dinas Perpustakaan dan Kearsipan",
        UnitKind::Dinas,
        350,
    ),
    (
        "DINAS-TAMHUT",
        "Dinas Pertamanan dan Hutan Kota",
        UnitKind::Dinas,
        900,
    ),
    (
        "DINAS-CITATA",
        "Dinas Cipta Karya, Tata Ruang dan Pertanahan",
        UnitKind::Dinas,
        650,
    ),
    (
        "DINAS-PRKP",
        "Dinas Perumahan Rakyat dan Kawasan Permukiman",
        UnitKind::Dinas,
        700,
    ),
    (
        "DINAS-KPKP",
        "Dinas Ketahanan Pangan, Kelautan dan Pertanian",
        UnitKind::Dinas,
        800,
    ),
    (
        "DINAS-PPKUKM",
        "Dinas Perindustrian, Perdagangan, Koperasi, Usaha Kecil dan Menengah",
        UnitKind::Dinas,
        600,
    ),
    (
        "DINAS-PPAPP",
        "Dinas Pemberdayaan, Perlindungan Anak dan Pengendalian Penduduk",
        UnitKind::Dinas,
        650,
    ),
    (
        "SATPOL-PP",
        "Satuan Polisi Pamong Praja",
        UnitKind::Lainnya,
        1_800,
    ),
    (
        "BAPPEDA",
        "Badan Perencanaan Pembangunan Daerah",
        UnitKind::Badan,
        350,
    ),
    (
        "BPKD",
        "Badan Pengelolaan Keuangan Daerah",
        UnitKind::Badan,
        600,
    ),
    ("BAPENDA", "Badan Pendapatan Daerah", UnitKind::Badan, 1_400),
    ("BKD", "Badan Kepegawaian Daerah", UnitKind::Badan, 300),
    (
        "BPSDM",
        "Badan Pengembangan Sumber Daya Manusia",
        UnitKind::Badan,
        250,
    ),
    (
        "BPBD",
        "Badan Penanggulangan Bencana Daerah",
        UnitKind::Badan,
        280,
    ),
    (
        "BPAD",
        "Badan Pengelolaan Aset Daerah",
        UnitKind::Badan,
        400,
    ),
    (
        "KESBANGPOL",
        "Badan Kesatuan Bangsa dan Politik",
        UnitKind::Badan,
        200,
    ),
    (
        "BP-BUMD",
        "Badan Pembinaan Badan Usaha Milik Daerah",
        UnitKind::Badan,
        120,
    ),
];
