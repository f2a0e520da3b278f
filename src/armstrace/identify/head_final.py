"""The item of a Japanese, Chinese or Korean noun phrase that names a gun and a cartridge: the last noun.

These languages put the qualifier first and the noun it qualifies last, joined by a particle or a clause: Japanese
`三八式歩兵銃の実包` (the Type 38 rifle's cartridge), `九九式小銃用の弾薬` (ammunition for the Type 99 rifle),
`軽機関銃から発射された銃弾` (a bullet fired from a light machine gun), `村田銃に使われた薬莢` (a case used in the
Murata rifle); Chinese `步枪的子弹`, `手枪用子弹`; Korean `소총의 실탄`, `권총용 탄약`. A cartridge noun after a
gun noun so joined is the item, where English would name the cartridge first (`subjects`). A gun's part spelt with the
cartridge's character is no cartridge: 弾倉 (magazine), 弾道 (trajectory), 弹匣 / 弹夹 (magazine), 탄창 (magazine).
Sources: https://en.wiktionary.org/wiki/%E5%AE%9F%E5%8C%85 (実包, live cartridge),
https://en.wiktionary.org/wiki/%E8%96%AC%E8%8E%A2 (薬莢, cartridge case), https://en.wiktionary.org/wiki/%E5%BC%BE%E5%80%89
(弾倉, magazine), https://en.wiktionary.org/wiki/%E5%AD%90%E5%BD%88 (子彈), https://en.wiktionary.org/wiki/%ED%83%84%EC%B0%BD
(탄창) (citation to be checked).
"""

from __future__ import annotations

import re

__all__ = ["cartridge_after_gun"]

# the gun nouns: Japanese 銃 (小銃, 拳銃, 機関銃, 歩兵銃, 村田銃), Chinese 枪/槍 (步枪, 手枪),
# Korean 총 (소총, 권총, 기관총)
_GUN = r"(?:銃|枪|槍|총)"
# a reading or a gloss in brackets after the gun's name (`九九式軽機関銃(きゅうきゅうしき…)`), then what joins it
_GLOSS = r"(?:\s*[(（][^)）]{0,40}[)）])?"
_JOIN = (
    r"(?:用の|用|の|から発射された|から撃たれた|から発射した|に使われた|に使用された|で使われた|に用いられた"
    r"|的|用的|所用的|使用的|发射的|發射的|의|용|에서\s*발사된|에\s*쓰인|에\s*사용된)"
)
# a calibre may stand between (`九九式小銃用の7.7mm弾薬`)
_CALIBRE = r"(?:\s*[0-9０-９][0-9０-９.．,]*\s*(?:mm|ｍｍ|㎜|ミリ|毫米|공리|밀리)?\s*)?"
# the cartridge nouns, not a gun's part spelt with the same character
_CARTRIDGE = (
    r"(?:空薬莢|薬莢|実包|弾薬|銃弾|弾丸|弾(?![倉道痕孔帯])|子弹|子彈|弹壳|彈殼|弹药|彈藥|枪弹|槍彈"
    r"|실탄|탄약|탄피|총알|탄환|탄(?!창|도))"
)
_PHRASE = re.compile(_GUN + _GLOSS + r"\s*" + _JOIN + r"\s*" + _CALIBRE + _CARTRIDGE)


def cartridge_after_gun(text: str) -> bool:
    """The text names a cartridge as the head of a phrase a gun qualifies (`三八式歩兵銃の実包`)."""
    return bool(_PHRASE.search(text))
