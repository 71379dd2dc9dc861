"""Tokenizer: names with al-, hyphens, apostrophes, digits, stemming and stopwords."""

from __future__ import annotations

import threading

import pytest

from index.errors import ConfigError, IndexCorrupt
from index.tokenize import STOPWORDS_EN, TOKENIZER_VERSION, Tokenizer


@pytest.fixture(scope="module")
def tok() -> Tokenizer:
    return Tokenizer()


@pytest.fixture(scope="module")
def plain() -> Tokenizer:
    return Tokenizer(stemmer="none", stopwords="none")


@pytest.mark.parametrize(
    "text",
    [
        "Al-Kadhimi",
        "al-Kadhimi",
        "AL-KADHIMI",
        "Al Kadhimi",
        "Kadhimi",
        "al-Kadhimi's",
        "Al-Kadhimi’s",
    ],
)
def test_name_spellings_with_the_article_share_one_token(tok: Tokenizer, text: str) -> None:
    assert tok.tokenize(text) == ["kadhimi"]


def test_el_article_and_names_in_a_sentence(tok: Tokenizer) -> None:
    assert tok.tokenize("El-Sisi met Maj. Gen. Khaled Al-Muhanna") == tok.tokenize(
        "Sisi met Maj Gen Khaled Muhanna"
    )
    assert "muhanna" in tok.tokenize("the spokesman, Al-Muhanna, said")


def test_hyphens_and_dashes_split_words(plain: Tokenizer) -> None:
    assert plain.tokenize("COVID-19 vice-president") == ["covid", "19", "vice", "president"]
    assert plain.tokenize("Kirkuk—Erbil road – closed") == ["kirkuk", "erbil", "road", "closed"]
    assert plain.tokenize("and/or 14:24") == ["and", "or", "14", "24"]


def test_apostrophes_possessive_and_transliteration(tok: Tokenizer, plain: Tokenizer) -> None:
    assert plain.tokenize("Iraq's ministries’ statement") == ["iraq", "ministries", "statement"]
    assert tok.tokenize("Sa'ad") == tok.tokenize("Saad") == ["saad"]
    assert tok.tokenize("Ba‘ath") == tok.tokenize("Baath")
    assert tok.tokenize("Shi'ite") == tok.tokenize("Shiite")
    # contractions become stopwords
    assert tok.tokenize("we don't, it isn't, they're") == []


def test_quotation_marks_are_not_part_of_words(tok: Tokenizer) -> None:
    assert tok.tokenize("‘The capital is safe,’ he said.") == ["capit", "safe", "said"]
    assert tok.tokenize('"Kirkuk" (INA)') == ["kirkuk", "ina"]


def test_digits_are_kept_and_numbers_normalised(plain: Tokenizer) -> None:
    assert plain.tokenize("26-01-2021, 14 killed") == ["26", "01", "2021", "14", "killed"]
    assert plain.tokenize("3.5 percent of 1,000 homes") == ["3.5", "percent", "of", "1000", "homes"]
    assert plain.tokenize("the 2nd brigade") == ["the", "2nd", "brigade"]


def test_dotted_acronyms_join(plain: Tokenizer) -> None:
    assert plain.tokenize("U.N. envoy and U.S. troops") == ["un", "envoy", "and", "us", "troops"]
    assert plain.tokenize("UN envoy") == ["un", "envoy"]


def test_unicode_letters_accents_are_folded(plain: Tokenizer) -> None:
    assert plain.tokenize("Ḥakīm café NAÏVE") == ["hakim", "cafe", "naive"]
    decomposed = "cafe\u0301"  # e + combining acute
    assert plain.tokenize(decomposed) == ["cafe"]
    assert plain.tokenize("Москва Zürich") == ["москва", "zurich"]


def test_stemming_on_and_off() -> None:
    stemmed = Tokenizer(stemmer="english")
    unstemmed = Tokenizer(stemmer="none")
    assert stemmed.tokenize("ministries attacked") == ["ministri", "attack"]
    assert unstemmed.tokenize("ministries attacked") == ["ministries", "attacked"]
    assert stemmed.tokenize("ministry") == stemmed.tokenize("ministries")


