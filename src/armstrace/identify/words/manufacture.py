"""The words that say a country is where the item was made: before it (`MADE IN`, `HECHO EN`, `СДЕЛАНО В`,
`صنع في`), after it (`Russian-made`, `ドイツ製`, `تركي الصنع`), between them (`पोलैंड में बनी`), and phrases that
say both (`中国制造`).
"""

from __future__ import annotations

from .dravidian_cases import KANNADA_MADE_STEMS
from .formats import phrase_tuple, word_table

__all__ = [
    "MADE_AFTER",
    "MADE_IN",
    "MADE_IN_COUNTRY",
    "MADE_OPENS",
    "MADE_POSTPOSITIONS",
    "MADE_WITH_CASE",
    "MADE_WITH_CASE_STEMS",
    "made_with_case",
]

# Words that, after a country name or demonym, say it is the country of manufacture ("Russian-made").
MADE_AFTER = frozenset({"MADE", "MFD", "MANUFACTURED", "PRODUCED", "BUILT", "MANUFACTURE", "PRODUCTION"})
# Words of making that turn a country's name in the locative (Turkish `Çin'de üretilmiş`, Hungarian `Kínában
# gyártott`, Amharic `በቻይና የተሰራ`) into where the item was made; without one, that form says where it was found.
# As the index reads them (upper case, Latin accents folded), by stem: Turkish and Hungarian add suffixes freely
# (üretilen, üretilmiştir, gyártva, előállított, készült). Not KESZ alone: `készlet` is a stock.
MADE_WITH_CASE_STEMS: tuple[str, ...] = (
    "URETIL",
    "URETIM",
    "YAPIL",
    "YAPIM",
    "IMAL",
    "GYART",
    "ELOALLIT",
    "KESZUL",
    "KESZIT",
    "የተሰራ",
    "የተሠራ",
    "ተሰራ",
    "ተሠራ",
    "የተመረተ",
    "ተመረተ",
)
# and whole words no stem gives: Turkish `malı` (`Çin malı`, goods of China)
MADE_WITH_CASE = frozenset({"MALI"})


def made_with_case(word: str) -> bool:
    """True when `word` (as the index reads it) is a word of making that turns a locative into where made."""
    return word in MADE_WITH_CASE or word.startswith(MADE_WITH_CASE_STEMS)


