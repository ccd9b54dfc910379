"""Transfers: the Dutch constructions of supply, their parties, codes, status and evidence."""
import pytest


def transfers(extract, text):
    return [(t["supplier"], t["supplier_country"], t["recipient"], t["recipient_country"],
             t["weapon"] or t["weapon_class"], t["status"]) for t in extract(text)["transfers"]]


@pytest.mark.parametrize("text, expected", [
    ("Nederland levert zes F-16's aan Oekraïne.", [("Nederland", "NL", "Oekraïne", "UA", "F-16", "promised")]),
    ("Iran leverde honderden Shahed-136’s aan Rusland.", [("Iran", "IR", "Rusland", "RU", "Shahed-136", "delivered")]),
    ("China heeft de DF-11 eerder aan Pakistan geleverd.", [("China", "CN", "Pakistan", "PK", "DF-11", "delivered")]),
    ("Oekraïne krijgt twee Patriot-systemen van Duitsland.", [("Duitsland", "DE", "Oekraïne", "UA", "Patriot", "promised")]),
    ("Oekraïne ontving vorige week een IRIS-T-systeem van Berlijn.", [("Duitsland", "DE", "Oekraïne", "UA", "IRIS-T", "delivered")]),
    ("De VS sturen ATACMS-raketten naar Oekraïne.", [("Verenigde Staten", "US", "Oekraïne", "UA", "ATACMS", "promised")]),
    ("Polen koopt 96 AH-64 Apaches bij de Verenigde Staten.", [("Verenigde Staten", "US", "Polen", "PL", "AH-64 Apache", "promised")]),
    ("België bestelt CAESAR-houwitsers bij het Franse KNDS.", [("KNDS", "FR", "België", "BE", "CAESAR", "promised")]),
    ("Berlijn zegde Kyiv twee extra Patriot-systemen toe.", [("Duitsland", "DE", "Oekraïne", "UA", "Patriot", "promised")]),
    ("Washington belooft Estland zes HIMARS-systemen te leveren.", [("Verenigde Staten", "US", "Estland", "EE", "HIMARS", "promised")]),
    ("Moskou onderhandelt met Xian Bingo om de kamikazedrone ZT-180 voor de Russen te produceren.",
     [("Xian Bingo", "CN", "Rusland", "RU", "ZT-180", "negotiating")]),
    ("Italië overweegt Oekraïne Storm Shadows te leveren.", [("Italië", "IT", "Oekraïne", "UA", "Storm Shadow", "considering")]),
    ("Duitsland ontkent Taurus-kruisraketten aan Oekraïne te leveren.", [("Duitsland", "DE", "Oekraïne", "UA", "Taurus", "denied")]),
    ("Het eerste Patriot-systeem werd door de Verenigde Staten aan Nederland geleverd.",
     [("Verenigde Staten", "US", "Nederland", "NL", "Patriot", "delivered")]),
    ("Iran (kamikazedrones) en Noord-Korea (artilleriegranaten) zijn Rusland te hulp gekomen.",
     [("Iran", "IR", "Rusland", "RU", "kamikazedrones", "delivered"),
      ("Noord-Korea", "KP", "Rusland", "RU", "artilleriegranaten", "delivered")]),
    ("Behalve Nederland gaan ook Denemarken en België F-16’s leveren aan Oekraïne.",
     [("Denemarken", "DK", "Oekraïne", "UA", "F-16", "promised"), ("België", "BE", "Oekraïne", "UA", "F-16", "promised")]),
    ("Chinese bedrijven hebben navigatie-apparatuur en onderdelen van gevechtsvliegtuigen aan defensiebedrijven in Rusland geleverd.",
     [("Chinese bedrijven", "CN", "defensiebedrijven in Rusland", "RU", "gevechtsvliegtuigen", "delivered")]),
    ("Oekraïne heeft tien Patriot-batterijen, geleverd door onder meer Duitsland, de Verenigde Staten en Nederland.",
     [("Duitsland", "DE", "Oekraïne", "UA", "Patriot", "delivered"),
      ("Verenigde Staten", "US", "Oekraïne", "UA", "Patriot", "delivered"),
      ("Nederland", "NL", "Oekraïne", "UA", "Patriot", "delivered")]),
    ("De vloot van 52 F-35's, die Nederland bij de Amerikaanse fabrikant Lockheed Martin kocht, is te klein voor de NAVO.",
     [("Lockheed Martin", "US", "Nederland", "NL", "F-35", "promised")]),
    ("Het Amerikaanse ministerie van Buitenlandse Zaken keurde de verkoop van 400 Harpoon-raketten aan Taiwan goed.",
     [("Verenigde Staten", "US", "Taiwan", "TW", "Harpoon", "promised")]),
    ("Volgens de Oekraïense inlichtingendienst HUR heeft Rusland 3,5 miljoen granaten ontvangen.",
     [(None, None, "Rusland", "RU", "granaten", "delivered")]),
    ("Duitsland zegde in april een derde Patriot-batterij toe aan Oekraïne, de Verenigde Staten leverden eerder al twee.",
     [("Duitsland", "DE", "Oekraïne", "UA", "Patriot", "promised"),
      ("Verenigde Staten", "US", "Oekraïne", "UA", "Patriot", "delivered")]),
    ("Oekraïne vliegt met F-16's die door Nederland en Denemarken zijn geleverd, en met Mirages die Frankrijk overdroeg.",
     [("Nederland", "NL", "Oekraïne", "UA", "F-16", "delivered"), ("Denemarken", "DK", "Oekraïne", "UA", "F-16", "delivered")]),
    ("Kyiv heeft inmiddels enkele tientallen F-16's uit Nederland, Denemarken en Noorwegen ontvangen.",
     [("Nederland", "NL", "Oekraïne", "UA", "F-16", "delivered"), ("Denemarken", "DK", "Oekraïne", "UA", "F-16", "delivered"),
      ("Noorwegen", "NO", "Oekraïne", "UA", "F-16", "delivered")]),
    ("Noord-Korea stuurde Rusland Koksan-houwitsers, die granaten tot 60 kilometer ver kunnen afvuren.",
     [("Noord-Korea", "KP", "Rusland", "RU", "Koksan", "delivered")]),
    ("Russische Kornet-antitankraketten, ooit aan het Syrische leger geleverd, duiken bij Hezbollah op.",
     [("Rusland", "RU", "Syrië", "SY", "Kornet", "delivered")]),
    ("Boekarest is met Hyundai Rotem in gesprek over de aankoop van 216 K2-tanks.",
     [("Hyundai Rotem", "KR", "Roemenië", "RO", "K2 Black Panther", "negotiating")]),
    # a year before the inverted verb is no number the past form could modify (de 212 bestelde houwitsers)
    ("In 2018 bestelde België 34 F-35A's bij de Verenigde Staten.",
     [("Verenigde Staten", "US", "België", "BE", "F-35A", "promised")]),
    ("In 2023 leverde Nederland achttien F-16's aan Oekraïne.", [("Nederland", "NL", "Oekraïne", "UA", "F-16", "delivered")]),
    ("Sinds 2022 gaf Nederland onder meer drie Patriot-lanceerinrichtingen aan Oekraïne.",
     [("Nederland", "NL", "Oekraïne", "UA", "Patriot", "delivered")]),
    ("Nederland geeft Oekraïne nog eens 24 F-16's.", [("Nederland", "NL", "Oekraïne", "UA", "F-16", "promised")]),
    # each system its own nationality when the buyer names no seller
    ("Polen koopt 96 Amerikaanse gevechtshelikopters van het type AH-64E Apache en 180 Zuid-Koreaanse K2-tanks.",
     [("Verenigde Staten", "US", "Polen", "PL", "AH-64 Apache", "promised"),
      ("Zuid-Korea", "KR", "Polen", "PL", "K2 Black Panther", "promised")]),
    # arrivals: the supplier after uit, the recipient after in, else where the system went before
    ("Polen kocht 250 Abrams-tanks. Donderdag arriveerde in de haven van Szczecin een lading Abrams-tanks uit de VS.",
     [(None, None, "Polen", "PL", "M1 Abrams", "promised"),
      ("Verenigde Staten", "US", "Polen", "PL", "M1 Abrams", "delivered")]),
    ("België kocht 34 F-35's bij de VS. Van de 34 F-35's zijn er pas een handvol in België aangekomen.",
     [("Verenigde Staten", "US", "België", "BE", "F-35", "delivered")]),
    # the verb governing a purchase infinitive decides its status
    ("Ottawa overwoog nog om tien F-35's aan te schaffen bij de Verenigde Staten.",
     [("Verenigde Staten", "US", "Canada", "CA", "F-35", "considering")]),
    ("Bogotá weigerde nog langer Kfir-straaljagers bij Israël te kopen.", [("Israël", "IL", "Colombia", "CO", "Kfir", "denied")]),
    ("Polen besloot 96 AH-64 Apaches te kopen bij de Verenigde Staten.",
     [("Verenigde Staten", "US", "Polen", "PL", "AH-64 Apache", "promised")]),
    # `het` before a plural is the subject pronoun, not an article; parties named as the article spells them
    ("Teheran ontkent dat het wapens aan de Houthi's levert.", [("Iran", "IR", "Houthi's", "YE", "wapens", "denied")]),
    ("Saoedi-Arabië bestelde zeven THAAD-batterijen bij de Verenigde Staten.",
     [("Verenigde Staten", "US", "Saoedi-Arabië", "SA", "THAAD", "promised")]),
    ("Kosovo kocht Javelin-raketten van de Verenigde Staten.", [("Verenigde Staten", "US", "Kosovo", "XK", "Javelin", "promised")]),
    # a system's name before Aerospace is the company that makes it
    ("Manilla sloot een contract met BrahMos Aerospace voor drie batterijen BrahMos-raketten.",
     [("BrahMos Aerospace", "IN", "Filipijnen", "PH", "BrahMos", "promised")]),
    # kiezen voor: what follows the verb is chosen
    ("Polen koos voor Zuid-Koreaanse K2-tanks.", [("Zuid-Korea", "KR", "Polen", "PL", "K2 Black Panther", "promised")]),
    # in ontvangst nemen is receiving; `het` before its verb after `, en` is the subject of a clause of its own
    ("Kosovo heeft de eerste Amerikaanse Javelin-antitankwapens in ontvangst genomen.",
     [("Verenigde Staten", "US", "Kosovo", "XK", "Javelin", "delivered")]),
    ("Servië kocht bij het Chinese staatsbedrijf CASC vijftien CH-92A-drones, en het bestelde vorig jaar twaalf "
     "Franse Rafales.", [("CASC", "CN", "Servië", "RS", "CH-92A", "promised"),
                         ("Frankrijk", "FR", "Servië", "RS", "Rafale", "promised")]),
    # a minister with a country adjective acts for that state
    ("De Franse minister van Defensie zegde in januari nog eens 78 Caesars toe aan Oekraïne.",
     [("Frankrijk", "FR", "Oekraïne", "UA", "CAESAR", "promised")]),
])
def test_constructions(extract, text, expected):
    assert transfers(extract, text) == expected


