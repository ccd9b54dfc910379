"""Quantities: approximators, units, ranges, vague amounts, what they count, and what is no quantity."""
import pytest


def only_quantity(extract, text):
    qs = extract(text)["quantities"]
    assert len(qs) == 1, qs
    return qs[0]


@pytest.mark.parametrize("text, span, approx, value", [
    ("Rusland heeft nog bijna 2.300 kruisraketten.", "bijna 2.300", "under", 2300),
    ("Het leger heeft een kleine 20 procent van de drones over.", "een kleine 20 procent", "under", 20),
    ("Oekraïne heeft nog geen 40 tanks ontvangen.", "nog geen 40", "under", 40),
    ("Er zijn rond de 150 Iskanders over.", "rond de 150", "about", 150),
    ("Het land bezit ongeveer 300 tanks.", "ongeveer 300", "about", 300),
    ("Iran leverde zo'n 400 drones aan Rusland.", "zo'n 400", "about", 400),
    ("De Verenigde Staten leveren meer dan 1.500 Javelins.", "meer dan 1.500", "over", 1500),
    ("Duitsland stuurde ruim 60 tanks naar Polen.", "ruim 60", "over", 60),
    ("Het leger vuurde minstens 12 raketten af.", "minstens 12", "at_least", 12),
    ("Het leger vuurde ten minste 12 raketten af.", "ten minste 12", "at_least", 12),
    ("Het land krijgt maximaal 8 straaljagers.", "maximaal 8", "at_most", 8),
    ("Het land krijgt hoogstens 8 straaljagers.", "hoogstens 8", "at_most", 8),
])
def test_approximators(extract, text, span, approx, value):
    q = only_quantity(extract, text)
    assert (q["text"], q["approx"], q["value"]) == (span, approx, value)


@pytest.mark.parametrize("text, span, unit, value, measure", [
    ("De YJ-18 kan doelen tot op 500 kilometer afstand raken.", "tot op 500 kilometer", "km", 500, "range"),
    ("De Iskander heeft een bereik van 500 km.", "500 km", "km", 500, "range"),
    ("De Kinzjal kan 8.000 km/u halen.", "8.000 km/u", "km/h", 8000, "other"),
    ("De Shahed-136 draagt een lading van 40 kilo.", "40 kilo", "kg", 40, "payload"),
    ("De Leopard 2A6 weegt ruim 60 ton.", "ruim 60 ton", "ton", 60, "other"),
    ("Een Patriot-raket kost ongeveer 4 miljoen dollar.", "ongeveer 4 miljoen dollar", "USD", 4_000_000, "cost"),
    ("De order voor de F-35 is 2,5 miljard euro waard.", "2,5 miljard euro", "EUR", 2_500_000_000, "cost"),
    ("De Zircon vliegt met Mach 8 naar zijn doel.", "Mach 8", "mach", 8, "other"),
    ("De Kinzjal haalt tien keer de snelheid van het geluid.", "tien keer de snelheid van het geluid", "mach", 10, "other"),
    ("De fregatten van de De Zeven Provinciën-klasse zijn 144 meter lang.", "144 meter", "m", 144, "other"),
])
def test_units_and_measures(extract, text, span, unit, value, measure):
    q = only_quantity(extract, text)
    assert (q["text"], q["unit"], q["value"], q["measure"]) == (span, unit, value, measure)


def test_ranges(extract):
    q = only_quantity(extract, "Deze drone heeft een explosief van 35 tot 50 kilo aan boord. De ZT-180 is nieuw.")
    assert (q["text"], q["approx"], q["low"], q["high"], q["value"], q["unit"]) == ("35 tot 50 kilo", "range", 35, 50, None, "kg")
    q = only_quantity(extract, "De ATACMS treft doelen op een afstand tussen 70 en 300 kilometer.")
    assert (q["text"], q["low"], q["high"], q["approx"], q["measure"]) == ("tussen 70 en 300 kilometer", 70, 300, "range", "range")


@pytest.mark.parametrize("word, low, high", [("tientallen", 20, 99), ("honderden", 200, 999), ("duizenden", 2000, 9999)])
def test_vague_amounts(extract, word, low, high):
    q = only_quantity(extract, f"Iran leverde {word} Shahed-136’s aan Rusland.")
    assert (q["text"], q["approx"], q["low"], q["high"], q["value"], q["weapon"]) == (word, "vague", low, high, None, "Shahed-136")


