"""Weapon-type words of the languages the breadth pass added (South and South-East Asia, the Caucasus and Central
Asia, Belarus, Greece, the Baltic and Nordic states, Africa's Afrikaans, Zulu and Swahili, Malay, Tagalog), in the
`type CC: WORD | WORD` lines of `languages` (which appends them to its table), and the words for an artillery shell,
which name ordnance of no one type.

Sources: the translation tables of the English Wiktionary entries (https://en.wiktionary.org/wiki/pistol,
https://en.wiktionary.org/wiki/rifle, https://en.wiktionary.org/wiki/gun, https://en.wiktionary.org/wiki/machine_gun,
https://en.wiktionary.org/wiki/hand_grenade, https://en.wiktionary.org/wiki/mortar, https://en.wiktionary.org/wiki/rocket,
https://en.wiktionary.org/wiki/cartridge, https://en.wiktionary.org/wiki/bullet, https://en.wiktionary.org/wiki/shell,
https://en.wiktionary.org/wiki/landmine, https://en.wiktionary.org/wiki/explosive, https://en.wiktionary.org/wiki/bomb)
and the pages named in the `#` lines. Every language here is spoken in a country that mostly imports its arms, or
in several countries: `--`, no country hinted. Left out: words of three letters or fewer, words that fold to another
language's common word (Estonian PÜSS, English "puss"; Azerbaijani PATRON and RAKET, Spanish and Turkish words; Yoruba
IBON, Tagalog "bird"), Burmese and Khmer single syllables (ဗုံး, bomb), which the segmenter would find inside words.
"""

from __future__ import annotations

__all__ = ["MORE_TYPE_WORDS", "SHELL_WORDS"]

