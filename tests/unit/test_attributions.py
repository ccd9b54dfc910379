"""Attributions: cue verbs, volgens/aldus, word order, quotes, denials, hedges, anaphoric sources."""
import pytest


def one(extract, text):
    atts = extract(text)["attributions"]
    assert len(atts) == 1, atts
    a = atts[0]
    return {"cue": a["cue"]["text"], "source": a["source"]["text"], "content": (a["content"] or {}).get("text"),
            "kind": a["kind"], "stance": a["stance"], "hedged": a["hedged"], "name": a["source_name"],
            "type": a["source_type"]}


@pytest.mark.parametrize("text, cue, source, content", [
    ("Volgens de Oekraïense luchtmacht zijn vannacht twintig drones neergehaald.", "Volgens",
     "de Oekraïense luchtmacht", "zijn vannacht twintig drones neergehaald"),
    ("Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over.", "volgens", "Kyiv",
     "Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over"),
    ("Rusland vuurde veertig raketten af, aldus de Oekraïense generale staf.", "aldus", "de Oekraïense generale staf",
     "Rusland vuurde veertig raketten af"),
    ("De Oekraïense luchtmacht meldt dat Rusland 479 drones heeft ingezet.", "meldt", "De Oekraïense luchtmacht",
     "Rusland 479 drones heeft ingezet"),
    ("Op donderdag meldde het Duitse weekblad Der Spiegel dat Moskou drones koopt.", "meldde",
     "het Duitse weekblad Der Spiegel", "Moskou drones koopt"),
    ("In juli schreef de krant dat Iran drones leverde.", "schreef", "de krant", "Iran drones leverde"),
    ("De minister stelt dat de F-35 op tijd komt.", "stelt", "De minister", "de F-35 op tijd komt"),
    ("Het ministerie verklaarde dat de levering vertraagd is.", "verklaarde", "Het ministerie", "de levering vertraagd is"),
    ("De Duitse regering heeft officieel bekendgemaakt dat het land tanks stuurt.", "bekendgemaakt",
     "De Duitse regering", "het land tanks stuurt"),
    ("Tijdens het bezoek liet de leider van het land weten dat de raket klaar is.", "liet", "de leider van het land",
     "de raket klaar is"),
    ("Oekraïne maakte maandag bekend zelf ook aanvallen te hebben uitgevoerd.", "maakte", "Oekraïne",
     "zelf ook aanvallen te hebben uitgevoerd"),
    ("Staatssecretaris Jan de Vries kondigt in een brief aan dat er fregatten worden besteld.", "kondigt",
     "Staatssecretaris Jan de Vries", "er fregatten worden besteld"),
    ("Een Amerikaanse denktank, C4ADS, meldde eerder de verkoop van onderdelen.", "meldde",
     "Een Amerikaanse denktank, C4ADS", "eerder de verkoop van onderdelen"),
    ("De Denen hebben het systeem gekocht, schrijft Van der Maat.", "schrijft", "Van der Maat",
     "De Denen hebben het systeem gekocht"),
    ("Het blad waarschuwt dat de voorraad slinkt.", "waarschuwt", "Het blad", "de voorraad slinkt"),
    ("Bondskanselier Scholz herhaalde dat Duitsland geen Taurus levert.", "herhaalde", "Bondskanselier Scholz",
     "Duitsland geen Taurus levert"),
    ("Onderzoeker Mara Lindqvist schat dat Iran 3.000 raketten had.", "schat", "Onderzoeker Mara Lindqvist",
     "Iran 3.000 raketten had"),
    ("Volgens haar zou Iran nog 2.500 raketten hebben.", "Volgens", "haar", "zou Iran nog 2.500 raketten hebben"),
    ("Analisten van het Instituut voor Strategische Studies (IISS) waarschuwen dat de wapens pas laat komen.",
     "waarschuwen", "Analisten van het Instituut voor Strategische Studies (IISS)", "de wapens pas laat komen"),
    ("Hanwha boekte een omzet van 5.100 miljard won, omgerekend 3,7 miljard dollar, meldt Yonhap.", "meldt",
     "Yonhap", "Hanwha boekte een omzet van 5.100 miljard won, omgerekend 3,7 miljard dollar"),
    ("Ook SP-Kamerlid Joost van Rijn stelt dat het kabinet blind vaart.", "stelt", "SP-Kamerlid Joost van Rijn",
     "het kabinet blind vaart"),
    ("Het is een constante stroom, zegt een van de auteurs van het rapport.", "zegt",
     "een van de auteurs van het rapport", "Het is een constante stroom"),
    ("Hij wijst erop dat Nederland afhankelijk blijft van Washington.", "wijst erop", "Hij",
     "Nederland afhankelijk blijft van Washington"),
    ("De NIS houdt het op ruim honderd geleverde raketten.", "houdt het op", "De NIS", "ruim honderd geleverde raketten"),
    ("Uit een analyse van de denktank CSIS blijkt dat er 16.000 containers zijn geladen.", "blijkt",
     "een analyse van de denktank CSIS", "er 16.000 containers zijn geladen"),
    ("Volgens die missie zijn er honderd aanvallen op schepen geweest.", "Volgens", "die missie",
     "zijn er honderd aanvallen op schepen geweest"),
    ("Washington beschuldigt Teheran ervan de Houthi's raketten te leveren.", "beschuldigt", "Washington",
     "Teheran ervan de Houthi's raketten te leveren"),
    ("Die samenwerking heeft een prijs, blijkt uit een vertrouwelijk rapport van de VN.", "blijkt uit",
     "een vertrouwelijk rapport van de VN", "Die samenwerking heeft een prijs"),
    ("Het gerechtshof oordeelde dat er een duidelijk risico was.", "oordeelde", "Het gerechtshof",
     "er een duidelijk risico was"),
    ("Den Haag betoogde dat de export van onderdelen legaal is.", "betoogde", "Den Haag",
     "de export van onderdelen legaal is"),
])
def test_cues_sources_contents(extract, text, cue, source, content):
    a = one(extract, text)
    assert (a["cue"], a["source"], a["content"]) == (cue, source, content)
    assert a["kind"] == "indirect" and a["stance"] == "assert"