# Words that, right after "MADE", open a phrase of their own ("Saudi Arabia, made by FN", "Kenya, made in
# Serbia"): the country before is then not "X-made".
MADE_OPENS = frozenset({"BY", "IN", "FOR", "UNDER", "AT", "FROM", "WITH", "THE"})
# Words that, before a country word, say the country is where the item was made.
MADE_IN: tuple[str, ...] = phrase_tuple(
    """
MADE IN | MADE IN THE | MFD IN | MFG IN | MANUFACTURED IN | PRODUCT OF | PRODUCED IN | FABRIQUE EN
MANUFACTURE IN | MANUFACTURE IN THE | PRODUCTION IN | ASSEMBLED IN THE
FABRIQUÉ EN | HECHO EN | FABRICADO EN | INDUSTRIA | СДЕЛАНО В | ИЗГОТОВЛЕНО В | MADE | ASSEMBLED IN
FABBRICAZIONE | DI FABBRICAZIONE | FABBRICATO IN | PRODUZIONE | DI PRODUZIONE | FABRICACION
FABRICACIÓN | DE FABRICACION | DE FABRICACIÓN | FABRICATION | DE FABRICATION | HERGESTELLT IN
HERSTELLUNG | MANUFACTURED IN THE | PRODUCED IN THE | BUILT IN | BUILT IN THE | FABRICATED IN | MFD IN THE
PRODOTTO IN | PRODOTTA IN | PRODOTTE IN | PRODOTTI IN | FABRICADO EN LA | FABRIQUÉ AU | FABRIQUE AU
صنع في | صنع | ساخت | ساخت کشور | تولید | ИЗГОТОВЛЕНО | ПРОИЗВЕДЕНО В | ВИРОБЛЕНО В
SDELANO V | SDELANO VO | IZGOTOVLENO V | PROIZVEDENO V | НАПРАВЕНО В | ПРОИЗВЕДЕНО У | ИЗРАЂЕНО У | PROIZVEDENO U
إنتاج | انتاج | صناعة | من صنع | ساخته شده در | تولید شده در
ผลิตใน | ผลิตที่ | ผลิตจาก | ผลิตในประเทศ
СДЕЛАН В | СДЕЛАНА В | СДЕЛАНЫ В | ИЗГОТОВЛЕН В | ИЗГОТОВЛЕНА В | ПРОИЗВЕДЕН В | ПРОИЗВЕДЕНА В | ПРОИЗВОДСТВА
"""
)
# Phrases that both say "made in" and name the country.
MADE_IN_COUNTRY: dict[str, str] = word_table(
    """
CN: 中国制造 | 中 国 制 造 | 中国製 | 中國製
RU: ソ連製 | ソビエト製 | ロシア製
KP: 北朝鮮製
US: アメリカ製 | 米国製
DE: ドイツ製
CZ: チェコ製 | チェコスロバキア製
BE: ベルギー製
IL: イスラエル製
IR: イラン製
PK: パキスタン製
BG: ブルガリア製
RS: ユーゴスラビア製 | セルビア製
RO: ルーマニア製
PL: ポーランド製
HU: ハンガリー製
EG: エジプト製
IQ: イラク製
AT: オーストリア製
IT: イタリア製
FR: フランス製
GB: イギリス製 | 英国製
JP: 日本製
IR: 이란제 | 이란산
IN: 인도제 | 인도산
SD: 수단제 | 수단산
RU: СДЕЛАНО В СССР | СДЕЛАНО В РОССИИ | ИЗГОТОВЛЕНО В РОССИИ
AR: INDUSTRIA ARGENTINA
US: MADE IN U S A
"""
)
# Manufacture in Polish (`wyprodukowano w`), Portuguese (`de fabricação brasileira`), Italian and Russian
# (`армянского производства`): made-in words before or after the demonym (ordnance pass, identG).
MADE_IN = MADE_IN + phrase_tuple(
    """
PRODUKCJI | PRODUKCJA | WYPRODUKOWANO W | WYPRODUKOWANY W | WYPRODUKOWANA W | WYPRODUKOWANE W
FABRICAÇÃO | DE FABRICAÇÃO | FABRICACAO | DE FABRICACAO | PRODUÇÃO | DE PRODUÇÃO | FABRICADO NO | FABRICADA NO
FABRICADO NA | FABRICADA NA | FABRICADO EM | FABRICADA EM | FABBRICATA IN | FABBRICATE IN | FABBRICATI IN
"""
)
MADE_AFTER = MADE_AFTER | frozenset({"ПРОИЗВОДСТВА", "ПРОИЗВОДСТВО"})
# Words after a country's name that make it where the item was made: Japanese 製 (`ポーランド製`), Chinese
# 制/製/产/產 (`波兰制造`, `中国产`), Korean 제/산 (`폴란드제`, `중국산`), Arabic الصنع (`تركي الصنع`), Hindi निर्मित/बना
# (`जर्मनी निर्मित`), Urdu ساختہ. https://en.wiktionary.org/wiki/製, https://en.wiktionary.org/wiki/-제,
# https://en.wiktionary.org/wiki/الصنع, https://en.wiktionary.org/wiki/निर्मित
MADE_AFTER = MADE_AFTER | frozenset(
    {"製", "制", "产", "產", "제", "산", "الصنع", "صنع", "निर्मित", "बना", "बनी", "बने", "ساختہ", "ساخت", "ПРОИЗВОДСТВА"}
)
# Postpositions between the country and the made word (`पोलैंड में बनी`, `इजरायल की बनी`, `ドイツで製造`,
# `불가리아에서 생산`).
MADE_POSTPOSITIONS = frozenset({"में", "की", "के", "का", "で", "에", "서", "에서"})
MADE_AFTER = MADE_AFTER | frozenset({"生", "생"})  # 生产/生產, 생산: produced
# identC (issue 14): "made in" in the languages of the regions where weapons are recovered, before the country's name
# (each is a word of making, and only a country's name after it makes it read): Swahili `imetengenezwa nchini`
# (https://en.wiktionary.org/wiki/tengeneza, https://en.wiktionary.org/wiki/nchini), Indonesian and Malay `buatan`,
# `dibuat di` (https://en.wiktionary.org/wiki/buatan), Vietnamese `sản xuất tại`
# (https://en.wiktionary.org/wiki/s%E1%BA%A3n_xu%E1%BA%A5t), Tagalog `gawa sa` (https://en.wiktionary.org/wiki/gawa),
# Albanian `prodhuar në` (https://en.wiktionary.org/wiki/prodhoj),
# Hebrew `תוצרת` (product of, https://en.wiktionary.org/wiki/%D7%AA%D7%95%D7%A6%D7%A8%D7%AA), Hausa `kerar`
# (https://en.wiktionary.org/wiki/kera), Somali `laga sameeyay` (https://en.wiktionary.org/wiki/samee).
MADE_IN = MADE_IN + phrase_tuple(
    """
IMETENGENEZWA NCHINI | ILIYOTENGENEZWA NCHINI | ZILIZOTENGENEZWA NCHINI | IMETENGENEZWA | ILIYOTENGENEZWA
ZILIZOTENGENEZWA | BUATAN | DIBUAT DI | BUATAN NEGARA | BIKINAN | SẢN XUẤT TẠI | SẢN XUẤT Ở | CHẾ TẠO TẠI
GAWA SA | GAWANG | PRODHUAR NË | PRODHUAR NE | PRODHIM I | תוצרת | מתוצרת | ייצור | KERAR | ƘERAR
LAGA SAMEEYAY | SAMEEYAY
"""
)
# After a demonym or country: Serbo-Croatian and Bosnian `španske proizvodnje` (of Spanish production,
# https://en.wiktionary.org/wiki/proizvodnja), Vietnamese `Trung Quốc sản xuất`, Tamil `தயாரிப்பு` (make) and
# `தயாரிக்கப்பட்ட` (made, https://en.wiktionary.org/wiki/%E0%AE%A4%E0%AE%AF%E0%AE%BE%E0%AE%B0%E0%AE%BF),
# Bengali `তৈরি` (made, https://en.wiktionary.org/wiki/%E0%A6%A4%E0%A7%88%E0%A6%B0%E0%A6%BF).
MADE_AFTER = MADE_AFTER | frozenset(
    {"PROIZVODNJE", "PROIZVODNJA", "ПРОИЗВОДЊЕ", "தயாரிப்பு", "தயாரித்த", "தயாரிக்கப்பட்ட", "তৈরি"}
)
# identZ2 (issue 14): the participles of making after the place in German and Dutch (`in Serbien hergestellt`, `die
# in China gefertigten`, `in België vervaardigd`; https://en.wiktionary.org/wiki/herstellen,
# https://en.wiktionary.org/wiki/fertigen, https://en.wiktionary.org/wiki/vervaardigen), and before it the forms the
# lists lacked: Ukrainian plurals and genders of `вироблено в` / `виготовлено в` (https://en.wiktionary.org/wiki/виробити,
# https://en.wiktionary.org/wiki/виготовити), Russian plurals, Romanian `produs în` / `fabricat în`
# (https://en.wiktionary.org/wiki/produs), Polish `wyprodukowany w` (https://en.wiktionary.org/wiki/wyprodukowa%C4%87),
# Czech and Slovak `vyrobeno v` (https://en.wiktionary.org/wiki/vyrobit), Portuguese `fabricado em` / `produzido em`.
MADE_AFTER = MADE_AFTER | frozenset(
    {"HERGESTELLT", "HERGESTELLTE", "HERGESTELLTEN", "HERGESTELLTER", "GEFERTIGT", "GEFERTIGTE", "GEFERTIGTEN"}
    | {"PRODUZIERT", "PRODUZIERTE", "PRODUZIERTEN", "VERVAARDIGD", "VERVAARDIGDE", "GEPRODUCEERD", "GEPRODUCEERDE"}
)
MADE_IN = MADE_IN + phrase_tuple(
    """
ВИРОБЛЕНІ В | ВИРОБЛЕНИЙ В | ВИРОБЛЕНА В | ВИРОБЛЕНО У | ВИРОБЛЕНІ У | ВИГОТОВЛЕНО В | ВИГОТОВЛЕНІ В | ВИГОТОВЛЕНИЙ В
ВИГОТОВЛЕНА В | ВИГОТОВЛЕНО У | ВИГОТОВЛЕНІ У | ПРОИЗВЕДЕНЫ В | ПРОИЗВЕДЕННЫЕ В | ИЗГОТОВЛЕНЫ В | ИЗГОТОВЛЕННЫЕ В
PRODUS ÎN | PRODUSĂ ÎN | PRODUSE ÎN | FABRICAT ÎN | FABRICATĂ ÎN | FABRICATE ÎN
WYPRODUKOWANY W | WYPRODUKOWANA W | WYPRODUKOWANE W | WYPRODUKOWANO W
VYROBENO V | VYROBENÝ V | VYROBENA V | VYROBENÉ V | VYROBENY V
FABRICADO EM | FABRICADA EM | FABRICADOS EM | FABRICADAS EM | PRODUZIDO EM | PRODUZIDA EM | PRODUZIDOS EM
"""
)
# fixD (issue 14, review I): Lao `ຜະລິດຢູ່` / `ຜະລິດໃນ` (produced at / in, https://en.wiktionary.org/wiki/ຜະລິດ,
# https://en.wiktionary.org/wiki/ຢູ່, https://en.wiktionary.org/wiki/ໃນ) and Khmer `ផលិតនៅ` / `ផលិតក្នុង` (produced at /
# in, https://en.wiktionary.org/wiki/ផលិត, https://en.wiktionary.org/wiki/នៅ, https://en.wiktionary.org/wiki/ក្នុង),
# with `ប្រទេស` (country, https://en.wiktionary.org/wiki/ប្រទេស) before the name; written without spaces, each with
# the names of the countries whose arms are found there (China, Russia, Vietnam, America: Lao ຈີນ, ລັດເຊຍ, ຫວຽດນາມ,
# ອາເມລິກາ; Khmer ចិន, រុស្ស៊ី, វៀតណាម, អាមេរិក; https://en.wiktionary.org/wiki/ຈີນ, https://en.wiktionary.org/wiki/ចិន)
# as one word of the segmenter's dictionary.
_LAO_KHMER_MADE = ("ຜະລິດຢູ່", "ຜະລິດໃນ", "ຜະລິດຢູ່ປະເທດ", "ຜະລິດໃນປະເທດ", "ផលិតនៅ", "ផលិតក្នុង", "ផលិតនៅប្រទេស", "ផលិតក្នុងប្រទេស")
MADE_IN = MADE_IN + _LAO_KHMER_MADE
# fixE (issue 14, review J): Polish writes `we` before a consonant cluster (`wyprodukowany we Włoszech`, `we Francji`,
# https://en.wiktionary.org/wiki/we#Polish); Ukrainian uses `у` as well as `в` after every gender and number of the
# participles (https://en.wiktionary.org/wiki/у#Ukrainian); Dutch `gemaakt in`, `vervaardigd in`, `geproduceerd in`
# (https://en.wiktionary.org/wiki/maken#Dutch, https://en.wiktionary.org/wiki/vervaardigen).
MADE_IN = (
    MADE_IN
    + tuple(
        f"{stem}{ending} {prep}"
        for stem in ("ВИРОБЛЕН", "ВИГОТОВЛЕН")
        for ending in ("ИЙ", "А", "Е", "О", "І")
        for prep in ("В", "У")
        if f"{stem}{ending} {prep}" not in MADE_IN
    )
    + phrase_tuple(
        """
WYPRODUKOWANY WE | WYPRODUKOWANA WE | WYPRODUKOWANE WE | WYPRODUKOWANO WE
GEMAAKT IN | VERVAARDIGD IN | GEPRODUCEERD IN | GEFABRICEERD IN
"""
    )
)
_LAO_KHMER_NAMES = {
    "ຈີນ": "CN",
    "ລັດເຊຍ": "RU",
    "ຫວຽດນາມ": "VN",
    "ອາເມລິກາ": "US",
    "ចិន": "CN",
    "រុស្ស៊ី": "RU",
    "វៀតណាម": "VN",
    "អាមេរិក": "US",
    "ໄທ": "TH",  # Thailand (https://en.wiktionary.org/wiki/ໄທ), review J
    "ថៃ": "TH",  # Thailand (https://en.wiktionary.org/wiki/ថៃ)
}
MADE_IN_COUNTRY.update(
    {
        made + name: code
        for made in _LAO_KHMER_MADE
        for name, code in _LAO_KHMER_NAMES.items()
        if ("\u0e80" <= made[0] <= "\u0eff") == ("\u0e80" <= name[0] <= "\u0eff")  # Lao with Lao, Khmer with Khmer
    }
)
# Origin in the words reports use for where arms come from, before the country (`of origin`, `origin: Iran`, French
# `d'origine`, Italian `di origine`, Spanish `de origen` / `procedencia`, Portuguese `de origem` / `procedência`,
# Arabic `منشأ`, and the copula `they were from Iran`) and after it (`Iranian-origin`, Russian `китайского
# происхождения`, Ukrainian `російського походження` / `виробництва`, Arabic `إيرانية المنشأ`, Turkish `Rus yapımı`,
# `Rus menşeli`): https://en.wiktionary.org/wiki/origen, https://en.wiktionary.org/wiki/procedencia,
# https://en.wiktionary.org/wiki/origem, https://en.wiktionary.org/wiki/происхождение,
# https://en.wiktionary.org/wiki/походження, https://en.wiktionary.org/wiki/منشأ, https://en.wiktionary.org/wiki/yapım,
# https://en.wiktionary.org/wiki/menşe. A bare "from" stays a route or a place of recovery (`AK rifle from Libya`);
# only the copula makes it an origin. French participles of making in every gender and number (`grenades fabriquées
# en Chine`, `fabriqués à Saint-Étienne`).
MADE_IN = MADE_IN + phrase_tuple(
    """
ORIGIN | OF ORIGIN | COUNTRY OF ORIGIN | D ORIGINE | DI ORIGINE | ORIGINE | DE ORIGEN | ORIGEN | DE PROCEDENCIA
PROCEDENCIA | PROCEDENTE DE | PROCEDENTES DE | DE ORIGEM | ORIGEM | DE PROCEDÊNCIA | PROCEDÊNCIA | PROVENANT DE
EN PROVENANCE DE | ORIGINAIRE DE | ORIGINAIRES DE | WERE FROM | WAS FROM | IS FROM | ARE FROM | ORIGINATED FROM
ORIGINATING FROM | ORIGINATE FROM | ORIGINATES FROM | ORIGINATED IN | ORIGINATING IN | منشأ | من منشأ | منشا
FABRIQUÉE EN | FABRIQUÉS EN | FABRIQUÉES EN | FABRIQUÉ À | FABRIQUÉE À | FABRIQUÉS À | FABRIQUÉES À
"""
)
MADE_AFTER = MADE_AFTER | frozenset(
    {"ORIGIN", "ПРОИСХОЖДЕНИЯ", "ПОХОДЖЕННЯ", "ВИРОБНИЦТВА", "المنشأ", "المنشا", "YAPIMI", "MENSELI"}
)
# The languages of South and South-East Asia, the Caucasus, Central Asia, the Baltic and Greece.
# Words of making that turn a locative (`locatives`: Marathi `चीनमध्ये`, Georgian `ჩინეთში`, Kazakh `Қытайда`) into
# where the item was made, by stem as the index reads them (upper case): Marathi बनवलेले / बनलेले, Nepali बनेको,
# Gujarati બનાવેલ, Odia ତିଆରି, Telugu తయారు, Malayalam നിർമ്മിച്ച, Sinhala නිෂ්පාදිත, the Sanskrit निर्मित / उत्पादित of
# the Indic languages, Georgian დამზადებული / წარმოებული, Armenian արտադրված, Azerbaijani istehsal, Kazakh
# өндірілген / жасалған, Kyrgyz жасалган, Uzbek ishlab chiqarilgan / yasalgan, Mongolian үйлдвэрлэсэн, Lithuanian
# pagamintas, Estonian valmistatud / toodetud, Hebrew מיוצר / יוצר. https://en.wiktionary.org/wiki/%E0%A4%AC%E0%A4%A8%E0%A4%B5%E0%A4%A3%E0%A5%87
# https://en.wiktionary.org/wiki/%E0%A4%A8%E0%A4%BF%E0%A4%B0%E0%A5%8D%E0%A4%AE%E0%A4%BF%E0%A4%A4
# https://en.wiktionary.org/wiki/%E1%83%93%E1%83%90%E1%83%9B%E1%83%96%E1%83%90%E1%83%93%E1%83%94%E1%83%91%E1%83%A3%E1%83%9A%E1%83%98
# https://en.wiktionary.org/wiki/%D5%A1%D6%80%D5%BF%D5%A1%D5%A4%D6%80%D5%A5%D5%AC https://en.wiktionary.org/wiki/istehsal
# https://en.wiktionary.org/wiki/%D3%A9%D0%BD%D0%B4%D1%96%D1%80%D1%83 https://en.wiktionary.org/wiki/ishlab_chiqarmoq
# https://en.wiktionary.org/wiki/pagaminti https://en.wiktionary.org/wiki/valmistama https://en.wiktionary.org/wiki/tootma
# Tamil `இருந்து` after a locative makes it "from" (`ஈரானில் இருந்து`, from Iran: where the item came from, as the
# Hebrew מ, https://en.wiktionary.org/wiki/%E0%AE%87%E0%AE%B0%E0%AF%81%E0%AE%A8%E0%AF%8D%E0%AE%A4%E0%AF%81).
MADE_WITH_CASE = MADE_WITH_CASE | {"இருந்து"}
MADE_WITH_CASE_STEMS = MADE_WITH_CASE_STEMS + tuple(
    stem.upper()
    for stem in (
        "बनवलेल",
        "बनलेल",
        "बनवले",
        "बनेको",
        "बनाइएको",
        "निर्मित",
        "उत्पादित",
        "બનાવેલ",
        "બનેલ",
        "ઉત્પાદિત",
        "ନିର୍ମିତ",
        "ତିଆରି",
        "ଉତ୍ପାଦିତ",
        "తయారు",
        "తయారై",
        "ఉత్పత్తి",
        "നിർമ്മിച്ച",
        "നിർമിച്ച",
        "നിർമ്മിത",
        "නිෂ්පාදිත",
        "தயாரி",
        "დამზადებ",
        "წარმოებ",
        "արտադրված",
        "արտադրությ",
        "istehsal",
        "өндірілген",
        "жасалған",
        "жасалган",
        "өндүрүлгөн",
        "ishlab",
        "yasalgan",
        "үйлдвэрлэ",
        "pagamint",
        "valmistatud",
        "toodetud",
        "מיוצר",
        "יוצר",
    )
)
# Before the country's name (its bare name, or the accusative that is the same): Greek `κατασκευασμένο στην`
# (https://en.wiktionary.org/wiki/%CE%BA%CE%B1%CF%84%CE%B1%CF%83%CE%BA%CE%B5%CF%85%CE%AC%CE%B6%CF%89, every gender
# and number, with στην / στη / στο / στον / στις), Belarusian `зроблена ў` (`locatives`), Danish and Norwegian
# `fremstillet i` / `produceret i` / `produsert i` (https://en.wiktionary.org/wiki/fremstille), Afrikaans
# `vervaardig in` / `gemaak in` (https://en.wiktionary.org/wiki/vervaardig), Slovenian `izdelano v` / `proizvedeno v`
# (https://en.wiktionary.org/wiki/izdelati), Tajik `истеҳсоли` (production of, https://en.wiktionary.org/wiki/истеҳсол).
MADE_IN = MADE_IN + tuple(
    f"ΚΑΤΑΣΚΕΥΑΣΜΕΝ{ending} {prep}"
    for ending in ("Ο", "Η", "Α", "ΟΣ", "ΕΣ", "ΟΙ")
    for prep in ("ΣΤΗΝ", "ΣΤΗ", "ΣΤΟ", "ΣΤΟΝ", "ΣΤΙΣ", "ΣΤΟΥΣ", "ΣΤΑ")
)
MADE_IN = MADE_IN + phrase_tuple(
    """
ΠΑΡΑΓΩΓΗΣ | ΚΑΤΑΣΚΕΥΗΣ | ΠΡΟΪΟΝ | ЗРОБЛЕНА Ў | ЗРОБЛЕНЫ Ў | ЗРОБЛЕНА У | ЗРОБЛЕНЫ У | ВЫРАБЛЕНА Ў | ВЫРАБЛЕНЫ Ў
FREMSTILLET I | PRODUCERET I | PRODUSERT I | LAVET I | LAGET I | VERVAARDIG IN | GEMAAK IN | IZDELANO V | IZDELAN V
PROIZVEDENO V | ИСТЕҲСОЛИ
"""
)
# After a demonym or a genitive: Greek `κινεζικής κατασκευής` / `παραγωγής` (of Chinese make, production,
# https://en.wiktionary.org/wiki/%CE%BA%CE%B1%CF%84%CE%B1%CF%83%CE%BA%CE%B5%CF%85%CE%AE), Belarusian
# `вытворчасці` (https://en.wiktionary.org/wiki/%D0%B2%D1%8B%D1%82%D0%B2%D0%BE%D1%80%D1%87%D0%B0%D1%81%D1%86%D1%8C),
# Georgian `ჩინეთის წარმოების` (of China's production), Armenian `արտադրության`, Lithuanian `gamybos`, Latvian
# `ražots` / `ražojuma` (https://en.wiktionary.org/wiki/ra%C5%BEot), Estonian `valmistatud` / `toodetud`, Azerbaijani
# `istehsalı`, Uzbek `ishlab chiqarilgan`, Marathi `बनावटीचे` (of make), Danish and Norwegian `fremstillet`.
MADE_AFTER = MADE_AFTER | frozenset(
    w.upper()
    for w in (
        "ΚΑΤΑΣΚΕΥΗΣ",
        "ΠΑΡΑΓΩΓΗΣ",
        "ВЫТВОРЧАСЦІ",
        "წარმოების",
        "დამზადებული",
        "წარმოებული",
        "արտադրության",
        "արտադրված",
        "gamybos",
        "pagamintas",
        "pagaminta",
        "ražots",
        "ražota",
        "ražojuma",
        "valmistatud",
        "toodetud",
        "istehsalı",
        "ishlab",
        "बनावटीचे",
        "बनावटीची",
        "बनावटीचा",
        "बनवलेले",
        "निर्मित",
        "fremstillet",
        "produceret",
        "produsert",
    )
)
# After a country's name or genitive in the Indic languages (`अमेरिकेतच बनवली`, `চীনের তৈরী`, `টర్కీలో తయారైన`): the
# Marathi feminine and plural of बनवणे (made; https://en.wiktionary.org/wiki/%E0%A4%AC%E0%A4%A8%E0%A4%B5%E0%A4%A3%E0%A5%87),
# the Bengali spelling তৈরী beside তৈরি and নির্মিত (made, https://en.wiktionary.org/wiki/%E0%A6%A8%E0%A6%BF%E0%A6%B0%E0%A7%8D%E0%A6%AE%E0%A6%BF%E0%A6%A4),
# and the English `made` as Hindi, Marathi and Bengali reports spell it (`चाइना मेड`, `মেড ইন চায়না`).
MADE_AFTER = MADE_AFTER | frozenset({"बनवली", "बनवलेली", "बनवलेल्या", "তৈরী", "নির্মিত", "मेड", "মেড"})
MADE_IN = (*MADE_IN, "मेड इन", "মেড ইন")
MADE_WITH_CASE_STEMS = (*MADE_WITH_CASE_STEMS, "बनवल", "তৈরি", "তৈরী", "নির্মিত")
MADE_WITH_CASE_STEMS = (*MADE_WITH_CASE_STEMS, *KANNADA_MADE_STEMS)  # `ಚೀನಾದಲ್ಲಿ ತಯಾರಾದ` (`dravidian_cases`)