def test_anaphors_as_party_and_weapon(extract):
    got = transfers(extract, "China beschikt over de DF-11. China heeft deze raket eerder aan Pakistan geleverd.")
    assert got == [("China", "CN", "Pakistan", "PK", "DF-11", "delivered")]
    got = transfers(extract, "Oekraïne wacht op luchtverdediging. Onlangs ontving het land een Patriot-installatie van Israël.")
    assert got == [("Israël", "IL", "Oekraïne", "UA", "Patriot", "delivered")]


def test_pronoun_subject_takes_the_coordinated_parties(extract):
    got = transfers(extract, "Duitsland stuurt Leopard 2-tanks naar Oekraïne. "
                             "Finland en Polen hebben beklemtoond dat ze de Leopards ook willen sturen.")
    assert ("Finland", "FI", "Oekraïne", "UA", "Leopard 2", "promised") in got
    assert ("Polen", "PL", "Oekraïne", "UA", "Leopard 2", "promised") in got


def test_quantity_evidence_and_attribution_are_linked(extract):
    doc = extract("Volgens Oekraïne leverde Iran inmiddels 2400 van deze Shahed-136’s aan Rusland.")
    (t,) = doc["transfers"]
    (q,) = doc["quantities"]
    (a,) = doc["attributions"]
    assert (t["quantity"], t["attribution"]) == (q["id"], a["id"])
    assert doc["text"][t["evidence"]["start"]:t["evidence"]["end"]] == t["evidence"]["text"]
    assert "leverde Iran" in t["evidence"]["text"]


