"""Weapon-type words in other languages and scripts, for the kind of item (and, for a language of one country, a
weak hint at that country); kept apart from ``words`` because the table is long and grows by language."""

from __future__ import annotations

from .type_words import MORE_TYPE_WORDS

__all__ = ["LANGUAGE_TYPE_WORDS"]

# --- seventh pass: weapon-type words in the languages recovered items are described in ---
# One line per language and type: `type CC: WORD | WORD`, CC the one country whose language it is (a weak country
# hint, used last, like a script) or `--` where the language is several countries' (Arabic, Spanish, French,
# German, Serbo-Croatian...). Words as written, accents folded when indexed; a word of five letters or more is
# also found inflected (`kiväärin`, `винтовки`, `puskát`): see designations.weapon_types_named. Sources: the
# translation tables of the English Wiktionary entries (https://en.wiktionary.org/wiki/rifle,
# https://en.wiktionary.org/wiki/assault_rifle, https://en.wiktionary.org/wiki/pistol,
# https://en.wiktionary.org/wiki/revolver, https://en.wiktionary.org/wiki/submachine_gun,
# https://en.wiktionary.org/wiki/machine_gun, https://en.wiktionary.org/wiki/sniper_rifle,
# https://en.wiktionary.org/wiki/shotgun, https://en.wiktionary.org/wiki/carbine,
# https://en.wiktionary.org/wiki/hand_grenade, https://en.wiktionary.org/wiki/mortar,
# https://en.wiktionary.org/wiki/rocket_launcher, https://en.wiktionary.org/wiki/landmine,
# https://en.wiktionary.org/wiki/cartridge, https://en.wiktionary.org/wiki/ammunition) and each language's
# Wikipedia articles named in the `#` lines of the table.
LANGUAGE_TYPE_WORDS: tuple[tuple[str, str, str], ...] = tuple(
    (kind.strip(), code.strip(), word.strip())
    for line in """
# hu: https://hu.wikipedia.org/wiki/AMD-65 https://hu.wikipedia.org/wiki/Pisztoly
rifle HU: PUSKÁT | GÉPKARABÉLY | GÉPKARABÉLYT | ROHAMPUSKA | MESTERLÖVŐ PUSKA | MESTERLÖVŐPUSKA
carbine HU: KARABÉLY
pistol HU: PISZTOLY | FÉLAUTOMATA PISZTOLY | MAROKLŐFEGYVER
submachine_gun HU: GÉPPISZTOLY
machine_gun HU: GÉPPUSKA | GOLYÓSZÓRÓ
shotgun HU: SÖRÉTES PUSKA | SÖRÉTESPUSKA
grenade HU: KÉZIGRÁNÁT | GRÁNÁT | PUSKAGRÁNÁT
launcher HU: GRÁNÁTVETŐ | PÁNCÉLTÖRŐ RAKÉTA
mortar HU: AKNAVETŐ
mine HU: TAPOSÓAKNA | HARCKOCSIAKNA
cartridge HU: TÖLTÉNY | LŐSZER
rifle --: PUSKA | PUŠKA
# sv: https://sv.wikipedia.org/wiki/Automatkarbin_4 https://sv.wikipedia.org/wiki/Kulsprutepistol_m/45
rifle SE: GEVÄR | AUTOMATKARBIN | AUTOMATGEVÄR | PRICKSKYTTEGEVÄR | AUTOMATKARBINEN
submachine_gun SE: KULSPRUTEPISTOL | KPIST
machine_gun SE: KULSPRUTA | KULSPRUTAN | LÄTT KULSPRUTA
shotgun SE: HAGELGEVÄR
grenade SE: HANDGRANAT | SPRÄNGHANDGRANAT
mortar SE: GRANATKASTARE
recoilless SE: GRANATGEVÄR
launcher SE: PANSARSKOTT | RAKETGEVÄR
# no, da: https://no.wikipedia.org/wiki/Automatgev%C3%A6r https://en.wiktionary.org/wiki/gev%C3%A6r
rifle --: GEVÆR | AUTOMATGEVÆR | SKARPSKYTTERGEVÆR
machine_gun --: MASKINGEVÆR | MITRALJØSE
submachine_gun --: MASKINPISTOL
shotgun --: HAGLE | HAGLEGEVÆR
grenade --: HÅNDGRANAT
mortar --: BOMBEKASTER
# fi: https://fi.wikipedia.org/wiki/Rynn%C3%A4kk%C3%B6kiv%C3%A4%C3%A4ri
rifle FI: KIVÄÄRI | RYNNÄKKÖKIVÄÄRI | TARKKUUSKIVÄÄRI | KIVÄÄRIN | RYNNÄKKÖKIVÄÄRIN
submachine_gun FI: KONEPISTOOLI
machine_gun FI: KONEKIVÄÄRI | KEVYT KONEKIVÄÄRI
pistol FI: PISTOOLI
revolver FI: REVOLVERI
shotgun FI: HAULIKKO
grenade FI: KÄSIKRANAATTI | KRANAATTI
mortar FI: KRANAATINHEITIN
launcher FI: SINKO | KERTASINKO
mine FI: MIINA | JALKAVÄKIMIINA | PANSSARIMIINA
cartridge FI: PATRUUNA | PATRUUNAT | AMPUMATARVIKE | AMMUKSET
# pl: https://pl.wikipedia.org/wiki/Karabin_automatyczny https://pl.wikipedia.org/wiki/Karabin_maszynowy
rifle PL: KARABIN AUTOMATYCZNY | KARABINEK | KARABINEK AUTOMATYCZNY | KARABIN WYBOROWY
machine_gun PL: KARABIN MASZYNOWY | RĘCZNY KARABIN MASZYNOWY
submachine_gun PL: PISTOLET MASZYNOWY
revolver PL: REWOLWER
shotgun PL: STRZELBA
grenade PL: GRANAT RĘCZNY
launcher PL: GRANATNIK | GRANATNIK PRZECIWPANCERNY
mortar PL: MOŹDZIERZ
cartridge PL: AMUNICJA
carbine --: KARABIN | KARABINA | KARABINER | KARBIN
cartridge --: NABÓJ | NÁBOJ | NABOJE | NÁBOJE
# cs, sk: https://cs.wikipedia.org/wiki/Samopal_vzor_58 https://cs.wikipedia.org/wiki/Kulomet
rifle CZ: SAMOPAL | ÚTOČNÁ PUŠKA | ODSTŘELOVAČSKÁ PUŠKA
machine_gun CZ: KULOMET | LEHKÝ KULOMET | GUĽOMET
shotgun CZ: BROKOVNICE
grenade CZ: RUČNÍ GRANÁT
launcher CZ: GRANÁTOMET | PROTITANKOVÝ GRANÁTOMET
cartridge CZ: STŘELIVO | MUNICE
# ro: https://ro.wikipedia.org/wiki/Mitralier%C4%83 https://ro.wikipedia.org/wiki/Pu%C8%99c%C4%83
rifle RO: PUȘCĂ | PUŞCĂ | PUȘCA | PUȘCĂ AUTOMATĂ
machine_gun RO: MITRALIERĂ | PUȘCĂ MITRALIERĂ | PUŞCĂ MITRALIERĂ
submachine_gun RO: PISTOL MITRALIERĂ
launcher RO: ARUNCĂTOR | ARUNCĂTOR DE GRENADE
cartridge RO: CARTUȘ | CARTUŞ | CARTUȘE | MUNIȚIE | MUNIŢIE
# tr: https://tr.wikipedia.org/wiki/T%C3%BCfek https://tr.wikipedia.org/wiki/Tabanca
rifle TR: TÜFEK | TÜFEĞI | PIYADE TÜFEĞI | KESKIN NIŞANCI TÜFEĞI | OTOMATIK TÜFEK
pistol TR: TABANCA | TABANCASI
machine_gun TR: MAKINELI TÜFEK | MAKİNELİ TÜFEK | HAFIF MAKINELI TÜFEK
submachine_gun TR: HAFIF MAKINELI TABANCA | MAKINELI TABANCA
shotgun TR: POMPALI TÜFEK | AV TÜFEĞI | ŞARJÖRLÜ TÜFEK
grenade TR: EL BOMBASI | EL BOMBASİ
mortar TR: HAVAN TOPU
launcher TR: ROKETATAR | ROKET ATAR
mine TR: MAYIN | KARA MAYINI
cartridge TR: FIŞEK | FİŞEK | MERMI | MÜHIMMAT | MÜHİMMAT
# id, ms: https://id.wikipedia.org/wiki/Senapan_serbu https://ms.wikipedia.org/wiki/Senapang
rifle ID: SENAPAN | SENAPAN SERBU | SENAPAN RUNDUK | SENAPAN OTOMATIS
machine_gun ID: SENAPAN MESIN
submachine_gun ID: PISTOL MITRALIUR
grenade ID: GRANAT TANGAN
mortar ID: MORTIR
launcher ID: PELUNCUR ROKET | PELONTAR GRANAT
cartridge ID: AMUNISI | PELURU TAJAM
rifle --: SENAPANG
machine_gun --: MESINGAN
shotgun --: SENAPANG PATAH
mine --: RANJAU | RANJAU DARAT
# hi: https://hi.wikipedia.org/wiki/%E0%A4%B0%E0%A4%BE%E0%A4%87%E0%A4%AB%E0%A4%B2
rifle IN: राइफल | रायफल | बंदूक | असॉल्ट राइफल
pistol IN: पिस्तौल | पिस्टल
revolver IN: रिवॉल्वर | रिवाल्वर
machine_gun IN: मशीन गन | मशीनगन
submachine_gun IN: स्टेन गन | सब मशीन गन
carbine IN: कार्बाइन
grenade IN: हथगोला | हथगोले | ग्रेनेड | हैंड ग्रेनेड
mortar IN: मोर्टार
launcher IN: रॉकेट लॉन्चर
mine IN: बारूदी सुरंग
cartridge IN: कारतूस | गोला बारूद
# ar, fa, ur: https://ar.wikipedia.org/wiki/%D8%A8%D9%86%D8%AF%D9%82%D9%8A%D8%A9_%D9%87%D8%AC%D9%88%D9%85%D9%8A%D8%A9 https://fa.wikipedia.org/wiki/%D9%85%D8%B3%D9%84%D8%B3%D9%84
rifle --: بندوق | رائفل | البندقية | بندقية آلية | بندقية هجومية | البندقية الهجومية | بندقية قنص | بندقية قناصة
rifle --: تفنگ تهاجمی | تفنگ خودکار | تفنگ اتوماتیک | تک تیرانداز | کلاشینکف | کلاشنکوف
pistol --: المسدس | مسدسات | کلت کمری
revolver --: مسدس دوار | هفت تیر | ریوالور
machine_gun --: الرشاش | مدفع رشاش | رشاش خفيف | رشاش متوسط | مسلسل سنگین | مشین گن
submachine_gun --: مسدس رشاش | مسلسل | رشاش قصير
shotgun --: بندقية صيد | بندقية خرطوش | تفنگ شکاری | تفنگ ساچمه زنی
carbine --: كاربين | قربينة | کارابین
grenade --: رمانة يدوية | قنبلة | القنبلة | نارنجک دستی | دستی بم
mortar --: مدفع هاون | الهاون | خمپاره انداز
launcher --: قاذف | قاذفة | القاذف | قاذف صواريخ | قاذف قنابل | موشک انداز | نارنجک انداز | راکٹ لانچر
mine --: ألغام | الغام | لغم أرضي | مین ضد نفر | مین ضد تانک | بارودی سرنگ
cartridge --: خرطوشة | رصاص | رصاصة | گلوله | کارتوس | گولی
# ko (North 보총, South 소총): https://ko.wikipedia.org/wiki/%EB%8F%8C%EA%B2%A9%EC%86%8C%EC%B4%9D
rifle --: 돌격소총 | 저격소총 | 저격총 | 저격보총 | 카빈소총 | 보병총
submachine_gun --: 기관단총 | 기관짧은총
machine_gun --: 중기관총
shotgun --: 산탄총 | 엽총
revolver --: 리볼버 | 회전식 권총
launcher --: 로켓 발사기 | 로켓발사기 | 유탄발사기 | 발사관 | 로케트발사관
rocket --: 로켓 | 로케트 | 로켓탄
mine --: 지뢰 | 대인지뢰 | 대전차지뢰
cartridge --: 탄약 | 실탄 | 총탄 | 탄피
# ja: https://ja.wikipedia.org/wiki/%E5%B0%8F%E9%8A%83 https://ja.wikipedia.org/wiki/%E6%8B%B3%E9%8A%83
rifle --: 小銃 | 自動小銃 | 突撃銃 | 狙撃銃 | 歩兵銃
pistol --: 拳銃 | 自動拳銃
revolver --: 回転式拳銃 | リボルバー
submachine_gun --: 短機関銃
machine_gun --: 機関銃 | 軽機関銃 | 重機関銃
shotgun --: 散弾銃
carbine --: 騎銃 | 騎兵銃 | カービン
grenade --: 手榴弾 | てき弾 | 擲弾
mortar --: 迫撃砲
launcher --: 擲弾筒 | ロケットランチャー | 無反動砲
cartridge --: 弾薬 | 実包 | 銃弾
# zh (simplified and traditional): https://zh.wikipedia.org/wiki/%E7%AA%81%E5%87%BB%E6%AD%A5%E6%9E%AA
rifle --: 自动步枪 | 突击步枪 | 狙击步枪 | 步槍 | 自動步槍 | 突擊步槍 | 狙擊步槍
pistol --: 手槍 | 左轮手枪 | 左輪手槍
revolver --: 左轮 | 左輪
submachine_gun --: 衝鋒槍 | 微型冲锋枪
machine_gun --: 轻机枪 | 重机枪 | 通用机枪 | 機槍 | 輕機槍 | 重機槍
shotgun --: 霰弹枪 | 散弹枪 | 霰彈槍 | 散彈槍
carbine --: 卡宾枪 | 骑枪 | 卡賓槍 | 騎槍
grenade --: 手榴彈 | 槍榴彈
mortar --: 迫擊砲 | 迫击炮
launcher --: 火箭筒 | 火箭彈 | 榴彈發射器 | 无后坐力炮 | 無後座力砲
cartridge --: 弹药 | 子弹 | 彈藥 | 子彈 | 槍彈
# ru: https://ru.wikipedia.org/wiki/%D0%92%D0%B8%D0%BD%D1%82%D0%BE%D0%B2%D0%BA%D0%B0
rifle --: ВИНТОВКА | ВИНТОВКИ | СНАЙПЕРСКАЯ ВИНТОВКА | АВТОМАТ КАЛАШНИКОВА | АВТОМАТИЧЕСКАЯ ВИНТОВКА
submachine_gun --: ПИСТОЛЕТ ПУЛЕМЕТ | ПИСТОЛЕТ ПУЛЕМЁТ
shotgun --: ДРОБОВИК | РУЖЬЕ | РУЖЬЁ
launcher --: ПРОТИВОТАНКОВЫЙ ГРАНАТОМЁТ
cartridge --: ПАТРОНЫ | БОЕПРИПАСЫ
# uk: https://uk.wikipedia.org/wiki/%D0%9A%D1%83%D0%BB%D0%B5%D0%BC%D0%B5%D1%82
rifle UA: ГВИНТІВКА | СНАЙПЕРСЬКА ГВИНТІВКА | АВТОМАТИЧНА ГВИНТІВКА
pistol UA: ПІСТОЛЕТ
machine_gun UA: КУЛЕМЕТ
submachine_gun UA: ПІСТОЛЕТ КУЛЕМЕТ
shotgun UA: РУШНИЦЯ
carbine UA: КАРАБІН
mortar UA: МІНОМЕТ
cartridge UA: НАБІЙ | НАБОЇ | БОЄПРИПАСИ
# bg: https://bg.wikipedia.org/wiki/%D0%9A%D0%B0%D1%80%D1%82%D0%B5%D1%87%D0%BD%D0%B8%D1%86%D0%B0
machine_gun BG: КАРТЕЧНИЦА | ЛЕКА КАРТЕЧНИЦА
rifle BG: СНАЙПЕРИСТКА ПУШКА | АВТОМАТИЧНА ПУШКА
mortar BG: МИНОХВЪРГАЧКА
cartridge BG: БОЕПРИПАСИ
# sr, hr, bs: https://sr.wikipedia.org/wiki/%D0%9F%D1%83%D1%88%D0%BA%D0%BE%D0%BC%D0%B8%D1%82%D1%80%D0%B0%D1%99%D0%B5%D0%B7
rifle --: АУТОМАТСКА ПУШКА | СНАЈПЕРСКА ПУШКА | AUTOMATSKA PUŠKA | JURIŠNA PUŠKA | SNAJPERSKA PUŠKA
pistol --: ПИШТОЉ | PIŠTOLJ
machine_gun --: МИТРАЉЕЗ | ПУШКОМИТРАЉЕЗ | MITRALJEZ | PUŠKOMITRALJEZ
shotgun --: САЧМАРИЦА | SAČMARICA
cartridge --: МЕТАК | МУНИЦИЈА | METAK | MUNICIJA
# pt, es: https://pt.wikipedia.org/wiki/Metralhadora https://es.wikipedia.org/wiki/Fusil_de_asalto
# fr, it: https://fr.wikipedia.org/wiki/Pistolet-mitrailleur https://it.wikipedia.org/wiki/Fucile_d%27assalto
rifle --: FUZIL | FUZIL DE ASSALTO | ESPINGARDA AUTOMÁTICA
submachine_gun --: SUBMETRALHADORA | METRALLETA | SUBAMETRALLADORA | SUBFUSIL | PISTOLA AMETRALLADORA
machine_gun --: METRALHADORA | AMETRALLADORA
rifle --: FUSIL | FUSIL DE ASALTO | FUSIL DE FRANCOTIRADOR | FUSIL DASSAUT | FUSIL DE PRÉCISION
shotgun --: ESCOPETA | ESPINGARDA | FUSIL À POMPE | FUSIL DE CHASSE | FUCILE A POMPA | DOPPIETTA
pistol --: PISTOLA | PISTOLET
revolver --: REVÓLVER | RIVOLTELLA
carbine --: CARABINA | CARABINE | MOSCHETTO
submachine_gun --: PISTOLET MITRAILLEUR | PISTOLA MITRAGLIATRICE
machine_gun --: MITRAILLEUSE | FUSIL MITRAILLEUR | MITRAGLIATRICE | MITRAGLIATRICE LEGGERA
rifle --: FUCILE | FUCILE DASSALTO | FUCILE DI PRECISIONE
grenade --: GRANADA DE MANO | GRANADA DE MÃO | GRANATA | BOMBA A MANO
mortar --: MORTERO | MORTEIRO | MORTIER | MORTAIO
rocket --: COHETE | FOGUETE | ROQUETTE | RAZZO
launcher --: LANZACOHETES | LANZAGRANADAS | LANCE ROQUETTES | LANCE GRENADES | LANCIARAZZI | LANCIAGRANATE
# the designer's name as the common noun for an AK-pattern rifle (`une kalachnikov`, `la kalach`, `a Kalashnikov`):
# https://parler-francais.eklablog.com/kala-mite-a105441572 https://blog.h26.me/2011/12/03/kalach
rifle --: KALACHNIKOV | KALACHNIKOVS | KALACH | KALASHNIKOVS
# de: https://de.wikipedia.org/wiki/Sturmgewehr
rifle --: GEWEHR | STURMGEWEHR | SCHARFSCHÜTZENGEWEHR | SELBSTLADEGEWEHR
submachine_gun --: MASCHINENPISTOLE
machine_gun --: MASCHINENGEWEHR | LEICHTES MASCHINENGEWEHR
shotgun --: FLINTE | SCHROTFLINTE | PUMPGUN
carbine --: KARABINER
grenade --: HANDGRANATE | GEWEHRGRANATE
mortar --: MÖRSER | GRANATWERFER
launcher --: PANZERFAUST | RAKETENWERFER | PANZERBÜCHSE
# am: https://en.wiktionary.org/wiki/%E1%8C%A0%E1%88%98%E1%8A%95%E1%8C%83
rifle --: ጠመንጃ | ክላሽንኮቭ
# firearm, weapon (no type): https://en.wiktionary.org/wiki/firearm
firearm --: FIREARM | FIREARMS | HANDGUN | HANDGUNS
firearm --: سلاح | السلاح | سلاح ناري | أسلحة نارية | اسلحة نارية | سلاح گرم | اسلحه | اسلحه گرم | جنگ افزار | اسلحہ
firearm PK: ہتھیار
firearm IN: हथियार | आग्नेयास्त्र
firearm --: 총기 | 화기 | 銃 | 銃器 | 火器 | 小火器 | 枪 | 槍 | 枪支 | 槍枝 | 轻武器 | 輕武器
firearm TR: SILAH | SILAHI | ATEŞLI SILAH | ATEŞLİ SİLAH
firearm --: SENJATA API | SENJATA
firearm HU: LŐFEGYVER | FEGYVER
firearm SE: SKJUTVAPEN | HANDEVAPEN
firearm --: VAPEN | VÅPEN | SKYTEVÅPEN | VÅBEN
firearm FI: TULIASE | KÄSIASE
firearm PL: BROŃ PALNA
firearm CZ: PALNÁ ZBRAŇ | ZBRAŇ
firearm --: ORUŽJE | VATRENO ORUŽJE | ОРУЖЈЕ | ВАТРЕНО ОРУЖЈЕ | ОРУЖИЕ | ОГНЕСТРЕЛЬНОЕ ОРУЖИЕ
firearm BG: ОРЪЖИЕ | ОГНЕСТРЕЛНО ОРЪЖИЕ
firearm UA: ЗБРОЯ | ВОГНЕПАЛЬНА ЗБРОЯ
firearm RO: ARMĂ DE FOC
firearm --: ARMA DE FOGO | ARMA DE FUEGO | ARMA DA FUOCO | ARME À FEU | SCHUSSWAFFE | FEUERWAFFE | FAUSTFEUERWAFFE
firearm --: የጦር መሳሪያ
pistol --: ሽጉጥ
machine_gun --: መትረየስ
grenade --: የእጅ ቦምብ | ቦምብ
cartridge --: ጥይት
# --- identC (issue 14): the languages of the regions where weapons are recovered that the table lacked or had thin.
# Words that are also common in prose alone are left out or kept only in a phrase (Vietnamese SÚNG, ĐẠN,
# MÌN, BOM fold to English "sung", "Dan", "min", Portuguese "bom"; Hebrew רימון is also a pomegranate, מטען luggage,
# כדור a ball; Somali QORI also wood; Tagalog BARIL is French for a barrel; Hindi गोली also a pill; Bengali গুলি also
# "a shot"). Hebrew words with the clitics ב and ה are listed as written (ברובה). Sources: the translation tables of
# the English Wiktionary entries named above and https://en.wiktionary.org/wiki/missile,
# https://en.wiktionary.org/wiki/gun, https://en.wiktionary.org/wiki/bullet, https://en.wiktionary.org/wiki/bomb,
# and the pages named in each `#` line.
# vi (folded: SÚNG TRƯỜNG → SUNG TRUONG): https://vi.wikipedia.org/wiki/S%C3%BAng_tr%C6%B0%E1%BB%9Dng
# https://vi.wikipedia.org/wiki/S%C3%BAng_ti%E1%BB%83u_li%C3%AAn https://vi.wikipedia.org/wiki/L%E1%BB%B1u_%C4%91%E1%BA%A1n
rifle VN: SÚNG TRƯỜNG | SÚNG TRƯỜNG TẤN CÔNG | SÚNG BẮN TỈA | SÚNG TIỂU LIÊN AK
pistol VN: SÚNG NGẮN | SÚNG LỤC | SÚNG NGẮN TỰ CHẾ
submachine_gun VN: TIỂU LIÊN | SÚNG TIỂU LIÊN
machine_gun VN: SÚNG MÁY | ĐẠI LIÊN | TRUNG LIÊN | SÚNG ĐẠI LIÊN
shotgun VN: SÚNG SĂN | SÚNG HOA CẢI
grenade VN: LỰU ĐẠN | QUẢ LỰU ĐẠN
launcher VN: SÚNG PHÓNG LỰU | SÚNG CHỐNG TĂNG | SÚNG PHÓNG TÊN LỬA
mortar VN: SÚNG CỐI
mortar_bomb VN: ĐẠN CỐI | ĐẠN SÚNG CỐI
missile VN: TÊN LỬA
rocket VN: HỎA TIỄN
mine VN: BOM MÌN | MÌN CHỐNG TĂNG | MÌN SÁT THƯƠNG
bomb VN: QUẢ BOM | BOM BI | BOM CHÙM
cartridge VN: ĐẠN DƯỢC | VIÊN ĐẠN | VỎ ĐẠN | HỘP ĐẠN
firearm VN: VŨ KHÍ | VŨ KHÍ QUÂN DỤNG | SÚNG TỰ CHẾ
# he: https://he.wikipedia.org/wiki/%D7%A8%D7%95%D7%91%D7%94 https://he.wikipedia.org/wiki/%D7%90%D7%A7%D7%93%D7%97
# https://he.wikipedia.org/wiki/%D7%A7%D7%90%D7%A8%D7%9C%D7%95_(%D7%AA%D7%AA-%D7%9E%D7%A7%D7%9C%D7%A2) (the Carlo)
rifle --: רובה | ברובה | הרובה | רובה סער | רובה צלפים | רובים | רובה מאולתר
pistol --: אקדח | באקדח | האקדח | אקדחים
submachine_gun --: תת מקלע | קרלו
machine_gun --: מקלע | מקלעים
grenade --: רימון יד | רימוני יד | רימון רסס
mortar --: מרגמה | פצצת מרגמה
missile --: טיל | טילים | טיל נגד טנקים
rocket --: רקטה | רקטות
launcher --: מטול | מטול רקטות | אר פי ג׳י
mine --: מוקש | מוקשים
charge --: מטען חבלה | מטען נפץ | חומר נפץ
bomb --: פצצה | פצצות
cartridge --: תחמושת | כדורים | תרמילים | תרמיל
firearm --: נשק | כלי נשק | כלי ירייה | נשק חם
# sw: https://sw.wikipedia.org/wiki/Bunduki https://en.wiktionary.org/wiki/bastola https://en.wiktionary.org/wiki/risasi
# https://docslib.org/doc/2944231/swahili-military-terminology-a-case-of-an-evolving-non-institutionalized-language-standard
pistol --: BASTOLA | MABASTOLA
rifle --: BUNDUKI YA RASHASHA | BUNDUKI AINA YA AK 47
machine_gun --: RASHASHA | MARASHASHA
grenade --: GURUNETI | BOMU LA MKONO | MABOMU YA MKONO
cartridge --: RISASI | RISASI ZA MOTO
firearm --: BUNDUKI | SILAHA | SILAHA ZA MOTO
# ha: https://en.wiktionary.org/wiki/bindiga https://en.wiktionary.org/wiki/harsashi
firearm --: BINDIGA | BINDIGOGI | MAKAMAI
cartridge --: HARSASHI | ALBARUSHI
# so: https://en.wiktionary.org/wiki/bastoolad
pistol --: BASTOOLAD | BASTOOLADDA
cartridge --: RASAAS | RASAASTA
# ta (kept whole since the tokeniser keeps the vowel signs): https://ta.wikipedia.org/wiki/%E0%AE%A4%E0%AF%81%E0%AE%AA%E0%AF%8D%E0%AE%AA%E0%AE%BE%E0%AE%95%E0%AF%8D%E0%AE%95%E0%AE%BF
# https://ta.wikipedia.org/wiki/%E0%AE%8F%E0%AE%B5%E0%AF%81%E0%AE%95%E0%AE%A3%E0%AF%88 https://www.bbc.com/tamil/multimedia/2013/12/131224_ak47inlanka.shtml
firearm --: துப்பாக்கி | துப்பாக்கிகள் | துப்பாக்கிகளை | ஆயுதம் | ஆயுதங்கள்
pistol --: கைத்துப்பாக்கி | கைத்துப்பாக்கிகள்
missile --: ஏவுகணை | ஏவுகணைகள் | ஏவுகணைகளை
rocket --: எறிகணை | எறிகணைகள் | ராக்கெட்
grenade --: கையெறி குண்டு | கையெறி குண்டுகள்
bomb --: வெடிகுண்டு | வெடிகுண்டுகள்
cartridge --: தோட்டா | தோட்டாக்கள் | துப்பாக்கி ரவைகள்
# bn: https://bn.wikipedia.org/wiki/%E0%A6%85%E0%A7%8D%E0%A6%AF%E0%A6%BE%E0%A6%B8%E0%A6%B2%E0%A7%8D%E0%A6%9F_%E0%A6%B0%E0%A6%BE%E0%A6%87%E0%A6%AB%E0%A7%87%E0%A6%B2
rifle --: রাইফেল | অ্যাসল্ট রাইফেল | স্নাইপার রাইফেল
pistol --: পিস্তল | পিস্তলটি
revolver --: রিভলভার
machine_gun --: মেশিনগান | মেশিন গান
submachine_gun --: সাবমেশিনগান | সাব মেশিনগান
grenade --: গ্রেনেড | হাতবোমা
mortar --: মর্টার
missile --: ক্ষেপণাস্ত্র | মিসাইল
mine --: স্থলমাইন
cartridge --: কার্তুজ | কার্টিজ | গোলাবারুদ
firearm --: আগ্নেয়াস্ত্র | বন্দুক | অস্ত্র
# hi, mr: https://hi.wikipedia.org/wiki/%E0%A4%AE%E0%A4%BF%E0%A4%B8%E0%A4%BE%E0%A4%87%E0%A4%B2 https://mr.wikipedia.org/wiki/%E0%A4%AC%E0%A4%82%E0%A4%A6%E0%A5%82%E0%A4%95
missile --: मिसाइल | मिसाइलें | मिसाइलों | मिज़ाइल | मीज़ाइल | मीसाइल | प्रक्षेपास्त्र | क्षेपणास्त्र
rocket --: रॉकेट
revolver --: रिव्हॉल्व्हर | रिवॉल्व्हर
pistol --: पिस्तूल | पिस्तुल | देसी कट्टा | तमंचा
firearm --: देसी बंदूक | अग्निशस्त्र | शस्त्र
cartridge --: काडतूस | काडतुसे
# ps, fa-AF (Dari), ckb and ku: https://ps.wikipedia.org/wiki/%D9%BC%D9%88%D9%BE%DA%A9 https://ckb.wikipedia.org/wiki/%DA%86%DB%95%DA%A9
firearm --: ټوپک | ټوپکونه | وسله | وسلې | چەک
pistol --: تمانچه | تومانچه | تفنگچه | دەمانچە | DEMANÇE
rifle --: تفەنگ | TIFING
machine_gun --: ماشیندار | ماشینگن
cartridge --: مرمۍ | مرمي | فیشەک
# ar (plurals and the shells the table lacked): https://ar.wikipedia.org/wiki/%D8%B5%D8%A7%D8%B1%D9%88%D8%AE
rocket --: صواريخ | الصواريخ | صاروخي
bomb --: قنابل | القنابل | قنبلة جوية
mortar_bomb --: قذائف هاون | قذيفة هاون
missile --: صاروخ موجه | صواريخ موجهة | صاروخ كروز
# id, ms, tl: https://id.wikipedia.org/wiki/Peluru_kendali https://en.wikipedia.org/wiki/Paltik https://en.wikipedia.org/wiki/Sumpak
missile --: RUDAL | PELURU KENDALI | PELURU BERPANDU
cartridge --: PELURU | SELONGSONG PELURU
firearm --: SENJATA RAKITAN | SENPI | SENJATA API RAKITAN
firearm PH: PALTIK | BARIL NA PALTIK
shotgun PH: SUMPAK
rifle PH: RIPLE
pistol PH: PISTOLA NA PALTIK
# es, pt, fr (Africa and Latin America): https://es.wikipedia.org/wiki/Misil https://pt.wikipedia.org/wiki/M%C3%ADssil
# https://fr.wikipedia.org/wiki/Obus
missile --: MISIL | MISILES | MÍSSIL | MÍSSEIS | MISSEIS
mortar_bomb --: OBUS DE MORTIER | OBUS DE MORTIERS | GRANADA DE MORTERO | GRANADA DE MORTEIRO | PROYECTIL DE MORTERO
firearm --: ARMA ARTESANAL | ARMA HECHIZA | ARMA CASERA | ARME ARTISANALE | ARMA CASEIRA
# tr: https://tr.wikipedia.org/wiki/F%C3%BCze (FÜZE alone is also the English FUZE, folded: no country)
missile TR: FÜZESI | FÜZESİ | GÜDÜMLÜ FÜZE
missile --: FÜZE
# en: bombs named with what they are, not BOMB alone, which also names marks (the flaming bomb of US Ordnance, "R in
# a bomb" of Eibar proofs): https://en.wikipedia.org/wiki/Unexploded_ordnance https://en.wikipedia.org/wiki/Guided_bomb
bomb --: UNDETONATED BOMB | UNEXPLODED BOMB | GUIDED BOMB | GUIDED BOMBS | LASER GUIDED BOMB | GLIDE BOMB | AIR BOMB
bomb --: PRECISION GUIDED BOMB | DRONE DELIVERED BOMB | DRONE DROPPED BOMB | BOMB REMNANT | BOMB FRAGMENTS
bomb --: AIRCRAFT BOMBS
# nl (absent before): https://nl.wikipedia.org/wiki/Geweer https://nl.wikipedia.org/wiki/Handgranaat
# https://nl.wikipedia.org/wiki/Landmijn https://nl.wikipedia.org/wiki/Patroon_(munitie); not GRANAAT alone (a garnet)
rifle --: GEWEER | AANVALSGEWEER | SCHERPSCHUTTERSGEWEER
carbine --: KARABIJN
pistol --: PISTOOL | PISTOLEN
machine_gun --: MITRAILLEUR | MACHINEGEWEER
submachine_gun --: MACHINEPISTOOL
shotgun --: JACHTGEWEER | HAGELGEWEER
grenade --: HANDGRANAAT | HANDGRANATEN | GEWEERGRANAAT
mortar_bomb --: MORTIERGRANAAT | MORTIERGRANATEN
mine --: LANDMIJN | LANDMIJNEN | ANTITANKMIJN | ANTIPERSOONSMIJN
cartridge --: PATRONEN | MUNITIE | PATROONHULS | PATROONHULZEN
# de (the compounds of the legacy ordnance found in Europe, which the type words inside them do not reach):
# https://de.wikipedia.org/wiki/Stielhandgranate https://de.wikipedia.org/wiki/Tellermine
# https://de.wikipedia.org/wiki/Wurfgranate https://de.wikipedia.org/wiki/Panzerabwehrmine
grenade --: STIELHANDGRANATE | EIHANDGRANATE | ZEITZÜNDERHANDGRANATE | KUGELHANDGRANATE | STIELGRANATE
mine --: TELLERMINE | PANZERABWEHRMINE | SPRENGMINE | HOLZMINE | RIEGELMINE | SCHÜTZENMINEN | PANZERMINEN
mortar_bomb --: WURFGRANATE | WURFGRANATEN | MÖRSERGRANATE
# ru, pl, it, es (phrases the single words missed): https://ru.wikipedia.org/wiki/Ручная_граната
# https://pl.wikipedia.org/wiki/Wyrzutnia_rakiet https://it.wikipedia.org/wiki/Bomba_d%27aereo
grenade --: РУЧНЫХ ГРАНАТ | РУЧНАЯ ГРАНАТА | РУЧНЫЕ ГРАНАТЫ | РУЧНЫХ ГРАНАТЫ
launcher --: WYRZUTNIA | WYRZUTNIA RAKIET | WYRZUTNIA RAKIETOWA
bomb --: BOMBA D AEREO | BOMBA DAEREO | BOMBA AEREA | BOMBA DA AEREO
mortar_bomb --: BOMBA DA MORTAIO | PROIETTILE DI MORTAIO | GRANATA DA MORTAIO
charge --: APARATO EXPLOSIVO | ARTEFACTO EXPLOSIVO IMPROVISADO
# ja (katakana loanwords, read letter by letter like the kanji): https://ja.wikipedia.org/wiki/%E3%83%A9%E3%82%A4%E3%83%95%E3%83%AB
# https://ja.wikipedia.org/wiki/%E3%83%9F%E3%82%B5%E3%82%A4%E3%83%AB https://ja.wikipedia.org/wiki/%E6%89%8B%E6%A6%B4%E5%BC%BE
rifle --: ライフル | ライフル銃 | アサルトライフル
pistol --: ピストル | ハンドガン
machine_gun --: マシンガン | 機関砲
submachine_gun --: サブマシンガン
shotgun --: ショットガン
grenade --: 手りゅう弾 | 手投げ弾
missile --: ミサイル | 誘導弾
rocket --: ロケット弾
# sr, hr, bs (Latin, accents folded): https://sh.wikipedia.org/wiki/Protivtenkovska_mina
mine --: PROTIVTENKOVSKA MINA | PROTIVTENKOVSKE MINE | PROTIVPJEŠADIJSKA MINA | PROTIVPEŠADIJSKA MINA
cartridge --: ČAHURA | ČAHURE | ČAHURA METKA
# uk: https://uk.wikipedia.org/wiki/%D0%9A%D0%B0%D1%81%D0%B5%D1%82%D0%BD%D0%B0_%D0%B1%D0%BE%D0%BC%D0%B1%D0%B0
submunition UA: КАСЕТНІ БОЄПРИПАСИ | КАСЕТНИЙ БОЄПРИПАС
grenade UA: РУЧНА ГРАНАТА
grenade --: ГРАНАТИ
# ka, hy, az: https://ka.wikipedia.org/wiki/%E1%83%90%E1%83%95%E1%83%A2%E1%83%9D%E1%83%9B%E1%83%90%E1%83%A2%E1%83%98
# https://hy.wikipedia.org/wiki/%D4%BB%D5%B6%D6%84%D5%B6%D5%A1%D5%B1%D5%AB%D5%A3 https://az.wikipedia.org/wiki/T%C3%BCf%C9%99ng
rifle GE: ავტომატი | შაშხანა
pistol GE: პისტოლეტი
grenade GE: ყუმბარა
rifle AM: ԻՆՔՆԱՁԻԳ | ՀՐԱՑԱՆ
pistol AM: ԱՏՐՃԱՆԱԿ
grenade AM: ՆՌՆԱԿ
rifle AZ: TÜFƏNG | AVTOMAT TÜFƏNG
pistol AZ: TAPANÇA
grenade AZ: QUMBARA | ƏL QUMBARASI
# th, lo, my, km (written without spaces: found by the segmenter, unspaced.py): https://en.wiktionary.org/wiki/ปืน
# https://en.wiktionary.org/wiki/ปืนพก https://en.wiktionary.org/wiki/ปืนครก https://en.wiktionary.org/wiki/กระสุน
# https://en.wiktionary.org/wiki/ระเบิดมือ https://en.wiktionary.org/wiki/ປືນ https://en.wiktionary.org/wiki/သေနတ်
# https://en.wiktionary.org/wiki/កាំភ្លើង https://th.wikipedia.org/wiki/ปืนลูกซอง https://th.wikipedia.org/wiki/ปืนกล
# (`--`: countries that mostly import arms; a Thai text names no maker's country, only its craft guns do)
firearm --: ปืน | อาวุธปืน
firearm TH: ปืนไทยประดิษฐ์ | ปืนประดิษฐ์
pistol --: ปืนพก
revolver --: ปืนลูกโม่ | ลูกโม่
shotgun --: ปืนลูกซอง | ลูกซอง | ลูกซองสั้น
rifle --: ปืนไรเฟิล | ปืนเล็กยาว
machine_gun --: ปืนกล
mortar --: ปืนครก
grenade --: ระเบิดมือ | ลูกระเบิดมือ
cartridge --: กระสุน | ลูกกระสุน | กระสุนปืน
mine --: ทุ่นระเบิด
firearm --: ປືນ
firearm --: သေနတ်
firearm --: កាំភ្លើង
pistol --: កាំភ្លើងខ្លី
# the local names of craft guns that are no other word: a kind, no country (the words cross borders; review I)
firearm --: DESI KATTA | DESI KATTAS | देसी कट्टा
""".strip().splitlines()
    if not line.startswith("#")
    for head, _, words in [line.partition(":")]
    for kind, code in [head.split()]
    for word in words.split("|")
)
# the languages of the breadth pass (`type_words`), read after the words above
LANGUAGE_TYPE_WORDS = LANGUAGE_TYPE_WORDS + MORE_TYPE_WORDS
