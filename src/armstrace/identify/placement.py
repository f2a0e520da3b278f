"""Where a name stands in the marking: after a "made" verb, after a recovery phrase, inside a place
phrase (`recovered in`, `seized at`) or a user's span, so a place of recovery or use is not read as the origin.
"""

from __future__ import annotations

import functools
import re
from typing import Any

from .scan import Scan
from .text import Hit, normalise
from .words import (
    MADE_AFTER,
    MADE_IN,
    MADE_OPENS,
    MADE_POSTPOSITIONS,
)

__all__ = ["COPY_WORDS", "bought_after", "made_after", "made_before", "recovered_after", "user_span"]


COPY_WORDS = frozenset(
    # KOPIA, COPIA, КОПИЯ: Polish, Italian/Spanish/Portuguese and Russian (`chińska kopia`, `copia cinese`)
    {"COPY", "COPIES", "CLONE", "CLONES", "KNOCKOFF", "REPLICA", "IMITATION", "COUNTERFEIT", "KOPIA", "COPIA", "КОПИЯ"}
)


def made_after(scan: Scan, hit: Hit) -> bool:
    """True when a made word follows the country on its line ("Russian-made", `ポーランド製`, `تركي الصنع`), with at
    most two postposition tokens between (`पोलैंड में बनी`, `불가리아에서 생산`); not when MADE opens a phrase of its own
    ("Kenya, made in Serbia")."""
    end, line = hit.end, scan.tokens[hit.start].line
    while end < len(scan.words) and end - hit.end < 2 and scan.words[end] in MADE_POSTPOSITIONS:
        end += 1
    return (
        end < len(scan.words)
        and scan.words[end] in MADE_AFTER
        and scan.tokens[end].line == line
        and (
            _postposed(scan, hit, end)
            or end + 1 >= len(scan.words)
            or scan.words[end + 1] not in MADE_OPENS
            or scan.words[end + 1 : end + 3] in (["FOR", "EXPORT"], ["FOR", "EXPORTS"])  # a purpose, no other party
        )
    )


# Recovery words after a place and its postposition (`アフガニスタンで回収`, `아프가니스탄에서 압수`, `भारत में बरामद`):
# where an item was recovered, seized or found, in the languages that put the verb after the place.
_RECOVERED_AFTER = (
    ("回", "収"),
    ("押", "収"),
    ("発", "見"),
    ("鹵", "獲"),
    ("缴", "获"),
    ("繳", "獲"),
    ("查", "获"),
    ("회", "수"),
    ("압", "수"),
    ("발", "견"),
    ("노", "획"),
    ("बरामद",),
    ("जब्त",),
)


def _postposed(scan: Scan, hit: Hit, end: int) -> bool:
    """True when the participle at `end` closes a German or Dutch place phrase (`in Kroatien hergestellt, in
    Österreich sichergestellt`): the place before it is where the item was made, whatever follows the comma."""
    return scan.words[end] in _POSTPOSED_MADE and hit.start > 0 and scan.words[hit.start - 1] in _BARE_PLACE


def recovered_after(scan: Scan, hit: Hit) -> bool:
    """True when the place is followed (after a postposition) by a word saying the item was recovered there, or by
    a German or Dutch participle of seizure (`in Österreich sichergestellt`, `in Frankrijk in beslag genomen`)."""
    same_line = hit.end < len(scan.words) and scan.tokens[hit.end].line == scan.tokens[hit.end - 1].line
    seized = same_line and any(tuple(scan.words[hit.end : hit.end + len(w)]) == w for w in _SEIZED_AFTER)
    if seized and not _made_governed(scan, hit):
        return True
    end = hit.end
    while end < len(scan.words) and end - hit.end < 2 and scan.words[end] in MADE_POSTPOSITIONS:
        end += 1
    return end > hit.end and any(tuple(scan.words[end : end + len(w)]) == w for w in _RECOVERED_AFTER)