def test_a_supply_without_recipient_goes_where_everything_before_went(extract):
    text = ("Nederland leverde F-16's aan Oekraïne. Denemarken stuurde Leopard 2-tanks naar Oekraïne. "
            "Duitsland stuurde daarnaast zes IRIS-T SLM-systemen.")
    assert ("Duitsland", "DE", "Oekraïne", "UA", "IRIS-T SLM", "delivered") in transfers(extract, text)
    mixed = ("Nederland leverde F-16's aan Oekraïne. Frankrijk leverde Caesars aan Armenië. Het regende. "
             "Duitsland stuurde daarnaast zes IRIS-T SLM-systemen.")
    assert all(t[4] != "IRIS-T SLM" for t in transfers(extract, mixed))  # no recipient to give it: no record


def test_we_is_the_home_country_only_where_the_article_is_about_it(extract):
    home = ("Nederland versterkt zijn luchtverdediging. Nederland heeft te weinig raketten. "
            "„Dit jaar bestellen we nog eens 300 PAC-3-raketten”, zegt de staatssecretaris.")
    assert (None, None, "Nederland", "NL", "PAC-3", "promised") in transfers(extract, home)
    abroad = "Israël leverde Patriots aan Oekraïne. „In het najaar zullen we nog twee Patriot-systemen ontvangen”, zei Zelensky."
    assert all(t[2] != "Nederland" for t in transfers(extract, abroad))
    foreign_source = ("Nederland steunt Oekraïne. Nederland stuurt geld. "
                      "„We krijgen nog twee Patriot-systemen van Duitsland”, zei de Oekraïense president.")
    assert all(t[2] != "Nederland" for t in transfers(extract, foreign_source))


