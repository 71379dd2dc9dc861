"""A synthetic wire-style news archive for the benchmark, deterministic from a seed.

    python -m tests.bench.synthetic OUT_DIR --passages 100k [--seed 7] [--workers 2]

writes `OUT_DIR/articles/part-NNNN.jsonl` (the archive: one JSON article per line,
in the format `python -m index build` reads) and `OUT_DIR/facts.json` (what the
generator put where: speakers with their roles and dates, a sample of quotes and
topics), from which `make_questions` draws the benchmark's questions.

Everything here is invented: the sentences are templates and word lists written
for this file, every person is a made-up name built from syllables, and the
events never happened.  The archive is shaped like an agency's English wire:

- ten years of articles (2015-2024), ~10 paragraphs each, one passage per paragraph;
- many bodies (ministries, operations commands, provinces, commissions, companies)
  whose spokesmen, ministers, governors and commanders change every few years, so a
  role is held by different people over time;
- a long tail of minor speakers (MPs, mayors, directors, experts, tribal sheikhs)
  that grows with the archive, with surnames drawn from a Zipf law so that common
  surnames are shared by different people, and a few spelling variants
  (al-/Al-, dropped article, dh/z transliterations);
- every quote form the extractor handles: colon quotes after role+name
  appositives, "He added, "..."", surname references, post-quote attribution
  (""...," said the spokesman for the X, Major General Y"), split quotes, indirect
  speech ("confirmed that ..."), "according to ...", bodies speaking ("the ministry
  said in a statement that ..."), nominal references ("the spokesman stressed"),
  headline attributions ("Al-X: ...");
- a growing vocabulary: districts, villages, companies and operations are
  generated names, numbers vary.

The same (passages, seed) always gives byte-identical files, whatever the number
of worker processes.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import sys
import time
from bisect import bisect_left
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

START = date(2015, 1, 1)
END = date(2024, 12, 31)
N_DAYS = (END - START).days + 1
PASSAGES_PER_ARTICLE = 9.5  # measured: ~9.5 paragraphs per article, one passage each (all < 700 characters)
ARTICLES_PER_FILE = 250
MAX_FILES = 400
# Every FACT_EVERY-th article records its quotes in facts.json (questions are drawn from them).
FACT_EVERY = 7

SIZES = {"10k": 10_000, "100k": 100_000, "1m": 1_000_000}
# Bump when the generated text changes: a cached archive of another version is remade.
GENERATOR_VERSION = 2


def parse_size(text: str) -> int:
    """"10k" / "100k" / "1m" / "250000" -> number of passages."""
    t = text.strip().lower().replace("_", "")
    if t in SIZES:
        return SIZES[t]
    if t.endswith("k"):
        return int(float(t[:-1]) * 1_000)
    if t.endswith("m"):
        return int(float(t[:-1]) * 1_000_000)
    return int(t)


def size_label(n: int) -> str:
    if n >= 1_000_000 and n % 1_000_000 == 0:
        return f"{n // 1_000_000}m"
    if n >= 1_000 and n % 1_000 == 0:
        return f"{n // 1_000}k"
    return str(n)


# ---------------------------------------------------------------------------- words

GIVEN_MALE = """
Ahmed Mohammed Ali Hussein Hassan Khalid Saad Tariq Yahya Haider Abbas Karim Qasim Jasim
Salah Adnan Falah Nabil Samir Walid Fadhil Raad Majid Hamid Sabah Basim Mazin Nizar Muthanna
Ammar Mustafa Omar Yasser Ibrahim Ismail Yousif Sami Laith Zaid Firas Ghassan Hazim Jabbar
Kadhim Mahdi Munir Nawfal Qais Rasheed Sattar Thamer Wissam Zuhair Aqeel Bassam Dhiaa Emad
Fouad Hadi Ihsan Jawad Kamal Luay Muhannad Nasser Osama Raed Safaa Taha Usama Wael Yaseen
Zaki Akram Bakr Diyar Hoshyar Karwan Rebwar Shirwan Sherko Dilshad Aziz Nouri Hameed
Sadiq Abdullah Abdul-Karim Abdul-Amir Abdul-Razzaq Ayad Hatem Jaafar Khudhair Maytham Nuri
Riyadh Saleem Shakir Sinan Talal Uday Yaarub Zeyad Arshad Baha Dawood Fakhri Hikmat Jamal
""".split()
GIVEN_FEMALE = """
Zainab Hana Noor Sara Rana Maha Huda Shatha Suha Lina Dina Ban Rasha Nada Amal Sanaa Wafaa
Iman Layla Asmaa Fatima Maryam Ruqaya Samira Khadija Hanan Alaa Shaima Bushra Nisreen Ghada
Vian Shilan Nazanin Rozhin Hawzhin Kurdistan Parwin Sozan Tara
""".split()
_COMMON_SURNAMES = """
Jubouri Obeidi Dulaimi Tamimi Saadi Khafaji Zubaidi Rubaie Maliki Shammari Hashimi Moussawi
Hakim Husseini Kubaisi Karbouli Janabi Mashhadani Samarrai Azzawi Bayati Lami Asadi Fatlawi
Hilli Kaabi Amiri Yasiri Khazali Sudani Alwani Dabbagh Najjar Haddad Attar Sarraf
""".split()
_KURDISH_SURNAMES = """
Barzinji Talabani Hawrami Zebari Baban Mufti Jaff Doski Kakai Sorani Harki Mizouri Berwari
Shexani Rekani Goyani Surchi Baradosti Herki Zangana
""".split()
_ONSETS = [
    "Ka", "Ra", "Sa", "Ja", "Ha", "Ba", "Ta", "Da", "Za", "Ma", "Na", "Fa", "Wa", "Qa", "Kha",
    "Sha", "Ghu", "Hu", "Ru", "Zu", "Ku", "Mu", "Du", "Ni", "Ri", "Si", "Di", "Ki", "Tha", "Dha",
    "La", "Bu", "Ju", "Shu", "Thu", "Lu", "Mi", "Bi", "Hi", "Ya",
]
_MIDDLES = [
    "b", "d", "dh", "f", "h", "j", "k", "l", "m", "n", "q", "r", "s", "t", "w", "z", "bb", "dd",
    "jj", "ll", "mm", "rr", "ss", "tt", "zz", "kh", "sh", "gh", "th", "ww",
]
_ENDINGS = [
    "awi", "ani", "ari", "adi", "ami", "ali", "ubi", "uri", "ili", "iri", "aji", "ouri", "abi",
    "aki", "ashi", "ati", "afi", "oumi", "idi", "asi",
]
_VILLAGE_A = ["Um", "Tal", "Ain", "Bir", "Albu", "Jurf", "Sheikh", "Qalat", "Kani", "Deir", "Khan", "Abu"]
_VILLAGE_B = [
    "Hamra", "Sakhr", "Dhahab", "Ghazal", "Tibn", "Nakhla", "Qasab", "Jamus", "Rumman", "Zaytun",
    "Baydha", "Sawda", "Milh", "Sultan", "Faris", "Nasr", "Jabal", "Wadi", "Asfar", "Hajar",
]

PROVINCES = [
    ("Baghdad", ["Karkh", "Rusafa", "Adhamiya", "Kadhimiya", "Sadr City", "Dora", "Mansour", "Taji", "Abu Ghraib", "Mahmudiya"]),
    ("Basra", ["Zubair", "Fao", "Abu al-Khasib", "Qurna", "Shatt al-Arab", "Umm Qasr", "Madina"]),
    ("Nineveh", ["Mosul", "Tal Afar", "Sinjar", "Hamdaniya", "Bashiqa", "Qayyarah", "Makhmour"]),
    ("Anbar", ["Ramadi", "Fallujah", "Hit", "Haditha", "Rutba", "Qaim", "Ana", "Rawa"]),
    ("Kirkuk", ["Hawija", "Dibis", "Daquq", "Zab", "Riyadh", "Multaqa"]),
    ("Diyala", ["Baqubah", "Khanaqin", "Muqdadiya", "Balad Ruz", "Jalawla", "Khalis", "Mandali"]),
    ("Salahuddin", ["Tikrit", "Samarra", "Baiji", "Balad", "Tuz Khurmatu", "Dujail", "Shirqat"]),
    ("Babylon", ["Hillah", "Musayyib", "Mahawil", "Hashimiya", "Jurf al-Nasr", "Iskandariya"]),
    ("Karbala", ["Ain al-Tamr", "Hindiya", "Husseiniya"]),
    ("Najaf", ["Kufa", "Manathira", "Mishkhab", "Haidariya"]),
    ("Wasit", ["Kut", "Suwaira", "Numaniya", "Badra", "Aziziya", "Hay"]),
    ("Maysan", ["Amarah", "Majar al-Kabir", "Qalat Saleh", "Ali al-Gharbi", "Maimouna"]),
    ("Dhi Qar", ["Nasiriyah", "Shatra", "Rifai", "Suq al-Shuyukh", "Chibayish", "Gharraf"]),
    ("Muthanna", ["Samawah", "Rumaitha", "Khidhir", "Salman", "Warka"]),
    ("Qadisiyah", ["Diwaniyah", "Shamiya", "Afak", "Hamza", "Daghara"]),
    ("Erbil", ["Soran", "Koya", "Shaqlawa", "Mergasur", "Choman"]),
    ("Sulaymaniyah", ["Halabja", "Ranya", "Chamchamal", "Penjwen", "Darbandikhan", "Kalar"]),
    ("Duhok", ["Zakho", "Amedi", "Akre", "Semel", "Bardarash"]),
]
MONTHS = [
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
NUMBER_WORDS = ["two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "twelve", "fifteen", "twenty"]
ORDINALS = ["first", "second", "third", "fourth", "fifth", "sixth"]
PERIODS = [
    "the past two weeks", "the past month", "the past three months", "the last few days",
    "the past week", "the first half of the year", "the past year", "the holy month of Ramadan",
    "the summer", "the winter season", "the past forty-eight hours",
]
TIMEFRAMES = [
    "before the end of this month", "within ten days", "during the coming weeks",
    "before the summer", "by the end of the year", "in the coming days", "next month",
    "within six months", "before the start of the school year", "after the holiday",
    "as soon as the funds are released", "before the rainy season",
]


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    keywords: tuple[str, ...]  # words a question about the topic would use
    things: tuple[str, ...]  # plural nouns the generic templates use
    claims: tuple[str, ...]  # sentences for quotes (lowercase first letter, no final stop)
    leads: tuple[str, ...]  # what the body announced (indirect, lowercase)
    headlines: tuple[str, ...]
    background: tuple[str, ...]  # narrative sentences without a quote


TOPICS: dict[str, Topic] = {}


def _topic(name: str, keywords: str, things: str, claims: list[str], leads: list[str], headlines: list[str], background: list[str]) -> None:
    TOPICS[name] = Topic(name, tuple(keywords.split(",")), tuple(things.split(",")), tuple(claims), tuple(leads), tuple(headlines), tuple(background))


_topic(
    "security",
    "attack,terrorist cells,weapons cache,explosive devices,security operation,infiltration,curfew",
    "explosive devices,hideouts,weapons caches,suicide vests,rocket launchers,tunnels,motorcycles,sleeper cells",
    [
        "our forces destroyed {num} hideouts used by the remnants of the terrorist gangs in the {district} area",
        "the security operation in the {district} desert will continue until the last cell is dismantled",
        "the attack on the checkpoint in {district} was a desperate attempt to prove that the cells still exist",
        "the forces found {num} explosive devices and a weapons cache buried near the village of {village}",
        "army aviation carried out {small} strikes on caves in the {district} valley {timeframe}",
        "the perpetrators of the attack on {village} are known to us and they will not escape punishment",
        "thermal cameras and observation towers were installed along the road between {district} and {district2}",
        "we arrested {num} wanted men under article four of the anti-terrorism law during {period}",
        "the situation in {place} is stable and the citizens can move freely day and night",
        "the sleeper cells in the orchards of {district} lost most of their leaders during {period}",
        "intelligence information led the forces to a tunnel used to store rockets near {village}",
        "the curfew in {district} will be lifted {timeframe} if the search operations end",
    ],
    [
        "its forces had launched a wide search operation in the {district} area of {place}",
        "an explosive device had gone off near a patrol in {district}, wounding {small} soldiers",
        "the forces had foiled an attempt to infiltrate the border near {village}",
    ],
    [
        "{num} terrorist hideouts destroyed in {district}",
        "Search operation launched in the {district} desert",
        "Attack on army post in {village} foiled",
        "Weapons cache found near {district}",
    ],
    [
        "The {district} area has seen sporadic attacks on checkpoints during {period}.",
        "Remnants of the terrorist gangs still use the rugged terrain between {place} and the neighbouring provinces.",
        "Residents of {village} fled to the centre of {district} after the attack last year.",
    ],
)
_topic(
    "electricity",
    "electricity,power station,national grid,supply hours,megawatts,transmission line,power cuts",
    "gas units,transformers,transmission towers,power stations,illegal connections,generators",
    [
        "the {ordinal} gas unit at the {district} power station adds {num} megawatts to the national grid",
        "the daily supply hours in {place} will rise by {small} hours {timeframe}",
        "the old distribution network in the crowded districts of {place} burns out when demand peaks at noon",
        "our teams removed {big} illegal connections in the {district} distribution sector during {period}",
        "the maintenance of the 400 kV line linking {place} with {place2} will be finished {timeframe}",
        "the shortage of gas supplies cut {num} megawatts from the grid during {period}",
        "citizens should switch off the air conditioners in empty rooms because every ampere saved reaches a neighbour",
        "the solar plant in {district} will produce {num} megawatts when it is completed",
        "the rotating cuts in {district} will end once the new transformer station is connected",
    ],
    [
        "{small} new generating units had joined the national grid in {place}",
        "the supply hours in {place} had reached {small} hours a day",
    ],
    [
        "Supply hours in {place} to rise as new units join the grid",
        "Electricity: {num} megawatts added to the grid",
        "New transformer station opens in {district}",
    ],
    [
        "Temperatures in {place} passed fifty degrees Celsius during {period}.",
        "Residents of {district} rely on private generators for most of the day in the summer.",
    ],
)
_topic(
    "oil",
    "oil exports,barrels,oil fields,refinery,pipeline,crude,oil revenues",
    "barrels,tankers,oil wells,pipelines,refineries,export terminals,drilling rigs",
    [
        "the average exports from the southern ports reached {oil} million barrels per day in {month}",
        "the new refinery in {district} will produce {num} thousand barrels of fuel per day {timeframe}",
        "the fields of {district} are working at full capacity after the maintenance of the pumping stations",
        "the oil revenues of {month} exceeded {big} million dollars",
        "drilling of {num} new wells in the {district} field will begin {timeframe}",
        "the pipeline between {place} and the export terminals was repaired after the leak",
        "we will not allow the smuggling of crude oil through the border crossings",
        "the contracts with the foreign companies will be published before they are signed",
    ],
    [
        "its exports had reached {oil} million barrels per day during {month}",
        "a new oil field had started production in {place}",
    ],
    [
        "Oil exports reach {oil} million barrels a day",
        "New wells to be drilled in {district} field",
        "Refinery in {district} resumes production",
    ],
    [
        "Oil sales finance most of the state budget and the salaries of public employees.",
        "The {district} field was developed by a consortium of foreign companies.",
    ],
)
_topic(
    "health",
    "vaccine,infections,hospitals,doses,epidemic,medicines,health",
    "doses,vaccination centres,hospital beds,oxygen cylinders,medicines,ambulances,isolation wards",
    [
        "the ministry recorded {num} new infections in {place} during the past twenty-four hours",
        "{big} doses of the vaccine arrived and were distributed to the vaccination centres in {place}",
        "the new hospital in {district} will open {timeframe} with {num} beds",
        "the shortage of medicines in the hospitals of {place} will end when the new shipment arrives",
        "mobile teams will vaccinate the children of {district} against measles and polio {timeframe}",
        "the isolation wards in {place} are no longer full and the situation is under control",
        "citizens should wear masks in crowded places and not believe the rumours on social media",
        "the doctors of {district} hospital performed {num} heart operations during {period}",
    ],
    [
        "it had recorded {num} new infections across the country",
        "a new shipment of vaccines had arrived at Baghdad airport",
    ],
    [
        "Health: {num} new infections recorded",
        "Vaccination campaign reaches {district}",
        "New hospital opens in {district}",
    ],
    [
        "Hospitals in {place} suffered from a shortage of oxygen during {period}.",
        "The vaccination campaign covered the remote villages of {district}.",
    ],
)
_topic(
    "elections",
    "elections,polling stations,voters,candidates,biometric cards,turnout,ballot",
    "polling stations,biometric cards,candidates,ballot boxes,observers,electoral lists",
    [
        "the commission distributed {big} biometric cards to the voters of {place} during {period}",
        "the polling stations in {district} will open at seven in the morning and close at six in the evening",
        "the turnout in {place} reached {pct} percent according to the preliminary results",
        "{num} candidates registered in the constituencies of {place} before the deadline",
        "the results will be announced {timeframe} after the manual count of a sample of the ballot boxes",
        "the observers of the political parties will be allowed into every polling station",
        "the electronic counting devices were tested in {district} and worked without faults",
    ],
    [
        "the distribution of biometric cards in {place} had been extended by {small} days",
        "the preliminary results in {place} would be announced within hours",
    ],
    [
        "Elections: turnout reaches {pct} percent in {place}",
        "{big} biometric cards distributed in {place}",
        "Polling stations ready in {district}",
    ],
    [
        "The elections were held under a new law that divided {place} into several constituencies.",
        "Many voters in {district} complained about the distance to the polling stations.",
    ],
)
_topic(
    "water",
    "water,dams,drought,Tigris,Euphrates,irrigation,water releases,marshes",
    "dams,irrigation canals,water releases,pumping stations,wells,water tanks",
    [
        "the releases from the upstream dams fell to {num} cubic metres per second during {period}",
        "the level of the Tigris at {place} is the lowest we have recorded in {small} years",
        "the farmers of {district} will receive water for the winter plan according to the agreed schedule",
        "the marshes of {district} lost most of their water and the buffalo breeders left the area",
        "{num} wells will be drilled in the villages of {district} to secure drinking water",
        "the water desalination plant in {place} will be finished {timeframe}",
        "the encroachments on the irrigation canals in {district} were removed by the joint teams",
    ],
    [
        "the water reserves of the country had fallen to their lowest level in years",
        "the releases of the Euphrates towards {place} would be increased",
    ],
    [
        "Water releases to {place} to be increased",
        "Drought hits the marshes of {district}",
        "{num} wells drilled in {district} villages",
    ],
    [
        "The drought of {period} forced hundreds of families in {district} to leave their villages.",
        "The Euphrates enters the country near {district} after crossing the border.",
    ],
)
_topic(
    "agriculture",
    "wheat,harvest,farmers,silos,crops,dates palms,locusts",
    "tons of wheat,silos,tractors,greenhouses,palm trees,fertiliser bags,harvesters",
    [
        "the silos of {place} received {big} tons of wheat from the farmers during {period}",
        "the dues of the farmers for the wheat they delivered will be paid {timeframe}",
        "the locust swarms in {district} were sprayed before they reached the orchards",
        "{big} palm trees were planted in {district} as part of the green belt project",
        "the import of tomatoes and potatoes is banned to protect the local crops",
        "the harvest in {place} this season is the best in {small} years thanks to the rain",
    ],
    [
        "the silos had received {big} tons of wheat since the start of the marketing season",
        "the import of several vegetables had been banned until further notice",
    ],
    [
        "Silos of {place} receive {big} tons of wheat",
        "Farmers of {district} to get their dues",
        "Import of vegetables banned to protect local crops",
    ],
    ["The marketing season began in the southern provinces in {month}.", "Farmers in {district} depend on the irrigation canals of the river."],
)
_topic(
    "ports",
    "ports,containers,customs,ships,Umm Qasr,border crossing,revenues",
    "containers,ships,cranes,trucks,customs declarations,berths,shipments",
    [
        "the port of Umm Qasr received {num} ships and {big} containers during {period}",
        "the customs revenues of the border crossings exceeded {big} million dinars in {month}",
        "the new berths at the Grand Faw port will be ready to receive ships {timeframe}",
        "the electronic customs system at the {district} crossing ended the long queues of trucks",
        "a shipment of {num} containers of expired goods was seized and referred to the judiciary",
        "the {district} border crossing will reopen for trade and travellers {timeframe}",
    ],
    [
        "its ports had received {num} commercial ships during {month}",
        "a smuggling attempt had been foiled at the {district} crossing",
    ],
    [
        "Ports: {num} ships received in {month}",
        "Customs revenues rise at the {district} crossing",
        "Shipment of expired goods seized",
    ],
    ["Trucks loaded with goods wait for days at the crossings during the peak season.", "The Grand Faw port is meant to link the Gulf with the ports of Europe by rail."],
)
_topic(
    "education",
    "schools,students,exams,ministerial exams,teachers,universities,school buildings",
    "schools,classrooms,textbooks,teachers,exam centres,students,school buses",
    [
        "{num} new schools will open in {place} before the start of the school year",
        "the ministerial exams for the sixth preparatory grade will begin on the {day} of {month}",
        "the pass rate in the intermediate exams in {place} reached {pct} percent",
        "the students of {district} studied in caravans because the old school buildings were demolished",
        "the textbooks were distributed to the schools of {place} free of charge",
        "the internet will be cut during the exam hours to prevent the leaking of questions",
    ],
    [
        "the results of the ministerial exams would be announced {timeframe}",
        "{num} schools had been rehabilitated in {place}",
    ],
    [
        "Education: pass rate reaches {pct} percent",
        "{num} new schools to open in {place}",
        "Ministerial exams to begin in {month}",
    ],
    ["Many schools in {district} work in three shifts because of the shortage of buildings.", "The school year in {place} was shortened during {period}."],
)
_topic(
    "transport",
    "airport,flights,railway,bridge,roads,highway,traffic",
    "flights,bridges,trains,buses,roads,airport terminals,traffic lights",
    [
        "the first passenger flight will land at the {place} airport {timeframe}",
        "the bridge linking {district} with {district2} will open to traffic {timeframe}",
        "the railway between {place} and {place2} carried {big} passengers during {period}",
        "the rehabilitation of the highway through {district} is {pct} percent complete",
        "the traffic jams in {place} will ease when the new ring road is finished",
        "{num} new buses will run on the routes between {district} and the city centre",
    ],
    [
        "the {place} airport had received its first international flight",
        "work had begun on a new bridge over the river in {district}",
    ],
    [
        "Bridge in {district} to open {timeframe}",
        "Flights resume at {place} airport",
        "Highway through {district} {pct} percent complete",
    ],
    ["The old bridge in {district} was destroyed during the war and rebuilt in steel.", "Traffic in {place} doubled in {period}."],
)
_topic(
    "finance",
    "salaries,budget,dinar,dollar exchange rate,deficit,bonds,loans",
    "salaries,bonds,loans,budget allocations,tax revenues,bank branches",
    [
        "the salaries of state employees for {month} will be paid {timeframe}",
        "the budget deficit will be covered by internal bonds worth {big} billion dinars",
        "the exchange rate of the dollar will stay at the official price set by the central bank",
        "the allocations of {place} in the budget were raised to {big} billion dinars",
        "{num} new bank branches will open in {district} to pay salaries electronically",
        "the loans for small projects will be granted to the young people of {place} without interest",
    ],
    [
        "the salaries for {month} had been financed",
        "the budget had been sent to parliament for a vote",
    ],
    [
        "Finance: salaries of {month} to be paid {timeframe}",
        "Budget allocations of {place} raised",
        "Central bank keeps the exchange rate",
    ],
    ["The price of oil decides how much the government can spend each year.", "Employees in {place} waited for their salaries during {period}."],
)
_topic(
    "displacement",
    "displaced families,camps,return,refugees,reconstruction,compensation",
    "displaced families,camps,tents,houses,compensation files,relief baskets",
    [
        "{num} displaced families returned from the camps to their homes in {district} during {period}",
        "the last camp in {place} will be closed {timeframe} after the families return",
        "the compensation files of {big} families in {district} were sent to the central committee",
        "the houses destroyed in {village} will be rebuilt with the support of international organisations",
        "relief baskets were distributed to {big} families in the camps of {place}",
    ],
    [
        "{num} families had returned to {district} from the camps",
        "the camps in {place} would be closed by the end of the year",
    ],
    [
        "{num} displaced families return to {district}",
        "Last camp in {place} to close",
        "Reconstruction of {village} begins",
    ],
    ["Thousands of families fled {district} when the fighting reached the area.", "The camps of {place} hosted families from several provinces."],
)
_topic(
    "drugs",
    "drugs,narcotics,crystal meth,captagon pills,smugglers,traffickers",
    "narcotic pills,kilograms of crystal,traffickers,smuggling networks,addicts",
    [
        "the forces seized {num} kilograms of crystal meth hidden in a truck coming from {district}",
        "{big} captagon pills were found in a shipment of fruit at the {district} crossing",
        "the traffickers change their routes whenever a road is closed, but we follow them",
        "the network that smuggled the pills into {place} was dismantled and its members arrested",
        "the addicts are patients, and they will be treated in the rehabilitation centre in {place}",
        "the pills have started to reach the schools, and the families must watch their children",
    ],
    [
        "its detectives had arrested {num} traffickers in {place}",
        "a large quantity of narcotic pills had been seized in {district}",
    ],
    [
        "Drugs: {num} traffickers arrested in {place}",
        "{big} captagon pills seized at the {district} crossing",
        "Smuggling network dismantled in {place}",
    ],
    ["Drug seizures in {place} rose sharply during {period}.", "The desert routes near {district} are used by smugglers."],
)
_topic(
    "culture",
    "museum,antiquities,tourism,pilgrims,festival,heritage,archaeological site",
    "antiquities,visitors,pilgrims,manuscripts,archaeological sites,hotels,festivals",
    [
        "the museum of {place} will reopen {timeframe} after the restoration of its halls",
        "{big} pilgrims visited the holy shrines of {place} during {period}",
        "the stolen antiquities returned from abroad will be displayed in the national museum",
        "the excavations at the archaeological site of {village} uncovered tablets and seals",
        "the festival in {place} will bring together poets and artists from {num} countries",
        "the hotels of {district} were full during the season of religious visits",
    ],
    [
        "{big} artefacts had been returned to the national museum",
        "a new archaeological site had been discovered near {district}",
    ],
    [
        "Museum of {place} reopens",
        "{big} pilgrims visit {place}",
        "Excavations at {village} uncover tablets",
    ],
    ["The old quarter of {place} has houses that are hundreds of years old.", "Tourists from abroad returned to {district} during {period}."],
)
_topic(
    "housing",
    "housing,residential complex,apartments,land plots,slums,construction",
    "apartments,housing units,land plots,residential complexes,building permits",
    [
        "the residential complex in {district} will hand {big} apartments to their owners {timeframe}",
        "{big} land plots were distributed to the employees of {place} during {period}",
        "the slums on the edge of {place} will be replaced by low-cost housing units",
        "the new city east of {place} will house {big} families when it is finished",
        "the building permits in {district} are now issued within {small} days",
    ],
    [
        "{big} housing units had been completed in {place}",
        "the distribution of land plots in {district} had begun",
    ],
    [
        "Housing: {big} apartments handed over in {district}",
        "Land plots distributed to employees in {place}",
        "New city planned east of {place}",
    ],
    ["The population of {place} has grown faster than the number of houses built.", "Thousands of families in {district} live in slums without services."],
)
_topic(
    "environment",
    "sandstorms,pollution,desertification,green belt,air quality,climate",
    "sandstorms,trees,pollution sources,nurseries,waste dumps",
    [
        "the sandstorm that hit {place} sent {num} people to the hospitals with breathing problems",
        "the green belt around {place} will stop the sand from reaching the city",
        "the waste dumps near {district} will be moved away from the houses {timeframe}",
        "the air in {place} is polluted by the burning of gas in the oil fields",
        "{big} trees will be planted in {district} during {period}",
    ],
    [
        "a sandstorm had closed the airports of {place} for hours",
        "a campaign to plant trees had started in {district}",
    ],
    [
        "Sandstorm sends {num} to hospital in {place}",
        "Green belt around {place} to stop the sand",
        "{big} trees planted in {district}",
    ],
    ["Sandstorms have become more frequent in {place} during {period}.", "The desert is moving towards the farms of {district}."],
)
_topic(
    "sports",
    "stadium,football,league,national team,tournament,athletes",
    "stadiums,players,clubs,matches,fans,tournaments",
    [
        "the new stadium in {place} will host the matches of the league {timeframe}",
        "the national team will play {small} friendly matches before the tournament",
        "the fans of {place} will be allowed into the stadium after the lifting of the ban",
        "{num} young athletes from {district} joined the training camp of the national team",
        "the sports city in {district} is {pct} percent complete",
    ],
    [
        "the stadium in {place} would host international matches",
        "the national team had arrived in {place} for a training camp",
    ],
    [
        "Stadium in {place} to host the league",
        "National team prepares for the tournament",
        "Sports city in {district} {pct} percent complete",
    ],
    ["Football is the most popular sport in {place}.", "The old stadium of {district} had no lights for evening matches."],
)


# Sentences any official may say about any topic ({thing}: one of the topic's things).
GENERIC_CLAIMS = (
    "the government has allocated {big} million dinars for the {thing} in {place}",
    "the work on the {thing} in {district} is {pct} percent complete and the rest will be done {timeframe}",
    "a committee was formed to investigate the delays in the {thing} of {district}",
    "the teams are working around the clock to finish the {thing} before the deadline",
    "the citizens of {district} have the right to demand better services and we hear them",
    "we received {num} complaints from the people of {village} about the {thing}",
    "the cooperation with the local administration in {place} made the work faster",
    "the problem of the {thing} will not be solved by one ministry alone",
    "the reports about the {thing} published on social media are not accurate",
    "the funds were released and the contractor will return to the site {timeframe}",
    "any employee who neglects his duty will be referred to the investigation",
    "the plan includes {num} projects spread across the districts of {place}",
    "the prime minister directed that the {thing} of {district} be given priority",
    "there is coordination with the international organisations to support the {thing}",
    "the figures of {period} show an improvement compared with the same period of last year",
    "we will publish the names of the companies that failed to deliver the {thing}",
    "the field teams visited {village} and listened to the demands of the residents",
    "the new measures will be applied in {place} first and then in the other provinces",
    "the delay was caused by the procedures of the contracts and not by the lack of money",
    "the {thing} in {district} suffered from years of neglect and needs patience",
    "the inspection teams found {num} violations in {district} and closed the offending sites",
    "the budget of {place} does not cover the needs of a growing population",
    "the second phase of the plan will start {timeframe} in the villages around {district}",
    "our doors are open to the journalists and we hide nothing from the public",
    "the border provinces need a special plan because their situation is different",
)
CONNECTORS = (", and ", ", because ", ", while ", ", but ", ", noting that ", ", so ")
CONTEXTS = (
    "told the Iraqi News Agency (INA)",
    "said during a press conference in {place}",
    "said on the sidelines of a visit to {district}",
    "told reporters in {place}",
    "said in a televised interview",
    "told INA",
)
GENERIC_BACKGROUND = (
    "The province of {place} has a population of more than {small} million people, most of them in the cities.",
    "Local officials in {district} have long complained about the slow pace of the projects funded by the central government.",
    "The matter was discussed at a meeting of the provincial council in {place} during {period}.",
    "Similar measures were taken in {place2} during {period}, with mixed results.",
    "Residents of {village} told INA that they had waited for years for the authorities to act.",
    "The {thing} of {district} were the subject of several reports by the parliamentary committees.",
    "International organisations have funded {num} projects in {place} since the end of the war.",
    "The road between {district} and the centre of {place} was closed for several hours on {weekday}.",
    "Officials in {place} say that the population of {district} has doubled since the return of the displaced families.",
    "A delegation from the federal government visited {district} during {period} and met tribal leaders and local officials.",
    "The matter has become part of the political debate in {place}, where the parties accuse each other of delaying the projects.",
    "Engineers from {num} companies took part in the survey of {village}, according to documents seen by INA.",
    "The last census in {place} was carried out decades ago, and the planners rely on estimates.",
    "Activists in {district} organised a sit-in in front of the local government building on {weekday}, demanding jobs and services.",
    "The {thing} of {place} were also discussed by the provincial council, which asked the ministries to send their plans in writing.",
    "Weather forecasters expect temperatures in {place} to rise during the coming days, with dust in the western areas.",
)
DEPARTMENTS = {
    "security": "Police", "electricity": "Electricity Distribution", "oil": "Oil Products", "health": "Health",
    "elections": "Electoral Office", "water": "Water Resources", "agriculture": "Agriculture", "ports": "Customs",
    "education": "Education", "transport": "Roads and Bridges", "finance": "Tax", "displacement": "Migration",
    "drugs": "Narcotics Affairs", "culture": "Antiquities", "housing": "Municipalities", "environment": "Environment",
    "sports": "Youth and Sports",
}


@dataclass(frozen=True, slots=True)
class Body:
    """An organisation that speaks and has role holders."""

    name: str  # "Ministry of Interior"
    short: str  # "Interior" (headlines)
    adjective: str  # "Interior Ministry" ("Interior Ministry spokesman")
    topics: tuple[str, ...]
    military: bool
    roles: tuple[str, ...]  # role kinds: spokesman, minister, director, commander, governor, head
    province: str | None = None


def _bodies() -> list[Body]:
    out: list[Body] = []
    ministries = [
        ("Interior", ("security", "drugs"), True),
        ("Defense", ("security",), True),
        ("Health", ("health",), False),
        ("Electricity", ("electricity",), False),
        ("Oil", ("oil",), False),
        ("Water Resources", ("water",), False),
        ("Agriculture", ("agriculture", "water"), False),
        ("Education", ("education",), False),
        ("Higher Education", ("education",), False),
        ("Transport", ("transport", "ports"), False),
        ("Trade", ("agriculture", "ports"), False),
        ("Planning", ("finance", "housing"), False),
        ("Finance", ("finance",), False),
        ("Migration and Displaced", ("displacement",), False),
        ("Construction and Housing", ("housing", "transport"), False),
        ("Culture", ("culture",), False),
        ("Environment", ("environment",), False),
        ("Youth and Sports", ("sports",), False),
        ("Justice", ("drugs", "security"), False),
    ]
    for field_, topics, military in ministries:
        out.append(Body(f"Ministry of {field_}", field_, f"{field_} Ministry", topics, military, ("spokesman", "minister", "director")))
    commands = [
        ("Joint Operations Command", "Joint Operations", ("security",)),
        ("Security Media Cell", "Security Media Cell", ("security", "drugs")),
        ("Counter-Terrorism Service", "Counter-Terrorism", ("security",)),
        ("Border Guards Command", "Border Guards", ("security", "drugs")),
        ("Civil Defense Directorate", "Civil Defense", ("security", "environment")),
        ("Federal Police Command", "Federal Police", ("security",)),
    ]
    for name, short, topics in commands:
        out.append(Body(name, short, name.replace(" Command", ""), topics, True, ("spokesman", "commander")))
    others = [
        ("Independent High Electoral Commission", "Electoral Commission", ("elections",), ("spokesman", "head")),
        ("Central Bank", "Central Bank", ("finance",), ("governor_bank", "spokesman")),
        ("General Company for Ports", "Ports", ("ports",), ("director", "spokesman")),
        ("Basra Oil Company", "Basra Oil", ("oil",), ("director",)),
        ("Integrity Commission", "Integrity", ("finance", "ports"), ("head", "spokesman")),
        ("Council of Ministers", "Government", ("finance", "housing", "electricity", "health"), ("spokesman",)),
        ("State Board of Antiquities and Heritage", "Antiquities", ("culture",), ("head",)),
        ("Civil Aviation Authority", "Civil Aviation", ("transport",), ("director", "spokesman")),
    ]
    for name, short, topics, roles in others:
        out.append(Body(name, short, name, topics, False, roles))
    for province, _districts in PROVINCES:
        out.append(Body(f"{province} Governorate", province, f"{province} Governorate", ("housing", "water", "electricity", "health", "education", "displacement", "transport"), False, ("governor",), province))
        out.append(Body(f"{province} Operations Command", f"{province} Operations", f"{province} Operations", ("security", "drugs"), True, ("commander",), province))
        out.append(Body(f"{province} Police Command", f"{province} Police", f"{province} Police", ("security", "drugs"), True, ("commander",), province))
    return out


BODIES = _bodies()
_RANKS_MILITARY = ["Major General", "Brigadier General", "Lieutenant General", "Colonel", "Staff Major General"]
_COMMITTEES = [
    ("Security and Defense", ("security",)), ("Oil and Energy", ("oil", "electricity")), ("Health", ("health",)),
    ("Finance", ("finance",)), ("Agriculture and Water", ("agriculture", "water")), ("Education", ("education",)),
    ("Services", ("housing", "transport")), ("Integrity", ("finance",)), ("Culture and Tourism", ("culture", "sports")),
    ("Migration and Displaced", ("displacement",)), ("Legal", ("elections",)), ("Environment", ("environment",)),
]
_EXPERT_FIELDS = [
    ("economic", ("finance", "oil", "ports")), ("security", ("security", "drugs")), ("water", ("water", "agriculture")),
    ("energy", ("electricity", "oil")), ("health", ("health",)), ("legal", ("elections",)),
]


# ---------------------------------------------------------------------------- people


@dataclass(slots=True)
class Person:
    given: str
    surname: str  # "Al-Rammawi" or "Zebari"
    female: bool = False
    rank: str | None = None

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"


@dataclass(slots=True)
class Holder:
    person: Person
    start: int  # day numbers since START, inclusive
    end: int


@dataclass(slots=True)
class Office:
    """One role in one body, held by a sequence of people."""

    body: Body
    kind: str
    holders: list[Holder] = field(default_factory=list)

    def holder_on(self, day: int) -> Person:
        starts = [h.start for h in self.holders]
        return self.holders[max(0, bisect_left(starts, day + 1) - 1)].person

    def phrases(self) -> list[str]:
        """Ways the article writes the role (first: the canonical one)."""
        b = self.body
        if self.kind == "spokesman":
            return [f"spokesman for the {b.name}", f"{b.adjective} spokesman", f"spokesman of the {b.name}"]
        if self.kind == "minister":
            f = b.short
            return [f"Minister of {f}", f"{f} Minister"]
        if self.kind == "director":
            return [f"director general of the {b.name}", f"{b.adjective} director general"]
        if self.kind == "commander":
            return [f"commander of the {b.name}", f"{b.adjective} commander"]
        if self.kind == "governor":
            return [f"Governor of {b.province}", f"{b.province} Governor"]
        if self.kind == "governor_bank":
            return [f"Governor of the {b.name}", f"{b.name} Governor"]
        return [f"head of the {b.name}", f"chairman of the {b.name}"]


@dataclass(slots=True)
class Minor:
    """A speaker outside the offices: an MP, a mayor, an expert, a sheikh."""

    person: Person
    role: str  # "member of the Parliamentary Health Committee"
    topics: tuple[str, ...]
    center: int  # active around this day
    spread: int
    province: str


class NameMaker:
    """People's names: common given names, surnames from a Zipf law over generated ones."""

    def __init__(self, rng: random.Random, n_people: int) -> None:
        generated: list[str] = []
        seen: set[str] = set()
        n_surnames = max(400, int(n_people * 0.6))
        while len(generated) < n_surnames:
            stem = rng.choice(_ONSETS) + rng.choice(_MIDDLES) + rng.choice(_ENDINGS)
            if rng.random() < 0.35:
                stem = rng.choice(_ONSETS) + rng.choice(_MIDDLES).lower() + stem.lower()
            if stem not in seen:
                seen.add(stem)
                generated.append(stem)
        # The common surnames first: Zipf weights favour the head of the list.
        self.surnames = _COMMON_SURNAMES + generated[: n_surnames // 2] + _KURDISH_SURNAMES + generated[n_surnames // 2 :]
        weights = [1.0 / (i + 1) ** 0.85 for i in range(len(self.surnames))]
        total = 0.0
        self._cum: list[float] = []
        for w in weights:
            total += w
            self._cum.append(total)
        self._rng = rng

    def surname(self) -> str:
        s = self.surnames[bisect_left(self._cum, self._rng.random() * self._cum[-1])]
        if s in _KURDISH_SURNAMES:
            return s
        return f"Al-{s}"

    def person(self, *, military: bool = False, female_share: float = 0.0) -> Person:
        rng = self._rng
        female = rng.random() < female_share
        given = rng.choice(GIVEN_FEMALE if female else GIVEN_MALE)
        if rng.random() < 0.12 and not female:
            given = f"{given} {rng.choice(GIVEN_MALE)}"
        rank = rng.choice(_RANKS_MILITARY) if military else ("Dr." if rng.random() < 0.15 else None)
        return Person(given, self.surname(), female, rank)


class World:
    """Everything articles are written about, fixed by (seed, number of articles)."""

    def __init__(self, seed: int, n_articles: int) -> None:
        rng = random.Random(f"world-{seed}")
        self.n_articles = n_articles
        n_minor = max(150, n_articles // 4)
        self.names = NameMaker(rng, n_minor + 1000)
        self.offices: list[Office] = []
        for body in BODIES:
            for kind in body.roles:
                office = Office(body, kind)
                day = -rng.randrange(0, 700)
                while day < N_DAYS:
                    tenure = rng.randrange(450, 1600)
                    military = body.military and kind in ("spokesman", "commander")
                    office.holders.append(Holder(self.names.person(military=military, female_share=0.1 if not military else 0.0), day, day + tenure - 1))
                    day += tenure
                self.offices.append(office)
        self.offices_by_topic: dict[str, list[Office]] = {t: [] for t in TOPICS}
        for o in self.offices:
            for t in o.body.topics:
                self.offices_by_topic[t].append(o)
        self.minors: list[Minor] = []
        for _ in range(n_minor):
            kind = rng.random()
            province, districts = rng.choice(PROVINCES)
            person = self.names.person(female_share=0.22)
            if kind < 0.35:
                committee, topics = rng.choice(_COMMITTEES)
                role = f"member of the Parliamentary {committee} Committee"
            elif kind < 0.5:
                field_, topics = rng.choice(_EXPERT_FIELDS)
                role = f"{field_} expert"
            elif kind < 0.68:
                role = f"mayor of {rng.choice(districts)} district"
                topics = ("housing", "water", "security", "displacement", "electricity")
            elif kind < 0.82:
                topic = rng.choice(list(TOPICS))
                role = f"director of the {province} {DEPARTMENTS[topic]} Directorate"
                topics = (topic,)
            elif kind < 0.9:
                person.rank = "Sheikh"
                person.female = False
                person.given = rng.choice(GIVEN_MALE)
                role = f"tribal elder in {rng.choice(districts)}"
                topics = ("security", "displacement", "water")
            else:
                role = f"head of the {province} Provincial Council"
                topics = ("housing", "finance", "electricity", "water")
            self.minors.append(Minor(person, role, topics, rng.randrange(N_DAYS), rng.randrange(60, 900), province))
        self.minors.sort(key=lambda m: m.center)
        self._minor_centers = [m.center for m in self.minors]
        # Villages: a vocabulary that grows with the archive.
        self.villages = sorted(
            {f"{rng.choice(_VILLAGE_A)} {rng.choice(_VILLAGE_B)}" for _ in range(60)}
            | {f"{rng.choice(_VILLAGE_A)} {self.names.surname()[3:]}" for _ in range(max(100, n_articles // 20))}
        )

    def minor_near(self, rng: random.Random, day: int, topic: str) -> Minor:
        """A minor speaker active around `day`, preferably about `topic`."""
        i = bisect_left(self._minor_centers, day)
        best = None
        for _ in range(6):
            j = min(len(self.minors) - 1, max(0, i + int(rng.gauss(0, 6))))
            m = self.minors[j]
            if abs(m.center - day) <= m.spread and topic in m.topics:
                return m
            best = best or m
        return best


# ---------------------------------------------------------------------------- articles


class Slots(dict):
    """Template slots filled on first use: `template.format_map(Slots(...))`."""

    def __init__(self, rng: random.Random, world: World, province: str, districts: list[str], month: str, things: tuple[str, ...]) -> None:
        super().__init__()
        self.things = things
        self.rng = rng
        self.world = world
        self.province = province
        self.districts = districts
        self.month = month

    def __missing__(self, key: str) -> str:
        rng = self.rng
        if key == "place":
            v = self.province
        elif key == "place2":
            v = rng.choice(PROVINCES)[0]
        elif key in ("district", "district2"):
            v = rng.choice(self.districts)
            if key == "district2" and len(self.districts) > 1:
                while v == self.get("district"):
                    v = rng.choice(self.districts)
        elif key == "village":
            v = rng.choice(self.world.villages)
        elif key == "num":
            v = str(rng.choice([rng.randrange(2, 30), rng.randrange(30, 400)]))
        elif key == "small":
            v = rng.choice(NUMBER_WORDS[:6])
        elif key == "big":
            v = f"{rng.randrange(1, 900)},{rng.randrange(0, 1000):03d}" if rng.random() < 0.6 else str(rng.randrange(1000, 9999))
        elif key == "pct":
            v = str(rng.randrange(12, 98))
        elif key == "oil":
            v = f"{rng.randrange(2, 4)}.{rng.randrange(0, 10)}"
        elif key == "period":
            v = rng.choice(PERIODS)
        elif key == "timeframe":
            v = rng.choice(TIMEFRAMES)
        elif key == "ordinal":
            v = rng.choice(ORDINALS)
        elif key == "month":
            v = self.month
        elif key == "thing":
            v = rng.choice(self.things)
        elif key == "weekday":
            v = rng.choice(WEEKDAYS)
        elif key == "day":
            v = rng.choice(["first", "tenth", "fifteenth", "twentieth", "twenty-fifth"])
        else:
            raise KeyError(key)
        self[key] = v
        return v


def _cap(s: str) -> str:
    return s[:1].upper() + s[1:]


def _variant(surname: str, rng: random.Random) -> str:
    """A spelling of a surname as another writer might write it."""
    r = rng.random()
    if surname.startswith("Al-"):
        stem = surname[3:]
        if r < 0.35:
            return f"al-{stem}"
        if r < 0.55:
            return stem
        if r < 0.75 and "dh" in stem:
            return "Al-" + stem.replace("dh", "z", 1)
        if r < 0.9 and stem.endswith("i"):
            return f"Al-{stem[:-1]}y"
        return f"Al {stem}"
    return surname


@dataclass(slots=True)
class Speaking:
    """A speaker in one article: how they are named there."""

    person: Person
    role: str  # the role phrase as written
    canonical_role: str
    surname: str  # the surname as written in this article
    body: Body | None  # the office's body (None for minor speakers)


class ArticleWriter:
    def __init__(self, world: World, seed: int) -> None:
        self.world = world
        self.seed = seed

    def article(self, index: int, day: int, rng: random.Random) -> tuple[dict[str, Any], dict[str, Any]]:
        """(the article as JSON, the facts the question generator may use)."""
        world = self.world
        d = START + timedelta(days=day)
        topic_name = rng.choice(list(TOPICS))
        topic = TOPICS[topic_name]
        offices = world.offices_by_topic[topic_name]
        office = rng.choice(offices)
        if office.body.province:
            province = office.body.province
        else:
            province = rng.choice(PROVINCES)[0]
        districts = dict(PROVINCES)[province]
        slots = Slots(rng, world, province, districts, MONTHS[(d.month - 2) % 12], topic.things)
        person = office.holder_on(day)
        phrases = office.phrases()
        surname = _variant(person.surname, rng) if rng.random() < 0.07 else person.surname
        main = Speaking(person, rng.choice(phrases), phrases[0], surname, office.body)
        minor = world.minor_near(rng, day, topic_name) if rng.random() < 0.6 else None
        second = None
        if minor is not None:
            second = Speaking(minor.person, minor.role, minor.role, minor.person.surname, None)
        body = office.body

        # A deck of sentences, dealt without repeats within the article.
        deck = list(topic.claims) + rng.sample(GENERIC_CLAIMS, 8)
        rng.shuffle(deck)

        def clause() -> str:
            if not deck:
                deck.extend(rng.sample(GENERIC_CLAIMS, 6))
            slots.clear()  # fresh numbers, districts and things for every clause
            return deck.pop().format_map(slots)

        def claim() -> str:
            text = clause()
            if rng.random() < 0.6:
                text += rng.choice(CONNECTORS) + clause()
            return text

        def quote(n: int = 1) -> str:
            return " ".join(_cap(claim()) + "." for _ in range(n))

        def context() -> str:
            return rng.choice(CONTEXTS).format_map(slots)

        paragraphs: list[str] = []
        lead = rng.choice(topic.leads).format_map(slots)
        lead_district = slots.get("district") or rng.choice(districts)
        paragraphs.append(
            f"The {body.name} announced, today, {WEEKDAYS[d.weekday()]}, that {lead}."
            if rng.random() < 0.7
            else f"The {body.name} said on {WEEKDAYS[d.weekday()]} that {lead}, in a statement issued in {province}."
        )
        facts_quotes: list[dict[str, Any]] = []

        def said(sp: Speaking, text: str, kind: str = "direct") -> str:
            facts_quotes.append({"speaker": sp.person.name, "text": text.rstrip("."), "kind": kind})
            return text

        p = main.person
        rank = f"{p.rank} " if p.rank else ""
        pron = "She" if p.female else "He"
        form = rng.random()
        if form < 0.45:
            paragraphs.append(f"The {main.role}, {rank}{p.given} {main.surname}, {context()}: \"{said(main, quote(2))}\"")
        elif form < 0.65:
            paragraphs.append(f"{_cap(main.role)} {rank}{p.given} {main.surname} said in a statement received by INA: \u201c{said(main, quote(1))}\u201d")
        elif form < 0.85:
            q = said(main, _cap(claim()))
            paragraphs.append(f"\"{q},\" said the {main.role}, {rank}{p.given} {main.surname}.")
        else:
            paragraphs.append(f"{rank}{p.given} {main.surname}, the {main.role}, said that {said(main, claim(), 'indirect')}.")
        follow = [
            lambda: f"{pron} added, \"{said(main, quote(rng.choice((1, 2))))}\"",
            lambda: f"{pron} indicated that \"{said(main, claim() + '.')}\"",
            lambda: f"{main.surname} pointed out that \"{said(main, claim() + '.')}\"",
            lambda: f"\"{said(main, _cap(claim()))},\" {pron.lower()} said, \"{said(main, claim() + '.')}\"",
            lambda: f"{pron} confirmed that {said(main, claim(), 'indirect')}.",
            lambda: f"{_cap(said(main, claim(), 'indirect'))}, according to {main.surname}.",
            lambda: f"The {main.canonical_role.split(' for ')[0].split(' of ')[0].lower()} stressed that {said(main, claim(), 'indirect')}.",
            lambda: f"{main.surname} called on citizens to \"{said(main, 'cooperate with the teams working in ' + slots['district'] + ' and report any violation.')}\"",
            lambda: f"{pron} continued: \u201c{said(main, quote(1))}\u201d",
        ]
        n_paragraphs = rng.randrange(6, 15)
        n_follow = rng.randrange(2, 5)
        for k in rng.sample(range(len(follow)), n_follow):
            paragraphs.append(follow[k]())
        if rng.random() < 0.4:
            paragraphs.append(
                f"The {rng.choice(['ministry', body.name])} said in a statement that {rng.choice(topic.leads).format_map(slots)}."
                if body.name.startswith("Ministry") and rng.random() < 0.5
                else f"According to a statement by the {body.name}, {rng.choice(topic.leads).format_map(slots)}."
            )
        if second is not None:
            sp = second.person
            srank = f"{sp.rank} " if sp.rank else ""
            spron = "She" if sp.female else "He"
            if rng.random() < 0.5:
                paragraphs.append(f"For {'her' if sp.female else 'his'} part, the {second.role}, {srank}{sp.name}, said in a press statement: \"{said(second, quote(rng.choice((1, 2))))}\"")
            else:
                paragraphs.append(f"{_cap(second.role)} {srank}{sp.name} told INA that \"{said(second, claim() + '.')}\"")
            if rng.random() < 0.6:
                paragraphs.append(f"{spron} explained that {said(second, claim(), 'indirect')}.")
        background = list(topic.background) + rng.sample(GENERIC_BACKGROUND, 10)
        rng.shuffle(background)
        while len(paragraphs) < n_paragraphs and background:
            slots.clear()
            bg = background.pop().format_map(slots)
            for _ in range(rng.choice((1, 1, 2))):
                if background:
                    bg += " " + background.pop().format_map(slots)
            paragraphs.append(bg)
        head_form = rng.random()
        headline = rng.choice(topic.headlines).format_map(slots)
        headline = _cap(headline)
        if head_form < 0.4 and ":" not in headline:
            title = f"{body.short}: {headline}"
        elif head_form < 0.55:
            title = f"{main.surname}: {_cap(claim())}"
        else:
            title = headline
        hour, minute = rng.randrange(7, 23), rng.randrange(60)
        article = {
            "id": f"syn-{index:07d}",
            "title": title,
            "published": f"{d.isoformat()}T{hour:02d}:{minute:02d}:00+03:00",
            "source": "INA",
            "dateline": province,
            "url": f"https://news.example/{d.year}/{index}",
            "body": "\n\n".join(paragraphs),
        }
        facts = {
            "article": article["id"],
            "date": d.isoformat(),
            "topic": topic_name,
            "province": province,
            "district": lead_district,
            "speaker": person.name,
            "surname": person.surname,
            "role": main.canonical_role,
            "office": office.kind,
            "short": body.short,
            "body": body.name,
            "quotes": facts_quotes,
            "second": second.person.name if second else None,
            "second_role": second.role if second else None,
        }
        return article, facts


def _file_plan(n_articles: int) -> list[tuple[int, int]]:
    """(first article, count) of each file."""
    n_files = max(1, min(MAX_FILES, math.ceil(n_articles / ARTICLES_PER_FILE)))
    base, extra = divmod(n_articles, n_files)
    plan = []
    first = 0
    for k in range(n_files):
        count = base + (1 if k < extra else 0)
        plan.append((first, count))
        first += count
    return plan


_world: World | None = None
_world_key: tuple[int, int] | None = None


def _get_world(seed: int, n_articles: int) -> World:
    global _world, _world_key
    if _world_key != (seed, n_articles):
        _world = World(seed, n_articles)
        _world_key = (seed, n_articles)
    assert _world is not None
    return _world


def _article_day(index: int, n_articles: int) -> int:
    """Articles are spread evenly over the ten years, in order."""
    return min(N_DAYS - 1, index * N_DAYS // n_articles)


def _write_file(args: tuple[Path, int, int, int, int, int]) -> list[dict[str, Any]]:
    path, k, first, count, seed, n_articles = args
    world = _get_world(seed, n_articles)
    writer = ArticleWriter(world, seed)
    rng = random.Random(f"file-{seed}-{k}")
    facts: list[dict[str, Any]] = []
    lines = []
    for i in range(first, first + count):
        article, fact = writer.article(i, _article_day(i, n_articles), rng)
        lines.append(json.dumps(article, ensure_ascii=False))
        if i % FACT_EVERY == 0:
            facts.append(fact)
    tmp = path.with_suffix(".tmp")
    tmp.write_text("\n".join(lines) + "\n", encoding="utf-8")
    os.replace(tmp, path)
    return facts


def generate(out_dir: str | Path, n_passages: int, *, seed: int = 7, workers: int = 1, log=None) -> dict[str, Any]:
    """Write the archive for about `n_passages` passages; returns the facts (also in facts.json)."""
    out = Path(out_dir)
    articles_dir = out / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    n_articles = max(1, round(n_passages / PASSAGES_PER_ARTICLE))
    plan = _file_plan(n_articles)
    tasks = [(articles_dir / f"part-{k:04d}.jsonl", k, first, count, seed, n_articles) for k, (first, count) in enumerate(plan)]
    started = time.perf_counter()
    facts: list[dict[str, Any]] = []
    if workers <= 1:
        for t in tasks:
            facts.extend(_write_file(t))
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for part in pool.map(_write_file, tasks, chunksize=4):
                facts.extend(part)
    world = _get_world(seed, n_articles)
    offices = [
        {
            "body": o.body.name,
            "kind": o.kind,
            "role": o.phrases()[0],
            "short": o.body.short,
            "holders": [
                {"name": h.person.name, "surname": h.person.surname, "rank": h.person.rank, "from": (START + timedelta(days=max(0, h.start))).isoformat(), "to": (START + timedelta(days=min(N_DAYS - 1, h.end))).isoformat()}
                for h in o.holders
                if h.end >= 0
            ],
        }
        for o in world.offices
    ]
    result = {
        "generator": GENERATOR_VERSION,
        "seed": seed,
        "passages_target": n_passages,
        "articles": n_articles,
        "files": len(plan),
        "offices": offices,
        "facts": facts,
    }
    (out / "facts.json").write_text(json.dumps(result, ensure_ascii=False), encoding="utf-8")
    if log:
        size = sum(p.stat().st_size for p in articles_dir.glob("*.jsonl"))
        log(f"generated {n_articles:,} articles in {len(plan)} files ({size / 2**20:.0f} MiB) in {time.perf_counter() - started:.1f} s")
    return result


def ensure_archive(out_dir: str | Path, n_passages: int, *, seed: int = 7, workers: int = 1, log=None) -> dict[str, Any]:
    """The archive in `out_dir`, generated unless it is already there for this size and seed."""
    out = Path(out_dir)
    facts_path = out / "facts.json"
    if facts_path.exists():
        facts = json.loads(facts_path.read_text(encoding="utf-8"))
        if (facts.get("generator"), facts.get("seed"), facts.get("passages_target")) == (GENERATOR_VERSION, seed, n_passages):
            return facts
    return generate(out, n_passages, seed=seed, workers=workers, log=log)


# ---------------------------------------------------------------------------- questions


@dataclass(frozen=True, slots=True)
class Question:
    text: str
    kind: str  # speaker | role | speaker+topic | role+topic | topic | who-said | dated | latest


_ROLE_ASKS = {
    "spokesman": ["{short} spokesman", "spokesman for the {body}", "{short} spokesperson"],
    "minister": ["{short} minister", "minister of {short_l}"],
    "director": ["director general of the {body}", "{short} director general"],
    "commander": ["{short} commander", "commander of the {body}"],
    "governor": ["governor of {short}", "{short} governor"],
    "governor_bank": ["governor of the {body}"],
    "head": ["head of the {body}", "chairman of the {body}"],
}


def make_questions(facts: dict[str, Any], n: int = 300, seed: int = 11) -> list[Question]:
    """Varied questions drawn from what the archive holds (speakers, roles, topics, dates)."""
    rng = random.Random(f"questions-{seed}")
    sample = [f for f in facts["facts"] if f["quotes"]]
    offices = [o for o in facts["offices"] if o["holders"]]
    out: list[Question] = []
    kinds = ["speaker", "surname", "role", "speaker+topic", "role+topic", "topic", "who-said", "dated", "role+dated", "latest", "typo"]
    while len(out) < n:
        kind = kinds[len(out) % len(kinds)]
        f = rng.choice(sample)
        topic = TOPICS[f["topic"]]
        keyword = rng.choice(topic.keywords)
        year = f["date"][:4]
        month = MONTHS[int(f["date"][5:7]) - 1]
        if kind == "speaker":
            q = rng.choice(["what did {n} say", "what has {n} said", "statements by {n}", "quotes from {n}"]).format(n=f["speaker"])
        elif kind == "surname":
            q = f"what did {f['surname']} say"
        elif kind == "typo":
            name = f["surname"]
            i = rng.randrange(4, max(5, len(name) - 1))
            q = f"what did {name[:i] + name[i + 1:]} say about {keyword}"
        elif kind in ("role", "role+topic", "role+dated"):
            if kind == "role" and rng.random() < 0.3:  # any office, whether it spoke or not
                o = rng.choice(offices)
                f = {"office": o["kind"], "short": o["short"], "body": o["body"]}
            ask = rng.choice(_ROLE_ASKS[f["office"]]).format(short=f["short"].lower(), short_l=f["short"].lower(), body=f["body"])
            q = f"what did the {ask} say"
            if kind == "role+topic":
                q += f" about {keyword}"
            elif kind == "role+dated":
                q += rng.choice([f" in {year}", f" in {month} {year}"])
        elif kind == "speaker+topic":
            q = rng.choice(["what did {n} say about {k}", "{n} on {k}", "what did {n} say about {k} in {p}"]).format(n=rng.choice([f["speaker"], f["surname"]]), k=keyword, p=f["province"])
        elif kind == "topic":
            q = rng.choice(["what was said about {k} in {p}", "statements about {k}", "what has been said about {k} in {d}", "comments on {k} in {p}"]).format(k=keyword, p=f["province"], d=f["district"] or f["province"])
        elif kind == "who-said":
            text = rng.choice(f["quotes"])["text"]
            words = text.split()
            if len(words) > 10:
                a = rng.randrange(0, len(words) - 8)
                words = words[a : a + rng.randrange(6, 10)]
            q = "who said " + " ".join(words).strip(",.\"")
        elif kind == "dated":
            q = rng.choice(["what did {n} say in {m} {y}", "what did {n} say about {k} in {y}", "{k} statements in {m} {y}"]).format(n=f["surname"], m=month, y=year, k=keyword)
        else:
            q = f"latest from {f['speaker']}"
        out.append(Question(q, kind))
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="output directory (articles/ and facts.json)")
    parser.add_argument("--passages", default="10k", help="10k, 100k, 1m or a number (default 10k)")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1)
    parser.add_argument("--questions", type=int, default=0, help="also print N questions")
    args = parser.parse_args(argv)
    facts = generate(args.out, parse_size(args.passages), seed=args.seed, workers=args.workers, log=lambda s: print(s, file=sys.stderr))
    for q in make_questions(facts, args.questions):
        print(f"{q.kind}\t{q.text}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
