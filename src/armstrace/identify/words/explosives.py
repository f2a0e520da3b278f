"""The words that make an item an explosive (bulk explosives, charges, detonating cord, detonators, propellant
powders) in the languages the engine reads, and the words naming the `detonator` and `charge` types.
"""

from __future__ import annotations

from .formats import word_set

__all__ = ["BULK_EXPLOSIVE_WORDS", "EXPLOSIVE_TYPE_WORDS", "EXPLOSIVE_WORDS", "PROPELLANT_PHRASES"]

EXPLOSIVE_WORDS = word_set(
    "GRENADE GRENADES TNT RDX HMX PETN SEMTEX EXPLOSIVE EXPLOSIVES DETONATOR DETONATORS FUZE MINE MINES "
    "CLAYMORE DEMOLITION WARHEAD HEAT FRAG FRAGMENTATION MORTAR COMPOSITION ГРАНАТА ТРОТИЛ "
    "ВЗРЫВЧАТОЕ МИНА 手榴弹 炸药"
)
BULK_EXPLOSIVE_WORDS = word_set(
    "TNT RDX HMX PETN SEMTEX EXPLOSIVE EXPLOSIVES DETONATOR DETONATORS DEMOLITION COMPOSITION C4 ANFO "
    "DYNAMITE ТРОТИЛ ВЗРЫВЧАТОЕ 炸药 متفجرات"
)
# identO: explosives, detonators, fuzes and primers in the languages the engine reads. A detonator, blasting cap,
# detonating cord or bulk explosive is the `explosive` kind; a fuze or an artillery primer tube is ordnance.
# Sources: https://en.wikipedia.org/wiki/Detonator, https://de.wikipedia.org/wiki/Sprengkapsel,
# https://fr.wikipedia.org/wiki/Cordeau_d%C3%A9tonant, https://es.wikipedia.org/wiki/Detonador,
# https://ru.wikipedia.org/wiki/Капсюль-детонатор, https://zh.wikipedia.org/wiki/雷管, https://ar.wikipedia.org/wiki/مفجر
EXPLOSIVE_TYPE_WORDS: dict[str, tuple[str, ...]] = {}
EXPLOSIVE_TYPE_WORDS["detonator"] = (
    "DETONATOR",
    "DETONATORS",
    "BLASTING CAP",
    "BLASTING CAPS",
    "ELECTRIC DETONATOR",
    "SHOCK TUBE",
    "DÉTONATEUR",
    "DÉTONATEURS",
    "DETONADOR",
    "DETONADORES",
    "DETONATORE",
    "DETONATORI",
    "SPRENGKAPSEL",
    "SPRENGKAPSELN",
    "ROZBUŠKA",
    "ROZBUSKA",
    "SPŁONKA DETONUJĄCA",
    "SPŁONKA ELEKTRYCZNA",
    "SPŁONKI DETONUJĄCE",
    "SPŁONKI ELEKTRYCZNE",
    "DETONATÖR",
    "ДЕТОНАТОР",
    "ДЕТОНАТОРЫ",
    "ЭЛЕКТРОДЕТОНАТОР",
    "ЭЛЕКТРОДЕТОНАТОРЫ",
    "КАПСЮЛЬ ДЕТОНАТОР",
    "КАПСЮЛИ ДЕТОНАТОРЫ",
    "ДЕТОНАТОРИ",
    "ЕЛЕКТРОДЕТОНАТОР",
    "ЕЛЕКТРОДЕТОНАТОРИ",
    "КАПСУЛЬ ДЕТОНАТОР",
    "雷管",
    "电雷管",
    "電雷管",
    "뇌관",
    "صاعق تفجير",
    "صاعق كهربائي",  # an electric detonator; "مسدس صاعق كهربائي" is a stun gun (a pistol word before it)
    "صواعق",
    "مفجر",
    "مفجرات",
    "چاشنی انفجاری",
    "چاشنی الکتریکی",
    "डेटोनेटर",
)
EXPLOSIVE_TYPE_WORDS["charge"] = (
    "DETONATING CORD",
    "DET CORD",
    "DETCORD",
    "PLASTIC EXPLOSIVE",
    "DEMOLITION CHARGE",
    "DEMOLITION BLOCK",
    "CAST BOOSTER",
    "EMULSION EXPLOSIVE",
    "CORDEAU DÉTONANT",
    "CORDÓN DETONANTE",
    "MICCIA DETONANTE",
    "SPRENGSCHNUR",
    "SPRENGSTOFF",
    "SPRENGLADUNG",
    "PLASTISCHER SPRENGSTOFF",
    "EXPLOSIFS",
    "EXPLOSIVOS",
    "ESPLOSIVI",
    # the singular adjectives only in phrases (`proyectil explosivo` is a bullet): fixO
    "MATIÈRE EXPLOSIVE",
    "EXPLOSIF PLASTIQUE",
    "MATERIAL EXPLOSIVO",
    "EXPLOSIVO PLÁSTICO",
    "ARTEFACTO EXPLOSIVO",
    "MATERIALE ESPLOSIVO",
    "ESPLOSIVO PLASTICO",
    "TRHAVINA",
    "TRHAVINY",
    "PLASTICKÁ TRHAVINA",
    "MATERIAŁ WYBUCHOWY",
    "PATLAYICI",
    "PATLAYICI MADDE",
    "EKSPLOZIV",
    "ЕКСПЛОЗИВ",
    "ДЕТОНИРУЮЩИЙ ШНУР",
    "ДЕТОНИРУЮЩИЙ",
    "ДЕТОНУЮЧИЙ ШНУР",
    "ВИБУХОВА РЕЧОВИНА",
    "ТРОТИЛОВА ШАШКА",
    "ТРОТИЛОВАЯ ШАШКА",
    "ТРОТИЛОВАЯ",
    "ТРОТИЛОВЫЕ",
    "ВЗРЫВЧАТКА",
    "ВЗРЫВЧАТОЕ ВЕЩЕСТВО",
    "ПЛАСТИТ",
    "ВЗРИВНО ВЕЩЕСТВО",
    "导爆索",
    "炸药",
    "炸藥",
    "爆薬",
    "폭약",
    "مواد منفجره",
    "منفجره",
    "متفجرة",
    "عبوة ناسفة",
    "विस्फोटक",
)
# Propellant powders (https://en.wikipedia.org/wiki/Smokeless_powder, https://ru.wikipedia.org/wiki/Порох): bulk
# explosive when no cartridge or gun is named (`7.62x39 cartridges, smokeless powder` stays ammunition).
PROPELLANT_PHRASES: tuple[str, ...] = (
    "SMOKELESS POWDER",
    "BLACK POWDER",
    "GUNPOWDER",
    "GUN POWDER",
    "PROPELLANT POWDER",
    "ПОРОХ",
    "ПОРОХА",
    "ПОРОХИ",
    "ДЫМНЫЙ ПОРОХ",
    "БАРУТ",
    "PULBERE",
    "PULBERI",
    "PROCH CZARNY",
    "PROCH BEZDYMNY",
    "POUDRE NOIRE",
    "POUDRE SANS FUMÉE",
    "PÓLVORA",
    "POLVERE NERA",
    "SCHWARZPULVER",
    "TREIBLADUNGSPULVER",
    "火药",
    "火藥",
    "باروت",
)