@pytest.mark.parametrize("text", [
    "In 2019 bezocht Poetin Brazilië met zijn defensieminister.",
    "Op 4 mei werd de raket boven Kiev onderschept.",
    "De minister spreekt om 13.00 uur in de Bondsdag over de tanks.",
    "Na twee jaar oorlog is het rakettenarsenaal geslonken.",
    "Bij de aanval op de kazerne vielen vier doden en twaalf gewonden.",
    "Het is de tweede levering van raketten dit jaar.",
    "Een raket trof een flatgebouw in Odessa.",
    "Honderd militairen oefenden met de nieuwe tanks.",
    "De F-16 en de S-400 en de Leopard 2A6 zijn wapens.",
])
def test_not_quantities(extract, text):
    assert extract(text)["quantities"] == []


@pytest.mark.parametrize("text, span, weapon, weapon_class, measure", [
    ("Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over.", "650", "Kalibr", None, "stock"),
    ("Van de 650 Kalibrs zijn volgens Kyiv nog maar 59 over.", "59", "Kalibr", None, "remaining"),
    ("Rusland zette 479 drones in tegen Oekraïne.", "479", None, "drones", "used"),
    ("De luchtmacht zegt dat negentien raketten zijn neergehaald.", "negentien", None, "raketten", "destroyed"),
    ("Nederland schenkt zes F-16’s aan Oekraïne.", "zes", "F-16", None, "promised"),
    ("Iran heeft 2400 Shahed-136’s aan Rusland geleverd.", "2400", "Shahed-136", None, "delivered"),
    ("De fabriek in Izjevsk produceert 30 Lancet-drones per maand.", "30", "Lancet", None, "produced"),
    # a quoted number word, a participle adjective, the whole of a part, `voor het X-systeem`
    ("Volgens IRNA vuurde Iran 'tientallen' raketten af.", "tientallen", None, "raketten", "used"),
    ("Hanwha leverde 148 van de 212 bestelde K9-houwitsers.", "148", "K9 Thunder", None, "delivered"),
    ("Hanwha leverde 148 van de 212 bestelde K9-houwitsers.", "212", "K9 Thunder", None, "stock"),  # the whole
    ("Defensie koopt twaalf lanceerinrichtingen voor het NASAMS-systeem.", "twaalf", "NASAMS", None, "promised"),
    # a number that ends its clause; an er-number far from its er
    ("Duitsland zegde een derde Patriot-batterij toe, de Verenigde Staten leverden eerder al twee.", "twee", "Patriot",
     None, "delivered"),
    ("De Rafale vervangt de MiG-29K, waarvan India er tussen 2009 en 2016 in totaal 45 kocht.", "45", "MiG-29K", None,
     "promised"),
    # the type named after the noun beats an antecedent; two coordinated classes are no one system
    ("Nederland koopt Orka-onderzeeboten. Ze vervangen de vier fregatten van de De Zeven Provinciën-klasse.", "vier",
     "De Zeven Provinciën-klasse", None, "stock"),
    ("China toonde de H-6. In totaal namen ruim 100 vliegtuigen en helikopters deel.", "ruim 100", None,
     "vliegtuigen en helikopters", "stock"),
    # launchers of an air-defence system; a definite count repeats the count before it
    ("Defensie koopt NASAMS-systemen. De twaalf lanceerinrichtingen worden in Noorwegen gebouwd.", "twaalf", "NASAMS",
     None, "produced"),
    ("De eerste elf HIMARS-raketwerpers en honderd Harpoons zijn er. De elf lanceerinrichtingen staan in het zuiden.",
     "elf", "HIMARS", None, "stock"),
    # a class with an apposition naming several systems stays the class; so does the part taken from it
    ("Van de zestien ballistische raketten, acht Kinzjals en acht Iskanders, werden er vijf neergeschoten.", "zestien",
     None, "ballistische raketten", "stock"),
    ("Van de zestien ballistische raketten, acht Kinzjals en acht Iskanders, werden er vijf neergeschoten.", "vijf",
     None, "ballistische raketten", "destroyed"),
    # an elliptical number with no number before it counts the last weapon named
    ("Ook Nederland stuurde PzH 2000's. Uit de voorraden gingen er acht naar Oekraïne.", "acht", "PzH 2000", None,
     "delivered"),
])
def test_what_a_number_counts(extract, text, span, weapon, weapon_class, measure):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert (q["weapon"], q["weapon_class"], q["measure"]) == (weapon, weapon_class, measure)