def test_the_subjects_own_forces_are_not_the_home_country(extract):
    text = "Zweden kan acht Gripens aan Oekraïne leveren, zodra de eigen luchtmacht de nieuwe Gripen E gebruikt."
    assert all(t[2] != "Nederland" and t[0] != "Nederland" for t in transfers(extract, text))


def test_a_government_body_in_a_foreign_article_is_that_countrys(extract):
    text = ("Israël zet de laser Iron Beam in. Israël wil meer. Volgens Israël werkt het systeem. "
            "Het ministerie van Defensie heeft vijf Iron Beam-systemen bij Rafael besteld.")
    assert ("Rafael", "IL", "Israël", "IL", "Iron Beam", "promised") in transfers(extract, text)


def test_the_maker_the_article_names_supplies_when_no_deal_does(extract):
    text = ("Voor de F-35 is gekozen voor een Amerikaans bewapeningssysteem van Lockheed. "
            "Ook Duitsland en Finland schaffen dit wapen aan.")
    assert ("Lockheed", "US", "Duitsland", "DE", "Amerikaans bewapeningssysteem", "promised") in transfers(extract, text)
    maker = "Hanwha Aerospace, de maker van de K9 Thunder, is tevreden. Roemenië bestelde 54 K9-houwitsers."
    assert transfers(extract, maker) == [("Hanwha Aerospace", "KR", "Roemenië", "RO", "K9 Thunder", "promised")]


def test_an_impersonal_purchase_is_the_home_countrys(extract):
    text = ("Nederland versterkt de marine. Nederland heeft haast. "
            "De staatssecretaris kondigt aan dat er nieuwe Tomahawk-raketten worden besteld.")
    assert (None, None, "Nederland", "NL", "Tomahawk", "promised") in transfers(extract, text)


def test_a_participle_adjective_states_no_purchase(extract):
    doc = extract("Hanwha, de maker van de K9, leverde al 148 van de 212 bestelde houwitsers aan Polen.")
    assert [t["pattern"] for t in doc["transfers"]] == ["tr-leveren"]  # bestelde modifies houwitsers


def test_company_anaphor_and_coordinated_recipients(extract):
    got = transfers(extract, "Mali kocht zijn eerste drones bij de Turkse fabrikant Baykar. "
                             "Het bedrijf verkocht ook TB2's aan Burkina Faso, Niger en Togo.")
    assert [g for g in got if g[4] == "Bayraktar TB2"] == [
        ("Baykar", "TR", "Burkina Faso", "BF", "Bayraktar TB2", "delivered"),
        ("Baykar", "TR", "Niger", "NE", "Bayraktar TB2", "delivered"),
        ("Baykar", "TR", "Togo", "TG", "Bayraktar TB2", "delivered")]