# Words after a country in Chinese, Japanese and Korean that make it the buyer, the user or the market, not the
# maker (the verb comes after its subject: `委内瑞拉订购的`, ordered by Venezuela; `インドが採用した`, adopted by India;
# `이란이 주문한`, ordered by Iran): Chinese 订购/订单 (order), 采购/购买/购置 (purchase), 进口/引进 (import, bring in),
# 装备 (equip), 黑市 (black market); Japanese 発注 (order), 採用 (adopt), 配備 (deploy), 輸入 (import), 購入, 調達
# (procure), 闇市場; Korean 주문 (order), 도입 (introduce), 수입 (import), 구매/구입 (purchase), 배치 (deploy), 채택
# (adopt), 암시장 (black market). https://en.wiktionary.org/wiki/%E8%A8%82%E8%B3%BC https://en.wiktionary.org/wiki/%E6%8E%A1%E8%B3%BC
# https://en.wiktionary.org/wiki/%E7%99%BA%E6%B3%A8 https://en.wiktionary.org/wiki/%E9%85%8D%E5%82%99
# https://en.wiktionary.org/wiki/%EC%A3%BC%EB%AC%B8 https://en.wiktionary.org/wiki/%EB%8F%84%EC%9E%85 (citation to be
# checked). Between the country and the verb: its army or government (军队, 军方, 軍, 政府, 군) and a subject or place
# particle (が, は, に, で, 가, 이, 은, 는, 에서).
_BOUGHT_AFTER = re.compile(
    r"^(?:军队|軍隊|军方|軍方|军|軍|陆军|陸軍|政府|国防部|國防部|군|정부|육군|국방부|が|は|に|で|가|이|은|는|에서|에)"
    r"{0,3}(?:订购|訂購|订单|訂單|采购|採購|购买|購買|购置|購置|进口|進口|引进|引進|装备|裝備|黑市|発注|採用|配備|輸入|購入"
    r"|調達|闇市|주문|도입|수입|구매|구입|배치|채택|암시장)"
)


def bought_after(scan: Scan, hit: Hit) -> bool:
    """True when the country is followed, on its line, by a Chinese, Japanese or Korean word making it the buyer,
    user or market of the item (`委内瑞拉订购的`, `インドが採用した`, `이란이 주문한`)."""
    line = scan.tokens[hit.start].line
    after = "".join(
        w
        for w, t in zip(scan.words[hit.end : hit.end + 8], scan.tokens[hit.end : hit.end + 8], strict=True)
        if t.line == line
    )
    return bool(_BOUGHT_AFTER.match(after))


def _made_governed(scan: Scan, hit: Hit) -> bool:
    """True when a made-in phrase of any language (`MADE IN AUSTRIA`, `hergestellt in Tschechien`, `gemaakt in
    België`) or a making word just before it governs the country: the participle after it then says the inscription
    or item was found, and the country stays where it was made (`Aufschrift MADE IN AUSTRIA gefunden`)."""
    if any(isinstance(p, tuple) and p[0] == "made_in" for p in hit.payloads):
        return True
    if any(m.end == hit.start and m.start < hit.start for m in scan.find(scan.ix.made_in)):
        return True
    return hit.start > 0 and scan.words[hit.start - 1] in _BARE_PLACE and made_before(scan, hit.start - 1, 2)


# German and Dutch participles of seizure after the place (https://en.wiktionary.org/wiki/sicherstellen,
# https://en.wiktionary.org/wiki/beschlagnahmen, https://en.wiktionary.org/wiki/in_beslag_nemen,
# https://en.wiktionary.org/wiki/aantreffen): `in Österreich sichergestellt` is where the item was recovered.
_SEIZED_AFTER = tuple(
    tuple(normalise(p).split())
    for p in (
        "sichergestellt",
        "sichergestellte",
        "sichergestellten",
        "beschlagnahmt",
        "beschlagnahmte",
        "beschlagnahmten",
        "gefunden",
        "aufgefunden",
        "erbeutet",
        "erbeutete",
        "in beslag genomen",
        "gevonden",
        "aangetroffen",
        "onderschept",
    )
)

_FILLER = frozenset({"THE", "A", "AN", "ITS", "THEIR", "OF"})


def user_span(scan: Scan, bare: bool = True) -> set[int]:
    """Tokens naming a user or destination: the words just after "captured by", "supplied to", "exported to".

    "captured or purchased by Finland", "supplied to the Afghan forces", "exported to an American online arms
    dealer": the country named there holds or received the item; it did not make it.
    """
    # asked once per country named: kept while the model decided and the model hits (read by _family_made_there,
    # the list replaced, never changed in place) stay the same
    key = ("user_span", bare, scan.chosen_family, scan.chosen_model, id(scan.model_hits))
    memo = scan.memo.get(key)
    if memo is None or memo[0] is not scan.model_hits:
        memo = scan.memo[key] = (scan.model_hits, frozenset(_user_span(scan, bare)))
    return set(memo[1])