@pytest.mark.parametrize("text, unit, value", [
    ("Japan trekt zo'n 254 miljard yen uit voor 400 Tomahawk-kruisraketten.", "JPY", 254e9),
    ("De order voor 26 Rafales is ruim 630 miljard roepies waard.", "INR", 630e9),
    ("Zweden trekt 16 miljard Zweedse kronen uit voor Gripen-toestellen voor Oekraïne.", "SEK", 16e9),
    ("Ottawa bestelde veertien P-8 Poseidons voor zo'n 10,4 miljard Canadese dollar.", "CAD", 10.4e9),
    ("De onderzeeërs van de Virginia-klasse kosten tot 368 miljard Australische dollar.", "AUD", 368e9),
    # cost contexts in the plural and in compounds
    ("Defensie koopt NASAMS-systemen. Met de aankopen is zo'n 1,2 miljard euro gemoeid.", "EUR", 1.2e9),
    ("In het noodpakket zat 5,2 miljard dollar voor Iron Dome-interceptors.", "USD", 5.2e9),
])
def test_currencies(extract, text, unit, value):
    assert any(q["unit"] == unit and q["value"] == value for q in extract(text)["quantities"])


@pytest.mark.parametrize("text, span, approx, weapon, weapon_class", [
    ("Ongeveer de helft van de Iraanse ballistische raketten mislukte.", "Ongeveer de helft", "about", None,
     "Iraanse ballistische raketten"),
    ("Frankrijk leverde 49 Caesar-houwitsers. Dat is minder dan de helft van het totaal.", "minder dan de helft",
     "under", "CAESAR", None),
    ("Rusland vuurde 40 raketten af. Een kwart werd onderschept.", "Een kwart", "exact", None, "raketten"),
])
def test_fractions_are_percentages_of_what_is_counted(extract, text, span, approx, weapon, weapon_class):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert (q["unit"], q["value"], q["approx"], q["weapon"], q["weapon_class"]) == \
        ("percent", 50 if "helft" in span else 25, approx, weapon, weapon_class)


@pytest.mark.parametrize("text", [
    "De helft van de bevolking woont in de hoofdstad.",   # a share of something that is no weapon
    "Duitsland zegde een derde Patriot-systeem toe.",    # an ordinal, not a fraction
])
def test_fractions_of_other_things_are_not_quantities(extract, text):
    assert [q for q in extract(text)["quantities"] if q["unit"] == "percent"] == []


def test_anaphor_resolves_to_named_system(extract):
    doc = extract("Rusland zet de Iskander in. Deze mobiele raket heeft een bereik van 500 kilometer.")
    assert [(q["text"], q["weapon"]) for q in doc["quantities"]] == [("500 kilometer", "Iskander")]
    doc = extract("China leverde de DF-11 aan Pakistan. Het land kocht later ook 2400 van deze raketten.")
    assert [(q["text"], q["weapon"]) for q in doc["quantities"]] == [("2400", "DF-11")]


def test_quantity_linked_to_attribution(extract):
    doc = extract("Volgens Kyiv heeft Rusland nog 59 Kalibrs over.")
    (a,) = doc["attributions"]
    (q,) = doc["quantities"]
    assert q["attribution"] == a["id"]


def test_a_model_counts_as_itself_in_its_sentence_and_as_its_system_after_it(extract):
    """`34 F-35A's` is a number of F-35A; `elf toestellen` in a later sentence refers back to the F-35."""
    doc = extract("België bestelde in 2018 34 F-35A's. Dit jaar besliste de regering om er nog elf toestellen bij te kopen.")
    assert [(q["text"], q["weapon"]) for q in doc["quantities"]] == [("34", "F-35A"), ("elf", "F-35")]