@pytest.mark.parametrize("text, cue, source", [
    ("India koopt 26 Rafales. Dat heeft het Indiase ministerie van Defensie maandag bekendgemaakt.", "bekendgemaakt",
     "het Indiase ministerie van Defensie"),                     # Dat heeft X ... bekendgemaakt: X after the auxiliary
    ("De levering loopt vertraging op omdat België de F-16's langer nodig heeft, zo erkende de minister.", "erkende",
     "de minister"),                                             # CLAIM, zo erkende X
])
def test_the_subject_after_a_fronted_object_or_zo(extract, text, cue, source):
    a = next(a for a in extract(text)["attributions"] if a["cue"]["text"] == cue)
    assert a["source"]["text"] == source


@pytest.mark.parametrize("open_, close", [("‘", "’"), ("“", "”"), ('"', '"'), ("„", "”"), ("'", "'")])
def test_direct_quotes_in_any_marks(extract, open_, close):
    a = one(extract, f"{open_}Wij leveren geen raketten{close}, zei de minister.")
    assert (a["kind"], a["content"], a["source"]) == ("direct", "Wij leveren geen raketten", "de minister")


def test_quote_after_colon(extract):
    a = one(extract, "De generaal zegt: „We hebben de Kinzjal neergeschoten.”")
    assert (a["kind"], a["content"]) == ("direct", "We hebben de Kinzjal neergeschoten")


@pytest.mark.parametrize("text, cue", [
    ("Beijing ontkent wapens aan Rusland te leveren.", "ontkent"),
    ("Kremlinwoordvoerder Peskov deed de berichten af als westerse propaganda.", "deed"),
    ("Teheran weerspreekt dat het drones heeft geleverd.", "weerspreekt"),
    ("Het Kremlin ontkende dat er een akkoord is.", "ontkende"),
])
def test_denials(extract, text, cue):
    a = one(extract, text)
    assert (a["cue"], a["stance"]) == (cue, "deny")


@pytest.mark.parametrize("text, hedged", [
    ("Volgens de laatste Oekraïense telling zou Moskou nog maar 59 Kalibrs over hebben.", True),
    ("Volgens Oekraïne leverde Iran naar verluidt 2400 drones.", True),
    ("Volgens Oekraïne leverde Iran 2400 drones.", False),
    ("“Dat zou een ramp zijn”, zegt de minister.", False),
])
def test_hedges(extract, text, hedged):
    assert one(extract, text)["hedged"] is hedged