def _user_span(scan: Scan, bare: bool) -> set[int]:
    out: set[int] = set()
    for hit in scan.find(scan.ix.user_cues):
        if hit.start and scan.words[hit.start - 1] in _MAKER_PLACE:
            continue  # "factory location: Izhevsk, Russia" is where it was made
        if scan.words[hit.end - 1] in _BARE_PLACE and _made_participle(scan, hit.end - 1):
            continue  # "gefunden, in Russland gefertigt": the comma gone, the making's own place
        j, taken = hit.end, 0
        while j < len(scan.tokens) and scan.tokens[j].line == scan.tokens[hit.start].line and taken < 3:
            if scan.words[j] in _ORIGIN_BEFORE:
                break  # "seized in Kenya, made in Bulgaria": the making begins
            out.add(j)
            if scan.words[j] not in _FILLER:
                taken += 1
            j += 1
        # "recovered from al-Shabaab in Somalia", "used by Houthi forces in Yemen": the holder's place after it
        # is the user's too
        k = hit.end
        while k < min(j + 1, len(scan.tokens)) and scan.tokens[k].line == scan.tokens[hit.start].line:
            if scan.words[k] in _ORIGIN_BEFORE:
                break
            if scan.words[k] in _PLACE_WORDS:
                out |= _place_after(scan, k)
                break
            k += 1
    out |= _destination_span(scan)
    return out | _place_span(scan) if bare else out  # bare: also the place after a bare "in"/"from"


# Verbs of a transfer: "supplied by FN Herstal to Nigeria", "rifles delivered by Zastava to Iraq" name the
# receiver after "to" a few words on, where the cue "supplied to" is split by the supplier's name.
_TRANSFERRED = frozenset(
    {"SUPPLIED", "DELIVERED", "EXPORTED", "SOLD", "SHIPPED", "TRANSFERRED", "SENT", "DONATED", "PROVIDED", "GIVEN"}
    # the same transfers named by their nouns: "a 2018 Serbian shipment of mortar rounds to Saudi Arabia", "the
    # Bulgarian export of rockets to the UAE": the country before the noun sent them, the one after "to" got them
    | {"SHIPMENT", "SHIPMENTS", "DELIVERY", "DELIVERIES", "EXPORT", "EXPORTS", "TRANSFER", "TRANSFERS"}
    | {"CONSIGNMENT", "CONSIGNMENTS", "SALE", "SALES", "DONATION", "DONATIONS"}
)


def _destination_span(scan: Scan) -> set[int]:
    """The up to three words after a "to" that follows a verb of transfer within five words on its line."""
    out: set[int] = set()
    for i, word in enumerate(scan.words):
        if word != "TO" or i + 1 >= len(scan.words):
            continue
        line = scan.tokens[i].line
        before = range(max(0, i - 5), i)
        if any(scan.words[k] in _TRANSFERRED and scan.tokens[k].line == line for k in before):
            out |= {j for j in range(i + 1, min(i + 4, len(scan.words))) if scan.tokens[j].line == line}
    return out


_PLACE_WORDS = frozenset({"IN", "AT", "NEAR"})


_MAKER_PLACE = frozenset({"FACTORY", "PLANT", "MANUFACTURER", "MAKER", "MANUFACTURING", "PRODUCTION", "MANUFACTURE"})


# A bare "in", "at" or "from" before a country names where the item is or was (recovered, used, photographed),
# unless a word of making or origin comes just before it ("made in", "produced under licence in", "imported from").
_BARE_PLACE = frozenset({"IN", "AT", "FROM", "NEAR", "INSIDE"})