@pytest.mark.parametrize("text, span, value", [
    ("Het land bestelde 75 F-35's; een derde daarvan moet nog worden geleverd.", "een derde", 33.3),
    ("Van de 300 Bradleys is pas een derde geleverd.", "een derde", 33.3),
    ("Bijna een vijfde van de THAAD-raketten is verschoten.", "Bijna een vijfde", 20),
    ("Duitsland zegde een derde Patriot-batterij toe.", None, None),        # an ordinal, no fraction
    ("Er komt een derde gevechtsvliegtuig bij.", None, None),
])
def test_fractions_are_percentages_and_ordinals_are_not(extract, text, span, value):
    got = [(q["text"], q["value"]) for q in extract(text)["quantities"] if q["unit"] == "percent"]
    assert got == ([(span, value)] if span else [])


@pytest.mark.parametrize("text, span, weapon, weapon_class", [
    ("De fabrikant produceert dit jaar zo'n 600 PAC-3-raketten, tegen 500 vorig jaar.", "500", "PAC-3", None),
    ("Algerije beschikt over ruim 100 moderne jachtvliegtuigen, tegen een kleine 80 bij Marokko.", "een kleine 80", None,
     "moderne jachtvliegtuigen"),
    ("Oekraïne krijgt nog eens vier IRIS-T SLM-systemen, bovenop de zes die al zijn geleverd.", "zes", "IRIS-T SLM", None),
])
def test_a_contrasted_number_counts_what_the_number_before_counts(extract, text, span, weapon, weapon_class):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert (q["weapon"], q["weapon_class"]) == (weapon, weapon_class)


@pytest.mark.parametrize("text, span, weapon, weapon_class", [
    ("De mariniers namen de tweede van drie bestelde batterijen met BrahMos-raketten in ontvangst.", "drie", "BrahMos", None),
    ("Riyad tekende voor tien batterijen van het Zuid-Koreaanse luchtverdedigingssysteem Cheongung.", "tien", "KM-SAM", None),
    ("Riyad bestelde zeven THAAD-batterijen met 44 lanceerinrichtingen en 360 onderscheppingsraketten.", "360", "THAAD", None),
    ("Nederland koopt vier fregatten met Tomahawk-raketten.", "vier", None, "fregatten"),   # a ship is no unit of a missile
    ("Het land stuurde F-16's met twintig raketten.", "twintig", None, "raketten"),        # nor are its missiles parts of it
    ("Armenië bestelde in 2022 vier batterijen Pinaka-raketwerpers.", "vier", "Pinaka", None),
    # nog eens 180 tanks: more of the system talked about
    ("Polen kocht 180 K2-tanks. Een tweede contract voor nog eens 120 tanks volgt.", "120", "K2 Black Panther", None),
    ("Polen kocht 180 K2-tanks. Roemenië heeft 120 tanks.", "120", None, "tanks"),   # without `nog eens`: a class
])
def test_units_and_parts_of_a_named_system(extract, text, span, weapon, weapon_class):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert (q["weapon"], q["weapon_class"]) == (weapon, weapon_class)


@pytest.mark.parametrize("text, span, weapon", [
    ("Roemenië bestelde 54 K9-houwitsers. De eerste achttien moeten eind dit jaar aankomen.", "achttien", "K9 Thunder"),
    ("Nederland bestelde 52 F-35's. Acht daarvan staan in de Verenigde Staten.", "Acht", "F-35"),
])
def test_an_elliptical_count_after_an_ordinal_or_before_daarvan(extract, text, span, weapon):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert q["weapon"] == weapon


@pytest.mark.parametrize("text, span, weapon", [
    ("Nederland bestelde vier Orka-onderzeeboten. Dat project kost inmiddels ruim 5,6 miljard euro.", "ruim 5,6 miljard euro",
     "Orka-klasse"),
    ("Defensie koopt twee extra Patriot-batterijen. De twee nieuwe eenheden kosten samen ruim 800 miljoen euro.",
     "ruim 800 miljoen euro", "Patriot"),
    ("Zweden stuurt Archer-houwitsers. Het pakket heeft een waarde van ruim 1,2 miljard euro.", "ruim 1,2 miljard euro",
     None),                                                      # a package pays for many systems at once
])
def test_a_price_said_of_the_deal_before(extract, text, span, weapon):
    q = next(q for q in extract(text)["quantities"] if q["text"] == span)
    assert q["weapon"] == weapon
