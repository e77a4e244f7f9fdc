"""Original demo content written for Masthead.

Everything in this module was written for the Masthead demo news site. The sections, staff,
towns, companies, teams and most events are fictional. The single article that reports a real
event (the Russian ambassador's remarks of 2 December 2020) is told in our own words and carries
no verbatim quotation from any other publication.

Body blocks are tuples:

* ``("p", text)`` - a paragraph (plain text, with sparing ``<em>`` or internal ``<a href>``),
* ``("h", text)`` - a subhead,
* ``("q", text, who)`` - a quote block,
* ``("photo", PHOTO)`` - an inline photo.

Photo dicts carry ``key``, ``alt``, ``caption`` and ``credit``; the images themselves are
generated, so ``key`` only has to be unique.
"""

from typing import Any

SECTIONS: list[dict[str, str]] = [
    {
        "slug": "world",
        "name": "World",
        "description": "Diplomacy, elections and the news that crosses borders.",
    },
    {
        "slug": "science",
        "name": "Science",
        "description": "Research, health and the people who work at the edge of what we know.",
    },
    {
        "slug": "business",
        "name": "Business",
        "description": "Companies, jobs and the money that moves through our towns.",
    },
    {
        "slug": "culture",
        "name": "Culture",
        "description": "Stage, page, music and the places where communities gather.",
    },
    {
        "slug": "sport",
        "name": "Sport",
        "description": "Results, races and the clubs that keep local sport going.",
    },
]

AUTHORS: list[dict[str, str]] = [
    {
        "slug": "clara-wendt",
        "name": "Clara Wendt",
        "bio": (
            "Diplomatic correspondent based in Washington. Clara has covered foreign policy, "
            "arms control and international organisations for more than a decade."
        ),
    },
    {
        "slug": "tomas-okafor",
        "name": "Tomas Okafor",
        "bio": (
            "Science and health reporter. A former laboratory technician, Tomas writes about "
            "medicine, public health and the night sky."
        ),
    },
    {
        "slug": "ines-marlow",
        "name": "Ines Marlow",
        "bio": (
            "Business and culture writer. Ines follows small firms, big employers and the arts "
            "venues that depend on both."
        ),
    },
    {
        "slug": "priya-haldane",
        "name": "Priya Haldane",
        "bio": (
            "Staff photographer and sports reporter. Priya shoots everything from council "
            "meetings to cup finals and writes the weekend match reports."
        ),
    },
]

