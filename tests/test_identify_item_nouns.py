"""The kind from an item's noun phrase in many languages: declined Slavic nouns and adjectives (`мину`,
`pocisku`, `артилерійський`), German compounds (`Mörsergranate`, `Patronenhülsen`), words for both a bullet and a
shell that their qualifier decides (`pocisk`, `mermi`), a bore of 20 mm or more with a shell's noun, unexploded
items, and a cartridge's part named with the gun it came from (`a cartridge case of an anti-tank rifle`).

A grid of item classes by languages, phrased as news and police reports phrase them (examples of our own making).
"""

from __future__ import annotations

import pytest

from armstrace.identify import identify
from armstrace.identify.item_nouns import noun_kinds, word_kind

GRID = [
    ("an artillery shell of 75 mm", "ordnance"),  # en
    ("a 120 mm mortar mine", "ordnance"),  # en
    ("a tank gun round", "ordnance"),  # en
    ("a mortar projectile", "ordnance"),  # en
    ("the tail of a rocket", "ordnance"),  # en
    ("a cartridge case of an anti-tank rifle", "ammunition"),  # en
    ("bullets fired from a rifle", "ammunition"),  # en
    ("an unexploded projectile", "ordnance"),  # en
    ("a 152 mm projectile", "ordnance"),  # en
    ("a 125 mm tank round", "ordnance"),  # en
    ("spent cartridge cases from a machine gun", "ammunition"),  # en
    ("a 100 mm tank shell", "ordnance"),  # en
    ("a rocket tail fin", "ordnance"),  # en
    ("a percussion primer", "ammunition"),  # en
    ("артиллерийский снаряд калибра 122 мм", "ordnance"),  # ru
    ("нашли минометную мину калибра 82 мм", "ordnance"),  # ru
    ("обнаружили мину 120 мм", "ordnance"),  # ru
    ("минометную мину", "ordnance"),  # ru
    ("миной от миномета", "ordnance"),  # ru
    ("фрагмент снаряда 152 мм", "ordnance"),  # ru
    ("хвостовик ракеты", "ordnance"),  # ru
    ("неразорвавшийся снаряд", "ordnance"),  # ru
    ("гильза от противотанкового ружья", "ammunition"),  # ru
    ("гильзу от пулемета", "ammunition"),  # ru
    ("пули от автомата", "ammunition"),  # ru
    ("танковый снаряд", "ordnance"),  # ru
    ("осколочная граната", "ordnance"),  # ru
    ("противотанковая мина", "ordnance"),  # ru
    ("взрыватель от мины", "ordnance"),  # ru
    ("патроны к автомату", "ammunition"),  # ru
    ("артиллерийских снарядов", "ordnance"),  # ru
    ("минометных мин", "ordnance"),  # ru
    ("реактивный снаряд", "ordnance"),  # ru
    ("артилерійський снаряд калібру 152 мм", "ordnance"),  # uk
    ("мінометна міна калібру 120 мм", "ordnance"),  # uk
    ("мінометну міну", "ordnance"),  # uk
    ("снаряд до танкової гармати", "ordnance"),  # uk
    ("гільза від кулемета", "ammunition"),  # uk
    ("набої до автомата", "ammunition"),  # uk
    ("ручна граната", "ordnance"),  # uk
    ("протитанкова міна", "ordnance"),  # uk
    ("хвостовик ракети", "ordnance"),  # uk
    ("нерозірваний снаряд", "ordnance"),  # uk
    ("pocisk artyleryjski kalibru 75 mm", "ordnance"),  # pl
    ("znaleziono pocisk moździerzowy", "ordnance"),  # pl
    ("pocisku artyleryjskiego", "ordnance"),  # pl
    ("pociski artyleryjskie", "ordnance"),  # pl
    ("niewybuch pocisku", "ordnance"),  # pl
    ("granat moździerzowy 82 mm", "ordnance"),  # pl
    ("łuska od karabinu przeciwpancernego", "ammunition"),  # pl
    ("łuski od karabinu maszynowego", "ammunition"),  # pl
    ("naboje do karabinu", "ammunition"),  # pl
    ("mina przeciwpancerna", "ordnance"),  # pl
    ("pocisk czołgowy 125 mm", "ordnance"),  # pl
    ("pocisk kalibru 100 mm", "ordnance"),  # pl
    ("dělostřelecký granát ráže 152 mm", "ordnance"),  # cs
    ("minometná mina", "ordnance"),  # cs
    ("nábojnice z kulometu", "ammunition"),  # cs
    ("náboje do pušky", "ammunition"),  # cs
    ("ruční granát", "ordnance"),  # cs
    ("nevybuchlý dělostřelecký granát", "ordnance"),  # cs
    ("artiljerijska granata 155 mm", "ordnance"),  # sh
    ("minobacačka mina 82 mm", "ordnance"),  # sh
    ("čaura od puške", "ammunition"),  # sh
    ("metak za pušku", "ammunition"),  # sh
    ("ručna bomba", "ordnance"),  # sh
    ("артиљеријска граната", "ordnance"),  # sh
    ("тромблонска мина", "ordnance"),  # sh
    ("артилерийски снаряд 122 мм", "ordnance"),  # bg
    ("минохвъргачна мина", "ordnance"),  # bg
    ("гилза от картечница", "ammunition"),  # bg
    ("патрони за автомат", "ammunition"),  # bg
    ("ръчна граната", "ordnance"),  # bg
    ("havan mermisi", "ordnance"),  # tr
    ("top mermisi", "ordnance"),  # tr
    ("tank topu mermisi", "ordnance"),  # tr
    ("120 mm havan mermisi", "ordnance"),  # tr
    ("tüfek mermisi", "ammunition"),  # tr
    ("tabanca mermisi", "ammunition"),  # tr
    ("patlamamış havan mermisi bulundu", "ordnance"),  # tr
    ("el bombası", "ordnance"),  # tr
    ("kovan", "ammunition"),  # tr
    ("roket", "ordnance"),  # tr
    ("mayın", "ordnance"),  # tr
    ("tanksavar mayını", "ordnance"),  # tr
    ("قذيفة مدفعية عيار 155 ملم", "ordnance"),  # ar
    ("قذيفة هاون 120 ملم", "ordnance"),  # ar
    ("قذيفة دبابة", "ordnance"),  # ar
    ("طلقات بندقية", "ammunition"),  # ar
    ("لغم مضاد للدبابات", "ordnance"),  # ar
    ("قنبلة يدوية", "ordnance"),  # ar
    ("گلوله خمپاره ۸۲ میلی متری", "ordnance"),  # fa
    ("گلوله توپ", "ordnance"),  # fa
    ("پوکه فشنگ", "ammunition"),  # fa
    ("فشنگ کلاشنیکف", "ammunition"),  # fa
    ("مین ضد تانک", "ordnance"),  # fa
    ("نارنجک دستی", "ordnance"),  # fa
    ("un obus d'artillerie de 155 mm", "ordnance"),  # fr
    ("un obus de mortier de 81 mm", "ordnance"),  # fr
    ("une douille de mitrailleuse", "ammunition"),  # fr
    ("des balles de fusil", "ammunition"),  # fr
    ("une roquette", "ordnance"),  # fr
    ("un projectile non explosé", "ordnance"),  # fr
    ("une mine antichar", "ordnance"),  # fr
    ("une grenade à main", "ordnance"),  # fr
    ("un obus de char", "ordnance"),  # fr
    ("un proyectil de artillería de 105 mm", "ordnance"),  # es
    ("una granada de mortero de 60 mm", "ordnance"),  # es
    ("un proyectil de mortero", "ordnance"),  # es
    ("vainas de ametralladora", "ammunition"),  # es
    ("balas de fusil", "ammunition"),  # es
    ("una mina antipersonal", "ordnance"),  # es
    ("un cohete", "ordnance"),  # es
    ("un proyectil de 120 mm", "ordnance"),  # es
    ("un proyectil sin explotar", "ordnance"),  # es
    ("um projétil de artilharia de 155 mm", "ordnance"),  # pt
    ("uma granada de morteiro de 81 mm", "ordnance"),  # pt
    ("estojos de metralhadora", "ammunition"),  # pt
    ("um foguete", "ordnance"),  # pt
    ("uma mina terrestre", "ordnance"),  # pt
    ("munição de fuzil", "ammunition"),  # pt
    ("eine Artilleriegranate vom Kaliber 150 mm", "ordnance"),  # de
    ("eine Mörsergranate 81 mm", "ordnance"),  # de
    ("eine Panzergranate", "ordnance"),  # de
    ("Patronenhülsen eines Maschinengewehrs", "ammunition"),  # de
    ("Gewehrpatronen", "ammunition"),  # de
    ("eine Handgranate", "ordnance"),  # de
    ("eine Panzerabwehrmine", "ordnance"),  # de
    ("ein Blindgänger", "ordnance"),  # de
    ("ein Geschoss vom Kaliber 105 mm", "ordnance"),  # de
    ("un proiettile di artiglieria da 155 mm", "ordnance"),  # it
    ("una bomba da mortaio da 81 mm", "ordnance"),  # it
    ("bossoli di mitragliatrice", "ammunition"),  # it
    ("cartucce per fucile", "ammunition"),  # it
    ("una bomba a mano", "ordnance"),  # it
    ("un razzo", "ordnance"),  # it
    ("una granata inesplosa", "ordnance"),  # it
    ("un proiettile da 105 mm", "ordnance"),  # it
    ("不発弾", "ordnance"),  # ja
    ("迫撃砲弾", "ordnance"),  # ja
    ("対戦車ライフルの薬莢", "ammunition"),  # ja
    ("機関銃の薬莢", "ammunition"),  # ja
    ("小銃の銃弾", "ammunition"),  # ja
    ("手榴弾", "ordnance"),  # ja
    ("75ミリ砲弾", "ordnance"),  # ja
    ("地雷", "ordnance"),  # ja
    ("ロケット弾", "ordnance"),  # ja
    ("未爆炸的炮弹", "ordnance"),  # zh
    ("82毫米迫击炮弹", "ordnance"),  # zh
    ("机枪弹壳", "ammunition"),  # zh
    ("步枪子弹", "ammunition"),  # zh
    ("手榴弹", "ordnance"),  # zh
    ("火箭弹尾翼", "ordnance"),  # zh
    ("坦克炮弹", "ordnance"),  # zh
    ("子弹", "ammunition"),  # zh
    ("弹壳", "ammunition"),  # zh
]