def test_stopwords_on_and_off() -> None:
    assert Tokenizer(stemmer="none").tokenize("what did the minister say about it") == [
        "minister",
        "say",
    ]
    assert Tokenizer(stemmer="none", stopwords="none").tokenize("the minister") == [
        "the",
        "minister",
    ]
    assert {"al", "el", "the", "dont"} <= STOPWORDS_EN
    assert "us" not in STOPWORDS_EN  # "U.S."


def test_empty_and_whitespace_only(tok: Tokenizer) -> None:
    assert tok.tokenize("") == []
    assert tok.tokenize("  \n\t ") == []
    assert tok.tokenize("-- ... !!") == []
    assert tok.tokenize_many([]) == []


def test_oddities_give_several_tokens(plain: Tokenizer) -> None:
    assert plain.tokenize("snake_case www.example.com") == [
        "snake",
        "case",
        "www",
        "example",
        "com",
    ]
    assert plain.tokenize("x" * 65 + " ok") == ["ok"]  # over-long junk is dropped


def test_tokenize_many_equals_tokenize(tok: Tokenizer) -> None:
    texts = [
        "Baghdad - INA",
        "The Ministry of Interior's spokesman, Al-Muhanna, said on 26-01-2021 that U.S. forces…",
        "",
        "snake_case and COVID-19",
        "Ḥakīm’s café",
    ] * 3
    fresh = Tokenizer()
    assert fresh.tokenize_many(texts) == [tok.tokenize(t) for t in texts]


def test_cache_does_not_change_results() -> None:
    a, b = Tokenizer(), Tokenizer()
    text = "Security forces arrested suspects in Kirkuk, the spokesman said."
    first = a.tokenize(text)
    assert a.tokenize(text) == first
    assert b.tokenize_many([text, text]) == [first, first]


def test_threads_share_one_tokenizer() -> None:
    tokenizer = Tokenizer()
    texts = [f"word{i} spokesman{i % 7} said Al-Name{i}" for i in range(2000)]
    expected = Tokenizer().tokenize_many(texts)
    results: dict[int, list[list[str]]] = {}

    def work(n: int) -> None:
        results[n] = [tokenizer.tokenize(t) for t in texts]

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert all(r == expected for r in results.values())


def test_settings_round_trip() -> None:
    tokenizer = Tokenizer(stemmer="english", stopwords="en")
    settings = tokenizer.settings()
    assert settings["version"] == TOKENIZER_VERSION
    assert settings["stemmer"] == "english" and settings["stopwords"] == "en"
    assert Tokenizer(**settings).settings() == settings
    assert Tokenizer.from_settings(settings).settings() == settings
    assert Tokenizer(stemmer="none").settings() != settings
    assert (
        Tokenizer(stopwords="none").settings()["stopwords_digest"] != settings["stopwords_digest"]
    )


def test_settings_from_another_version_are_refused() -> None:
    settings = Tokenizer().settings()
    with pytest.raises(IndexCorrupt, match="rebuild"):
        Tokenizer.from_settings({**settings, "version": TOKENIZER_VERSION + 1})
    with pytest.raises(IndexCorrupt, match="stopword"):
        Tokenizer(**{**settings, "stopwords_digest": "000000000000"})
    with pytest.raises(IndexCorrupt, match="rebuild"):
        Tokenizer.from_settings({**settings, "lowercase": False})
    with pytest.raises(IndexCorrupt):
        Tokenizer.from_settings({**settings, "stemmer": "klingon"})


def test_unknown_settings_are_config_errors() -> None:
    with pytest.raises(ConfigError, match="english"):
        Tokenizer(stemmer="klingon")
    with pytest.raises(ConfigError, match="none"):
        Tokenizer(stopwords="fr")


def test_other_snowball_languages_work() -> None:
    assert Tokenizer(stemmer="porter", stopwords="none").tokenize("running") == ["run"]
