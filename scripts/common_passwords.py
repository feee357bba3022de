#!/usr/bin/env python3
"""Writes app/src/auth/common_passwords.txt: the 10,000 most common passwords of the list that
zxcvbn ships (MIT licence, Dropbox; ranked by frequency in published password leaks), plus
common Indonesian words people build passwords on. New passwords equal to one of them, or one
of them with digits and symbols added at the end, are refused (issue #16).

Usage: python3 scripts/common_passwords.py   (downloads zxcvbn 4.5.0 from PyPI)
"""
import pathlib, subprocess, sys, tempfile, zipfile

TOP = 10_000
INDONESIAN = """rahasia katasandi sandi indonesia jakarta bismillah sayang cinta merdeka garuda
pancasila bandung surabaya persija persib admin123 selamat semangat sukses bersama
kantor pegawai pemprov pemda dkijakarta balaikota kelurahan kecamatan siap""".split()

def main() -> None:
    root = pathlib.Path(__file__).resolve().parent.parent
    with tempfile.TemporaryDirectory() as tmp:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps",
                        "-d", tmp, "zxcvbn==4.5.0"], check=True)
        wheel = next(pathlib.Path(tmp).glob("zxcvbn-*.whl"))
        zipfile.ZipFile(wheel).extractall(tmp)
        sys.path.insert(0, tmp)
        from zxcvbn.frequency_lists import FREQUENCY_LISTS  # type: ignore
    words = []
    for w in FREQUENCY_LISTS["passwords"][:TOP] + INDONESIAN:
        w = w.strip().lower()
        if w and w not in words:
            words.append(w)
    out = root / "app/src/auth/common_passwords.txt"
    out.write_text("\n".join(words) + "\n", encoding="utf-8")
    print(f"{len(words)} passwords written to {out.relative_to(root)}")

if __name__ == "__main__":
    main()
