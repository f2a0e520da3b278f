"""The dictionary forms (lemmas) of each arms-making country's adjective of origin in the languages of the field,
one country a line and one language a column (`-` where the language has none in use), from which `origins`
generates every inflected form by the rules of `inflections`."""

from __future__ import annotations

__all__ = ["GERMANIC", "HUNGARIAN", "ROMANCE", "SLAVIC", "TURKISH"]

# Masculine singular (Romanian: masculine) adjectives. Sources: each language's Wiktionary entry of the adjective
# (https://en.wiktionary.org/wiki/cinese, …/chino, …/chinês, …/chinois, …/chinez) and the EU Interinstitutional
# Style Guide's list of countries and adjectives (https://style-guide.europa.eu/en/content/A5/).
ROMANCE = """
US: americano | estadounidense | americano | américain | american
US: statunitense | norteamericano | estadunidense | - | -
RU: russo | ruso | russo | russe | rus
RU: sovietico | soviético | soviético | soviétique | sovietic
DE: tedesco | alemán | alemão | allemand | german
GB: britannico | británico | britânico | britannique | britanic
GB: inglese | inglés | inglês | anglais | englez
IT: italiano | italiano | italiano | italien | italian
IN: indiano | - | indiano | indien | indian
CN: cinese | chino | chinês | chinois | chinez
TR: turco | turco | turco | turc | turc
FR: francese | francés | francês | français | francez
ES: spagnolo | español | espanhol | espagnol | spaniol
ZA: sudafricano | sudafricano | sul-africano | sud-africain | sud-african
CZ: ceco | checo | checo | tchèque | ceh
CZ: cecoslovacco | checoslovaco | checoslovaco | tchécoslovaque | cehoslovac
RO: rumeno | rumano | romeno | roumain | -
RO: romeno | - | - | - | -
BR: brasiliano | brasileño | brasileiro | brésilien | brazilian
UA: ucraino | ucraniano | ucraniano | ukrainien | ucrainean
BG: bulgaro | búlgaro | búlgaro | bulgare | bulgar
RS: serbo | serbio | sérvio | serbe | sârb
RS: jugoslavo | yugoslavo | jugoslavo | yougoslave | iugoslav
PL: polacco | polaco | polaco | polonais | polonez
EG: egiziano | egipcio | egípcio | égyptien | egiptean
JP: giapponese | japonés | japonês | japonais | japonez
BE: belga | belga | belga | belge | belgian
IR: iraniano | iraní | iraniano | iranien | iranian
SD: sudanese | sudanés | sudanês | soudanais | sudanez
CA: canadese | canadiense | canadense | canadien | canadian
FI: finlandese | finlandés | finlandês | finlandais | finlandez
SE: svedese | sueco | sueco | suédois | suedez
IL: israeliano | israelí | israelense | israélien | israelian
AU: australiano | australiano | australiano | australien | australian
CH: svizzero | suizo | suíço | suisse | elvețian
BA: bosniaco | bosnio | bósnio | bosnien | bosniac
PK: pakistano | pakistaní | paquistanês | pakistanais | pakistanez
IQ: iracheno | iraquí | iraquiano | irakien | irakian
KR: sudcoreano | surcoreano | sul-coreano | sud-coréen | sud-coreean
KP: nordcoreano | norcoreano | norte-coreano | nord-coréen | nord-coreean
AT: austriaco | austriaco | austríaco | autrichien | austriac
SK: slovacco | eslovaco | eslovaco | slovaque | slovac
AR: argentino | argentino | argentino | argentin | argentinian
PT: portoghese | portugués | português | portugais | portughez
NO: norvegese | noruego | norueguês | norvégien | norvegian
HU: ungherese | húngaro | húngaro | hongrois | maghiar
GR: greco | griego | grego | grec | grec
CL: cileno | chileno | chileno | chilien | chilian
MX: messicano | mexicano | mexicano | mexicain | mexican
TW: taiwanese | taiwanés | taiwanês | taïwanais | taiwanez
DK: danese | danés | dinamarquês | danois | danez
HR: croato | croata | croata | croate | croat
AL: albanese | albanés | albanês | albanais | albanez
ET: etiope | etíope | etíope | éthiopien | etiopian
AE: emiratino | emiratí | - | émirien | -
ME: montenegrino | montenegrino | montenegrino | monténégrin | muntenegrean
SG: singaporiano | singapurense | singapuriano | singapourien | singaporez
ID: indonesiano | indonesio | indonésio | indonésien | indonezian
SA: saudita | saudí | saudita | saoudien | saudit
NG: nigeriano | nigeriano | nigeriano | nigérian | nigerian
CO: colombiano | colombiano | colombiano | colombien | -
VE: venezuelano | venezolano | venezuelano | vénézuélien | venezuelean
ZW: zimbabwese | zimbabuense | zimbabuano | zimbabwéen | zimbabwean
VN: vietnamita | vietnamita | vietnamita | vietnamien | vietnamez
MM: birmano | birmano | birmanês | birman | birmanez
MY: malese | malasio | malaio | malaisien | malaezian
KE: keniota | keniano | queniano | kényan | kenyan
TZ: tanzaniano | tanzano | tanzaniano | tanzanien | tanzanian
JO: - | jordano | jordaniano | jordanien | iordanian
SI: sloveno | esloveno | esloveno | slovène | sloven
NL: olandese | holandés | holandês | néerlandais | olandez
NL: - | neerlandés | neerlandês | hollandais | neerlandez
SY: siriano | sirio | sírio | syrien | sirian
UG: ugandese | ugandés | ugandense | ougandais | ugandez
PE: peruviano | peruano | peruano | péruvien | peruan
KZ: kazako | kazajo | cazaque | kazakh | kazah
AZ: azero | azerí | azeri | azerbaïdjanais | azer
BY: bielorusso | bielorruso | bielorrusso | biélorusse | belarus
EC: ecuadoriano | ecuatoriano | equatoriano | équatorien | ecuadorian
BO: boliviano | boliviano | boliviano | bolivien | bolivian
PY: paraguaiano | paraguayo | paraguaio | paraguayen | paraguayan
UY: uruguaiano | uruguayo | uruguaio | uruguayen | uruguayan
CU: cubano | cubano | cubano | cubain | cubanez
GT: guatemalteco | guatemalteco | guatemalteco | guatémaltèque | guatemalez
HN: honduregno | hondureño | hondurenho | hondurien | honduran
SV: salvadoregno | salvadoreño | salvadorenho | salvadorien | salvadorian
NI: nicaraguense | nicaragüense | nicaraguense | nicaraguayen | nicaraguan
PA: panamense | panameño | panamenho | panaméen | panamez
DZ: algerino | argelino | argelino | algérien | algerian
MA: marocchino | marroquí | marroquino | marocain | marocan
LY: libico | libio | líbio | libyen | libian
TN: tunisino | tunecino | tunisino | tunisien | tunisian
LB: libanese | libanés | libanês | libanais | libanez
YE: yemenita | yemení | iemenita | yéménite | yemenit
AF: afghano | afgano | afegão | afghan | afgan
SO: somalo | somalí | somali | somalien | somalez
TD: ciadiano | chadiano | chadiano | tchadien | ciadian
ML: maliano | maliense | maliano | malien | malian
CM: camerunese | camerunés | camaronês | camerounais | camerunez
SN: senegalese | senegalés | senegalês | sénégalais | senegalez
CI: ivoriano | marfileño | marfinense | ivoirien | ivorian
AO: angolano | angoleño | angolano | angolais | angolez
MZ: mozambicano | mozambiqueño | moçambicano | mozambicain | mozambican
PH: filippino | filipino | filipino | philippin | filipinez
TH: thailandese | tailandés | tailandês | thaïlandais | thailandez
AM: armeno | armenio | arménio | arménien | armean
"""
# German and Dutch adjectives (https://de.wiktionary.org/wiki/chinesisch, https://nl.wiktionary.org/wiki/Chinees).
GERMANIC = """
US: amerikanisch | Amerikaans
RU: russisch | Russisch
RU: sowjetisch | -
DE: deutsch | Duits
DE: ostdeutsch | Oost-Duits
DE: westdeutsch | West-Duits
GB: britisch | Brits
GB: englisch | Engels
IT: italienisch | Italiaans
IN: indisch | Indiaas
CN: chinesisch | Chinees
TR: türkisch | Turks
FR: französisch | Frans
ES: spanisch | Spaans
ZA: südafrikanisch | Zuid-Afrikaans
CZ: tschechisch | Tsjechisch
CZ: tschechoslowakisch | Tsjechoslowaaks
RO: rumänisch | Roemeens
BR: brasilianisch | Braziliaans
UA: ukrainisch | Oekraïens
BG: bulgarisch | Bulgaars
RS: serbisch | Servisch
RS: jugoslawisch | Joegoslavisch
PL: polnisch | Pools
EG: ägyptisch | Egyptisch
JP: japanisch | Japans
BE: belgisch | Belgisch
IR: iranisch | Iraans
SD: sudanesisch | Soedanees
CA: kanadisch | Canadees
FI: finnisch | Fins
SE: schwedisch | Zweeds
IL: israelisch | Israëlisch
AU: australisch | Australisch
PH: philippinisch | Filipijns
CH: schweizerisch | Zwitsers
BA: bosnisch | Bosnisch
PK: pakistanisch | Pakistaans
IQ: irakisch | Iraaks
KR: südkoreanisch | Zuid-Koreaans
KP: nordkoreanisch | Noord-Koreaans
AT: österreichisch | Oostenrijks
SK: slowakisch | Slowaaks
AR: argentinisch | Argentijns
PT: portugiesisch | Portugees
NO: norwegisch | Noors
HU: ungarisch | Hongaars
GR: griechisch | Grieks
CL: chilenisch | Chileens
MX: mexikanisch | Mexicaans
TW: taiwanisch | Taiwanees
DK: dänisch | Deens
HR: kroatisch | Kroatisch
AL: albanisch | Albanees
ET: äthiopisch | Ethiopisch
ME: montenegrinisch | Montenegrijns
SG: singapurisch | Singaporees
ID: indonesisch | Indonesisch
SA: saudi-arabisch | Saoedisch
NG: nigerianisch | Nigeriaans
CO: kolumbianisch | Colombiaans
VE: venezolanisch | Venezolaans
ZW: simbabwisch | Zimbabwaans
VN: vietnamesisch | Vietnamees
MY: malaysisch | Maleisisch
KE: kenianisch | Keniaans
TZ: tansanisch | Tanzaniaans
JO: jordanisch | Jordaans
SI: slowenisch | Sloveens
NL: niederländisch | Nederlands
NL: holländisch | Hollands
SY: syrisch | Syrisch
UG: ugandisch | Oegandees
PE: peruanisch | Peruaans
KZ: kasachisch | Kazachs
AZ: aserbaidschanisch | Azerbeidzjaans
BY: belarussisch | Wit-Russisch
BY: weißrussisch | -
"""
# Slavic adjectives, masculine nominative singular (a long row goes on, indented, on the next line): Russian,
# Ukrainian, Bulgarian, Serbian (Latin; its Cyrillic is generated), Croatian/Bosnian (ijekavian), Czech, Slovak, Polish (https://en.wiktionary.org/wiki/китайский,
# …/китайський, …/китайски, …/kineski, …/čínský, …/čínsky, …/chiński).
SLAVIC = """
US: американский | американський | американски | američki | američki | americký | americký | amerykański
RU: русский | російський | руски | ruski | ruski | ruský | ruský | rosyjski
RU: советский | радянський | съветски | sovjetski | sovjetski | sovětský | sovietsky | radziecki
RU: российский | - | - | - | - | - | - | sowiecki
DE: немецкий | німецький | немски | nemački | njemački | německý | nemecký | niemiecki
GB: британский | британський | британски | britanski | britanski | britský | britský | brytyjski
GB: английский | англійський | английски | engleski | engleski | anglický | anglický | angielski
IT: итальянский | італійський | италиански | italijanski | talijanski | italský | taliansky | włoski
IN: индийский | індійський | индийски | indijski | indijski | indický | indický | indyjski
CN: китайский | китайський | китайски | kineski | kineski | čínský | čínsky | chiński
TR: турецкий | турецький | турски | turski | turski | turecký | turecký | turecki
FR: французский | французький | френски | francuski | francuski | francouzský | francúzsky | francuski
ES: испанский | іспанський | испански | španski | španjolski | španělský | španielsky | hiszpański
ZA: южноафриканский | південноафриканський | южноафрикански | južnoafrički |
    južnoafrički | jihoafrický | juhoafrický | południowoafrykański
CZ: чешский | чеський | чешки | češki | češki | český | český | czeski
CZ: чехословацкий | чехословацький | чехословашки | čehoslovački |
    čehoslovački | československý | československý | czechosłowacki
RO: румынский | румунський | румънски | rumunski | rumunjski | rumunský | rumunský | rumuński
BR: бразильский | бразильський | бразилски | brazilski | brazilski | brazilský | brazílsky | brazylijski
UA: украинский | український | украински | ukrajinski | ukrajinski | ukrajinský | ukrajinský | ukraiński
BG: болгарский | болгарський | български | bugarski | bugarski | bulharský | bulharský | bułgarski
RS: сербский | сербський | сръбски | srpski | srpski | srbský | srbský | serbski
RS: югославский | югославський | югославски | jugoslovenski |
    jugoslavenski | jugoslávský | juhoslovanský | jugosłowiański
PL: польский | польський | полски | poljski | poljski | polský | poľský | polski
EG: египетский | єгипетський | египетски | egipatski | egipatski | egyptský | egyptský | egipski
JP: японский | японський | японски | japanski | japanski | japonský | japonský | japoński
BE: бельгийский | бельгійський | белгийски | belgijski | belgijski | belgický | belgický | belgijski
IR: иранский | іранський | ирански | iranski | iranski | íránský | iránsky | irański
SD: суданский | суданський | судански | sudanski | sudanski | súdánský | sudánsky | sudański
CA: канадский | канадський | канадски | kanadski | kanadski | kanadský | kanadský | kanadyjski
FI: финский | фінський | финландски | finski | finski | finský | fínsky | fiński
SE: шведский | шведський | шведски | švedski | švedski | švédský | švédsky | szwedzki
IL: израильский | ізраїльський | израелски | izraelski | izraelski | izraelský | izraelský | izraelski
AU: австралийский | австралійський | австралийски | australijski | australski | australský | austrálsky | australijski
CH: швейцарский | швейцарський | швейцарски | švajcarski | švicarski | švýcarský | švajčiarsky | szwajcarski
BA: боснийский | боснійський | босненски | bosanski | bosanski | bosenský | bosniansky | bośniacki
PK: пакистанский | пакистанський | пакистански | pakistanski | pakistanski | pákistánský | pakistanský | pakistański
IQ: иракский | іракський | иракски | irački | irački | irácký | iracký | iracki
KR: южнокорейский | південнокорейський | южнокорейски | južnokorejski |
    južnokorejski | jihokorejský | juhokórejský | południowokoreański
KP: северокорейский | північнокорейський | севернокорейски | severnokorejski |
    sjevernokorejski | severokorejský | severokórejský | północnokoreański
AT: австрийский | австрійський | австрийски | austrijski | austrijski | rakouský | rakúsky | austriacki
SK: словацкий | словацький | словашки | slovački | slovački | slovenský | slovenský | słowacki
AR: аргентинский | аргентинський | аржентински | argentinski | argentinski | argentinský | argentínsky | argentyński
PT: португальский | португальський | португалски | portugalski | portugalski | portugalský | portugalský | portugalski
NO: норвежский | норвезький | норвежки | norveški | norveški | norský | nórsky | norweski
HU: венгерский | угорський | унгарски | mađarski | mađarski | maďarský | maďarský | węgierski
GR: греческий | грецький | гръцки | grčki | grčki | řecký | grécky | grecki
CL: чилийский | чилійський | чилийски | čileanski | čileanski | chilský | čilský | chilijski
MX: мексиканский | мексиканський | мексикански | meksički | meksički | mexický | mexický | meksykański
TW: тайваньский | тайванський | тайвански | tajvanski | tajvanski | tchajwanský | taiwanský | tajwański
DK: датский | данський | датски | danski | danski | dánský | dánsky | duński
HR: хорватский | хорватський | хърватски | hrvatski | hrvatski | chorvatský | chorvátsky | chorwacki
AL: албанский | албанський | албански | albanski | albanski | albánský | albánsky | albański
ET: эфиопский | ефіопський | етиопски | etiopski | etiopski | etiopský | etiópsky | etiopski
ME: черногорский | чорногорський | черногорски | crnogorski | crnogorski | černohorský | čiernohorský | czarnogórski
SG: сингапурский | сингапурський | сингапурски | singapurski | singapurski | singapurský | singapurský | singapurski
ID: индонезийский | індонезійський | индонезийски | indonežanski | indonezijski | indonéský | indonézsky | indonezyjski
SA: саудовский | саудівський | саудитски | saudijski | saudijski | saúdský | saudský | saudyjski
NG: нигерийский | нігерійський | нигерийски | nigerijski | nigerijski | nigerijský | nigérijský | nigeryjski
CO: колумбийский | колумбійський | колумбийски | kolumbijski | kolumbijski | kolumbijský | kolumbijský | kolumbijski
VE: венесуэльский | венесуельський | венецуелски | venecuelanski |
    venezuelanski | venezuelský | venezuelský | wenezuelski
VN: вьетнамский | вєтнамський | виетнамски | vijetnamski | vijetnamski | vietnamský | vietnamský | wietnamski
MY: малайзийский | малайзійський | малайзийски | malezijski | malezijski | malajsijský | malajzijský | malezyjski
JO: иорданский | йорданський | йордански | jordanski | jordanski | jordánský | jordánsky | jordański
SI: словенский | словенський | словенски | slovenački | slovenski | slovinský | slovinský | słoweński
NL: нидерландский | нідерландський | нидерландски | holandski | nizozemski | nizozemský | holandský | holenderski
SY: сирийский | сирійський | сирийски | sirijski | sirijski | syrský | sýrsky | syryjski
KZ: казахстанский | казахстанський | казахстански | kazahstanski | kazahstanski | kazašský | kazašský | kazachski
AZ: азербайджанский | азербайджанський | азербайджански | azerbejdžanski |
    azerbajdžanski | ázerbájdžánský | azerbajdžanský | azerski
BY: белорусский | білоруський | беларуски | beloruski | bjeloruski | běloruský | bieloruský | białoruski
"""
# Turkish ethnonyms used as adjectives of origin (`Rus yapımı`, `Alman malı`; https://en.wiktionary.org/wiki/Rus).
TURKISH = """
RU: Sovyet
DE: Alman
US: Amerikan
FR: Fransız
IT: İtalyan
GB: İngiliz
HU: Macar
RO: Romen
BG: Bulgar
RS: Sırp | Yugoslav
HR: Hırvat
BA: Boşnak
GR: Yunan
JP: Japon
ES: İspanyol
"""
# Hungarian adjectives of origin not built on the country's name (`orosz gyártmányú`, Russian-made;
# https://en.wiktionary.org/wiki/orosz); uninflected before a noun.
HUNGARIAN = """
RU: orosz | szovjet
DE: német
US: amerikai
IT: olasz
FR: francia
GB: angol | brit
TR: török
CZ: cseh | csehszlovák
PL: lengyel
RO: román
BG: bolgár
RS: szerb | jugoszláv
AT: osztrák
ES: spanyol
SE: svéd
JP: japán
"""
