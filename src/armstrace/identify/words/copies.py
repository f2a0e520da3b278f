"""The words that make a design or maker named next to them the one the item copies or follows (`a copy of the
Walther PP`, `an M-16 knockoff`, `a Mauser-type rifle`), not the item itself.
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["COPY_AFTER", "COPY_BEFORE", "COPY_VERBS", "DESIGN_TYPE_WORDS"]

# Words that make the next design or maker named (within a few words) the one the item copies or resembles,
# not the item itself: "a copy of the Walther PP", "copia civile della Walther PP", "was not an M-16".
COPY_BEFORE = word_set(
    "COPY COPIES COPYING COPIED CLONE CLONES KNOCKOFF KNOCKOFFS IMITATION IMITATIONS REPLICA LOOKALIKE "
    "IDENTICAL SIMILAR RESEMBLES RESEMBLING NOT COPIA COPIE COPIARE COPIATO COPIATA KOPIE NACHBAU CLON COPIE "
    "MIMIC MIMICS MIMICKING MIMICKED IMITATES IMITATING VERSION VARIANT DERIVATIVE DERIVED INSPIRED INFLUENCED "
    "MODELED MODELLED PATTERNED EMULATES DOPPELGANGER VORBILD DERIVATA ISPIRATA ISPIRATO INSPIRE INSPIREE "
    # "often misidentified as Type 68", "mistaken for", "confused with": another design, named to set it aside
    "MISIDENTIFIED MISIDENTIFY MISTAKEN CONFUSED MISLABELED MISLABELLED CONFONDU CONFONDUE CONFUNDIDO CONFUNDIDA "
    # Russian and Ukrainian copy nouns in their cases (`клон советского РПГ-2`, `копия американского`, `копією`)
    "КЛОН КЛОНА КЛОНОМ КОПИЯ КОПИЕЙ КОПИИ КОПІЯ КОПІЄЮ КОПІЇ"
)
# Words that, right after a design's name, say the item only copies it: "an M-16 knockoff".
COPY_AFTER = word_set("KNOCKOFF KNOCKOFFS COPY CLONE LOOKALIKE COPIES CLONES KLON KLONE KOPIE NACHBAU CLONI CLONE")
# Words that, right after a one-word maker's name and not before a number, make it a design family: "a
# Mauser-type rifle", "a Kalashnikov-pattern rifle", "Browning system" (but "NORINCO TYPE 56" is a maker and model).
DESIGN_TYPE_WORDS = word_set("TYPE STYLE PATTERN SYSTEM DESIGN DESIGNED TIPO SYSTEME SYSTEMS BAUART")
# Verbs that, after a design's name and "that it" / "which it", say the item copies it: "the Walther PPK that it
# mimics".
COPY_VERBS = word_set("MIMICS MIMIC COPIES COPY RESEMBLES IMITATES CLONES REPLICATES EMULATES FOLLOWS")