_ORIGIN_BEFORE = frozenset(
    {
        "MADE",
        "MANUFACTURED",
        "MANUFACTURE",
        "MFD",
        "MFG",
        "PRODUCED",
        "PRODUCTION",
        "BUILT",
        "BUILD",
        "ASSEMBLED",
        "FABRICATED",
        "FORGED",
        "CAST",
        "LICENCE",
        "LICENSE",
        "LICENSED",
        "LICENCED",
        "IMPORTED",
        "EXPORTED",
        "SHIPPED",
        "ORIGIN",
        "ORIGINATING",
        "ORIGINATED",
        "ORIGINALLY",
        "COMES",
        "CAME",
        "SOURCED",
        "DESIGNED",
        "DEVELOPED",
        "FACTORY",
        "ARSENAL",
        "PLANT",
        "WORKS",
        "STRUCK",
        "STAMPED",
        "PRINTED",
        "COPIED",
        "COPY",
        "NATIVE",
        # the same in the other languages transcriptions come in (German, French, Italian, Spanish, Portuguese)
        "HERGESTELLT",
        "GEFERTIGT",
        "PRODUZIERT",
        "GEBAUT",
        "FABRIQUE",
        "FABRIQUEE",
        "PRODUIT",
        "FABBRICATO",
        "FABBRICATA",
        "PRODOTTO",
        "PRODOTTA",
        "COSTRUITO",
        "COSTRUITA",
        "PRODUZIONE",
        "FABRICADO",
        "FABRICADA",
        "PRODUCIDO",
        "PRODUCIDA",
        "HECHO",
        "HECHA",
        "FABRICACION",
        "PRODUCAO",
        "LICENZA",
        "LICENCIA",
        "LIZENZ",
    }
)


def _place_span(scan: Scan) -> set[int]:
    """The words after a bare "in"/"at"/"from" that no making word precedes: "an AK-47 seized in Kenya",
    "AK rifle from Libya", "photographed in Yemen" — the place of recovery or use, not the origin."""
    out: set[int] = set()
    for i, word in enumerate(scan.words):
        if word not in _BARE_PLACE or i + 1 >= len(scan.words):
            continue
        line = scan.tokens[i].line
        if any(tuple(scan.words[max(0, i - n) : i + 1]) in _MADE_IN_ENDING for n in (1, 2, 3)):
            continue  # `produs în`, `fabricat în`: a made-in phrase of the lists ends with the "in"
        if _made_participle(scan, i):
            continue  # `in Serbien hergestellt`: the participle of making after the place
        before = [scan.words[k] for k in range(max(0, i - 4), i) if scan.tokens[k].line == line]
        if any(w in _ORIGIN_BEFORE or w in COPY_WORDS for w in before):
            continue  # "made in", "a copy from Munger": where it was made
        licence = [scan.words[k] for k in range(max(0, i - 8), i) if scan.tokens[k].line == line]
        if any(w.startswith(("LICEN", "LIZENZ", "LISANS", "LISENSI")) for w in licence) and not _licensor_home(scan, i):
            continue  # "made under licence from Heckler & Koch in Pakistan": the licensee's country
        nxt = scan.words[i + 1]
        if any(isinstance(p, tuple) and p[0] == "demonym" for p in scan.ix.countries.get(nxt)):
            continue  # "an inscription in Bulgarian", "in Chinese characters": a language, not a place
        if word == "FROM" and _family_made_there(scan, i):
            continue  # "Tokarev TT-33 from Romania": a country whose factories make the design, said of the design
        out |= _place_after(scan, i)
    return out


# The made-in phrases of the lists that end with a bare "in" (`PRODUS IN`, `FABRICAT IN`, as normalised)
_MADE_IN_ENDING = frozenset(
    words for words in (tuple(normalise(p).split()) for p in MADE_IN) if len(words) > 1 and words[-1] in _BARE_PLACE
)


def _made_participle(scan: Scan, i: int) -> bool:
    """True when a participle of making (`hergestellt`, `vervaardigd`) follows the one- or two-word place after the
    "in" at `i`, on its line."""
    line = scan.tokens[i].line
    for k in (i + 2, i + 3):
        if k < len(scan.words) and scan.tokens[k].line == line and scan.words[k] in _POSTPOSED_MADE:
            return True
    return False