def test_relative_pronoun_source_is_resolved(extract):
    atts = extract("Volgens de VS, die claimen betrouwbare informatie te hebben, overweegt China steun.")["attributions"]
    die = next(a for a in atts if a["cue"]["text"] == "claimen")
    assert (die["source"]["text"], die["source_name"]) == ("die", "Verenigde Staten")


def test_anaphoric_source_takes_the_name_of_the_medium(extract):
    atts = extract("Op donderdag meldde het weekblad Der Spiegel dat Moskou drones koopt. "
                   "Het blad zegt over betrouwbare informatie te beschikken.")["attributions"]
    assert [(a["source"]["text"], a["source_name"], a["source_type"]) for a in atts] == [
        ("het weekblad Der Spiegel", "Der Spiegel", "media"), ("Het blad", "Der Spiegel", "media")]


def test_dat_meldt_takes_the_previous_claim(extract):
    atts = extract("Rusland heeft veertig raketten afgevuurd op Kyiv. Dat meldt de Oekraïense luchtmacht.")["attributions"]
    (a,) = atts
    assert (a["cue"]["text"], a["source"]["text"], a["content"]["text"]) == (
        "meldt", "de Oekraïense luchtmacht", "Rusland heeft veertig raketten afgevuurd op Kyiv")


@pytest.mark.parametrize("text", [
    "Er werden inslagen gemeld in het oosten van het land.",       # no source
    "Toch kun je niet zeggen dat Rusland en Iran bondgenoten zijn.",  # an infinitive after a modal
    "De levering was nog niet officieel bevestigd.",               # passive without agent
    "Het Witte Huis overweegt de inlichtingen te delen.",          # an attitude, not a claim
    "De raket vloog op basis van GPS naar zijn doel.",             # evidential without a source
    "Kim liet zien dat Noord-Korea innovatief is.",                # laten zien is no cue
])
def test_no_attribution(extract, text):
    assert extract(text)["attributions"] == []


@pytest.mark.parametrize("text, name, type_", [
    ("Volgens de Amerikaanse minister van Buitenlandse Zaken Antony Blinken is dat gevaarlijk.", "Antony Blinken", "person"),
    ("Volgens The Wall Street Journal leverden Chinese bedrijven onderdelen.", "The Wall Street Journal", "media"),
    ("Volgens de VS overweegt China militaire steun.", "Verenigde Staten", "government"),
    ("Volgens de mededeling die vrijdag is verspreid, kwam één raket neer.", "mededeling", "document"),
])
def test_source_names_and_types(extract, text, name, type_):
    a = one(extract, text)
    assert (a["name"], a["type"]) == (name, type_)


def test_quote_over_several_sentences_is_one_direct_claim(extract):
    a = one(extract, "„We hebben drie Patriot-batterijen. Dat is te weinig”, zegt generaal De Vries.")
    assert (a["kind"], a["content"], a["source"]) == (
        "direct", "We hebben drie Patriot-batterijen. Dat is te weinig", "generaal De Vries")


def test_dat_meldt_at_the_start_keeps_cue_and_source(extract):
    a = one(extract, "Dat zegt de Amerikaanse minister van Defensie Lloyd Austin in een interview met CNN.")
    assert (a["cue"], a["source"], a["name"], a["content"]) == (
        "zegt", "de Amerikaanse minister van Defensie Lloyd Austin", "Lloyd Austin", None)


def test_afdoen_aan_is_no_denial(extract):
    """`doet weinig af aan` diminishes; only `deed X af als` dismisses a claim."""
    assert [a["cue"]["text"] for a in extract("Volgens Lindqvist doet dat weinig af aan de voorraad.")["attributions"]] \
        == ["Volgens"]


@pytest.mark.parametrize("text", [
    "Alle contracten worden volgens plan uitgevoerd.",             # volgens plan: no source
    "Dat zegt veel over hoe Canberra naar China kijkt.",            # zegt veel over: tells, not says
    "Korea levert snel en Seoul stelt geen lastige vragen.",         # vragen stellen: to ask
])
def test_idioms_with_a_cue_word_are_no_attributions(extract, text):
    assert extract(text)["attributions"] == []
