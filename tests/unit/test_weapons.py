"""Weapon mentions: Dutch word forms, compounds, spelling variants, ambiguity by context, unknown designations."""
import pytest


def mentions(extract, text):
    return [(w["text"], w["name"]) for w in extract(text)["weapons"]]


@pytest.mark.parametrize("text, span, name", [
    ("Rusland heeft nog 59 Kalibrs.", "Kalibrs", "Kalibr"),
    ("De Iskanders werden ingezet.", "Iskanders", "Iskander"),
    ("Nederland levert F-16's aan Oekraïne.", "F-16's", "F-16"),
    ("Nederland levert F-16’s aan Oekraïne.", "F-16’s", "F-16"),
    ("Iran leverde honderden Shahed-136’s.", "Shahed-136’s", "Shahed-136"),
    ("Vooral de Kalibr-voorraad is geslonken.", "Kalibr", "Kalibr"),
    ("De beruchte Scud-raket uit de Golfoorlog.", "Scud", "Scud"),
    ("Oekraïne krijgt twee Patriot-systemen.", "Patriot", "Patriot"),
    ("De eerste F-16-piloten zijn terug.", "F-16", "F-16"),
    ("De Leopard 2-tanks rollen naar het front.", "Leopard 2", "Leopard 2"),
    ("De Leopard 2A6 is een moderne tank.", "Leopard 2A6", "Leopard 2A6"),
    ("China beschikt over de YJ-18.", "YJ-18", "YJ-18"),
    ("China leverde de DF-11 aan Pakistan.", "DF-11", "DF-11"),
    ("Turkije kocht het S-400-systeem.", "S-400", "S-400"),
    ("Nederland kocht nieuwe F35-straaljagers.", "F35", "F-35"),
    ("Nederland kocht nieuwe F 35 toestellen voor de luchtmacht.", "F 35", "F-35"),
    ("Rusland zette een Su35 in boven de Zwarte Zee.", "Su35", "Su-35"),
    ("De Kinzjal werd onderschept.", "Kinzjal", "Kinzhal"),
    ("De Kinzhal werd onderschept.", "Kinzhal", "Kinzhal"),
    ("Rusland vuurde Geran-2-drones af.", "Geran-2", "Shahed-136"),
    ("De kruiser werd geraakt door twee Neptoen-antischipraketten.", "Neptoen", "Neptune"),
    ("Het Amerikaanse Himars-systeem is populair.", "Himars", "HIMARS"),
    ("Duitsland stuurt de Leopards naar Oekraïne.", "Leopards", "Leopard 2"),
])
def test_word_forms(extract, text, span, name):
    assert (span, name) in mentions(extract, text)


def test_every_mention_is_a_record_with_offsets(extract):
    text = "De Kalibr is een kruisraket. Van de 650 Kalibrs zijn er 59 over; het Kalibr-arsenaal slinkt."
    ws = extract(text)["weapons"]
    assert [w["text"] for w in ws] == ["Kalibr", "Kalibrs", "Kalibr"]
    assert all(text[w["start"]:w["end"]] == w["text"] for w in ws)
    assert {(w["category"], w["origin"], w["system_id"], w["in_lexicon"]) for w in ws} == {("cruise_missile", "RU", "kalibr", True)}


@pytest.mark.parametrize("text, expected", [
    ("Oekraïne krijgt een Patriot-batterij voor de luchtverdediging van Kyiv.", [("Patriot", "Patriot")]),
    ("De Patriots zijn een kostbaar Amerikaans luchtafweersysteem.", [("Patriots", "Patriot")]),
    ("De Patriot Act werd in 2001 door het Congres aangenomen na de aanslagen.", []),
    ("In de dierentuin van Emmen werd een jonge leopard geboren; de Leopard heet Sita.", []),
    ("Duitsland leverde de Leopard aan Polen, samen met munitie voor de tanks.", [("Leopard", "Leopard 2")]),
    ("Het Gepard-luchtdoelgeschut beschermt de stad tegen drones.", [("Gepard", "Gepard")]),
    ("De gepard is het snelste landdier ter wereld en jaagt op gazellen.", []),
    # a place the war news names: a military sentence is not enough, context next to the name is
    ("Iraanse raketten sloegen in op de luchtmachtbasis Nevatim in de Negev.", []),
    ("Het leger bestelde nieuwe Negev-machinegeweren.", [("Negev", "Negev")]),
    ("Noord-Korea verscheepte tientallen Koksan-houwitsers naar Rusland.", [("Koksan", "Koksan")]),
    ("Armenië kocht pantservoertuigen van het type Bastion in Frankrijk.", [("Bastion", "Bastion")]),
    ("De stad was een bastion van het verzet tegen de tanks van het leger.", []),
])
def test_ambiguous_names_by_context(extract, text, expected):
    assert mentions(extract, text) == expected


@pytest.mark.parametrize("text, span", [
    ("Moskou onderhandelt om de kamikazedrone ZK-45 te laten produceren.", "ZK-45"),
    ("Noord-Korea testte de nieuwe ballistische raket Hwasong-20 boven zee.", "Hwasong-20"),
    ("Iran toonde een nieuwe raket van het type Fateh-360.", "Fateh-360"),
    ("Rusland vuurde Vityaz-9-raketten af op Odessa.", "Vityaz-9"),
])
def test_unknown_designations_with_weapon_context(extract, text, span):
    ws = [w for w in extract(text)["weapons"] if w["text"] == span]
    assert ws and ws[0]["in_lexicon"] is False and ws[0]["system_id"] is None


@pytest.mark.parametrize("text", [
    "Het verkeer stond stil op de A12 bij Utrecht na een ongeluk.",
    "De G7-top in Japan sprak over steun aan Oekraïne en over raketten.",
    "De coronapandemie (COVID-19) trof ook de strijdkrachten.",
    "Volgens artikel 5 van het NAVO-verdrag komen bondgenoten elkaar te hulp.",
    "Hij reed in de F1 voor het team van Red Bull.",
    "Manila kocht twaalf FA-50 Block 20-gevechtsvliegtuigen.",
])
def test_look_alikes_are_not_weapons(extract, text):
    assert [w for w in extract(text)["weapons"] if not w["in_lexicon"]] == []


@pytest.mark.parametrize("text, span, name", [
    ("De luchtmacht-F-16's vlogen boven de Noordzee.", "F-16's", "F-16"),
    ("Het leger zette een Patriotje van de luchtmacht in tegen de drones.", "Patriotje", "Patriot"),
    ("De Leopard 2-tanks en de Leopard 2A4-tanks rolden naar het front.", "Leopard 2A4", "Leopard 2A4"),
])
def test_compounds_on_both_sides_and_diminutives(extract, text, span, name):
    assert (span, name) in mentions(extract, text)
