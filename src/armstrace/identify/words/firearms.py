"""The words that make an item a firearm, and the words naming each firearm type (pistol, revolver, carbine,
rifle, machine gun, submachine gun, shotgun) as `kinds.WEAPON_TYPE_WORDS` starts from.
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["FIREARM_TYPE_WORDS", "FIREARM_WORDS"]

FIREARM_WORDS = word_set(
    "RIFLE CARBINE PISTOL REVOLVER SHOTGUN SMG SUBMACHINE GUN MACHINE LAUNCHER RECEIVER BARREL SLIDE "
    "FRAME SELECTOR SAFE SEMI AUTO FIRE BOLT SERIAL SN ВИНТОВКА ПИСТОЛЕТ АВТОМАТ ПУЛЕМЕТ КАРАБИН "
    # Arabic, Persian and Urdu: rifle, pistol, machine gun
    "بندقية بندقيه تفنگ رائفل مسدس تپانچه پستول رشاش تیربار "
    # fixO: black-powder guns, so `black powder musket` names a gun, not a bulk propellant
    # (https://en.wikipedia.org/wiki/Muzzleloader, https://ru.wikipedia.org/wiki/Ружьё)
    "MUSKET MUSKETS MUZZLELOADER MUZZLELOADERS MUZZLE-LOADER FLINTLOCK FLINTLOCKS MATCHLOCK VORDERLADER "
    "РУЖЬЁ РУЖЬЕ РУЖЬЯ РУЖЬЮ РУЖЬЁМ РУЖЬЕМ РУЖЬЯМИ"
)
# Words naming each firearm type, keyed by the `weapon_type` values of models.csv (normalised, upper case).
FIREARM_TYPE_WORDS: dict[str, tuple[str, ...]] = {
    "pistol": ("PISTOL", "PISTOLS", "ПИСТОЛЕТ", "手枪", "مسدس", "تپانچه", "پستول"),
    "revolver": ("REVOLVER", "REVOLVERS", "РЕВОЛЬВЕР"),
    "carbine": ("CARBINE", "CARBINES", "КАРАБИН"),
    "rifle": ("RIFLE", "RIFLES", "ASSAULT RIFLE", "ВИНТОВКА", "АВТОМАТ", "步枪", "بندقية", "بندقيه", "تفنگ", "رائفل"),
    "machine_gun": ("MACHINE GUN", "MACHINEGUN", "LMG", "HMG", "GPMG", "ПУЛЕМЕТ", "ПУЛЕМЁТ", "机枪", "رشاش", "تیربار"),
    "submachine_gun": ("SUBMACHINE GUN", "SUB MACHINE GUN", "SMG", "MACHINE PISTOL", "冲锋枪"),
    "shotgun": ("SHOTGUN", "SHOT GUN", "GAUGE", "GA"),
}
# Chinese, Russian and Persian words for the semi-automatic carbine (the SKS is "56式半自动步枪", the AK "56式
# 自动步枪"): the type of the same number tells the two apart.
FIREARM_TYPE_WORDS["carbine"] += ("半自动步枪", "СКС", "SEMI AUTOMATIC CARBINE")
# Korean (North and South): pistol, rifle (보총 in the North, 소총 in the South), machine gun
for _kind, _korean in (
    ("pistol", ("권총",)),
    ("rifle", ("보총", "소총", "자동보총", "자동소총")),
    ("machine_gun", ("기관총", "경기관총")),
):
    FIREARM_TYPE_WORDS[_kind] += _korean
