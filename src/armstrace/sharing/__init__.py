"""Tracing between states (docs/sharing.md: what each party learns, the threat model, two servers).

* ``psi`` — checking an inventory without seeing it: private set intersection as files;
* ``notices`` — a recovery matching another agency's record tells that agency (embargo per incident);
* ``exchange`` — trace requests between servers as signed messages, delivered at least once, applied once;
* ``records`` — their tables (migration 0005_sharing).
"""

from __future__ import annotations

from .psi import PsiSummary, psi_answer, psi_ask, psi_offer, psi_result

__all__ = ["PsiSummary", "psi_answer", "psi_ask", "psi_offer", "psi_result"]