ARTICLES: list[dict[str, Any]] = [
    {
        "slug": "russia-offers-us-covid-cooperation-and-vaccine",
        "headline": "Russian envoy proposes joint pandemic fight and offers vaccine to US",
        "standfirst": (
            "Moscow's ambassador in Washington used a think-tank webinar to call for cooperation "
            "on COVID-19, arms control and Iran, and said Russia would recognise the election "
            "winner once the legal process ends."
        ),
        "section": "world",
        "tags": ["vaccine", "coronavirus", "COVID-19", "Russia", "US"],
        "authors": ["clara-wendt"],
        "dateline": "WASHINGTON",
        "published": "2020-12-03T02:54:00Z",
        "recommended": True,
        "lead_photo": {
            "key": "russia-envoy-webinar-screen",
            "alt": (
                "A laptop on an office desk shows a video-conference window with an empty "
                "lectern and a row of flags, next to a notebook and a cup of coffee."
            ),
            "caption": (
                "The think-tank event with Russia's ambassador was held online on "
                "Wednesday because of the pandemic."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Russia's ambassador to the United States, Anatoly Antonov, told an online "
                "audience on Wednesday that Moscow would like to work with Washington against "
                "the coronavirus, and that it would be willing to make its vaccine available "
                "to Americans.",
            ),
            (
                "p",
                "Speaking at a virtual event organised by the Brookings Institution, the envoy "
                "argued that the two countries gain nothing by treating vaccine development as "
                "a race. In his view, pooling effort would serve both sides better, and any "
                "Russian shot that proved able to protect people in the United States could be "
                "offered to them.",
            ),
            (
                "q",
                "Moscow wants cooperation rather than rivalry on vaccines, and is prepared to "
                "offer its own shots to the United States.",
                "Summary of the ambassador's remarks",
            ),
            ("h", "Two candidates in late-stage trials"),
            (
                "p",
                "Russia currently has two vaccine candidates in the final phase of clinical "
                "testing: Sputnik V, produced by the Gamaleya Institute in Moscow, and "
                "EpiVacCorona, from the Vector research centre in Siberia. On the same day as "
                "the webinar, President Vladimir Putin ordered officials to begin a mass "
                "vaccination campaign by the end of the following week.",
            ),
            (
                "p",
                "Moscow registered Sputnik V in August, before large-scale trials had been "
                "completed, a move that drew criticism from some scientists abroad who asked to "
                "see more data. Russian officials have since published interim results and say "
                "the vaccine is highly effective, and several countries have expressed interest "
                "in buying it.",
            ),
            (
                "p",
                "Neither vaccine has been submitted for approval in the United States, and the "
                "ambassador did not describe how doses might be supplied, priced or reviewed "
                "by American regulators. Scientists elsewhere have been weighing how quickly "
                "any approved vaccine can be moved and stored; see our report on <a "
                'href="/articles/cold-chain-freezers-vaccine-logistics/">freezer logistics</a>.',
            ),
            ("h", "Six areas for closer ties"),
            (
                "p",
                "Mr Antonov said Russia remained optimistic about relations with the United "
                "States and wanted to build on whatever had worked in the past. He listed six "
                "fields in which he saw room for closer contact: strategic stability, "
                "non-proliferation, counter-terrorism, the pandemic, space and cybersecurity.",
            ),
            (
                "p",
                "He also said he hoped to see Russia's defence and foreign ministers travel to "
                "Washington to revive the so-called 2+2 format, in which the two governments' "
                "top diplomats and defence chiefs meet together. That channel has been largely "
                "dormant.",
            ),
            (
                "photo",
                {
                    "key": "russian-embassy-washington-winter",
                    "alt": (
                        "A pale stone embassy building behind a black iron fence on a grey winter "
                        "morning, with a flag on a pole above the entrance."
                    ),
                    "caption": (
                        "The Russian embassy compound in Washington. The ambassador called for "
                        "defence and foreign ministers to resume joint meetings."
                    ),
                    "credit": "Priya Haldane / Masthead",
                },
            ),
            ("h", "New START and the Iran deal"),
            (
                "p",
                "On arms control, the ambassador said talks on extending the New Strategic "
                "Arms Reduction Treaty were still going on despite the American post-election "
                "transition. The treaty, the last major agreement limiting the two countries' "
                "nuclear arsenals, is due to expire in February 2021. He said there was still "
                "enough time to reach a deal and that an extension could be agreed quickly.",
            ),
            (
                "p",
                "He described himself as being in close touch with Marshall Billingslea, the "
                "US special envoy for arms control, who has led the American side in the "
                "negotiations. At the same time he cautioned that, for all of Moscow's recent "
                "proposals, there was no guarantee the arms control picture would improve.",
            ),
            (
                "p",
                "New START, signed in 2010, caps each side at 1,550 deployed strategic warheads "
                "and allows a single extension of up to five years. The remarks came less than "
                "two weeks after the United States completed its withdrawal from the Open Skies "
                "Treaty, which permitted unarmed surveillance flights over member states' "
                "territory.",
            ),
            (
                "p",
                "Turning to Iran, Mr Antonov said Russia would be pleased if the United States "
                "decided to rejoin the 2015 nuclear agreement, which the Trump administration "
                "abandoned in 2018. Before the 3 November vote, Joe Biden had said he would "
                "bring the United States back into the accord, as a basis for further talks, "
                "if Tehran returned to full compliance.",
            ),
            ("h", "Recognising the election result"),
            (
                "p",
                "Asked whether Moscow would recognise Mr Biden as the next president, the "
                "ambassador said Russia would wait until the official results had been "
                "certified under American law, after which it would follow normal diplomatic "
                "protocol. He added that Russia regarded the choice of president as a domestic "
                "matter for the United States and would accept whichever candidate American "
                "voters chose.",
            ),
            (
                "p",
                "Russia has not yet congratulated Mr Biden, unlike most other major governments. "
                "It was not clear on Wednesday whether the incoming administration would take "
                "up the offer of vaccine cooperation.",
            ),
        ],
        "related": [
            "cold-chain-freezers-vaccine-logistics",
            "wastewater-testing-flags-virus-early",
            "morvane-runoff-vote-under-pandemic-rules",
        ],
        "related_links": [
            (
                "Freezer boxes put to the test for vaccines that must stay ultra-cold",
                "/articles/cold-chain-freezers-vaccine-logistics/",
            ),
            (
                "Sewage samples warned Brackley Fen of rising infections days early",
                "/articles/wastewater-testing-flags-virus-early/",
            ),
            (
                "Morvane votes in a runoff shaped by distancing rules",
                "/articles/morvane-runoff-vote-under-pandemic-rules/",
            ),
        ],
    },
    {
        "slug": "valmora-kessing-bridge-reopens-after-flood-repairs",
        "headline": "Valmora-Kessing bridge reopens to traffic eight months after spring floods",
        "standfirst": (
            "The only road link between the two border towns is back in use, ending detours of "
            "up to ninety minutes for commuters, lorries and school buses."
        ),
        "section": "world",
        "tags": ["infrastructure", "floods", "Valmora", "Kessing"],
        "authors": ["clara-wendt", "priya-haldane"],
        "dateline": "VALMORA",
        "published": "2020-11-24T11:30:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "valmora-bridge-first-cars",
            "alt": (
                "Cars cross a rebuilt concrete bridge over a wide brown river while people "
                "wave from the footpath."
            ),
            "caption": (
                "The first cars cross the repaired Valmora-Kessing bridge on Tuesday morning."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "The road bridge linking Valmora with its neighbour Kessing on the far bank of "
                "the Lisse river reopened on Tuesday, eight months after floodwater undermined "
                "two of its piers and forced engineers to close it overnight.",
            ),
            (
                "p",
                "A small crowd gathered on the Valmora side before dawn. When the barriers were "
                "lifted at seven o'clock, a delivery van and a school bus were the first "
                "vehicles across, followed by a queue of commuters who had spent most of the "
                "year driving round by the motorway crossing forty kilometres downstream.",
            ),
            ("h", "A long detour"),
            (
                "p",
                "About 6,000 vehicles used the bridge each day before the floods. Local "
                "businesses say the closure cut footfall sharply, particularly for shops and "
                "cafes near the river in Kessing that depend on shoppers from the larger town. "
                "A temporary foot ferry carried around 400 passengers a day but could not take "
                "cars or freight.",
            ),
            (
                "q",
                "For eight months my twenty-minute drive to work took an hour and a half. "
                "This morning I got there before my coffee went cold.",
                "Marta Ilves, a nurse who lives in Kessing",
            ),
            ("h", "Repairs and costs"),
            (
                "p",
                "Engineers replaced the damaged piers with new foundations sunk deeper into "
                "the riverbed and added stone protection around their bases to reduce scouring "
                "in future floods. The joint works committee of the two municipalities put the "
                "final cost at 14.2 million, about a tenth higher than first estimated, citing "
                "delays to steel deliveries during the pandemic.",
            ),
            (
                "p",
                "Border checks, reintroduced in the spring as a public health measure, remain "
                "in place on a random basis. Officials on both sides said they expected "
                "traffic to return to normal levels within weeks, although a weight limit for "
                "heavy lorries will stay until final load tests are completed in January.",
            ),
            (
                "p",
                "The committee also said it would publish a review of flood defences along the "
                "upper Lisse early next year, after residents on both banks complained that "
                "warnings had come too late in March.",
            ),
        ],
        "related": ["kessing-shops-click-and-collect-holidays"],
        "related_links": [
            (
                "Lisse river flood review: terms of reference (joint works committee)",
                "https://example.org/lisse-flood-review",
            ),
        ],
    },
    {
        "slug": "morvane-runoff-vote-under-pandemic-rules",
        "headline": "Morvane votes in a runoff shaped by distancing rules",
        "standfirst": (
            "Voters on the island state queued outdoors in the rain to choose between two "
            "presidential candidates, with results expected early next week."
        ),
        "section": "world",
        "tags": ["election", "coronavirus", "COVID-19", "tourism"],
        "authors": ["clara-wendt"],
        "dateline": "PORT ELLIS, Morvane",
        "published": "2020-11-29T18:45:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "morvane-voters-queue-rain",
            "alt": (
                "Voters holding umbrellas stand two metres apart in a line outside a school "
                "used as a polling station."
            ),
            "caption": (
                "Voters keep their distance outside a polling station in Port Ellis on Sunday."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Voters on Morvane went to the polls on Sunday for the second round of the "
                "island's presidential election, in a contest run under some of the strictest "
                "public health rules of any vote held this year.",
            ),
            (
                "p",
                "Polling stations opened an hour early to spread out the crowds. Only three "
                "voters were allowed inside each station at a time, everyone was asked to "
                "bring their own pen, and election workers wiped down booths after each use. "
                "Lines stretched around school playgrounds in the capital, Port Ellis, for much "
                "of the morning despite steady rain.",
            ),
            ("h", "Two candidates, one issue"),
            (
                "p",
                "The runoff pits the former fisheries minister, Ana Corvell, against the mayor of "
                "Port Ellis, Henrik Dassow. Their campaigns turned on a single question: how to "
                "reopen the tourism industry, which provides about a third of the island's jobs, "
                "without risking a second wave of infections.",
            ),
            (
                "p",
                "Ms Corvell has promised a quick return of cruise ships with testing at the "
                "harbour. Mr Dassow favours a slower reopening tied to the arrival of a "
                "vaccine and has pledged wage support for hotel staff through the winter.",
            ),
            (
                "q",
                "I waited forty minutes in the rain, but nobody here was going to miss this "
                "one. The next president decides whether my restaurant survives the winter.",
                "Lio Faresse, a restaurant owner in Port Ellis",
            ),
            ("h", "Postal and proxy votes"),
            (
                "p",
                "For the first time, residents in quarantine were allowed to vote by post or "
                "to nominate a proxy. The electoral commission said it had received about "
                "11,000 postal ballots, roughly eight per cent of the expected total, and that "
                "counting them would take until Tuesday.",
            ),
            (
                "p",
                "Observers from a regional parliamentary assembly said the first round, held "
                "two weeks ago, had been orderly. Turnout then was 61 per cent. Preliminary "
                "results from the runoff are expected on Monday evening, with a final count "
                "due once the postal ballots have been verified.",
            ),
        ],
        "related": ["russia-offers-us-covid-cooperation-and-vaccine"],
        "related_links": [
            (
                "Morvane electoral commission: how postal voting works",
                "https://example.org/morvane-postal-voting",
            ),
        ],
    },
    {
        "slug": "cold-chain-freezers-vaccine-logistics",
        "headline": "Freezer boxes put to the test for vaccines that must stay ultra-cold",
        "standfirst": (
            "Engineers at the Halden Institute spent a week driving insulated shipping boxes "
            "around the region to find out how long they can hold minus 70 degrees."
        ),
        "section": "science",
        "tags": ["vaccine", "coronavirus", "COVID-19", "public health"],
        "authors": ["tomas-okafor"],
        "dateline": "HALDEN",
        "published": "2020-11-27T08:15:00Z",
        "recommended": True,
        "lead_photo": {
            "key": "halden-dry-ice-shipping-box",
            "alt": (
                "A technician in thick gloves lifts a tray of empty glass vials out of a "
                "white insulated box that is steaming with dry ice."
            ),
            "caption": (
                "A technician at the Halden Institute checks a test shipment packed with dry ice."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Some of the coronavirus vaccines now nearing approval have to be kept far "
                "colder than an ordinary pharmacy fridge can manage. At the Halden Institute, "
                "a team of engineers has spent the past week finding out what that means in "
                "practice, by loading insulated boxes with dry ice and dummy vials and sending "
                "them on the kind of journeys real doses would make.",
            ),
            (
                "p",
                "Each box carried a small data logger that recorded the temperature every "
                "minute. Some went by van to rural clinics two hours away; others sat on a "
                "loading dock, were opened several times a day, or were left in the boot of "
                "a car parked in the sun.",
            ),
            ("h", "Opening the lid is the weak point"),
            (
                "p",
                "The results, shared with regional health officials on Thursday, suggest that "
                "a well-packed box can stay below minus 60 degrees for around nine days if it "
                "is left closed and topped up with dry ice. Each time the lid was opened for "
                "more than a minute, however, the interior warmed by several degrees and took "
                "hours to recover.",
            ),
            (
                "q",
                "The box itself is very good. The problem is people. If you open it ten times "
                "a day to take out a few vials, you lose days of shelf life.",
                "Dr Sanne Ruvald, who led the trial",
            ),
            (
                "p",
                "The team recommends that clinics plan their sessions so that each box is "
                "opened no more than twice a day, and that someone is named at each site to "
                "log every opening.",
            ),
            ("h", "Dry ice supply"),
            (
                "p",
                "The second concern is dry ice itself. Much of it is a by-product of ammonia "
                "and ethanol production, and suppliers said output had dipped during the "
                "year as factories slowed. Halden's engineers estimate the region would need "
                "about four tonnes a week during a large vaccination campaign, several times "
                "what hospitals normally order.",
            ),
            (
                "p",
                "Not every vaccine faces the same constraints. Several candidates can be kept "
                "in standard refrigerators for weeks, and the institute plans a second round "
                "of tests for those in January. Health officials said they would use both sets "
                "of results to decide which clinics receive which products.",
            ),
        ],
        "related": [
            "wastewater-testing-flags-virus-early",
            "russia-offers-us-covid-cooperation-and-vaccine",
        ],
        "related_links": [
            ("Halden Institute cold-chain trial summary", "https://example.org/halden-cold-chain"),
        ],
    },
    {
        "slug": "amateur-astronomers-spot-comet-fragment",
        "headline": "Amateur astronomers catch a comet breaking apart",
        "standfirst": (
            "Two members of the Greyhill Astronomical Society photographed a faint comet as it "
            "split into at least three pieces, and professional observatories have since "
            "confirmed the find."
        ),
        "section": "science",
        "tags": ["space", "astronomy", "Greyhill"],
        "authors": ["tomas-okafor"],
        "dateline": "GREYHILL",
        "published": "2020-11-21T16:00:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "greyhill-observatory-dome-night",
            "alt": (
                "A small white observatory dome with its shutter open under a starry sky, "
                "lit faintly red from inside."
            ),
            "caption": (
                "The Greyhill Astronomical Society's observatory, where the comet images were "
                "taken."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Two amateur astronomers working from a hilltop observatory outside Greyhill "
                "have recorded a small comet falling apart, an event professional astronomers "
                "say is rarely caught as it happens.",
            ),
            (
                "p",
                "Ruth Ashdown, a retired maths teacher, and Kofi Benning, a software developer, "
                "were taking routine images of the comet on the night of 14 November when they "
                "noticed that its bright centre looked stretched. Over the next three clear "
                "nights the smear separated into three distinct points of light, each with its "
                "own faint tail.",
            ),
            (
                "q",
                "At first I assumed I had knocked the telescope. Then we saw the same shape "
                "the next night, a bit further apart, and we both went very quiet.",
                "Kofi Benning",
            ),
            ("h", "Confirmation from the professionals"),
            (
                "p",
                "The pair sent their images to an international clearing house for comet "
                "observations. Within a week, two university observatories had photographed "
                "the fragments with larger telescopes and confirmed the break-up.",
            ),
            (
                "p",
                "Comets are loose bundles of ice and dust. When they pass close to the Sun, "
                "the ice turns to gas and can tear the fragile nucleus apart. Studying the "
                "pieces can reveal what the interior is made of, which is normally hidden "
                "beneath a dusty crust.",
            ),
            (
                "p",
                "Professional astronomers said the amateur images were especially valuable because "
                "they caught the first hours of the break-up, when the fragments were still close "
                "together and before large telescopes had begun watching.",
            ),
            ("h", "Can you see it?"),
            (
                "p",
                "Not without help. The fragments are far too faint for the naked eye or "
                "binoculars, and will fade further as the comet moves away from the Sun. "
                "The society says anyone with a telescope of 20 centimetres or more and a "
                "camera may be able to record them from a dark site before mid-December.",
            ),
            (
                "p",
                "The society, which has about 80 members, is holding its winter open evenings "
                "online this year and will show the sequence of images at its next session.",
            ),
        ],
        "related": [],
        "related_links": [
            ("Greyhill Astronomical Society", "https://example.org/greyhill-astro"),
        ],
    },
    {
        "slug": "wastewater-testing-flags-virus-early",
        "headline": "Sewage samples warned Brackley Fen of rising infections days early",
        "standfirst": (
            "A pilot programme testing the town's wastewater picked up a rise in coronavirus "
            "traces nearly a week before positive tests began to climb."
        ),
        "section": "science",
        "tags": ["coronavirus", "COVID-19", "public health"],
        "authors": ["tomas-okafor"],
        "dateline": "BRACKLEY FEN",
        "published": "2020-12-01T10:20:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "brackley-fen-wastewater-sampler",
            "alt": (
                "A worker in a high-visibility jacket lowers a sampling bottle on a cord into "
                "a concrete channel at a treatment works."
            ),
            "caption": (
                "A sample is taken at the Brackley Fen treatment works, which is tested three "
                "times a week."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Scientists monitoring the sewage of Brackley Fen say their samples showed a "
                "sharp rise in coronavirus genetic material in mid-November, five to six days "
                "before the number of positive tests from residents began to increase.",
            ),
            (
                "p",
                "People infected with the virus shed fragments of it in their stools, often "
                "before they feel unwell and whether or not they are ever tested. Measuring "
                "those fragments at a treatment works gives a rough picture of infection across "
                "everyone connected to it, in this case about 34,000 people.",
            ),
            ("h", "How the pilot works"),
            (
                "p",
                "Since September, staff at the treatment works have collected a 24-hour "
                "composite sample three times a week. The samples are driven to a regional "
                "laboratory, where the viral material is concentrated and measured. Results "
                "are usually available within two days.",
            ),
            (
                "q",
                "It does not tell you who is ill. It tells you that something is changing, "
                "and it tells you early enough to do something about it.",
                "Dr Amir Castellan, the laboratory's lead scientist",
            ),
            (
                "p",
                "When the readings jumped, the council opened an extra walk-in testing site "
                "and sent letters to households in the catchment urging anyone with symptoms to "
                "book a test. Officials believe the early warning helped to find cases sooner, "
                "although they acknowledge it is hard to measure the effect.",
            ),
            ("h", "Limits of the method"),
            (
                "p",
                "The approach has weaknesses. Heavy rain dilutes the samples, and the amount "
                "of virus people shed varies widely. The team adjusts its figures using flow "
                "rates and a marker for human waste, but warns against reading too much into "
                "any single result.",
            ),
            (
                "p",
                "Similar programmes have been set up in several countries this year, and "
                "researchers are comparing methods so that results from different places can be "
                "read side by side.",
            ),
            (
                "p",
                "The programme is funded until March. The laboratory has asked for money to "
                "extend it to four more towns, arguing that the same network could later track "
                "other infections such as influenza.",
            ),
        ],
        "related": ["cold-chain-freezers-vaccine-logistics"],
        "related_links": [],
    },
    {
        "slug": "northwind-air-cuts-winter-schedule",
        "headline": "Northwind Air cuts winter schedule and puts 300 jobs at risk",
        "standfirst": (
            "The regional carrier will suspend eleven routes until at least March, blaming weak "
            "bookings and changing travel rules."
        ),
        "section": "business",
        "tags": ["aviation", "coronavirus", "jobs", "tourism"],
        "authors": ["ines-marlow"],
        "dateline": "ASHFORD MOOR",
        "published": "2020-11-23T07:40:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "northwind-turboprops-parked",
            "alt": (
                "Three small turboprop aircraft with blue tails parked on a wet apron with "
                "covers over their engines."
            ),
            "caption": "Northwind Air aircraft parked at Ashford Moor airport on Sunday.",
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Northwind Air, the regional airline based at Ashford Moor, said on Monday that "
                "it would suspend eleven of its nineteen routes for the winter and begin "
                "consulting staff on up to 300 job cuts, about a quarter of its workforce.",
            ),
            (
                "p",
                "The company said advance bookings for December to February were running at "
                "less than 30 per cent of last year's level. Business travel, which normally "
                "fills its early-morning flights, has all but disappeared, and frequent changes "
                "to quarantine rules have made leisure travellers wary of booking ahead.",
            ),
            (
                "p",
                "Northwind operates a fleet of 22 turboprop aircraft and carried about 1.4 million "
                "passengers last year. The company said eight aircraft would be parked until the "
                "spring, with leases on two others handed back early.",
            ),
            ("h", "Routes that remain"),
            (
                "p",
                "The airline will keep flying its busiest domestic routes and two island "
                "services that carry medical supplies and post under a public contract. "
                "Passengers booked on cancelled flights will be offered a full refund or a "
                "free change to a later date.",
            ),
            (
                "q",
                "We would rather make a painful decision now than risk the whole airline in "
                "the spring. Our aim is to bring every route back when people are ready to "
                "fly again.",
                "Hanna Soderby, chief executive of Northwind Air",
            ),
            ("h", "Unions call for talks"),
            (
                "p",
                "The union representing cabin crew and ground staff said it would push for "
                "reduced hours and unpaid leave instead of redundancies, and urged the "
                "government to extend its wage support scheme for the aviation sector beyond "
                "the end of January.",
            ),
            (
                "p",
                "Ashford Moor airport, for which Northwind provides more than half of all "
                "flights, said it would review its own staffing. Local hotels and taxi firms "
                "warned that the knock-on effect could be felt across the town.",
            ),
            (
                "p",
                "Analysts said the decision was in line with moves by other small carriers. "
                "Most expect demand to recover only slowly once vaccines are widely available, "
                "with business travel the last to return.",
            ),
        ],
        "related": ["kessing-shops-click-and-collect-holidays"],
        "related_links": [],
    },
    {
        "slug": "kessing-shops-click-and-collect-holidays",
        "headline": "Kessing's small shops turn to click-and-collect for the holidays",
        "standfirst": (
            "With the bridge only just reopened and crowds discouraged, independent retailers "
            "are building simple online shops and pick-up points for the busiest weeks of "
            "the year."
        ),
        "section": "business",
        "tags": ["retail", "coronavirus", "holidays", "Kessing", "jobs"],
        "authors": ["ines-marlow"],
        "dateline": "KESSING",
        "published": "2020-11-30T09:00:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "kessing-bookshop-collection-table",
            "alt": (
                "A shopkeeper hands a paper bag tied with string across a table set up in "
                "a bookshop doorway."
            ),
            "caption": "A Kessing bookseller hands over an online order at her shop door.",
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "For most of the year, Eda Morrow's bookshop on Kessing's Quay Street sold "
                "almost nothing online. This month it has taken more than 400 web orders, most "
                "of them collected at a table in the shop doorway.",
            ),
            (
                "p",
                "She is one of about 40 independent traders in the town who have joined a "
                "shared click-and-collect scheme set up by the local chamber of commerce. "
                "Customers browse a single website, pay in advance and choose a time slot to "
                "pick up their goods, either at each shop or at a central collection point in "
                "the old market hall.",
            ),
            ("h", "A slow year, then a rush"),
            (
                "p",
                "Kessing's traders had a difficult year even before the pandemic. The spring "
                "floods closed the road bridge to Valmora, cutting off many regular shoppers "
                'until it <a href="/articles/valmora-kessing-bridge-reopens-after-flood-repairs/'
                '">reopened last week</a>. Restrictions on gatherings have since made the '
                "usual Christmas market impossible.",
            ),
            (
                "q",
                "We were never going to compete with the big online stores on price. What we "
                "can do is make it easy, local and friendly, and people have responded.",
                "Jonas Prell, president of the Kessing chamber of commerce",
            ),
            (
                "p",
                "The scheme cost about 18,000 to set up, split between the chamber and a grant "
                "from the municipality. Shops pay a small monthly fee and a share of each sale "
                "to cover card charges and the part-time staff who run the collection point.",
            ),
            (
                "p",
                "The chamber says orders have been strongest for books, toys, cheese and locally "
                "made pottery, and weakest for clothing, which customers still prefer to try on.",
            ),
            ("h", "Will it last?"),
            (
                "p",
                "Traders are divided on whether online sales will stay once life returns to "
                "normal. Some say the website has brought in customers from further afield "
                "who had never visited the town. Others see it as a stopgap and miss the "
                "conversations that come with browsing.",
            ),
            (
                "p",
                "The chamber plans to survey members in January and decide whether to keep "
                "the site running all year.",
            ),
        ],
        "related": [
            "valmora-kessing-bridge-reopens-after-flood-repairs",
            "northwind-air-cuts-winter-schedule",
        ],
        "related_links": [
            ("Shop Kessing: the town's shared online market", "https://example.com/shop-kessing"),
        ],
    },
    {
        "slug": "battery-maker-plans-plant-in-former-mill-town",
        "headline": "Battery maker picks former mill town of Orrin Vale for new plant",
        "standfirst": (
            "Cellwright says the factory would employ about 900 people by 2024 and reuse the "
            "site of a paper mill that closed a decade ago."
        ),
        "section": "business",
        "tags": ["energy", "jobs", "manufacturing", "Orrin Vale"],
        "authors": ["ines-marlow"],
        "dateline": "ORRIN VALE",
        "published": "2020-12-02T13:10:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "orrin-vale-mill-site",
            "alt": (
                "A derelict brick mill with a tall chimney beside a river, with a fenced "
                "field of rubble in the foreground."
            ),
            "caption": (
                "The former Orrin Vale paper mill, which Cellwright plans to replace with a "
                "battery factory."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Cellwright, a maker of batteries for electric buses and grid storage, said on "
                "Wednesday that it had chosen Orrin Vale for its first large factory, a "
                "decision that local leaders called the best news the town has had in years.",
            ),
            (
                "p",
                "The company plans to build on the site of the old Orrin Vale paper mill, "
                "which shut in 2010 with the loss of 1,100 jobs. Construction would begin next "
                "summer if planning permission is granted, with production starting in 2023 "
                "and the workforce rising to about 900 the following year.",
            ),
            ("h", "Why Orrin Vale"),
            (
                "p",
                "Cellwright said the site offered a strong grid connection left over from the "
                "mill, a rail siding and a river for cooling water. It also pointed to a "
                "technical college nearby that has agreed to run courses in battery assembly "
                "and maintenance.",
            ),
            (
                "q",
                "The mill gave this town its identity for a hundred years. We would like to "
                "give it the next hundred, with a different product.",
                "Lukas Andersohn, Cellwright's founder",
            ),
            ("h", "Questions remain"),
            (
                "p",
                "The company has not yet secured all of its financing. It is seeking a loan "
                "from a state green investment fund and says private investors have committed "
                "about half of the estimated 420 million cost.",
            ),
            (
                "p",
                "Industry analysts said demand for large batteries was growing quickly as bus "
                "fleets switch to electric power and energy companies look for ways to store wind "
                "and solar power, but warned that competition from established Asian "
                "manufacturers was fierce.",
            ),
            (
                "p",
                "Environmental groups welcomed the reuse of an industrial site but asked for "
                "details of how the plant would handle chemicals and waste water. Some "
                "residents living near the river said they were worried about lorry traffic "
                "through the narrow town centre.",
            ),
            (
                "p",
                "The council said a public consultation would open in February. Former mill "
                "workers gathered at the town's social club on Wednesday evening, and several "
                "said they hoped their children would not have to leave to find work.",
            ),
        ],
        "related": ["northwind-air-cuts-winter-schedule"],
        "related_links": [
            ("Cellwright planning application documents", "https://example.com/cellwright-orrin"),
        ],
    },
    {
        "slug": "lantern-street-theatre-streams-winter-season",
        "headline": "Lantern Street Theatre plays its winter season to an empty house and a camera",
        "standfirst": (
            "The 200-seat playhouse is streaming four productions live, and says online ticket "
            "sales have already passed those of last winter."
        ),
        "section": "culture",
        "tags": ["theatre", "coronavirus", "streaming", "Valmora"],
        "authors": ["ines-marlow", "priya-haldane"],
        "dateline": "VALMORA",
        "published": "2020-11-22T12:00:00Z",
        "recommended": True,
        "lead_photo": {
            "key": "lantern-street-stage-camera",
            "alt": (
                "Two actors in period costume perform on a lit stage while a camera operator "
                "films them from the empty front row."
            ),
            "caption": (
                "A dress rehearsal of The Lighthouse Keeper's Daughter, filmed from the "
                "empty stalls."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "On Friday evening the curtain rose at the Lantern Street Theatre in Valmora "
                "on an auditorium with no audience at all. Instead, three cameras and a sound "
                "engineer sat among the red velvet seats, and about 1,800 households watched "
                "the opening night from home.",
            ),
            (
                "p",
                "The theatre, which usually seats 200, has moved its entire winter season "
                "online. Four productions, including a new play and a family pantomime, will "
                "be performed live and streamed, with tickets sold per household.",
            ),
            ("h", "Learning to act for the lens"),
            (
                "p",
                "The company spent the autumn working out how to make live theatre feel alive "
                "on a screen. Directors rethought blocking so actors do not turn their backs to "
                "all three cameras at once, and the lighting designer softened the stage "
                "lights, which look harsh on video.",
            ),
            (
                "p",
                "Performances are streamed live rather than recorded, so mistakes stay in. The "
                "company decided early that the risk was part of the appeal, and viewers can join "
                "a short conversation with the cast online after each show.",
            ),
            (
                "q",
                "You lose the laughter coming back at you, which is hard. But you gain a "
                "grandmother watching in a village a hundred miles away who has never been "
                "able to get to us.",
                "Isobel Trent, the theatre's artistic director",
            ),
            (
                "photo",
                {
                    "key": "lantern-street-control-desk",
                    "alt": (
                        "A young woman wearing headphones sits at a vision mixing desk with "
                        "several small screens showing the stage from different angles."
                    ),
                    "caption": (
                        "The vision mixer cuts between three cameras during Friday's live stream."
                    ),
                    "credit": "Priya Haldane / Masthead",
                },
            ),
            ("h", "Money and audiences"),
            (
                "p",
                "Online ticket sales for the season have passed 5,000, more than the theatre "
                "sold for its live winter programme last year. Prices are lower, however, and "
                "the cost of cameras and streaming equipment, paid for partly by a regional "
                "arts grant, means the season is expected to break even at best.",
            ),
            (
                "p",
                "About a third of buyers live more than 50 kilometres from Valmora, according "
                "to the theatre's figures. Staff say they intend to keep streaming some "
                "performances even after audiences can return, as long as they can afford it.",
            ),
            (
                "p",
                "The family pantomime opens on 12 December. Households who cannot afford a "
                "ticket can request a free one through local schools.",
            ),
        ],
        "related": [
            "st-brannocks-choir-rehearses-outdoors-for-advent",
            "orrin-vale-library-digitises-local-newspapers",
        ],
        "related_links": [
            ("Lantern Street Theatre winter season", "https://example.org/lantern-street"),
        ],
    },
    {
        "slug": "orrin-vale-library-digitises-local-newspapers",
        "headline": "A century of the Orrin Vale Courier goes online",
        "standfirst": (
            "Volunteers at the town library have scanned every surviving issue of the local "
            "weekly from 1912 to 2009, making nearly 5,000 editions searchable for free."
        ),
        "section": "culture",
        "tags": ["history", "libraries", "Orrin Vale"],
        "authors": ["ines-marlow"],
        "dateline": "ORRIN VALE",
        "published": "2020-11-26T14:30:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "orrin-vale-courier-scanner",
            "alt": (
                "A volunteer in cotton gloves turns the yellowed page of a large bound "
                "newspaper volume under an overhead scanner."
            ),
            "caption": (
                "A volunteer scans a bound volume of the Orrin Vale Courier from the 1930s."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "For almost a century, the Orrin Vale Courier recorded the births, weddings, "
                "strikes, floods and football results of a small mill town. From this week, "
                "anyone can read it online.",
            ),
            (
                "p",
                "The town library has finished digitising every surviving issue of the weekly "
                "paper, from its first edition in 1912 to its last in 2009. The project took "
                "three years and relied on a team of 26 volunteers, most of them retired, who "
                "worked in shifts on a single overhead scanner in the library basement.",
            ),
            ("h", "Searching the past"),
            (
                "p",
                "The scanned pages have been run through text recognition software, so readers "
                "can search for a name, a street or an event. The library warns that older "
                "type and damaged pages mean some words are misread, and it has invited users "
                "to submit corrections.",
            ),
            (
                "q",
                "People come in looking for one grandparent and stay for three hours. You "
                "find the advert for the shop your family ran, the photo of your street "
                "before the war.",
                "Winifred Casey, the volunteer who coordinated the project",
            ),
            (
                "p",
                "Among the most visited pages so far are reports of the paper mill's opening "
                "in 1921 and its closure in 2010, covered in the last months of the Courier's "
                'life. With <a href="/articles/battery-maker-plans-plant-in-former-mill-town/'
                '">a battery factory now planned for the mill site</a>, the librarian said '
                "interest in the town's industrial past had grown.",
            ),
            ("h", "Gaps in the record"),
            (
                "p",
                "About 140 issues are missing, mostly from the years of the Second World War, "
                "when paper was rationed and some editions were never kept. The library has "
                "asked residents to check attics and cupboards for stray copies.",
            ),
            (
                "p",
                "The project was funded by a heritage grant of 35,000, which paid for the scanner, "
                "software and storage. Volunteers gave an estimated 9,000 hours of their time.",
            ),
            (
                "p",
                "The archive is free to use at the library's website. Volunteers will run "
                "online sessions in December showing people how to search it.",
            ),
        ],
        "related": ["battery-maker-plans-plant-in-former-mill-town"],
        "related_links": [
            ("Orrin Vale Courier digital archive", "https://example.org/courier-archive"),
        ],
    },
    {
        "slug": "st-brannocks-choir-rehearses-outdoors-for-advent",
        "headline": "St Brannock's choir rehearses in a car park for its Advent concert",
        "standfirst": (
            "Barred from singing indoors, the 60-voice community choir has moved rehearsals "
            "outside and will perform its carol concert on the church steps."
        ),
        "section": "culture",
        "tags": ["music", "holidays", "coronavirus", "streaming", "Greyhill"],
        "authors": ["priya-haldane"],
        "dateline": "GREYHILL",
        "published": "2020-12-04T17:30:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "st-brannocks-choir-car-park",
            "alt": (
                "Singers in winter coats and hats stand on marked spots in a car park at dusk, "
                "holding music folders and lit by floodlights."
            ),
            "caption": "The St Brannock's choir rehearses in the church car park on Thursday.",
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Every Thursday at six, the car park behind St Brannock's church in Greyhill "
                "turns into a rehearsal room. Sixty singers in coats, scarves and fingerless "
                "gloves stand on painted crosses two metres apart, while their conductor "
                "directs from a stepladder.",
            ),
            (
                "p",
                "Choirs have been among the hardest hit of all amateur groups this year, "
                "because singing indoors is thought to spread the virus more easily than "
                "speaking. The St Brannock's singers have not met inside since March.",
            ),
            ("h", "Cold hands, warm voices"),
            (
                "p",
                "The conductor, Malcolm Ferrier, said the cold changes how the choir sounds. "
                "Voices take longer to warm up, pitch drifts as temperatures fall, and "
                "turning pages in gloves is slow. Rehearsals have been cut from two hours to "
                "seventy minutes, with a break for flasks of tea.",
            ),
            (
                "q",
                "Outside, you cannot hide. Every singer has to listen much harder to the "
                "people around them, and honestly, the choir has never been better.",
                "Malcolm Ferrier, conductor",
            ),
            (
                "p",
                "Not everyone has come back. About fifteen older members have chosen to stay "
                "at home and sing along to recordings of rehearsals, which the choir shares "
                "online each week.",
            ),
            (
                "p",
                "The choir has also had to think about its neighbours. Rehearsals finish by half "
                "past seven, and members agreed to skip the loudest pieces on weeknights after a "
                "resident of the flats opposite asked, politely, for fewer trumpets in the "
                "recordings played through the portable speaker.",
            ),
            ("h", "Concert on the steps"),
            (
                "p",
                "The Advent concert will take place on the church steps on 13 December, with "
                "the audience asked to stand in marked areas in the square and to book free "
                "tickets in advance. The programme mixes traditional carols with a new piece "
                "written for the choir by a local composer.",
            ),
            (
                "p",
                "If the weather is too wet, the concert will move to the following Sunday. "
                "It will also be streamed, with help from technicians at the <a "
                'href="/articles/lantern-street-theatre-streams-winter-season/">Lantern Street '
                "Theatre</a>.",
            ),
        ],
        "related": ["lantern-street-theatre-streams-winter-season"],
        "related_links": [],
    },
    {
        "slug": "harbour-city-fc-ends-losing-run-in-rain",
        "headline": "Harbour City end six-match losing run with late winner in the rain",
        "standfirst": (
            "A stoppage-time header from substitute Tobi Lane gave Harbour City a 2-1 win over "
            "Ridgeway Rovers and lifted them out of the bottom three."
        ),
        "section": "sport",
        "tags": ["football", "Harbour City"],
        "authors": ["priya-haldane"],
        "dateline": "HARBOUR CITY",
        "published": "2020-11-22T19:05:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "harbour-city-late-header",
            "alt": (
                "A footballer in a green shirt rises above defenders to head the ball towards "
                "goal on a waterlogged pitch under floodlights."
            ),
            "caption": "Tobi Lane heads in Harbour City's winner in the 93rd minute.",
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Harbour City's long wait for a win ended in the third minute of stoppage time "
                "on Sunday, when substitute Tobi Lane met a corner at the near post and headed "
                "past the Ridgeway Rovers goalkeeper to seal a 2-1 victory.",
            ),
            (
                "p",
                "The result ends a run of six straight league defeats and lifts City two "
                "places to 17th in the table, out of the relegation zone on goal difference.",
            ),
            ("h", "A scrappy first half"),
            (
                "p",
                "Heavy rain made passing difficult from the start, and both sides struggled to "
                "string moves together on a soaked pitch. Rovers went ahead in the 28th minute "
                "when a clearance bounced kindly for striker Dean Moyo, who drove the ball "
                "low into the corner.",
            ),
            (
                "p",
                "City had the better of the second half. Captain Sol Ameri levelled with a "
                "deflected shot from outside the area just before the hour, and the home side "
                "hit the crossbar twice before Lane, on for only eleven minutes, found the "
                "winner.",
            ),
            (
                "p",
                "Lane, who is 19 and came through the club's academy, had not scored in a league "
                "match before. He said afterwards that he had been told to attack the near post "
                "at every corner and had simply done what the coaches asked.",
            ),
            (
                "q",
                "We have played well and lost a lot this season, so to play badly in the first "
                "half and still win is a strange feeling. I will take it.",
                "Rita Balogun, Harbour City manager",
            ),
            ("h", "Rovers frustrated"),
            (
                "p",
                "Ridgeway's coach, Carl Demski, said his team had defended too deep after the "
                "equaliser and invited pressure. Rovers stay eighth, with one win in their last "
                "four matches.",
            ),
            (
                "p",
                "The match was again played without supporters, although the club said it "
                "hoped to welcome a limited number of season ticket holders "
                '<a href="/articles/fans-return-to-harbour-park-in-small-numbers/">from next '
                "month</a>. Harbour City travel to Greyhill Athletic on Saturday.",
            ),
        ],
        "related": ["fans-return-to-harbour-park-in-small-numbers"],
        "related_links": [],
    },
    {
        "slug": "coastal-marathon-goes-virtual",
        "headline": "Coastal marathon goes virtual as 3,000 runners log their own routes",
        "standfirst": (
            "With mass starts ruled out, the Harbour City Coastal Marathon let entrants run "
            "42.2 kilometres anywhere they liked over one weekend, and raised a record sum "
            "for charity."
        ),
        "section": "sport",
        "tags": ["running", "coronavirus", "charity", "Harbour City"],
        "authors": ["priya-haldane"],
        "dateline": "HARBOUR CITY",
        "published": "2020-11-29T20:00:00Z",
        "recommended": True,
        "lead_photo": {
            "key": "coastal-marathon-solo-runner",
            "alt": (
                "A lone runner in a bright orange vest and race number runs along a cliff-top "
                "path with the sea behind her at sunrise."
            ),
            "caption": (
                "A runner completes her own marathon route along the coast path on Sunday morning."
            ),
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "In a normal year, the Harbour City Coastal Marathon starts with 3,000 runners "
                "packed on the promenade. This weekend there was no start line at all. Instead, "
                "entrants ran the full distance wherever they were, alone or in small groups, "
                "and uploaded their times from a phone or watch.",
            ),
            (
                "p",
                "Organisers said 3,140 people completed the virtual race between Friday "
                "evening and Sunday night, slightly more than took part last year. Runners "
                "logged routes in 23 countries, from city parks to a treadmill on a cargo "
                "ship in the Indian Ocean.",
            ),
            ("h", "Medals in the post"),
            (
                "p",
                "Each finisher will receive a medal by post. The fastest times, which "
                "organisers stress are unofficial because courses and conditions varied, were "
                "2 hours 24 minutes for men and 2 hours 41 minutes for women.",
            ),
            (
                "p",
                "Many entrants chose routes with personal meaning. A group of nurses from the "
                "city hospital ran laps of the hospital grounds between shifts, a retired couple "
                "walked the distance over two days along their old paper round, and one club "
                "runner completed the whole marathon on a 400-metre track, clocking up more than "
                "a hundred laps.",
            ),
            (
                "q",
                "I ran laps of the park where I learned to ride a bike. My kids made a finish "
                "line out of toilet paper. It was the best marathon I have ever done.",
                "Nadia Ostrander, a runner from Greyhill",
            ),
            (
                "photo",
                {
                    "key": "coastal-marathon-kitchen-finish",
                    "alt": (
                        "Two small children hold a paper finish tape across a garden gate as a "
                        "tired runner in a race vest raises his arms."
                    ),
                    "caption": (
                        "A runner breaks a homemade finish tape outside his house in Valmora."
                    ),
                    "credit": "Priya Haldane / Masthead",
                },
            ),
            ("h", "A record for charity"),
            (
                "p",
                "Entrants raised more than 260,000 for the race's charity partner, a coastal "
                "lifeboat service, the largest total in the event's 31-year history. Race "
                "director Paul Eriksen said lower costs for barriers, water stations and "
                "road closures meant a bigger share of the entry fees could be donated.",
            ),
            (
                "p",
                "Organisers have not yet decided whether next year's race will return to the "
                "streets, but said a virtual option would stay for people who cannot travel.",
            ),
            (
                "p",
                "Local businesses along the usual course were less enthusiastic. Cafe owners on "
                "the promenade said race weekend is normally one of their busiest of the autumn, "
                "and hoped the crowds would be back next year.",
            ),
        ],
        "related": ["harbour-city-fc-ends-losing-run-in-rain"],
        "related_links": [
            ("Coastal Marathon results and finisher map", "https://example.com/coastal-marathon"),
        ],
    },
    {
        "slug": "fans-return-to-harbour-park-in-small-numbers",
        "headline": "Supporters to return to Harbour Park in small numbers from mid-December",
        "standfirst": (
            "Up to 2,000 season ticket holders will be allowed into the 18,000-seat stadium "
            "under a pilot scheme approved by city health officials."
        ),
        "section": "sport",
        "tags": ["football", "coronavirus", "fans", "Harbour City"],
        "authors": ["priya-haldane"],
        "dateline": "HARBOUR CITY",
        "published": "2020-12-03T15:20:00Z",
        "recommended": False,
        "lead_photo": {
            "key": "harbour-park-taped-seats",
            "alt": (
                "Rows of green plastic stadium seats, most of them covered with tape, with "
                "every third seat left open."
            ),
            "caption": "Seats at Harbour Park marked out ahead of the pilot scheme.",
            "credit": "Priya Haldane / Masthead",
        },
        "body": [
            (
                "p",
                "Harbour City supporters will be back inside Harbour Park for the first time "
                "since March when the club hosts Valmora Town on 19 December, after city "
                "health officials approved a pilot scheme on Thursday.",
            ),
            (
                "p",
                "Up to 2,000 fans, about 11 per cent of the stadium's capacity, will be "
                "admitted. Places will be offered to season ticket holders by ballot, and each "
                "supporter will be given an assigned seat and a timed entry slot.",
            ),
            ("h", "The rules"),
            (
                "p",
                "Supporters must wear face coverings everywhere except in their seats, and "
                "food kiosks will be closed. Tickets will be issued to phones only, and "
                "anyone showing symptoms or told to self-isolate must stay away. The club said "
                "stewards would be trained to remind fans about distance at half-time and at "
                "the final whistle.",
            ),
            (
                "q",
                "Two thousand people in a ground built for eighteen thousand will feel "
                "strange. But after nine months of echoes, it will sound like a full house "
                "to the players.",
                "Marcus Ohene, Harbour City's operations director",
            ),
            ("h", "A test for other venues"),
            (
                "p",
                "Health officials said they would review the first two matches before "
                "deciding whether to raise the limit or extend the scheme to other venues, "
                "including the city's indoor arena. The rules could be tightened again at "
                "short notice if local infection rates rise.",
            ),
            (
                "p",
                "The supporters' trust welcomed the decision but asked the club to make sure "
                "older fans and those who travel to away games were not left out of the ballot. "
                "The club said it would reserve 200 places for supporters with disabilities "
                "and their companions.",
            ),
            (
                "p",
                'Harbour City, who <a href="/articles/harbour-city-fc-ends-losing-run-in-rain/'
                '">ended a losing run last month</a>, have lost money on every home match '
                "played without crowds, according to the club's latest accounts.",
            ),
        ],
        "related": ["harbour-city-fc-ends-losing-run-in-rain", "coastal-marathon-goes-virtual"],
        "related_links": [],
    },
]