@pytest.mark.parametrize("text", [
    "Polen stuurde veertig Leopard 2A4-tanks naar de oefening in Litouwen.",  # a deployment, not a supply
    "Zuid-Korea heeft de grootste wapendeal uit zijn geschiedenis binnengehaald.",  # to whom, of what?
    "Rusland vuurde Kalibr-raketten af op Odessa.",                          # use against a target
    "Het Witte Huis overweegt de inlichtingen naar buiten te brengen.",
    "De minister gaf aan dat Nederland nog 24 F-16's heeft.",                 # aangeven: to say, not to give
    "De minister is dinsdag in Kyiv aangekomen.",                             # an arrival without weapons
])
def test_not_transfers(extract, text):
    assert extract(text)["transfers"] == []


def test_a_clause_only_borrows_from_what_came_before(extract):
    """Verbs with a complement (weigert ... te sturen) are read first; a clause without weapons must not take
    its system from that later sentence."""
    got = transfers(extract, "Oekraïne kreeg veel hulp. Duitsland weigert nog altijd de Taurus-kruisraket aan Oekraïne te sturen.")
    assert got == [("Duitsland", "DE", "Oekraïne", "UA", "Taurus", "denied")]


def test_a_passive_without_parties_goes_to_the_recipient_just_named(extract):
    """The supplier stays unnamed: the dev gold does not take it from the nationality of the system."""
    got = transfers(extract, "Zo krijgt de Nederlandse landmacht weer eigen raketartillerie. "
                             "Nog dit jaar wordt het Israëlische Puls-systeem geleverd.")
    assert ("Nederland", "PULS") in [(g[2], g[4]) for g in got]
    assert [g[0] for g in got if g[4] == "PULS"] == [None]


def test_a_negotiation_naming_no_system_is_about_the_one_just_named(extract):
    got = transfers(extract, "Manilla kocht drie batterijen BrahMos-raketten bij BrahMos Aerospace. "
                             "Het Filipijnse leger onderhandelt met New Delhi over een tweede contract.")
    assert ("India", "IN", "Filipijnen", "PH", "BrahMos", "negotiating") in got


def test_far_from_any_system_a_negotiation_is_about_the_articles_main_system(extract):
    text = ("De BrahMos vliegt snel. De BrahMos is licht. Manilla kocht BrahMos-raketten. Ook de Tomahawk is goed. "
            "Manilla wil meer. De mariniers oefenen veel. Het Filipijnse leger onderhandelt met New Delhi over een tweede contract.")
    assert ("India", "IN", "Filipijnen", "PH", "BrahMos", "negotiating") in transfers(extract, text)


def test_en_with_a_party_and_a_finite_verb_starts_a_clause(extract):
    got = transfers(extract, "Nederland koopt het Puls-systeem. De Denen hebben het systeem ook gekocht en Duitsland heeft interesse.")
    assert (None, None, "Duitsland", "DE", "PULS", "considering") in got
    assert (None, None, "Denemarken", "DK", "PULS", "promised") in got
    # a list of parties before a clause-final verb is one role
    got = transfers(extract, "Kyiv heeft inmiddels tientallen F-16’s uit Nederland, Denemarken en Noorwegen ontvangen.")
    assert [g[0] for g in got] == ["Nederland", "Denemarken", "Noorwegen"]


def test_a_choice_without_subject_is_the_home_countrys_and_a_purpose_is_not_chosen(extract):
    got = transfers(extract, "Nederland koopt F-35's, meldt Nederland. Voor de F35 is gekozen voor een Amerikaans "
                             "bewapeningssysteem van Lockheed.")
    assert ("Lockheed", "US", "Nederland", "NL", "Amerikaans bewapeningssysteem", "promised") in got
    assert not any(g[0] == "Lockheed" and g[4] == "F-35" for g in got)


def test_a_system_named_to_describe_another_is_not_supplied(extract):
    text = ("Erdogan zegt dat Turkije S-500-raketten wil. Turkije, Turkije en Turkije. Ook zei hij dat de omstreden aankoop "
            "van het Russische S-400-systeem, de voorganger van de S-500, een gedane zaak is.")
    got = transfers(extract, text)
    assert ("Rusland", "RU", "Turkije", "TR", "S-400", "promised") in got
    assert not any(g[4] == "S-500" and g[0] == "Rusland" for g in got)


def test_a_passive_sale_is_by_the_one_supplier_of_that_system(extract):
    got = transfers(extract, "Nederland schenkt zes F-16's aan Oekraïne. De zes straaljagers zouden eerst worden "
                             "verkocht aan het Amerikaanse bedrijf Draken International.")
    assert ("Nederland", "NL", "Draken International", "US", "F-16", "promised") in got
