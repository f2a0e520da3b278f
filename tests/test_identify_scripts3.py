"""General rule and reference rows of the identR pass on issue 14 (designations and makers written in other scripts).

Each case is written for its rule or spelling (no case of any test set); each failed before, except the guards marked.
"""

from __future__ import annotations

from armstrace.identify import identify


def test_a_numbered_designation_outranks_the_family_s_bare_name() -> None:
    # the bare name (KALASHNIKOV, كلاشنكوف, کلاشینکف) is an alias of the AK-47 and, longer, won over the number named
    assert identify("KALASHNIKOV RIFLE AK-203").model == "AK-203"
    assert identify("كلاشنكوف AK-203").model == "AK-203"
    assert identify("کلاشینکف AK-74").model == "AK-74"


def test_the_bare_name_alone_still_names_the_family_s_design() -> None:  # guards (right before too)
    assert identify("KALASHNIKOV RIFLE").model == "AK-47"
    assert identify("بندقية كلاشنكوف").model == "AK-47"
    assert identify("KALASHNIKOV AK-47").model == "AK-47"


def test_designations_and_makers_in_other_scripts() -> None:
    # rows appended to script_names.csv, each citing a page that uses the spelling
    assert identify("K5 권총").model == "Daewoo K5"
    assert identify("K3 기관총").model == "Daewoo K3"
    assert identify("住友重機械工業").manufacturer == "Sumitomo Heavy Industries"  # was read as Chinese, CN
    assert identify("重慶建設廠").manufacturer == "Jianshe Industries (Factory 26)"
    assert identify("пистолет Макарова").model == "Makarov PM"
    assert identify("ручной пулемёт Калашникова").model == "RPK"
    assert identify("جی تھری ایس").model == "G3S (Pakistan)"
    assert identify("Kaleşnikof").model == "AK-47"
    assert identify("تفنگ برنو").manufacturer == "Zbrojovka Brno"
