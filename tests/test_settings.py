"""Numeric settings from the environment: one rule, one message naming the variable, no value ignored."""

from __future__ import annotations

import pytest

from armstrace.exceptions import InputError
from armstrace.settings import load_settings


@pytest.mark.parametrize(
    ("name", "text"),
    [
        ("ARMSTRACE_EXCHANGE_INTERVAL", "soon"),  # was silently read as the default
        ("ARMSTRACE_EXCHANGE_INTERVAL", "-1"),  # was silently read as 0
        ("ARMSTRACE_ANCHOR_EVERY", "0"),  # was a workspace error (exit 6), not a mistake in the input
        ("ARMSTRACE_ANCHOR_EVERY", "2.5"),
        ("ARMSTRACE_TOKEN_DAYS", "4000"),
        ("ARMSTRACE_MAX_ATTACHMENT_MB", "0"),
        ("ARMSTRACE_RATE", "nan"),
    ],
)
def test_a_wrong_number_is_refused_naming_the_variable(name: str, text: str) -> None:
    with pytest.raises(InputError, match=f"^{name}={text!r}: use "):
        load_settings({name: text})


def test_numbers_are_read_in_their_units() -> None:
    s = load_settings({"ARMSTRACE_MAX_ATTACHMENT_MB": "0.5", "ARMSTRACE_TOKEN_DAYS": "0", "ARMSTRACE_ANCHOR_EVERY": "7",
                       "ARMSTRACE_EXCHANGE_INTERVAL": "0.2", "ARMSTRACE_CONCURRENCY": "0"})  # fmt: skip
    assert (s.max_attachment_bytes, s.token_days, s.anchor_every, s.exchange_interval) == (512 * 1024, 0, 7, 0.2)
    assert s.max_concurrent == 1 and load_settings({}).max_attachment_bytes == 20 * 1024 * 1024
