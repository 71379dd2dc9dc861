"""Articles written for the bot's tests (invented people and events, wire style).

- `MARKUP`: a quote, a title and a URL full of HTML / Markdown specials
  (`<b>`, `&`, `<script>`, `*`, `_`, backticks) that must reach the user
  verbatim and escaped, never as markup.
- `LONG_QUOTE`: one quote far over Telegram's 4096-character message limit.
- `RELOAD`: added by the hot-reload test; its topic (pistachio) is in no other article.
"""

from __future__ import annotations

import json
from pathlib import Path

MARKUP = {
    "id": "bot-markup",
    "title": "Water ministry: <b>dam</b> plans & the <script> rumours",
    "published": "2023-04-18T09:30:00+03:00",
    "source": "INA",
    "dateline": "Mosul - INA",
    "url": "https://news.example.org/story?id=77&lang=en&ref=\"bot\"",
    "body": (
        "The Ministry of Water Resources denied on Tuesday that the new dam on the Khazir river "
        "would flood farmland.\n\n"
        "\"The reservoir <b>will not</b> reach the orchards & the wheat fields, and the story about "
        "a <script>alert('flood')</script> plan is *invented* from start to _finish_,\" said the "
        "spokeswoman for the Ministry of Water Resources, Sana Al-Dulaimi, in a statement.\n\n"
        "Al-Dulaimi added that \"engineers checked every `spillway` gate twice before the "
        "season began.\""
    ),
}

_SENTENCES = [
    "The first convoy of trucks carried seed and fertiliser to the villages south of the lake",
    "the second convoy carried water pumps and spare parts for the old irrigation channels",
    "every farmer who registered with the directorate before the spring received a share",
    "the teams visited more than four hundred farms and wrote a report on each of them",
    "the reports will be sent to the governorate council before the end of the month",
    "nobody should pay a bribe to receive what the law already gives them for free",
    "the inspectors will return in the autumn to count the harvest and check the pumps",
]


def _long_quote() -> str:
    parts = []
    i = 0
    while sum(len(p) + 2 for p in parts) < 5200:
        s = _SENTENCES[i % len(_SENTENCES)]
        parts.append(f"In round {i + 1}, {s}.")
        i += 1
    return " ".join(parts)


LONG_QUOTE = {
    "id": "bot-long-quote",
    "title": "Agriculture directorate reports on the relief convoys",
    "published": "2022-10-02T11:00:00+03:00",
    "source": "INA",
    "url": "https://news.example.org/convoys",
    "body": (
        "The Agriculture Directorate in Dhi Qar published its report on the relief convoys.\n\n"
        "Faris Al-Ghazali, director of the Agriculture Directorate in Dhi Qar, said: "
        f"\"{_long_quote()}\"\n\n"
        "The directorate said the convoys would continue next year."
    ),
}

RELOAD = {
    "id": "bot-reload",
    "title": "Nineveh expects a record pistachio harvest",
    "published": "2025-09-21T10:15:00+03:00",
    "source": "INA",
    "url": "https://news.example.org/pistachio",
    "body": (
        "The Agriculture Directorate in Nineveh expects the largest pistachio harvest in a decade.\n\n"
        "\"The pistachio orchards of Sinjar have recovered completely, and this season we expect "
        "twice the crop of last year,\" said the head of the directorate, Hamid Al-Karbouli, "
        "to the Iraqi News Agency (INA)."
    ),
}

RELOAD_WORDS = "pistachio orchards of Sinjar have recovered"


def write_articles(folder: Path, *articles: dict[str, str]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for article in articles:
        (folder / f"{article['id']}.json").write_text(json.dumps(article, ensure_ascii=False, indent=2))
    return folder
