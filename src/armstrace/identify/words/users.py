"""The words that make a country or nationality named next to them a user, owner, buyer or place of recovery of
the item, not where it was made (`captured by Finland`, `Egyptian Army contract`, `seized in`, `ضبط في`).
"""

from __future__ import annotations

from .formats import phrase_tuple, word_set

__all__ = ["AGENCY_FILLERS", "USER_AFTER", "USER_BEFORE", "USER_CUES", "USER_OF"]

# Words before a country or nationality that make it a user or destination, not where the item was made:
# "captured by Finland", "supplied to Afghan forces", "exported to an American dealer", "in service with".
# Thai (written without spaces, found by unspaced.py): seized in / at / from, found in / at, border, police
# (https://en.wiktionary.org/wiki/ยึด https://en.wiktionary.org/wiki/พบ https://en.wiktionary.org/wiki/ชายแดน).
USER_CUES: tuple[str, ...] = phrase_tuple(
    """
CAPTURED BY | CAPTURED FROM | PURCHASED BY | BOUGHT BY | ISSUED TO | SUPPLIED TO | EXPORTED TO | SOLD TO
DELIVERED TO | SHIPPED TO | SENT TO | TRANSFERRED TO | GIVEN TO | GIFTED TO | PROVIDED TO | BOUND FOR | USED BY
IN SERVICE WITH | ADOPTED BY | ORDERED BY | SMUGGLED TO | SMUGGLED INTO | DESTINED FOR | LEFT BEHIND BY
ANNEXED BY | OCCUPIED BY | INVADED BY | SEIZED BY | RECOVERED BY | CONFISCATED BY | SUPPLIED BY | PROVIDED BY
DONATED BY | GIVEN BY | RECOVERED IN | RECOVERED NEAR | RECOVERED AT | RECOVERED FROM | FOUND IN | FOUND NEAR
FOUND AT | SEIZED IN | SEIZED AT | SEIZED NEAR | SEIZED FROM | CAPTURED IN | CAPTURED AT | CONFISCATED IN
DOCUMENTED IN | OBSERVED IN | PHOTOGRAPHED IN | INTERCEPTED IN | INTERCEPTED OFF | USED IN | FIRED IN
RECOVERED ON | SEIZED ON | FOUND ON | TAKEN FROM | LOOTED FROM | STOLEN FROM | DIVERTED TO | TRACED IN
ยึดได้ใน | ยึดได้ที่ | ยึดได้จาก | ตรวจยึดใน | ตรวจยึดที่ | พบใน | พบที่ | ชายแดน | ตำรวจ
SICHERGESTELLT IN | SICHERGESTELLT BEI | BESCHLAGNAHMT IN | GEFUNDEN IN | ERBEUTET IN | ERBEUTET VON
VERWENDET VON | BENUTZT VON | GELIEFERT AN | EINGESETZT IN | AUFGEFUNDEN IN
RECUPERE AU | RECUPERE EN | RECUPERE A | RECUPERE DANS | RECUPEREE AU | RECUPEREE EN | SAISI AU | SAISI EN
SAISI A | SAISIE AU | SAISIE EN | SAISIE A | SAISI PAR | CAPTURE AU | CAPTURE EN | CAPTURE PAR | TROUVE AU
TROUVE EN | TROUVE A | UTILISE PAR | UTILISE AU | UTILISE EN | LIVRE A | LIVRE AU | FOURNI A | FOURNI AU
INCAUTADO EN | INCAUTADA EN | INCAUTADO A | DECOMISADO EN | DECOMISADA EN | RECUPERADO EN | RECUPERADA EN
CAPTURADO EN | CAPTURADO POR | HALLADO EN | HALLADA EN | ENCONTRADO EN | ENCONTRADA EN | USADO POR
UTILIZADO POR | UTILIZADO EN | APREENDIDO EM | APREENDIDO NO | APREENDIDO NA | APREENDIDA EM | APREENDIDA NO
APREENDIDA NA | ENCONTRADO NO | ENCONTRADO NA | RECUPERADO NO | RECUPERADO NA | SEQUESTRATO IN | SEQUESTRATA IN
RECUPERATO IN | TROVATO IN | TROVATA IN | CATTURATO IN | USATO DA | UTILIZZATO DA | RINVENUTO IN
ИЗЪЯТ В | ИЗЪЯТО В | НАЙДЕН В | НАЙДЕНО В | ЗАХВАЧЕН В | ЗАХВАЧЕНО В | ОБНАРУЖЕН В | ОБНАРУЖЕНО В
ИСПОЛЬЗОВАЛСЯ В | ТРОФЕЙ ИЗ
PROPERTY OF | CONTRACT | CONTRACT FOR | CONTRACT MARKING | CONTRACT MARK | MADE FOR | PRODUCED FOR | ORDER OF
FOR THE ARMY OF | FOR THE GOVERNMENT OF | GOVERNMENT OF | MINISTRY OF DEFENCE OF | MINISTRY OF INTERIOR OF
ARMED FORCES OF | CREST OF | COAT OF ARMS OF | PROPRIETE DE | PROPIEDAD DE | PROPRIETA DI | EIGENTUM VON
ضبط في | ضبطت في | تم ضبطه في | تم ضبطها في | عثر عليه في | عثر عليها في | استخدم في | استخدمت في
مصادرة في | صودر في | غنيمة من | ضبط من
LOCATION | RECOVERY LOCATION | SEIZURE LOCATION | LOCATION OF RECOVERY | LOCATION OF SEIZURE | PLACE OF RECOVERY
PLACE OF SEIZURE | PLACE OF CAPTURE | COUNTRY OF RECOVERY | COUNTRY OF SEIZURE | COUNTRY OF CAPTURE | RECOVERY SITE
SEIZURE SITE | PROVENANCE | IN USE IN | IN THE POSSESSION OF | IN THE HANDS OF | DISPLAYED AT | DISPLAYED IN
ON DISPLAY IN | ON DISPLAY AT | STOCKPILES OF | STOCKPILE OF | STOCKS OF | DEPOTS OF | INVENTORY OF
"""
)
# Words that, right after a country or demonym (a word or two between), make it the buyer or owner, not the
# maker: "Egyptian Army contract", "Portuguese contract", "Venezuela contract", "Iraqi police".
USER_AFTER = word_set(
    "CONTRACT CONTRACTS ARMY POLICE GENDARMERIE FORCES STOCKS STOCKPILE STOCKPILES DEPOT DEPOTS INVENTORY "
    "INVENTORIES ARMOURIES ARMORIES "
    # a state's crest, cipher or emblem on the receiver is the buyer's mark ("Chilean crest", "Turkish crescent",
    # "Yugoslav crest", Czech "srbský znak"), not the maker's country
    "CREST CRESTS CRESCENT CIPHER CYPHER TUGHRA MONOGRAM EMBLEM ZNAK ZNAKEM WAPPEN ARMOIRIES BLASON ESCUDO STEMMA "
    # the state agencies and services that hold, seize or issue arms ("Nigeria Customs Service", "Uganda People's
    # Defence Force", "Kenya Wildlife Service", German "kenianische Polizei", "nigerianischer Zoll")
    "CUSTOMS FORCE IMMIGRATION CONSTABULARY COASTGUARD NAVY MARINES MILITIA MILITIAS PRISONS WILDLIFE CORPS "
    "GUARDS POLIZEI ZOLL ZOLLS GRENZSCHUTZ ZOLLBEHORDE ZOLLBEHOERDE GENDARMEN "
    # the armed groups and troops that carry arms ("Syrian opposition", "Russian troops"): who held the item, not who
    # made it. Not SURPLUS or IMPORTS: in the gun trade "Russian surplus", "Chinese imports" name where the arms
    # come from (reviewZ)
    "OPPOSITION REBELS INSURGENTS MILITANTS FIGHTERS TROOPS SOLDIERS SOLDIER "
    # where the item was offered for sale ("Iraqi black market", "Yemen arms market"): a place of trade, not of making
    "MARKET MARKETS BAZAAR"
)
# Words that may stand between a country and its agency's noun (`Uganda People's Defence Force`, `Nigeria Police
# Force`, `Ghana Revenue Authority customs`, `Kenya Defence Forces`): with them the noun may be three words on.
AGENCY_FILLERS = word_set(
    "PEOPLES PEOPLE'S PEOPLE DEFENCE DEFENSE NATIONAL ARMED REVENUE BORDER COAST AIR REPUBLICAN ROYAL SECURITY "
    "POLICE PRISON PRISONS CORRECTIONAL CIVIL SPECIAL FEDERAL STATE CUSTOMS IMMIGRATION WILDLIFE AND &"
)  # not MILITARY: "Iranian military ammunition"
# The same nouns in the languages that put the adjective after its noun (Spanish `Ejército Mexicano`, `Policía
# Nacional Colombiana`, French `Armée nationale congolaise`, Italian `Esercito Italiano`, Portuguese `Marinha
# Brasileira`): right before a country or demonym (only NACIONAL between), they make it the owner, as USER_AFTER
# does. Not English POLICE: English puts the adjective first (`Iraqi police`, USER_AFTER).
# As the index reads them: upper case, accents folded.
USER_BEFORE = word_set(
    "EJERCITO POLICIA ARMADA FUERZAS FUERZA GUARDIA CARABINEROS GENDARMERIA ARMEE ARMEES GENDARMERIE "
    "ESERCITO POLIZIA CARABINIERI EXERCITO FORCAS MARINHA GUARDA MARINA "
    # customs (`Aduana Colombiana`, `douanes nigériennes`, `Alfândega`) and Arabic, whose nouns come first too
    # (`الشرطة الكينية` the Kenyan police, `جمارك نيجيريا` Nigeria's customs, `الجيش السوري`, `قوات الدفاع`)
    "ADUANA ADUANAS DOUANE DOUANES ALFANDEGA DOGANA DOGANE "
    "الشرطة شرطة الجمارك جمارك الجيش جيش القوات قوات الدرك درك حرس الحرس مصلحة هيئة "
    # Thai puts the nationality after its noun too: the people and places it describes are no origin:
    # `ทหารพม่า` Burmese soldiers, `ร้านอาหารจีน` a Chinese restaurant, `นักท่องเที่ยวอเมริกัน` an American tourist,
    # `ชาวจีน` Chinese people, `แรงงานพม่า` Burmese workers. Not สัญชาติ (`ปืนสัญชาติจีน`: a gun of Chinese make)
    "ทหาร ตำรวจ กองทัพ ทหารพราน นักท่องเที่ยว ชาว คน ชาย หญิง แรงงาน นักธุรกิจ ผู้ต้องหา ผู้ต้องสงสัย เจ้าหน้าที่ "
    "ร้าน ร้านอาหาร ภัตตาคาร โรงแรม สถานทูต อาหาร "
    # Persian's noun comes first with its ezafe (`ارتش ایران` Iran's army, `پلیس افغانستان`, `سپاه`), and Arabic's
    # soldier (`جندي إسرائيلي` an Israeli soldier, `جنود`): who holds or faces the arm, not who made it
    "ارتش پلیس سپاه ژاندارمری نیروهای جندي الجندي جنود الجنود"
)
# Agency nouns that own a country named after "of"/"de"/"du" (`Police nationale du Niger`, `Policía Nacional de
# Colombia`, `Customs Service of Nigeria`, `Forces armées de la RDC`): USER_BEFORE's nouns and these.
# Not GUARD: `trigger guard of Russian origin` names where the part was made.
USER_OF = USER_BEFORE | word_set(
    "POLICE CUSTOMS SERVICE ARMY FORCES FORCE GENDARMERIE NAVY CONSTABULARY MILITIA "
    "POLIZEI ZOLL STREITKRAFTE STREITKRAEFTE BUNDESPOLIZEI "
    # an order placed by a state (`commande de l'Égypte`, `pedido de Venezuela`, `encomenda de Angola`, `Auftrag
    # der Türkei`): the buyer, not the maker
    "COMMANDE PEDIDO ENCOMENDA AUFTRAG ORDINE CONTRAT CONTRATO"
)