@pytest.mark.parametrize(("text", "kind"), GRID)
def test_item_noun_gives_the_kind(text: str, kind: str) -> None:
    assert identify(text).kind == kind


@pytest.mark.parametrize(
    ("word", "kind"),
    [
        ("МИНУ", "ordnance"),
        ("МИНОЙ", "ordnance"),
        ("СНАРЯДАМИ", "ordnance"),
        ("МИНОМЁТНОГО", "ordnance"),
        ("ГИЛЬЗОЙ", "ammunition"),
        ("ПУЛЯМИ", "ammunition"),
        ("POCISKOW", "projectile"),
        ("ARTYLERYJSKIEGO", "ordnance"),
        ("MORSERGRANATEN", "ordnance"),
        ("GEWEHRPATRONEN", "ammunition"),
        ("NIEWYBUCHU", "dud"),
        # not a declined form: another word on the same letters
        ("МИНИСТР", ""),
        ("ПУЛЕМЕТ", ""),
        ("МИНУТА", ""),
        ("GRANATE", ""),
        ("КУЛЬТУРА", ""),
    ],
)
def test_word_kind_reads_stem_and_ending(word: str, kind: str) -> None:
    assert word_kind(word) == kind


def test_noun_kinds_finds_phrases_and_cjk_nouns() -> None:
    assert "ordnance" in noun_kinds(["A", "TANK", "ROUND"])
    assert "dud" in noun_kinds(list("不発弾が"), "不発弾が")
    assert noun_kinds(["A", "RIFLE"]) == {}


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        # a gun named first with its cartridges after it stays the gun, in declined forms too
        ("пистолет Макарова с патронами", "firearm"),
        ("автомат Калашникова и 30 патронов", "firearm"),
        # a word for both bullet and shell beside a gun is the gun's bullet
        ("tüfek mermisi", "ammunition"),
        ("tabanca mermisi", "ammunition"),
        # a rifle's cartridge named with a small-arms calibre stays ammunition, though unexploded
        ("unexploded 7.62x39 cartridge", "ammunition"),
    ],
)
def test_guards_keep_the_gun_or_the_cartridge(text: str, kind: str) -> None:
    assert identify(text).kind == kind
