"""Tracing between states: checking an inventory without seeing it (private set intersection).

See docs/sharing.md for what each party learns and the threat model.
"""

from __future__ import annotations

from .psi import PsiSummary, psi_answer, psi_ask, psi_offer, psi_result

__all__ = ["PsiSummary", "psi_answer", "psi_ask", "psi_offer", "psi_result"]
