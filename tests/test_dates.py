from datetime import date

import pytest

from index.dates import find_date_range

TODAY = date(2026, 11, 27)


@pytest.mark.parametrize(
    ("question", "start", "end"),
    [
        ("what did he say in January 2021", date(2021, 1, 1), date(2021, 1, 31)),
        ("quotes in 2019", date(2019, 1, 1), date(2019, 12, 31)),
        ("on 26 January 2021", date(2021, 1, 26), date(2021, 1, 26)),
        ("March 5, 2022", date(2022, 3, 5), date(2022, 3, 5)),
        ("2021-01-26", date(2021, 1, 26), date(2021, 1, 26)),
        ("in summer 2023", date(2023, 6, 1), date(2023, 8, 31)),
        ("in winter 2020", date(2020, 12, 1), date(2021, 2, 28)),
        ("since 2022", date(2022, 1, 1), None),
        ("after May 2021", date(2021, 6, 1), None),
        ("before March 2020", None, date(2020, 2, 29)),
        ("between 2020 and 2021", date(2020, 1, 1), date(2021, 12, 31)),
        ("from 2020 to 2021", date(2020, 1, 1), date(2021, 12, 31)),
        ("from January to March 2022", date(2022, 1, 1), date(2022, 3, 31)),
        ("interior ministry spokesman september 2019", date(2019, 9, 1), date(2019, 9, 30)),
        ("last year", date(2025, 1, 1), date(2025, 12, 31)),
        ("this year", date(2026, 1, 1), TODAY),
        ("last month", date(2026, 10, 1), date(2026, 10, 31)),
        ("last week", date(2026, 11, 20), TODAY),
        ("in the past two weeks", date(2026, 11, 13), TODAY),
        ("in the last 3 months", date(2026, 8, 29), TODAY),
        ("yesterday", date(2026, 11, 26), date(2026, 11, 26)),
        ("what did X say in May", date(2026, 5, 1), date(2026, 5, 31)),
        ("what did X say in December", date(2025, 12, 1), date(2025, 12, 31)),
    ],
)
def test_date_expressions(question: str, start: date | None, end: date | None) -> None:
    dr = find_date_range(question, TODAY)
    assert dr is not None
    assert (dr.start, dr.end) == (start, end)
    assert question[dr.span[0] : dr.span[1]] == dr.text


@pytest.mark.parametrize(
    "question",
    ["what may happen to the border", "who said the march was peaceful", "what did the minister say", "31 February 2021"],
)
def test_no_date_where_there_is_none(question: str) -> None:
    assert find_date_range(question, TODAY) is None
