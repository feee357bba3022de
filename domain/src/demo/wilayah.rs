//! The territorial units of the demo: the five kota administrasi and the kabupaten
//! administrasi, their 44 kecamatan and 267 kelurahan, with Jakarta's real names.

use crate::units::UnitKind;

/// A kota or kabupaten administrasi.
pub(super) struct Wilayah {
    pub segment: &'static str,
    pub name: &'static str,
    pub kind: UnitKind,
    /// Staff of the wali kota's or bupati's own office.
    pub headcount: u32,
    /// Suku dinas: code segment and the dinas name they serve.
    pub suku_dinas: &'static [(&'static str, &'static str)],
    pub kecamatan: &'static [Kecamatan],
}

/// A kecamatan with the code segment of its name and its kelurahan, in a fixed order that
/// numbers them (`KEL-01`, `KEL-02`...).
pub(super) struct Kecamatan {
    pub segment: &'static str,
    pub name: &'static str,
    pub kelurahan: &'static [&'static str],
}

const SUKU_DINAS_KOTA: &[(&str, &str)] = &[
    ("SUDIN-PENDIDIKAN", "Pendidikan"),
    ("SUDIN-KESEHATAN", "Kesehatan"),
    ("SUDIN-BINA-MARGA", "Bina Marga"),
    ("SUDIN-SDA", "Sumber Daya Air"),
    ("SUDIN-LH", "Lingkungan Hidup"),
];

/// The islands have fewer road and drainage works to run locally.
const SUKU_DINAS_KEPULAUAN: &[(&str, &str)] = &[
    ("SUDIN-PENDIDIKAN", "Pendidikan"),
    ("SUDIN-KESEHATAN", "Kesehatan"),
    ("SUDIN-LH", "Lingkungan Hidup"),
];

const fn kec(
    segment: &'static str,
    name: &'static str,
    kelurahan: &'static [&'static str],
) -> Kecamatan {
    Kecamatan {
        segment,
        name,
        kelurahan,
    }
}

