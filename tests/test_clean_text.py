"""clean_text on whole scraped pages written for these tests in the style of wire copy."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from wirewatch.clean import clean_text

BODY = [
    "Finance ministers from the Group of Seven agreed on Friday to extend emergency support for the "
    "region's ports, after a week of talks that officials described as difficult but productive.",
    "The package, worth about $4 billion, will be paid out over two years and tied to audits of how the "
    "money is spent, according to a statement issued after the meeting.",
    "\u201cWe did not get everything we wanted, but we got what we needed,\u201d one European official said, "
    "speaking on condition of anonymity because the talks were private.",
    "Shipping companies have warned for months that delays at the terminals were pushing up prices for "
    "food and fuel across the region.",
    "The ministers will meet again in the spring to review progress on the audits and on the repairs.",
]

MENU = ["Home", "World", "Business", "Markets", "Politics", "Sport", "Culture", "Opinion", "Video",
        "Podcasts", "Weather", "Sign In", "Subscribe"]

TEASERS = [
    "Storm batters coastal towns as thousands lose power",
    "Central bank holds rates steady amid inflation worries",
    "Star striker signs record deal with rival club",
    "Museum returns looted statues to their country of origin",
    "Why commuters are turning to electric scooters",
]


def page(*parts: list[str]) -> str:
    return "\n\n".join(line for part in parts for line in part)


def test_wire_page_with_all_its_furniture() -> None:
    text = page(
        MENU,
        ["Ministers agree to extend port support"],
        ["Dock cranes stand idle at the container terminal on Thursday. (Photo by Lena Fischer/Getty Images)"],
        ["By Jane Doe and John Roe, Reuters"],
        ["Updated Oct. 21, 2025 3:04 p.m. ET"],
        ["Advertisement"],
        ["BRUSSELS (Reuters) - " + BODY[0]],
        BODY[1:3],
        [BODY[3] + " Advertisement"],
        ["Sponsored Content Below", BODY[4]],
        ["Never miss a story! Get our top headlines delivered to your inbox every morning. Sign up here. "
         "https://news.example.com/alerts"],
        ["Share this post!", "Facebook", "Twitter", "Email"],
        ["Related"],
        TEASERS,
        ["We use cookies to improve your experience on our site. By continuing you accept our use of cookies."],
        ["\u00a9 2025 Example News Ltd. All rights reserved."],
    )
    c = clean_text(text)
    paragraphs = c.text.split("\n\n")
    assert paragraphs == [BODY[0], *BODY[1:5]]
    assert c.published == "2025-10-21"
    assert c.authors == ["Jane Doe", "John Roe"]
    assert c.outlet == "Reuters"
    assert c.title == "Ministers agree to extend port support"
    assert [(cap.text, cap.credit) for cap in c.captions] == [
        ("Dock cranes stand idle at the container terminal on Thursday.", "Lena Fischer/Getty Images")]
    reasons = {r.reason for r in c.removed}
    assert {"caption", "byline", "dateline", "advertisement", "newsletter", "share"} <= reasons
    removed_text = " ".join(r.text for r in c.removed)
    assert "BRUSSELS (Reuters) -" in removed_text
    assert "Sign up here" in removed_text


def test_dataset_prefix_and_staff_byline() -> None:
    text = page(
        [" date 2024-06-02 Protesters gather outside parliament on Saturday. (AP Photo/Sam Lee)"],
        ["WNN Staff Carla Mendes"],
        ["9:05 AM \u2013 Sunday, June 2, 2024"],
        BODY,
        ["Share this post!"],
    )
    c = clean_text(text)
    assert c.text.split("\n\n") == BODY
    assert c.published == "2024-06-02"
    assert (c.outlet, c.authors) == ("WNN", ["Carla Mendes"])
    assert c.captions[0].credit == "AP Photo/Sam Lee"
    assert c.removed[0].reason == "dataset-prefix"


def test_published_argument_wins_over_the_page() -> None:
    c = clean_text(page(["Tuesday, March 5, 2024"], BODY), published="2024-03-06")
    assert c.published == "2024-03-06"


def test_comment_section_ends_the_article() -> None:
    comments = ["12 Comments",
                "This is exactly what I said would happen when they first announced the plan last year.",
                "Reply",
                "I have lived near the port for twenty years and the delays have never been this bad, honestly."]
    c = clean_text(page(MENU, BODY, comments))
    assert c.text.split("\n\n") == BODY
    assert any(r.reason == "comments" for r in c.removed)


def test_subheadings_and_list_items_inside_the_article_are_kept() -> None:
    body = [BODY[0], BODY[1], "What the package covers", "repairs to three container terminals",
            "new customs scanners", "training for port staff", BODY[2], BODY[3]]
    c = clean_text(page(MENU, body, TEASERS))
    assert c.text.split("\n\n") == body


def test_teaser_list_after_the_article_is_dropped() -> None:
    teasers = []
    for t in TEASERS:
        teasers += [t, "Staff Reporter", "Tuesday, November 19, 2019",
                    "A short summary of another story that the site wants readers to click on next, "
                    "written in full sentences so that it looks like prose."]
    c = clean_text(page(MENU, BODY, ["Opinion", "More from Example News", "Most read", "Video"], teasers))
    assert c.text.split("\n\n") == BODY


def test_hard_wrapped_paragraphs_are_joined() -> None:
    text = ("The minister said on Friday that the talks would\nresume next week in Geneva, after a pause of\n"
            "several months, officials said.\n\nOpposition leaders rejected the plan and called\n"
            "for new elections before the end of the year.")
    assert clean_text(text).text.split("\n\n") == [
        "The minister said on Friday that the talks would resume next week in Geneva, after a pause of "
        "several months, officials said.",
        "Opposition leaders rejected the plan and called for new elections before the end of the year.",
    ]


def test_plain_article_is_kept_whole() -> None:
    assert clean_text("\n\n".join(BODY)).text.split("\n\n") == BODY


def test_short_note_is_kept() -> None:
    assert clean_text("Markets closed early.").text == "Markets closed early."


def test_menus_only_give_no_text() -> None:
    c = clean_text(page(MENU, TEASERS, MENU))
    assert c.text == ""
    assert len(c.removed) == 2 * len(MENU) + len(TEASERS)


def test_odd_inputs() -> None:
    for text in ["", "   ", "\n\n\n", "\u201cunbalanced quote", "date 2024-01-01", "(", "By", "\x00"]:
        c = clean_text(text)
        assert isinstance(c.text, str)


def test_non_english_prose_is_found() -> None:
    body = [
        "Die Regierung hat am Freitag beschlossen, die Hilfen für die Häfen um zwei Jahre zu verlängern, "
        "wie ein Sprecher des Ministeriums mitteilte.",
        "Das Paket umfasst rund vier Milliarden Euro und ist an Prüfungen gebunden, die jedes Jahr "
        "veröffentlicht werden sollen.",
    ]
    c = clean_text(page(["Startseite", "Politik", "Wirtschaft", "Sport", "Kultur"], body,
                        ["Impressum", "Datenschutz", "Kontakt"]))
    assert c.text.split("\n\n") == body


LINE = st.one_of(
    st.text(max_size=80),
    st.sampled_from(BODY + MENU + TEASERS + ["Advertisement", "By Jane Doe", "Photo: Reuters",
                                              "WASHINGTON (Reuters) - Talks resumed.", " date 2024-01-01 x",
                                              "\u201cOpen quote", "Tuesday, March 5, 2024"]),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(LINE, max_size=25), st.sampled_from(["\n", "\n\n", "\r\n"]))
def test_never_crashes_and_never_invents_text(lines: list[str], sep: str) -> None:
    text = sep.join(lines)
    c = clean_text(text)
    # Cleaning only removes: every paragraph is part of one input line, or of hard-wrapped
    # lines put back together with a space.
    joined = " ".join(line.strip() for line in text.splitlines())
    for para in c.text.split("\n\n"):
        if para:
            assert para in joined, para
    for cap in c.captions:
        assert cap.text in joined


def test_list_announced_by_a_colon_is_kept() -> None:
    dates = ["June 9 -- Arena One, Springfield, IL", "June 12 -- Civic Hall, Dayton, OH",
             "June 15 -- River Stage, Memphis, TN", "June 20 -- Park Pavilion, Austin, TX"]
    c = clean_text(page(MENU, BODY, ["The tour dates:"], dates, ["Facebook", "Twitter"], MENU))
    assert c.text.split("\n\n") == [*BODY, "The tour dates:", *dates]


def test_page_of_results_without_prose_keeps_its_text() -> None:
    results = ["Eastside d. Westfield 3-1", "Eastside (4-0): J. Park 2 goals. L. Moreno 1 goal.",
               "Westfield (1-3): A. Lund 1 goal. R. Diaz 6 saves.", "Northgate d. Hillcrest 2-0",
               "Northgate (2-2): S. Brooks 1 goal, 1 assist. T. Nguyen 1 goal.",
               "Hillcrest (0-4): M. Ortiz 9 saves."]
    c = clean_text(page(MENU, ["Published 2:16 AM EST Nov 20, 2019"], results, ["Terms of Service"]))
    assert c.published == "2019-11-20"
    assert "Eastside (4-0): J. Park 2 goals. L. Moreno 1 goal." in c.text
    assert "Home" not in c.text.split("\n\n")


def test_wire_story_with_short_lead_and_credit_trailer() -> None:
    text = "\n\n".join([
        "Shares fell.",
        "LONDON (Reuters) - The index closed 2% lower on Monday as investors sold technology stocks "
        "ahead of the central bank's decision on interest rates.",
        "Traders said volumes were thin because of a public holiday in the United States.",
        "(Reporting by Jane Doe; Editing by John Roe)",
    ])
    c = clean_text(text)
    assert c.text.split("\n\n") == [
        "Shares fell.",
        "The index closed 2% lower on Monday as investors sold technology stocks ahead of the central "
        "bank's decision on interest rates.",
        "Traders said volumes were thin because of a public holiday in the United States.",
    ]
    assert c.outlet == "Reuters"
    assert any(r.reason == "credits" for r in c.removed)


def test_prose_about_furniture_topics_is_kept() -> None:
    # Articles may talk about inboxes, alerts, cookies, reporters and results: only calls to the reader go.
    body = [
        "Scammers are now sending messages that land in your inbox disguised as alerts from the bank, "
        "the regulator warned on Thursday.",
        "The agency sends email alerts to residents when the river rises above flood stage, a spokesman said.",
        "EU rules require websites to ask consent before placing cookies on the computers of their visitors.",
        "John Smith is a reporter who was detained in the capital in 2019 and released last year.",
        "Results vary by state, officials said, because each runs its own count of the ballots.",
    ]
    c = clean_text(page(MENU, body, ["We use cookies to improve your experience on our site."]))
    assert c.text.split("\n\n") == body


def test_prose_that_mentions_responses_does_not_end_the_article() -> None:
    body = [BODY[0], BODY[1], "Responses to the proposal have been mixed, officials said on Friday.",
            "Discussion", BODY[2], BODY[3]]
    assert clean_text(page(MENU, body)).text.split("\n\n") == body


def test_headline_and_standfirst_above_the_byline_are_not_body() -> None:
    standfirst = ("The package is the largest since the pandemic and comes with strict audits, officials "
                  "said after two days of talks.")
    c = clean_text(page(MENU, ["Ministers agree to extend port support", standfirst,
                               "By Jane Doe", "Updated Oct. 21, 2025 3:04 p.m. ET"], BODY, TEASERS))
    assert c.text.split("\n\n") == BODY
    assert c.title == "Ministers agree to extend port support"
    assert c.authors == ["Jane Doe"] and c.published == "2025-10-21"


def test_recommended_stories_after_the_author_bio_are_dropped() -> None:
    recommended = [
        "Historians say the winter of 1947 was the hardest the country had seen in a century, with coal "
        "shortages closing factories and schools for weeks on end across the north.",
        "Engineers spent a decade designing the bridge, which had to withstand storms that can push the "
        "water in the estuary several metres above its usual height.",
    ]
    c = clean_text(page(MENU, BODY, [
        "Jane Doe is a freelance writer based in Lisbon. Her work has appeared in several magazines.",
        "Previous Article", "Next Article", "We Recommend"], recommended, MENU))
    assert c.text.split("\n\n") == BODY


def test_photo_credit_with_copyright_sign_does_not_end_the_article() -> None:
    c = clean_text(page(MENU, BODY[:2], ["Dock cranes at the terminal on Thursday.", "\u00a9 AFP"], BODY[2:],
                        ["\u00a9 2025 Example News Ltd. All rights reserved."]))
    assert c.text.split("\n\n") == BODY[:2] + ["Dock cranes at the terminal on Thursday."] + BODY[2:]
    assert c.captions == [] or all(cap.credit == "AFP" for cap in c.captions)


def test_dated_list_under_a_heading_is_kept_but_a_menu_is_not() -> None:
    dates = ["June 9 – Springfield, IL @ Arena One", "June 12 – Dayton, OH @ Civic Hall",
             "June 15 – Memphis, TN @ River Stage", "June 20 – Austin, TX @ Park Pavilion"]
    c = clean_text(page(MENU, BODY, ["Summer Tour Dates"], dates, ["Facebook", "Twitter"], MENU))
    assert c.text.split("\n\n") == [*BODY, "Summer Tour Dates", *dates]
    c = clean_text(page(MENU, BODY, ["More Sections"], MENU))
    assert c.text.split("\n\n") == BODY


def test_interview_turns_are_kept() -> None:
    qa = ["Q: Where did you grow up?", "A: In a fishing town on the north coast.", "Q: Favourite books?",
          "A: Two, both about the sea", "Q: Favourite athlete?", "A: Nadia Comaneci",
          "Q: What do you do on weekends?",
          "A: Mostly sailing with my daughters, and when the weather is bad, reading by the fire with a "
          "pot of tea and far too many biscuits."]
    c = clean_text(page(MENU, BODY, qa, ["Thanks, Ana!"], MENU))
    assert c.text.split("\n\n") == [*BODY, *qa, "Thanks, Ana!"]


def test_shouted_teasers_inside_the_article_are_dropped_but_short_subheads_kept() -> None:
    teaser = "STAR STRIKER OPENS UP ABOUT INJURY THAT NEARLY ENDED HIS CAREER"
    body = [BODY[0], BODY[1], teaser, BODY[2], "WHAT COMES NEXT", BODY[3],
            "WILL THE MINISTERS AGREE ON THE NEXT STEPS IN TIME?", BODY[4]]
    c = clean_text(page(MENU, body))
    assert c.text.split("\n\n") == [p for p in body if p != teaser]
