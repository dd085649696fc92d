"""Hand-written news coverage for the story tests: one event told by several outlets
in their own words over days, and unrelated stories around it. Made up for the tests
(places and people are fictional)."""

from __future__ import annotations

# The event: a dam breach on the Valdera river; the first report, the next day's
# coverage elsewhere, and a follow-up four days later (the inquiry).
FLOOD = [
    (
        "Dam breach floods Valdera valley, thousands evacuated",
        "The Orsk dam on the Valdera river gave way early on Tuesday, sending a wall of "
        "water through three villages in the Valdera valley. Regional governor Ilse "
        "Brandt said 4,200 people had been evacuated to schools in Merano Alto and that "
        "rescue teams were searching for eleven missing residents. Engineers had warned "
        "in March that the Orsk dam's spillway was cracked, according to documents seen "
        "by local reporters. The breach cut the main road to Merano Alto and left the "
        "valley without power.",
    ),
    (
        "Eleven still missing after Orsk dam collapse",
        "Rescuers in the Valdera valley were still looking for eleven people on "
        "Wednesday, a day after the Orsk dam collapsed and flooded the villages below it. "
        "Governor Ilse Brandt visited shelters in Merano Alto, where 4,200 evacuees are "
        "sleeping in school gyms, and promised an independent inquiry into why repairs "
        "to the cracked spillway were delayed. Power returned to part of the valley in "
        "the evening, but the road to Merano Alto remains under water.",
    ),
    (
        "Inquiry into Orsk dam failure opens as Valdera villages count losses",
        "An independent inquiry into the collapse of the Orsk dam opened on Saturday in "
        "Merano Alto, four days after the breach flooded the Valdera valley. Governor "
        "Ilse Brandt told the panel that the cracked spillway had been reported in March "
        "and that the repair contract was never signed. Nine of the eleven residents "
        "reported missing have been found alive; two are dead. Most of the 4,200 people "
        "evacuated from the Valdera villages are still in shelters.",
    ),
]

# The same event's first hours, before FLOOD[0]: a wire flash with few details, then a
# report in words of its own. Neither fits the other; FLOOD[0] fits the second well and
# the flash less, and the flash fits the two together.
EARLY = [
    (
        "Dam fails on Valdera river",
        "A dam on the Valdera river failed early on Tuesday and water was pouring into the "
        "valley below, emergency services said. Evacuations were under way. More to follow.",
    ),
    (
        "Villages evacuated as Orsk reservoir empties into valley",
        "Thousands of residents of the Valdera valley spent the night in school gyms in "
        "Merano Alto after the Orsk reservoir emptied through its broken wall, governor "
        "Ilse Brandt said on Tuesday. Eleven people are missing and rescue teams are "
        "searching the flooded villages.",
    ),
]

# Unrelated stories of the same days: they give the words their weights, and none of
# them may join the flood.
OTHERS = [
    (
        "Central bank holds rates as inflation eases",
        "The central bank kept its main interest rate at 3.5 percent on Tuesday, saying "
        "inflation had eased for a fourth month but wages were still rising quickly. "
        "Markets had expected the decision. The bank's governor said a cut was possible "
        "in the spring if prices kept falling.",
    ),
    (
        "Teenager wins national chess title in upset",
        "A 15-year-old from Porto Vell won the national chess championship on Wednesday, "
        "beating the three-time champion in a rapid tiebreak. She is the youngest winner "
        "in the tournament's history and qualifies for the world junior event.",
    ),
    (
        "City council approves new tram line",
        "The city council voted 31 to 12 on Thursday to build a tram line linking the "
        "harbour to the university district. Construction is due to start next year and "
        "the line should carry 40,000 passengers a day when it opens.",
    ),
    (
        "Museum returns stolen painting after forty years",
        "A portrait stolen from the national gallery in 1984 was handed back on Friday "
        "after a collector recognised it at an auction. Police said no charges would be "
        "brought against the seller, who had bought it in good faith.",
    ),
    (
        "Airline cancels flights as pilots strike",
        "The country's largest airline cancelled 180 flights on Saturday as pilots "
        "walked out over pay and rosters. The union said the strike would last two days "
        "unless management returned to talks.",
    ),
]