GALLERIES: list[dict[str, Any]] = [
    {
        "slug": "week-in-pictures-21-27-november",
        "title": "Week in pictures: 21 - 27 November",
        "description": (
            "A reopened bridge, a theatre without an audience, a comet in pieces and a "
            "winning header in the rain: the week as seen by our photographers."
        ),
        "published": "2020-11-28T09:00:00Z",
        "authors": ["priya-haldane"],
        "items": [
            {
                "key": "wip-nov-greyhill-telescope",
                "alt": (
                    "An amateur astronomer in a woolly hat adjusts a large telescope inside "
                    "an observatory dome, lit by a red torch."
                ),
                "caption": (
                    "Ruth Ashdown lines up her telescope at the Greyhill observatory, where she "
                    "and a fellow amateur recorded a comet breaking apart. Saturday, 21 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-lantern-street-bow",
                "alt": (
                    "Actors take a bow on a stage facing empty red seats and a single camera "
                    "on a tripod."
                ),
                "caption": (
                    "The cast of the Lantern Street Theatre bow to the camera after the first "
                    "streamed performance of the winter season in Valmora. Sunday, 22 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-harbour-city-celebrate",
                "alt": (
                    "Footballers in green shirts, soaked by rain, pile on top of a teammate "
                    "beside the corner flag."
                ),
                "caption": (
                    "Harbour City players mob Tobi Lane after his late winner against Ridgeway "
                    "Rovers. Sunday, 22 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-northwind-crew",
                "alt": (
                    "Airline staff in navy uniforms walk across a wet apron past a parked "
                    "turboprop aircraft."
                ),
                "caption": (
                    "Northwind Air crew leave Ashford Moor airport after the airline announced "
                    "cuts to its winter schedule. Monday, 23 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-valmora-bridge-dawn",
                "alt": (
                    "A school bus with its headlights on drives across a bridge over a misty "
                    "river at dawn."
                ),
                "caption": (
                    "A school bus is among the first vehicles across the reopened "
                    "Valmora-Kessing bridge. Tuesday, 24 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-market-hall-volunteers",
                "alt": (
                    "Volunteers in aprons sort stacked food crates on trestle tables inside a "
                    "high-ceilinged market hall."
                ),
                "caption": (
                    "Volunteers pack food parcels at the old market hall in Kessing ahead of "
                    "the weekend. Wednesday, 25 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-courier-archive",
                "alt": (
                    "Shelves of large leather-bound newspaper volumes with handwritten year "
                    "labels in a library basement."
                ),
                "caption": (
                    "Bound volumes of the Orrin Vale Courier, now scanned and searchable "
                    "online. Thursday, 26 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "wip-nov-halden-dry-ice",
                "alt": (
                    "White vapour spills over the edge of an open insulated box as a gloved "
                    "hand places a data logger inside."
                ),
                "caption": (
                    "An engineer at the Halden Institute places a temperature logger in a "
                    "vaccine shipping box packed with dry ice. Friday, 27 November."
                ),
                "credit": "Priya Haldane / Masthead",
            },
        ],
    },
    {
        "slug": "first-frost-early-december",
        "title": "First frost: early December in pictures",
        "description": (
            "The first hard frost of the winter settled over the region this week. Our "
            "photographer was out before sunrise."
        ),
        "published": "2020-12-02T08:30:00Z",
        "authors": ["priya-haldane"],
        "items": [
            {
                "key": "frost-lisse-river-mist",
                "alt": (
                    "Mist hangs over a still river with frost-covered reeds along both banks "
                    "and a bridge in the distance."
                ),
                "caption": "Mist rises from the Lisse river below Valmora at first light.",
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "frost-orrin-vale-chimney",
                "alt": (
                    "A tall brick chimney silhouetted against a pink sky above frosted fields."
                ),
                "caption": (
                    "The chimney of the former paper mill in Orrin Vale at sunrise, days after "
                    "a battery maker chose the site for a new factory."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "frost-greyhill-allotment",
                "alt": (
                    "Frozen cabbages and leeks covered in white frost in a neat allotment bed."
                ),
                "caption": "Winter vegetables on an allotment in Greyhill after a night of frost.",
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "frost-harbour-park-groundsman",
                "alt": (
                    "A groundsman pushes a machine across a frosty football pitch, leaving "
                    "green stripes behind him."
                ),
                "caption": (
                    "A groundsman clears frost from the pitch at Harbour Park, where the club "
                    "hopes to welcome fans back this month."
                ),
                "credit": "Priya Haldane / Masthead",
            },
            {
                "key": "frost-coast-path-walkers",
                "alt": (
                    "Two walkers in bright jackets and a dog follow a frost-whitened cliff "
                    "path beside a calm grey sea."
                ),
                "caption": "Walkers and their dog on the frozen coast path near Harbour City.",
                "credit": "Priya Haldane / Masthead",
            },
        ],
    },
]
