"""The kind a text describes when it names a container, a gun with its cartridges, shells beside cartridges, or an
item in a word of a language the vocabulary lacked: the item the text is about decides, in any language.

Each case is written for its rule (no case of any test set).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("a wooden crate containing six RGD-5 grenades", "ordnance"),
        ("a carton of 20 cartridges made by Fiocchi", "ammunition"),
        ("four hand grenades found in a cardboard box near the bridge", "ordnance"),
        ("the bullet is packed into a longer case", "ammunition"),
        ("100 pieces of 9 mm ammunition", "ammunition"),
        ("a pistol which can fire 9 mm rounds", "firearm"),
    ],
)
def test_a_container_the_item_was_in_leaves_the_kind_to_the_item(text: str, kind: str) -> None:
    assert identify(text).kind == kind


@pytest.mark.parametrize(
    "text",
    [
        "ammunition box, green paint, lot 7",
        "7.62x39 ammo can",
        "crate for 82mm mortar bombs",
        "ящик для патронов",
        "手榴弹箱",
        "grenade crate stencilled 1988",
    ],
)
def test_a_container_named_for_what_it_holds_is_packaging(text: str) -> None:
    assert identify(text).kind == "packaging"


@pytest.mark.parametrize(
    "text",
    [
        "a revolver loaded with three rounds",
        "pistol with a magazine containing 9 mm ammunition",
        "pistola con un cargador con 10 cartuchos calibre 9 mm",
        "a shotgun and 12 cartridges",
        "pistolet, cartouches",
        "AK-47 rifle with 30 rounds of 7.62x39 ammunition",
    ],
)
def test_a_gun_named_first_with_its_cartridges_is_the_gun(text: str) -> None:
    assert identify(text).kind == "firearm"


@pytest.mark.parametrize(
    "text",
    [
        "balas de 7,62 mm usadas en el fusil AK-47",
        "cartouches pour fusil Lebel",
        "Kalashnikov rifle cartridges",
        "cartridges for M16A4 rifles",
        "патроны 7,62×39 являются боеприпасами к автомату Калашникова",
        "1000 rifle and carbine cartridges, blank",
    ],
)
def test_cartridges_named_first_or_qualified_by_a_gun_are_ammunition(text: str) -> None:
    assert identify(text).kind == "ammunition"


def test_the_bulk_decides_between_listed_cartridges_and_a_few_shells() -> None:
    text = "3,000 rounds of 7.62x39, 500 rounds of 12.7 mm and two 82 mm mortar shells"
    assert identify(text).kind == "ammunition"
    assert identify("two 82 mm mortar shells and 500 rounds of 7.62x39").kind == "ordnance"  # one calibre of each
    assert identify("12.7 mm rounds").kind == "ammunition"
    assert identify("a 106 mm shell").kind == "ordnance"


@pytest.mark.parametrize(
    "text",
    [
        "炮彈 一枚",
        "迫擊炮彈",
        "航彈",
        "照明彈",
        "發現 砲彈",
        "ručne bombe i municija",
        "pronašli su minu",
        "havan mermisi",
        "11 adet top mermisi",
        "گلوله توپ",
        "akna",
    ],
)
def test_ordnance_words_of_more_scripts_and_languages(text: str) -> None:
    assert identify(text).kind == "ordnance"