# German and Dutch put the participle of making after the place: `in Serbien hergestellt`
_POSTPOSED_MADE = frozenset(
    {"HERGESTELLT", "HERGESTELLTE", "HERGESTELLTEN", "HERGESTELLTER", "GEFERTIGT", "GEFERTIGTE", "GEFERTIGTEN"}
    | {"PRODUZIERT", "PRODUZIERTE", "PRODUZIERTEN", "VERVAARDIGD", "VERVAARDIGDE", "GEPRODUCEERD", "GEPRODUCEERDE"}
)


def _family_made_there(scan: Scan, i: int) -> bool:
    """True when "from" at `i` follows the item's design (`TT-33 from Romania, ... for US importation`), the text
    speaks of its import, and the country after it is one whose factories make that design's family (the models
    table): a surplus import names the stocks it came from, whose factories made it. Without an import, "from" is
    the route (`AK-47 from Bulgaria seized in Yemen`), and a country with no such factory (`AK rifle from Libya`)
    stays where the item was."""
    family = scan.chosen_family
    if not _IMPORT_WORDS.intersection(scan.words):
        return False  # "AK-47 from Bulgaria seized in Yemen", "AK-47 from Iraq": in prose, "from" is the route
    if not family or not any(m.end == i and scan.chosen_model in _names(m) for m in scan.model_hits):
        return False
    makers = _family_countries(scan.ix.ref).get(family, frozenset())
    for hit in scan.find(scan.ix.countries):
        if hit.start == i + 1 and scan.tokens[hit.start].line == scan.tokens[i].line:
            codes = {p[1] if isinstance(p, tuple) else str(p) for p in hit.payloads}
            return bool(codes) and codes <= set(makers)
    return False


# The words of an import, whose "from" names the exporting stocks rather than a route
_IMPORT_WORDS = frozenset({"IMPORT", "IMPORTS", "IMPORTED", "IMPORTATION", "IMPORTER", "IMPORTERS", "SURPLUS"})


@functools.lru_cache(maxsize=4)
def _family_countries(ref: Any) -> dict[str, frozenset[str]]:
    """Per family, the countries of the makers its rows name (as `licences.family_makers`, which imports this)."""
    out: dict[str, set[str]] = {}
    for m in ref.models:
        for mid in (m.manufacturer_id, *m.makers) if m.family else ():
            row = ref.manufacturer(mid) if mid else None
            if row is not None and row.country:
                out.setdefault(m.family, set()).add(row.country)
    return {f: frozenset(c) for f, c in out.items()}


def _names(hit: Hit) -> set[str]:
    return {getattr(p, "model", "") for p in hit.payloads}


def _licensor_home(scan: Scan, i: int) -> bool:
    """True when the country after the word at `i` is the home of a maker named just before it: "licence from
    Heckler & Koch in Germany" places the licensor, and says nothing of where the item was made."""
    line = scan.tokens[i].line
    homes = set()
    for hit in scan.find(scan.ix.makers):
        if max(0, i - 8) <= hit.start and hit.end <= i and scan.tokens[hit.start].line == line:
            homes |= {row.country for mid in hit.payloads if (row := scan.ix.ref.manufacturer(str(mid))) is not None}
    if not homes:
        return False
    for hit in scan.find(scan.ix.countries):
        if hit.start == i + 1:
            codes = {p[1] if isinstance(p, tuple) else str(p) for p in hit.payloads}
            return bool(codes) and codes <= homes
    return False


def made_before(scan: Scan, i: int, span: int = 3) -> bool:
    """True when a word of making or origin comes within `span` words before the word at `i` on its line
    ("made in Karachi, Pakistan": the town and its country are where the item was made)."""
    line = scan.tokens[i].line
    return any(
        scan.words[k] in _ORIGIN_BEFORE or scan.words[k] in COPY_WORDS
        for k in range(max(0, i - span), i)
        if scan.tokens[k].line == line
    )


def _place_after(scan: Scan, i: int) -> set[int]:
    """The place named after the word at `i` (up to three words on its line), ending where a making word
    begins: "seized in Kenya, made in Bulgaria"."""
    out = {i}
    for k in range(i + 1, min(i + 4, len(scan.words))):
        if scan.tokens[k].line != scan.tokens[i].line or scan.words[k] in _ORIGIN_BEFORE | _PLACE_ENDS:
            break
        out.add(k)
    return out


_PLACE_ENDS = frozenset({"BY", "MARKED", "WITH", "AND", "BUT", "OF"})
