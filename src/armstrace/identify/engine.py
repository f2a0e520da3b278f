"""The identification pipeline: scan the marking once, then decide each field in the order that lets
later fields use earlier ones (importer before maker, maker before country).
"""

from __future__ import annotations

from armstrace.reference import Reference, load_reference
from armstrace.reference.states import country_at

from .codes import read_nsn
from .country import decide_country
from .makers import decide_importer, decide_maker
from .models import decide_calibre, decide_kind, decide_model, looks_like_headstamp
from .numbers import decide_serial, decide_year
from .result import Identification
from .scan import Scan, copied_design, indexes
from .text import longest

__all__ = ["identify"]


def identify(text: str, reference: Reference | None = None) -> Identification:
    """Identify one marking transcription (several lines, any case and script) against the tables."""
    ix = indexes(reference or load_reference())
    scan = Scan(text, ix)
    result = Identification(text=text)
    ev = result.evidence
    conf: dict[str, float] = {}

    calibre_hits = longest(scan.find(ix.calibres))
    model_hits = [h for h in longest(scan.find(ix.models)) if not any(h.inside(c) for c in calibre_hits)]
    scan.model_hits = model_hits
    copies = [h for h in model_hits if copied_design(scan, h)]
    own = [h for h in model_hits if h not in copies]  # "It was a Chinese CQ, an M-16 knockoff": CQ, not M16
    importer_hits = longest(scan.find(ix.importers))
    importer_lines = {scan.line_of(h) for h in importer_hits}
    if importer_hits:
        importer_hits += [
            h for h in longest(scan.find(ix.import_locations)) if not any(h.overlaps(i) for i in importer_hits)
        ]
    nsn = read_nsn(scan, result, conf)

    decide_importer(scan, importer_hits, result, conf)
    # "Copy of the 1911A1": with no other model named, the copied design is the pattern, but not its maker's
    model = decide_model(scan, own or copies, calibre_hits, result, conf, copy=not own and bool(copies))
    scan.model_is_copy = not own and bool(copies)
    scan.chosen_model = model.model if model else None
    scan.chosen_family = (model.family or None) if model else None
    ammo_context = looks_like_headstamp(scan, calibre_hits, model)
    own_model = None if scan.model_is_copy else model
    decide_maker(scan, importer_hits, model_hits, calibre_hits, own_model, ammo_context, result, conf)
    decide_calibre(scan, calibre_hits, model, result, conf)
    decide_country(scan, importer_lines, importer_hits, nsn, result, conf)
    decide_year(scan, ammo_context, result, conf)
    # `country` is where the factory is today (the tables' convention, what registries and traces use); the
    # state it stood in when the item was made is said beside it: an Izhevsk rifle of 1980 was made in the USSR
    then = country_at(result.country, result.year)
    result.state_at_manufacture = then if then != result.country else None
    decide_serial(scan, importer_lines, result, conf)
    decide_kind(scan, ammo_context, model, nsn, result, conf)
    result.field_confidence = {k: round(v, 2) for k, v in conf.items()}
    core = [conf[k] for k in ("manufacturer", "country", "model", "calibre") if k in conf]
    result.confidence = round(sum(core) / len(core), 2) if core else 0.0
    ev.sort(key=lambda e: (list(conf).index(e.field) if e.field in conf else 99, -e.weight))
    return result
