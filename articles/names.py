"""How names of sections, authors, actors and countries are written and compared. Pure Python."""

import unicodedata


def name_clean(name: str) -> str:
    """A name as Newsroom stores it: Unicode NFKC, one space between words, none around.

    NFKC reads look-alike "compatibility" characters as the ordinary ones: the Kelvin sign "K"
    as "K", full-width "Ｋ" as "K", the ligature "ﬁ" as "fi". Without it two names that look
    the same pass for different ones, or (the Kelvin sign lower-cases to "k") for the same one
    only in the database's unique constraint.
    """
    return " ".join(unicodedata.normalize("NFKC", name).split())


def name_fold(name: str) -> str:
    """The form two names are compared in outside the database: cleaned, then case-folded."""
    return unicodedata.normalize("NFKC", name_clean(name).casefold())
