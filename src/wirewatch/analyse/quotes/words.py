"""Word lists for attribution: reporting verbs, speaker nouns, pronouns.

The verb lists were chosen by how often each lemma is the cue of an
attribution in annotated political news (PolNeAR train): kept when it is a cue
in roughly half of its uses or more, plus the classic reporting verbs of
style guides. Verbs whose content is an object rather than a clause
("criticized the plan", "urged Congress to act") are kept apart, because
their content is found differently.
"""

from __future__ import annotations

# Verbs that introduce a quotation in direct speech ("...," he said).
DIRECT_CUES: frozenset[str] = frozenset("""
say tell add write ask tweet continue reply respond explain note declare conclude recall state
insist maintain argue claim warn announce acknowledge admit assert affirm agree allege answer
boast brag caution chant comment complain concede confirm counter cry deny describe emphasize
exclaim joke lament mention muse observe plead post predict proclaim promise protest quip read
recount reiterate remark repeat report retort scream shout sing stress suggest summarize testify
text threaten urge vow wonder yell email message quote put interject interrupt go begin
point call
""".split())

# Verbs whose content is a clause: "said (that) ...", "argued that ...".
CLAUSE_CUES: frozenset[str] = frozenset("""
say tell add write tweet note declare conclude recall state insist maintain argue claim warn
announce acknowledge admit assert affirm agree allege answer boast brag caution comment complain
concede confirm contend deny emphasize explain hint imply indicate joke lament mention observe
predict proclaim promise report reiterate remark repeat reveal speculate stress suggest testify
vow assure remind disclose estimate fear worry hope believe expect contend charge seem appear want plan intend
respond reply suspect signal concur guess doubt ask wonder know show find maintain
""".split())

# Verbs whose content is their object (and its complement):
# "criticized the plan", "urged Congress to act", "called him a liar".
OBJECT_CUES: frozenset[str] = frozenset("""
criticize praise endorse accuse call describe urge defend propose cite question dismiss
denounce blame mock blast tout applaud condemn slam decry assail congratulate hail rebuff
reject recommend portray deem liken echo highlight refuse decline demand seek request
refer point discuss express
""".split())

# Heads of noun phrases that name a source without naming a person.
ANON_HEADS: frozenset[str] = frozenset("""
official officials spokesman spokeswoman spokesperson spokespeople source sources aide aides
adviser advisers advisor advisors diplomat diplomats officer officers person people insider
insiders staffer staffers analyst analysts strategist strategists operative operatives
representative representatives member members executive executives lawmaker lawmakers
worker workers employee employees expert experts observer observers witness witnesses
resident residents voter voters supporter supporters critic critics ally allies confidant
""".split())

# Role nouns that refer back to a named person ("the secretary said").
ROLE_HEADS: frozenset[str] = frozenset("""
president secretary minister senator governor mayor candidate nominee chairman chairwoman chair
director chief leader speaker ambassador congressman congresswoman representative general
prosecutor judge attorney lawyer businessman billionaire mogul former candidate
""".split())

# Modifiers that say nothing about affiliation.
VAGUE_MODIFIERS: frozenset[str] = frozenset("""
a an the one two three four several some many other another senior top former high-ranking
high ranking anonymous unnamed unidentified certain longtime long-time current veteran key
close most more few both all
""".split())

PRONOUNS_SINGULAR: frozenset[str] = frozenset({"he", "she", "him", "her"})
PRONOUNS_PLURAL: frozenset[str] = frozenset({"they", "them"})
PRONOUNS_FIRST: frozenset[str] = frozenset({"i", "we", "me", "us"})
PRONOUNS: frozenset[str] = PRONOUNS_SINGULAR | PRONOUNS_PLURAL | PRONOUNS_FIRST | {"it"}

# Verbs that let a quoted term name what someone said ("what he termed the “x”").
TERM_CUES: frozenset[str] = frozenset("""
term call dub label describe brand name refer characterize deride
""".split())

# Reporting nouns: "his claim that ...", "her promise to ...".
REPORT_NOUNS: frozenset[str] = frozenset("""
statement claim argument warning allegation promise complaint suggestion accusation assertion
insistence belief view position criticism concern pledge vow announcement declaration admission
denial prediction contention hope fear charge remark comment assurance proposal threat demand
call insinuation implication acknowledgment acknowledgement confirmation plea boast suspicion
""".split())

# Verbs that take someone's own words as object ("thanked him for “stepping up”").
USE_CUES: frozenset[str] = frozenset("""
thank pledge blame coin chant echo vow promise warn defend tout reserve invoke adopt repeat
""".split())