#[rustfmt::skip]
pub(super) const WILAYAH: [Wilayah; 6] = [
    Wilayah {
        segment: "JAKPUS",
        name: "Jakarta Pusat",
        kind: UnitKind::KotaAdministrasi,
        headcount: 480,
        suku_dinas: SUKU_DINAS_KOTA,
        kecamatan: &[
            kec("KEC-GAMBIR", "Gambir", &["Gambir", "Cideng", "Petojo Utara", "Petojo Selatan", "Kebon Kelapa", "Duri Pulo"]),
            kec("KEC-SAWAH-BESAR", "Sawah Besar", &["Pasar Baru", "Karang Anyar", "Kartini", "Gunung Sahari Utara", "Mangga Dua Selatan"]),
            kec("KEC-KEMAYORAN", "Kemayoran", &["Kemayoran", "Kebon Kosong", "Harapan Mulya", "Cempaka Baru", "Utan Panjang", "Sumur Batu", "Serdang", "Gunung Sahari Selatan"]),
            kec("KEC-SENEN", "Senen", &["Senen", "Kwitang", "Kenari", "Paseban", "Kramat", "Bungur"]),
            kec("KEC-CEMPAKA-PUTIH", "Cempaka Putih", &["Cempaka Putih Timur", "Cempaka Putih Barat", "Rawasari"]),
            kec("KEC-MENTENG", "Menteng", &["Menteng", "Pegangsaan", "Cikini", "Kebon Sirih", "Gondangdia"]),
            kec("KEC-TANAH-ABANG", "Tanah Abang", &["Gelora", "Bendungan Hilir", "Karet Tengsin", "Petamburan", "Kebon Melati", "Kebon Kacang", "Kampung Bali"]),
            kec("KEC-JOHAR-BARU", "Johar Baru", &["Johar Baru", "Kampung Rawa", "Tanah Tinggi", "Galur"]),
        ],
    },
    Wilayah {
        segment: "JAKUT",
        name: "Jakarta Utara",
        kind: UnitKind::KotaAdministrasi,
        headcount: 450,
        suku_dinas: SUKU_DINAS_KOTA,
        kecamatan: &[
            kec("KEC-PENJARINGAN", "Penjaringan", &["Penjaringan", "Pluit", "Pejagalan", "Kapuk Muara", "Kamal Muara"]),
            kec("KEC-PADEMANGAN", "Pademangan", &["Pademangan Barat", "Pademangan Timur", "Ancol"]),
            kec("KEC-TANJUNG-PRIOK", "Tanjung Priok", &["Tanjung Priok", "Kebon Bawang", "Sungai Bambu", "Papanggo", "Warakas", "Sunter Agung", "Sunter Jaya"]),
            kec("KEC-KOJA", "Koja", &["Koja", "Lagoa", "Rawa Badak Utara", "Rawa Badak Selatan", "Tugu Utara", "Tugu Selatan"]),
            kec("KEC-KELAPA-GADING", "Kelapa Gading", &["Kelapa Gading Barat", "Kelapa Gading Timur", "Pegangsaan Dua"]),
            kec("KEC-CILINCING", "Cilincing", &["Cilincing", "Kalibaru", "Marunda", "Rorotan", "Semper Barat", "Semper Timur", "Sukapura"]),
        ],
    },
    Wilayah {
        segment: "JAKBAR",
        name: "Jakarta Barat",
        kind: UnitKind::KotaAdministrasi,
        headcount: 470,
        suku_dinas: SUKU_DINAS_KOTA,
        kecamatan: &[
            kec("KEC-CENGKARENG", "Cengkareng", &["Cengkareng Barat", "Cengkareng Timur", "Duri Kosambi", "Kapuk", "Kedaung Kali Angke", "Rawa Buaya"]),
            kec("KEC-GROGOL-PETAMBURAN", "Grogol Petamburan", &["Grogol", "Jelambar", "Jelambar Baru", "Wijaya Kusuma", "Tanjung Duren Utara", "Tanjung Duren Selatan", "Tomang"]),
            kec("KEC-TAMAN-SARI", "Taman Sari", &["Taman Sari", "Glodok", "Keagungan", "Krukut", "Mangga Besar", "Maphar", "Pinangsia", "Tangki"]),
            kec("KEC-TAMBORA", "Tambora", &["Tambora", "Angke", "Duri Selatan", "Duri Utara", "Jembatan Besi", "Jembatan Lima", "Kalianyar", "Krendang", "Pekojan", "Roa Malaka", "Tanah Sereal"]),
            kec("KEC-KEBON-JERUK", "Kebon Jeruk", &["Kebon Jeruk", "Duri Kepa", "Kedoya Utara", "Kedoya Selatan", "Kelapa Dua", "Sukabumi Utara", "Sukabumi Selatan"]),
            kec("KEC-KALIDERES", "Kalideres", &["Kalideres", "Kamal", "Pegadungan", "Semanan", "Tegal Alur"]),
            kec("KEC-PALMERAH", "Palmerah", &["Palmerah", "Slipi", "Kota Bambu Utara", "Kota Bambu Selatan", "Jati Pulo", "Kemanggisan"]),
            kec("KEC-KEMBANGAN", "Kembangan", &["Kembangan Utara", "Kembangan Selatan", "Meruya Utara", "Meruya Selatan", "Srengseng", "Joglo"]),
        ],
    },
    Wilayah {
        segment: "JAKSEL",
        name: "Jakarta Selatan",
        kind: UnitKind::KotaAdministrasi,
        headcount: 500,
        suku_dinas: SUKU_DINAS_KOTA,
        kecamatan: &[
            kec("KEC-TEBET", "Tebet", &["Tebet Barat", "Tebet Timur", "Kebon Baru", "Bukit Duri", "Manggarai", "Manggarai Selatan", "Menteng Dalam"]),
            kec("KEC-SETIABUDI", "Setiabudi", &["Setiabudi", "Karet", "Karet Semanggi", "Karet Kuningan", "Kuningan Timur", "Menteng Atas", "Pasar Manggis", "Guntur"]),
            kec("KEC-MAMPANG-PRAPATAN", "Mampang Prapatan", &["Mampang Prapatan", "Bangka", "Pela Mampang", "Tegal Parang", "Kuningan Barat"]),
            kec("KEC-PASAR-MINGGU", "Pasar Minggu", &["Pasar Minggu", "Jati Padang", "Cilandak Timur", "Ragunan", "Pejaten Barat", "Pejaten Timur", "Kebagusan"]),
            kec("KEC-KEBAYORAN-LAMA", "Kebayoran Lama", &["Kebayoran Lama Utara", "Kebayoran Lama Selatan", "Grogol Utara", "Grogol Selatan", "Cipulir", "Pondok Pinang"]),
            kec("KEC-CILANDAK", "Cilandak", &["Cilandak Barat", "Lebak Bulus", "Pondok Labu", "Gandaria Selatan", "Cipete Selatan"]),
            kec("KEC-KEBAYORAN-BARU", "Kebayoran Baru", &["Selong", "Gunung", "Kramat Pela", "Gandaria Utara", "Cipete Utara", "Pulo", "Melawai", "Petogogan", "Rawa Barat", "Senayan"]),
            kec("KEC-PANCORAN", "Pancoran", &["Pancoran", "Kalibata", "Rawajati", "Duren Tiga", "Cikoko", "Pengadegan"]),
            kec("KEC-JAGAKARSA", "Jagakarsa", &["Jagakarsa", "Srengseng Sawah", "Ciganjur", "Lenteng Agung", "Tanjung Barat", "Cipedak"]),
            kec("KEC-PESANGGRAHAN", "Pesanggrahan", &["Pesanggrahan", "Bintaro", "Petukangan Utara", "Petukangan Selatan", "Ulujami"]),
        ],
    },
    Wilayah {
        segment: "JAKTIM",
        name: "Jakarta Timur",
        kind: UnitKind::KotaAdministrasi,
        headcount: 520,
        suku_dinas: SUKU_DINAS_KOTA,
        kecamatan: &[
            kec("KEC-MATRAMAN", "Matraman", &["Pal Meriam", "Kebon Manggis", "Pisangan Baru", "Utan Kayu Utara", "Utan Kayu Selatan", "Kayu Manis"]),
            kec("KEC-PULO-GADUNG", "Pulo Gadung", &["Pulo Gadung", "Jati", "Rawamangun", "Kayu Putih", "Pisangan Timur", "Cipinang", "Jatinegara Kaum"]),
            kec("KEC-JATINEGARA", "Jatinegara", &["Bali Mester", "Kampung Melayu", "Bidara Cina", "Cipinang Cempedak", "Rawa Bunga", "Cipinang Besar Utara", "Cipinang Besar Selatan", "Cipinang Muara"]),
            kec("KEC-CAKUNG", "Cakung", &["Cakung Barat", "Cakung Timur", "Rawa Terate", "Jatinegara", "Penggilingan", "Pulo Gebang", "Ujung Menteng"]),
            kec("KEC-DUREN-SAWIT", "Duren Sawit", &["Pondok Bambu", "Duren Sawit", "Pondok Kelapa", "Pondok Kopi", "Malaka Jaya", "Malaka Sari", "Klender"]),
            kec("KEC-KRAMAT-JATI", "Kramat Jati", &["Kramat Jati", "Batu Ampar", "Bale Kambang", "Kampung Tengah", "Dukuh", "Cawang", "Cililitan"]),
            kec("KEC-MAKASAR", "Makasar", &["Makasar", "Pinang Ranti", "Kebon Pala", "Halim Perdana Kusuma", "Cipinang Melayu"]),
            kec("KEC-PASAR-REBO", "Pasar Rebo", &["Pekayon", "Kalisari", "Baru", "Cijantung", "Gedong"]),
            kec("KEC-CIRACAS", "Ciracas", &["Ciracas", "Cibubur", "Kelapa Dua Wetan", "Susukan", "Rambutan"]),
            kec("KEC-CIPAYUNG", "Cipayung", &["Cipayung", "Cilangkap", "Pondok Ranggon", "Munjul", "Setu", "Bambu Apus", "Lubang Buaya", "Ceger"]),
        ],
    },
    Wilayah {
        segment: "KEPSERIBU",
        name: "Kepulauan Seribu",
        kind: UnitKind::KabupatenAdministrasi,
        headcount: 220,
        suku_dinas: SUKU_DINAS_KEPULAUAN,
        kecamatan: &[
            // Short segments keep the kelurahan codes within the 40-character limit.
            kec("KEC-KS-UTARA", "Kepulauan Seribu Utara", &["Pulau Panggang", "Pulau Kelapa", "Pulau Harapan"]),
            kec("KEC-KS-SELATAN", "Kepulauan Seribu Selatan", &["Pulau Tidung", "Pulau Pari", "Pulau Untung Jawa"]),
        ],
    },
];