_TABLE = """
# mr, ne (Devanagari; Hindi's words are read already): https://mr.wikipedia.org/wiki/%E0%A4%AC%E0%A4%82%E0%A4%A6%E0%A5%82%E0%A4%95
firearm --: बंदूक | बंदुका | बन्दुक
rifle --: रायफल | रायफली
machine_gun --: मशीनगन
grenade --: हातबॉम्ब | ग्रेनेड
mine --: भूसुरुंग
charge --: स्फोटके | स्फोटक | विस्फोटक
# or: https://or.wikipedia.org/wiki/%E0%AC%AC%E0%AC%A8%E0%AD%8D%E0%AC%A7%E0%AD%81%E0%AC%95
firearm --: ବନ୍ଧୁକ
pistol --: ପିସ୍ତଲ
rifle --: ରାଇଫଲ
grenade --: ଗ୍ରେନେଡ
bomb --: ବୋମା
charge --: ବିସ୍ଫୋରକ
# ta (more): https://ta.wikipedia.org/wiki/%E0%AE%95%E0%AE%A3%E0%AF%8D%E0%AE%A3%E0%AE%BF%E0%AE%B5%E0%AF%86%E0%AE%9F%E0%AE%BF
rifle --: ரைபிள்
machine_gun --: இயந்திரத் துப்பாக்கி | இயந்திர துப்பாக்கி
mine --: கண்ணிவெடி | கண்ணிவெடிகள்
charge --: வெடிபொருள் | வெடிபொருட்கள் | வெடிமருந்து
# te: https://te.wikipedia.org/wiki/%E0%B0%A4%E0%B1%81%E0%B0%AA%E0%B0%BE%E0%B0%95%E0%B1%80
firearm --: తుపాకీ | తుపాకులు
pistol --: పిస్టల్
rifle --: రైఫిల్
machine_gun --: మెషిన్ గన్
grenade --: గ్రెనేడ్
bomb --: బాంబు | బాంబులు
rocket --: రాకెట్
mine --: మందుపాతర | మందుపాతరలు
cartridge --: తూటా | తూటాలు
charge --: పేలుడు పదార్థాలు
# ml: https://ml.wikipedia.org/wiki/%E0%B4%A4%E0%B5%8B%E0%B4%95%E0%B5%8D%E0%B4%95%E0%B5%8D
firearm --: തോക്ക് | തോക്കുകൾ
pistol --: പിസ്റ്റൾ
rifle --: റൈഫിൾ
machine_gun --: യന്ത്രത്തോക്ക്
grenade --: ഗ്രനേഡ്
bomb --: ബോംബ്
rocket --: റോക്കറ്റ്
mine --: കുഴിബോംബ്
cartridge --: വെടിയുണ്ട | വെടിയുണ്ടകൾ
charge --: സ്ഫോടകവസ്തു | സ്ഫോടകവസ്തുക്കൾ
# gu: https://gu.wikipedia.org/wiki/%E0%AA%AC%E0%AA%82%E0%AA%A6%E0%AB%82%E0%AA%95
firearm --: બંદૂક
pistol --: પિસ્તોલ
rifle --: રાઇફલ
machine_gun --: મશીનગન
grenade --: ગ્રેનેડ
bomb --: બોમ્બ
rocket --: રોકેટ
cartridge --: કારતૂસ
charge --: વિસ્ફોટક
# pa (Gurmukhi): https://pa.wikipedia.org/wiki/%E0%A8%AC%E0%A9%B0%E0%A8%A6%E0%A9%82%E0%A8%95
firearm --: ਬੰਦੂਕ | ਬੰਦੂਕਾਂ
pistol --: ਪਿਸਤੌਲ | ਪਿਸਤੌਲਾਂ
rifle --: ਰਾਈਫਲ
machine_gun --: ਮਸ਼ੀਨ ਗਨ
grenade --: ਗ੍ਰਨੇਡ | ਹੱਥਗੋਲਾ
bomb --: ਬੰਬ
cartridge --: ਕਾਰਤੂਸ
charge --: ਵਿਸਫੋਟਕ
# ne: https://ne.wikipedia.org/wiki/%E0%A4%AC%E0%A4%A8%E0%A5%8D%E0%A4%A6%E0%A5%81%E0%A4%95
pistol --: पेस्तोल
rifle --: राइफल
grenade --: ग्रेनेड
mine --: बारुदी सुरुङ
# si: https://si.wikipedia.org/wiki/%E0%B6%AD%E0%B7%94%E0%B7%80%E0%B6%9A%E0%B7%8A%E0%B6%9A%E0%B7%94%E0%B7%80
firearm --: තුවක්කුව | තුවක්කු
pistol --: පිස්තෝලය | පිස්තෝල
rifle --: රයිෆලය
grenade --: අත් බෝම්බය | ග්‍රැනේඩය
bomb --: බෝම්බය | බෝම්බ
mine --: බිම් බෝම්බය
cartridge --: උණ්ඩය | උණ්ඩ
# my, th, km, lo (unspaced, found by the segmenter): https://en.wiktionary.org/wiki/%E1%80%85%E1%80%80%E1%80%BA%E1%80%9E%E1%80%B1%E1%80%94%E1%80%90%E1%80%BA
# https://en.wiktionary.org/wiki/%E0%B8%88%E0%B8%A3%E0%B8%A7%E0%B8%94 https://en.wiktionary.org/wiki/%E0%BA%9B%E0%BA%B7%E0%BA%99
pistol --: ပစ္စတို
rifle --: ရိုင်ဖယ်
machine_gun --: စက်သေနတ်
grenade --: လက်ပစ်ဗုံး
cartridge --: ကျည်ဆံ
rocket --: จรวด
submachine_gun --: ปืนกลมือ
charge --: วัตถุระเบิด
rifle --: កាំភ្លើងវែង
machine_gun --: កាំភ្លើងយន្ត
grenade --: គ្រាប់បែកដៃ
mine --: គ្រាប់មីន
bomb --: គ្រាប់បែក
cartridge --: គ្រាប់កាំភ្លើង
pistol --: ປືນສັ້ນ
rifle --: ປືນຍາວ
machine_gun --: ປືນກົນ
grenade --: ລະເບີດມື
bomb --: ລູກລະເບີດ
mortar --: ປືນຄົກ
cartridge --: ລູກປືນ
# be: https://be.wikipedia.org/wiki/%D0%92%D1%96%D0%BD%D1%82%D0%BE%D1%9E%D0%BA%D0%B0 https://be.wikipedia.org/wiki/%D0%9A%D1%83%D0%BB%D1%8F%D0%BC%D1%91%D1%82
pistol --: ПІСТАЛЕТ
rifle --: ВІНТОЎКА | АЎТАМАТ
machine_gun --: КУЛЯМЁТ | КУЛЯМЕТ
mortar --: МІНАМЁТ | МІНАМЕТ
charge --: ВЫБУХОЎКА | ВЫБУХОВЫЯ РЭЧЫВЫ | ВЫБУХОВАЕ РЭЧЫВА
# ka, hy (more): https://ka.wikipedia.org/wiki/%E1%83%A2%E1%83%A7%E1%83%95%E1%83%98%E1%83%90%E1%83%9B%E1%83%A4%E1%83%A0%E1%83%A5%E1%83%95%E1%83%94%E1%83%95%E1%83%98
# https://hy.wikipedia.org/wiki/%D4%B3%D5%B6%D5%A4%D5%A1%D6%81%D5%AB%D6%80
machine_gun --: ტყვიამფრქვევი
mortar --: ნაღმსატყორცნი
rocket --: რაკეტა
cartridge --: ვაზნა | ვაზნები
mine --: ნაღმი | ნაღმები
charge --: ასაფეთქებელი
firearm --: ცეცხლსასროლი იარაღი
machine_gun --: ԳՆԴԱՑԻՐ
mortar --: ԱԿԱՆԱՆԵՏ
rocket --: ՀՐԹԻՌ
cartridge --: ՓԱՄՓՈՒՇՏ | ՓԱՄՓՈՒՇՏՆԵՐ
charge --: ՊԱՅԹՈՒՑԻԿ
# az, kk, uz, tg, ky, mn: https://az.wikipedia.org/wiki/Pulemyot https://kk.wikipedia.org/wiki/%D0%A2%D0%B0%D0%BF%D0%B0%D0%BD%D1%88%D0%B0
# https://uz.wikipedia.org/wiki/Toʻpponcha https://tg.wikipedia.org/wiki/%D0%A2%D0%B0%D0%BF%D0%BE%D0%BD%D1%87%D0%B0
machine_gun --: PULEMYOT
mortar --: MİNAATAN
charge --: PARTLAYICI | PARTLAYICI MADDƏ
pistol --: ТАПАНША | ТАПАНЧА | ТАПОНЧА | TOPPONCHA | TOʻPPONCHA | ГАР БУУ
firearm --: МЫЛТЫҚ | МЫЛТЫК | MILTIQ | ТУФАНГ
charge --: ЖАРЫЛҒЫШ | ЖАРЫЛУУЧУ | PORTLOVCHI | ТЭСРЭХ БОДИС
# el: https://el.wikipedia.org/wiki/%CE%A0%CE%B9%CF%83%CF%84%CF%8C%CE%BB%CE%B9 https://kapoulitsas-outdoors.gr/ta-pistolia-kai-h-leitourgia-tous
# http://policenet.gr/article/ (πιστόλι, περίστροφο, πολυβόλο, φυσίγγια, as the pages write them)
pistol --: ΠΙΣΤΟΛΙ | ΠΙΣΤΟΛΙΑ
revolver --: ΠΕΡΙΣΤΡΟΦΟ | ΠΕΡΙΣΤΡΟΦΑ
rifle --: ΤΟΥΦΕΚΙ | ΤΟΥΦΕΚΙΑ | ΤΥΦΕΚΙΟ | ΤΥΦΕΚΙΟ ΕΦΟΔΟΥ
carbine --: ΚΑΡΑΜΠΙΝΑ
machine_gun --: ΠΟΛΥΒΟΛΟ | ΠΟΛΥΒΟΛΑ | ΟΠΛΟΠΟΛΥΒΟΛΟ
submachine_gun --: ΥΠΟΠΟΛΥΒΟΛΟ
grenade --: ΧΕΙΡΟΒΟΜΒΙΔΑ | ΧΕΙΡΟΒΟΜΒΙΔΕΣ
mortar --: ΟΛΜΟΣ | ΟΛΜΟΥ
rocket --: ΡΟΥΚΕΤΑ | ΡΟΥΚΕΤΕΣ
missile --: ΠΥΡΑΥΛΟΣ | ΠΥΡΑΥΛΟΙ
cartridge --: ΦΥΣΙΓΓΙΟ | ΦΥΣΙΓΓΙΑ
mine --: ΝΑΡΚΗ | ΝΑΡΚΕΣ
charge --: ΕΚΡΗΚΤΙΚΑ | ΕΚΡΗΚΤΙΚΟ | ΕΚΡΗΚΤΙΚΩΝ
firearm --: ΠΥΡΟΒΟΛΟ ΟΠΛΟ | ΠΥΡΟΒΟΛΑ ΟΠΛΑ
# lt, lv, et: https://lt.wikipedia.org/wiki/Kulkosvaidis https://lv.wikipedia.org/wiki/Lo%C5%BEmet%C4%93js
# https://et.wikipedia.org/wiki/Kuulipilduja
pistol --: PISTOLETAS | PISTOLETAI | PÜSTOL | PÜSTOLID
rifle --: ŠAUTUVAS | ŠAUTUVAI | AUTOMATAS | ŠAUTENE | AUTOMĀTS
machine_gun --: KULKOSVAIDIS | LOŽMETĒJS | KUULIPILDUJA
mortar --: MINOSVAIDIS | MĪNMETĒJS | MIINIPILDUJA
cartridge --: ŠOVINYS | ŠOVINIAI | ŠAUDMENYS | PADRUN | PADRUNID | LAUSKMENIS
charge --: SPROGMENYS | SPRĀGSTVIELA | SPRĀGSTVIELAS | LÕHKEAINE | LÕHKEAINED
grenade --: KÄSIGRANAAT | ROKAS GRANĀTA
# sl, da, nb, af: https://sl.wikipedia.org/wiki/Mitraljez https://da.wikipedia.org/wiki/Spr%C3%A6ngstof
# https://af.wikipedia.org/wiki/Masjiengeweer
pistol --: PIŠTOLA
machine_gun --: MITRALJEZ | MASJIENGEWEER
grenade --: ROČNA BOMBA
charge --: RAZSTRELIVO | SPRÆNGSTOF | SPRENGSTOFF | PLOFSTOF
mortar --: GRANATKASTER
rocket --: VUURPYL
mine --: LANDMYN | LANDMYNE
# zu, sw, tl, ms: https://en.wiktionary.org/wiki/isibhamu https://en.wiktionary.org/wiki/kilipuzi
# https://en.wiktionary.org/wiki/pampasabog https://en.wiktionary.org/wiki/senapang
firearm --: ISIBHAMU | IZIBHAMU
charge --: VILIPUZI | KILIPUZI | PAMPASABOG | BAHAN LETUPAN
bomb --: MABOMU
rifle --: SENAPANG
grenade --: BOM TANGAN
# hr, sr, bs (declined): https://www.vecernji.hr/vijesti/da-ta-bomba-padne-s-nekakve-visine-na-bilo-sto-nece-eksplodirati-nekako-je-aktivirana-1818337
grenade --: RUČNA BOMBA | RUČNE BOMBE | RUČNU BOMBU | RUČNOJ BOMBI | RUČNIH BOMBI | RUČNIM BOMBAMA
mine --: MINU | MINAMA | TROMBLONSKE MINE | TROMBLONSKA MINA
# tr: http://www.nedir.com/havan-topu
mortar --: HAVAN TOPU | HAVAN TOPLARI
mortar_bomb --: HAVAN MERMISI | HAVAN MERMILERI
# hu: http://www.bkse.hu/cikkek/aknak
mine --: AKNA | AKNÁK | AKNÁT | AKNÁKAT | HARCKOCSIAKNA | TAPOSÓAKNA
"""
MORE_TYPE_WORDS: tuple[tuple[str, str, str], ...] = tuple(
    (kind.strip(), code.strip(), word.strip())
    for line in _TABLE.strip().splitlines()
    if not line.startswith("#")
    for head, _, words in [line.partition(":")]
    for kind, code in [head.split()]
    for word in words.split("|")
)
# An artillery or tank shell (a projectile of no one type): Greek βλήμα, Belarusian снарад, Georgian ჭურვი, Lithuanian
# sviedinys, Azerbaijani mərmi, Thai กระสุนปืนใหญ่ (a big gun's round), Marathi तोफगोळा.
SHELL_WORDS = frozenset(
    {"ΒΛΗΜΑ", "ΒΛΗΜΑΤΑ", "СНАРАД", "СНАРАДЫ", "ჭურვი".upper(), "SVIEDINYS", "SVIEDINIAI", "MƏRMI", "กระสุนปืนใหญ่"}
    | {"तोफगोळा", "तोफगोळे"}
)
