"""Names of heads of household as registry and recipient lists write them, brought to one form
before they are compared (spatial.targeting.matching).

``normalise_name("Drs. H. Moch. Soeparman, S.Pd")`` -> ``"M SUPARMAN"``: upper case, punctuation
and titles (haji, academic, bin/binti, almarhum, Bapak/Ibu) dropped, the old spelling
(oe -> u, dj -> j, tj -> c, sj -> sy, nj -> ny, ch -> kh) written in today's, and the many ways of
writing Muhammad (Muhammad, Mohamad, Moch., Muh., M.) as ``M``.
"""
import re
import unicodedata

TITLES = frozenset({
    "H", "HJ", "HAJI", "HAJJAH", "HAJAH", "DRS", "DRA", "DR", "IR", "PROF", "ST", "SE", "SH", "SPD", "SPDI", "SAG",
    "SSOS", "SKM", "SKOM", "SIP", "SHI", "SPT", "AMD", "AMKEB", "AMA", "MM", "MPD", "MSI", "MAG", "BIN", "BINTI",
    "BINTE", "SKEP", "AMDKEP", "KEP", "AMK", "ALM", "ALMH", "ALMARHUM", "ALMARHUMAH", "BPK", "BAPAK", "IBU", "NY",
    "NYONYA", "TN", "SDR", "SDRI",
})
MUHAMMAD = frozenset({
    "MUHAMMAD", "MUHAMAD", "MUHAMMED", "MOHAMMAD", "MOHAMAD", "MOHAMMED", "MOHAMED", "MOCHAMMAD", "MOCHAMAD",
    "MOCHAMMED", "MUCHAMMAD", "MUCHAMAD", "MUH", "MOH", "MOCH", "MHD", "MUHD", "MOHD", "MUHAMAT", "MUHAMMAT", "M",
})
ABBREVIATION = re.compile(r"^([A-Z]{1,4}\.)+[A-Z]{0,4}\.?$")
OLD_SPELLING = (("OE", "U"), ("DJ", "J"), ("TJ", "C"), ("SJ", "SY"), ("NJ", "NY"), ("CH", "KH"))


def normalise_name(name: str | None) -> str:
    """The comparable form of a person's name (see the module doc); empty for no name."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().upper()
    text = re.sub(r"['`]", "", text)  # NUR'AINI = NURAINI
    words = []
    for token in re.split(r"[\s,;/()]+", text):
        # an abbreviation with dots (S.Pd, A.Md.Kep, Moch.) is one word; other dots separate words
        token = token.replace(".", "") if ABBREVIATION.match(token) else token.replace(".", " ")
        for word in re.sub(r"[^A-Z ]+", " ", token).split():
            if word in TITLES:
                continue
            if word in MUHAMMAD:
                words.append("M")
                continue
            for old, new in OLD_SPELLING:
                word = word.replace(old, new)
            words.append(word)
    return " ".join(words)
