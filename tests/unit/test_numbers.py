"""Dutch number parsing: digits with Dutch separators and number words (text2num)."""
import pytest

from pipeline.numbers import as_number, parse_digits, parse_number, parse_word


@pytest.mark.parametrize("text, value", [
    ("2.300", 2300), ("12.500", 12500), ("1,5", 1.5), ("186,4", 186.4), ("1000", 1000), ("66.000", 66000),
    ("1.234.567", 1234567),
])
def test_digits_with_dutch_separators(text, value):
    assert parse_digits(text) == value


@pytest.mark.parametrize("word, value", [
    ("duizend", 1000), ("honderd", 100), ("negentien", 19), ("achttien", 18), ("twintig", 20),
    ("vierhonderdtachtig", 480), ("tweeduizend", 2000), ("één", 1), ("Tien", 10), ("eenentwintig", 21),
])
def test_number_words(word, value):
    assert parse_word(word) == value


@pytest.mark.parametrize("word", ["een", "en", "tweede", "achter", "eens", "tiental"])
def test_not_number_words(word):
    assert parse_word(word) is None


@pytest.mark.parametrize("core, mult, value", [
    ("1,5", "miljoen", 1_500_000), ("2", "miljard", 2_000_000_000), ("2,2", "miljard", 2_200_000_000),
    ("7", "miljoen", 7_000_000), ("een", "miljoen", 1_000_000),
])
def test_multipliers(core, mult, value):
    assert parse_number(core, mult) == value


def test_integers_stay_integers_in_json():
    assert as_number(2300.0) == 2300 and isinstance(as_number(2300.0), int)
    assert as_number(186.4) == 186.4
    assert as_number(None) is None
