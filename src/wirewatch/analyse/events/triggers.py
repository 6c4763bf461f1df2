"""The trigger lexicon: which words and phrases start a PLOVER event, and of which category.

Keyed on spaCy lemmas. Curated from the PLOVER manual's category definitions
(``reference/PLOVER-QUICK.md``); the categories name the action itself, and
modality (future, negated, ...) is decided elsewhere from the parse.

Tables:

* ``VERBS`` / ``NOUNS``: a single lemma.
* ``PHRASAL``: verb + particle or preposition ("call for", "pull out").
* ``VERB_OBJECT``: verb + the lemma of its direct object ("open fire",
  "impose curfew"); these win over the verb alone.
* ``COMPOUNDS``: modifier + noun ("hunger strike", "war games", "phone call").
* ``GOVERNORS``: verbs (and a few adjectives and nouns) whose category
  combines with the event they govern ("threatened to impose a curfew" is a
  THREATEN whose mode comes from the curfew).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Sense:
    type: str
    mode: str | None = None


def _s(spec: str) -> Sense:
    kind, _, mode = spec.partition(":")
    return Sense(kind, mode or None)


def _table(raw: dict[str, str]) -> dict[str, Sense]:
    out: dict[str, Sense] = {}
    for words, spec in raw.items():
        for w in words.split(","):
            out[w.strip()] = _s(spec)
    return out


def _pairs(raw: dict[str, str]) -> dict[tuple[str, str], Sense]:
    out: dict[tuple[str, str], Sense] = {}
    for key, spec in raw.items():
        head, _, rest = key.partition(" ")
        for w in rest.split(","):
            out[(head, w.strip())] = _s(spec)
    return out


VERBS: dict[str, Sense] = _table({
    # verbal cooperation
    "agree,promise,pledge,commit,consent,vow": "AGREE",
    "meet,negotiate,confer,consult,talk": "CONSULT",
    "visit,arrive,greet,tour": "CONSULT:visit",
    "host": "CONSULT:visit",
    "mediate": "CONSULT:third-party",
    "telephone,phone": "CONSULT:phone",
    "praise,endorse,support,back,recognize,recognise,defend,forgive,commend,hail,"
    "congratulate,applaud,welcome,ratify,thank": "SUPPORT",
    "apologize,apologise": "SUPPORT",
    "concede,ease,pardon,relax,shorten,allow,permit,amnesty": "CONCEDE",
    # material cooperation
    "cooperate,collaborate,extradite": "COOPERATE",
    "aid,donate,grant,supply,provide,fund,finance,rescue,deliver,contribute": "AID",
    "withdraw,retreat,release,free,disarm,demobilize,demobilise,surrender,resign,"
    "evacuate,return": "RETREAT",
    # verbal conflict
    "demand,ask,urge,request,appeal,press,pressure,push,seek,insist,implore,petition": "REQUEST",
    "accuse,blame,condemn,denounce,criticize,criticise,complain,sue,indict,charge,allege,"
    "deplore,slam,decry,castigate,rebuke,summon,fault": "ACCUSE",
    "investigate,probe,inspect": "ACCUSE:investigate",
    "reject,refuse,decline,deny,dismiss,veto,oppose,rebuff,spurn,renege,snub,"
    "repudiate,violate": "REJECT",
    "threaten,warn": "THREATEN",
    "protest": "ACCUSE",
    # material conflict
    "demonstrate,rally,march,picket": "PROTEST:demo",
    "riot": "PROTEST:riot",
    "boycott": "PROTEST:boycott",
    "sanction,embargo,sever,convict,sentence": "SANCTION",
    "expel": "SANCTION:expel",
    "mobilize,mobilise,deploy,mass,reinforce,patrol": "MOBILIZE:troops",
    "arrest,detain,jail,imprison,apprehend,round": "COERCE:arrest",
    "ban,outlaw,prohibit,restrict,prevent,bar,blockade": "COERCE:restrict",
    "censor": "COERCE:censor",
    "deport,evict": "COERCE:deport",
    "confiscate,seize,impound,nationalize,nationalise": "COERCE:seize",
    "hack,deface": "COERCE:cyber",
    "raid": "COERCE",
    "attack,kill,assault,ambush,massacre,wound,injure,storm,clash,fight,bombard": "ASSAULT",
    "invade,capture,retake,occupy,overrun": "ASSAULT:heavy-weapons",
    "shell": "ASSAULT:heavy-weapons",
    "bomb": "ASSAULT:explosives",
    "shoot,gun": "ASSAULT:firearms",
    "kidnap,abduct": "ASSAULT:abduct",
    "beat,abuse": "ASSAULT:beat",
    "torture": "ASSAULT:torture",
    "rape": "ASSAULT:sexual",
    "assassinate": "ASSAULT:targeted",
    "destroy,demolish,raze,torch,burn,bulldoze": "ASSAULT:destroy",
})

NOUNS: dict[str, Sense] = _table({
    "agreement,deal,accord,pact,consensus,promise,pledge,commitment": "AGREE",
    "meeting,summit,talk,negotiation,conference,consultation,discussion,dialogue,"
    "meet,session": "CONSULT",
    "visit,trip,tour": "CONSULT:visit",
    "mediation": "CONSULT:third-party",
    "welcome": "CONSULT:visit",
    "treaty,endorsement,praise,recognition,apology": "SUPPORT",
    "concession,pardon,amnesty": "CONCEDE",
    "cooperation,extradition": "COOPERATE",
    "aid,assistance,asylum,donation,compensation,loan,grant,relief": "AID",
    "withdrawal,pullout,retreat,resignation,disarmament": "RETREAT",
    "ceasefire,cease-fire,truce": "RETREAT:ceasefire",
    "demand,request,appeal,plea,ultimatum": "REQUEST",
    "accusation,criticism,condemnation,lawsuit,indictment,complaint,allegation": "ACCUSE",
    "investigation,inquiry,probe,hearing,inspection": "ACCUSE:investigate",
    "rejection,refusal,veto,denial": "REJECT",
    "threat,warning": "THREATEN",
    "protest,demonstration,rally,march,sit-in": "PROTEST:demo",
    "riot": "PROTEST:riot",
    "strike,walkout,stoppage": "PROTEST:strike",
    "boycott": "PROTEST:boycott",
    "sanction,embargo,expulsion,conviction,suspension": "SANCTION",
    "mobilization,mobilisation,deployment,buildup": "MOBILIZE:troops",
    "arrest,detention,crackdown,raid": "COERCE:arrest",
    "ban,blockade": "COERCE:restrict",
    "curfew": "COERCE:curfew",
    "censorship": "COERCE:censor",
    "deportation": "COERCE:deport",
    "attack,assault,massacre,clash,fighting,battle,killing,ambush,violence": "ASSAULT",
    "offensive,invasion,incursion": "ASSAULT:heavy-weapons",
    "shelling,bombardment": "ASSAULT:heavy-weapons",
    "airstrike,air-strike,bombing,explosion,blast": "ASSAULT:explosives",
    "gunfire,gunbattle,shooting": "ASSAULT:firearms",
    "kidnapping,abduction": "ASSAULT:abduct",
    "torture": "ASSAULT:torture",
    "assassination": "ASSAULT:targeted",
})

PHRASAL: dict[tuple[str, str], Sense] = _pairs({
    "call for": "REQUEST",
    "call on": "REQUEST",
    "call off": "CONCEDE",
    "pull out,back": "RETREAT:withdraw",
    "step down": "RETREAT:resign",
    "back out": "REJECT",
    "back down": "CONCEDE",
    "hand over": "AID",
    "return to": "CONSULT",
    "beat up": "ASSAULT:beat",
    "lay down": "RETREAT:disarm",
    "blow up": "ASSAULT:destroy",
    "shoot down": "ASSAULT:aerial",
    "rule out": "REJECT",
    "turn down": "REJECT",
    "crack down": "COERCE",
    "round up": "COERCE:arrest",
    "speak with,to": "CONSULT",
    "talk with,to": "CONSULT",
    "meet with": "CONSULT",
    "sit down": "CONSULT",
    "stand by": "SUPPORT",
    "side with": "SUPPORT",
    "lash out": "ACCUSE",
    "fire on,at,upon": "ASSAULT:firearms",
    "force out": "COERCE:deport",
    "break off": "SANCTION",
    "cut off": "SANCTION",
    "ship out": "SANCTION",
    "walk out": "PROTEST:strike",
})

VERB_OBJECT: dict[tuple[str, str], Sense] = _pairs({
    "open fire": "ASSAULT:firearms",
    "seize town,city,village,territory,base,airport,stronghold,area,province,region,port":
        "ASSAULT:heavy-weapons",
    "open investigation,inquiry,probe": "ACCUSE:investigate",
    "open border": "AID",
    "impose curfew": "COERCE:curfew",
    "impose sanction,embargo": "SANCTION",
    "impose ban,blockade,restriction": "COERCE:restrict",
    "reimpose blockade,ban,restriction": "COERCE:restrict",
    "declare ceasefire,cease-fire,truce": "CONCEDE",
    "declare curfew": "COERCE:curfew",
    "declare law,siege,emergency,state": "COERCE:martial-law",
    "lift curfew,ban,restriction,sanction,embargo,emergency,restrictions,state": "CONCEDE",
    "cancel restriction,ban,curfew,sanction": "CONCEDE",
    "meet demand,condition": "CONCEDE",
    "lift blockade,siege": "RETREAT",
    "ease restriction,curfew,sanction,measure,ban": "CONCEDE",
    "close border,embassy,consulate": "SANCTION",
    "expel diplomat,ambassador,envoy": "SANCTION:expel",
    "sign agreement,treaty,accord,deal,pact,declaration,memorandum": "SUPPORT",
    "reach agreement,deal,accord,consensus,compromise": "AGREE",
    "break relation,tie": "SANCTION",
    "cut relation,tie,aid": "SANCTION",
    "sever relation,tie": "SANCTION",
    "suspend relation,tie,aid,link,cooperation,talk,assistance,funding,loan,shipment,delivery,"
    "export,import,flight,trade,membership,program,programme,mediation": "SANCTION",
    "halt relation,tie,aid,link,cooperation,talk,assistance,funding,loan,shipment,delivery,"
    "export,import,flight,trade,program,programme,mediation": "SANCTION",
    "call protest,demonstration,rally,march,boycott": "PROTEST:demo",
    "call strike,walkout,stoppage": "PROTEST:strike",
    "establish relation,tie": "SUPPORT",
    "restore relation,tie": "SUPPORT",
    "upgrade relation,tie": "SUPPORT",
    "set fire": "ASSAULT:destroy",
    "use gas": "ASSAULT:crowd-control",
    "fire gas,shot,missile,rocket,shell": "ASSAULT",
    "throw stone,rock,bottle": "PROTEST:riot",
    "stop work": "PROTEST:strike",
    "grant asylum": "AID",
    "give welcome": "CONSULT:visit",
    "lodge protest,complaint": "ACCUSE",
    "file complaint,lawsuit,suit": "ACCUSE",
    "send aid,medicine,food,arm,weapon,supply": "AID",
    "send inspector,investigator,team,monitor": "ACCUSE:investigate",
    "dispatch inspector,investigator,team,monitor": "ACCUSE:investigate",
    "evacuate wounded,injured,civilian,refugee,casualty": "AID",
    "share expertise,evidence,intelligence,information,data,technology": "COOPERATE",
    "exchange information,intelligence,prisoner": "COOPERATE",
    "order patrol": "MOBILIZE:police",
    "suspend publication,broadcast,newspaper": "COERCE:censor",
    "shun work": "PROTEST:strike",
    "strengthen force,troop,presence": "MOBILIZE:troops",
    "bolster force,troop,presence": "MOBILIZE:troops",
    "boost force,troop,presence": "MOBILIZE:troops",
    "send troop,force,soldier,warship": "MOBILIZE:troops",
    "release prisoner,hostage,detainee": "RETREAT:release",
    "deny entry,visa,access": "SANCTION",
    "hold hostage": "ASSAULT:abduct",
    "collect signature": "PROTEST:demo",
    "block road,street,highway,roadway,bridge,route,transport": "PROTEST:obstruct",
    "take step,measure": "CONCEDE",
    "make concession": "CONCEDE",
    "postpone demonstration,protest,rally,march,strike": "CONCEDE",
    "cancel demonstration,protest,rally,march,strike": "CONCEDE",
    "suspend demonstration,protest,rally,march,strike": "CONCEDE",
    "offer concession": "CONCEDE",
    "accept demand,condition,term": "CONCEDE",
    "stage rally,demonstration,protest,march,strike,sit-in": "PROTEST:demo",
    "issue warning,ultimatum,threat": "THREATEN",
    "reduce supply,aid": "SANCTION",
    "end mediation,talk,cooperation": "SANCTION",
    "train hacker,fighter,militant": "MOBILIZE:troops",
})

COMPOUNDS: dict[tuple[str, str], Sense] = _pairs({
    "phone call,conversation,talk": "CONSULT:phone",
    "telephone call,conversation,talk": "CONSULT:phone",
    "hunger strike": "PROTEST:hunger",
    "general strike": "PROTEST:strike",
    "war game": "COOPERATE",
    "military exercise": "COOPERATE",
    "joint exercise": "COOPERATE",
    "peace talk,negotiation,conference,process": "CONSULT",
    "car bomb,bombing": "ASSAULT:explosives",
    "suicide bombing,attack,bomber": "ASSAULT:suicide-attack",
    "air strike,raid,attack": "ASSAULT:aerial",
    "drone strike,attack": "ASSAULT:drone",
    "missile strike,attack": "ASSAULT:heavy-weapons",
    "rocket fire,attack": "ASSAULT:heavy-weapons",
    "artillery fire,attack,barrage": "ASSAULT:heavy-weapons",
    "mortar fire,attack": "ASSAULT:heavy-weapons",
    "tank fire": "ASSAULT:heavy-weapons",
    "ethnic cleansing": "ASSAULT",
    "tear gas": "ASSAULT:crowd-control",
    "martial law": "COERCE:martial-law",
    "food aid": "AID",
    "humanitarian aid,assistance": "AID",
    "military aid,assistance": "AID",
})

# Words that only carry an event when another word says so: a bare "call" is a
# phone call only as the object of have/hold/make or with "between"/"with".
CALL_HOSTS: frozenset[str] = frozenset({"have", "hold", "make", "take", "receive", "place", "end"})

# Governors: their category combines with the governed event.
GOVERNOR_AGREE: frozenset[str] = frozenset({
    "agree", "offer", "promise", "pledge", "commit", "consent", "willing", "ready",
    "prepared", "accept", "vow", "committed",
})
GOVERNOR_REJECT: frozenset[str] = frozenset({
    "refuse", "reject", "decline", "oppose", "rebuff", "deny", "dismiss", "veto", "spurn",
    "fail", "unwilling", "balk",
})
GOVERNOR_REQUEST: frozenset[str] = frozenset({
    "demand", "urge", "ask", "request", "appeal", "press", "pressure", "push", "insist",
    "implore", "order", "call", "encourage", "require", "petition", "instruct",
})
GOVERNOR_THREATEN: frozenset[str] = frozenset({"threaten", "warn", "vow", "swear"})

# Verbs that are military only with a military object ("mobilized reservists", not voters).
MILITARY_OBJECT_VERBS: frozenset[str] = frozenset({"mobilize", "mobilise", "deploy", "mass",
                                                    "reinforce", "patrol"})

# Verbs that report speech; the event is in what they report.
REPORTING: frozenset[str] = frozenset({
    "say", "tell", "announce", "report", "state", "add", "claim", "declare", "note",
    "confirm", "explain", "insist", "reiterate", "stress", "quote", "indicate", "suggest",
    "write", "believe", "think", "conclude", "acknowledge", "argue", "emphasize",
    "emphasise", "maintain", "assert", "predict", "disclose", "reveal", "learn",
})

# Verbs that pass the event through, with the modality they give it.
TRANSPARENT: dict[str, str] = {
    "plan": "future", "intend": "future", "expect": "future", "schedule": "future",
    "prepare": "future", "aim": "future", "set": "future", "hope": "future",
    "want": "future", "decide": "future", "resolve": "future", "wish": "future",
    "due": "future",
    "seek": "asserted", "try": "asserted", "attempt": "asserted", "begin": "asserted",
    "start": "asserted", "continue": "asserted", "resume": "asserted", "launch": "asserted",
    "complete": "asserted", "manage": "asserted", "move": "asserted", "go": "future",
    "consider": "hypothetical", "propose": "hypothetical", "suggest": "hypothetical",
    "could": "hypothetical",
}

# Light verbs whose object noun is the event ("held talks", "staged a rally").
LIGHT: frozenset[str] = frozenset({
    "hold", "have", "stage", "launch", "begin", "start", "conduct", "continue", "resume",
    "renew", "undertake", "make", "mount", "lodge", "issue", "reach", "give", "take",
    "carry", "organize", "organise", "call", "announce", "complete", "engage", "join",
    "end", "open", "attend", "host", "plan", "propose", "seek", "offer",
})

# Conflict actions that, when only announced or conditional, PLOVER codes as a threat.
THREAT_MODES: dict[str, str | None] = {
    "ASSAULT": "violence", "MOBILIZE": "violence", "PROTEST": "restrict",
    "SANCTION": "relations", "REJECT": "relations",
}
COERCE_THREAT_MODES: dict[str, str] = {
    "arrest": "arrest", "deport": "expel", "curfew": "restrict", "restrict": "restrict",
    "martial-law": "restrict", "censor": "restrict", "seize": "restrict",
}

# Modes for an ASSAULT from the instrument named anywhere in the sentence.
ASSAULT_INSTRUMENTS: dict[str, str] = {
    "aircraft": "aerial", "airstrike": "aerial", "warplane": "aerial", "jet": "aerial",
    "helicopter": "aerial", "bomber": "aerial", "air": "aerial",
    "drone": "drone", "predator": "drone", "uav": "drone",
    "artillery": "heavy-weapons", "mortar": "heavy-weapons", "rocket": "heavy-weapons",
    "tank": "heavy-weapons", "missile": "heavy-weapons", "shell": "heavy-weapons",
    "howitzer": "heavy-weapons",
    "bomb": "explosives", "explosive": "explosives", "ied": "explosives",
    "landmine": "explosives", "mine": "explosives", "minefield": "explosives",
    "grenade": "explosives", "explosion": "explosives", "bombing": "explosives",
    "suicide": "suicide-attack",
    "gun": "firearms", "rifle": "firearms", "gunman": "firearms", "gunmen": "firearms",
    "gunfire": "firearms", "gunbattle": "firearms", "sniper": "firearms", "bullet": "firearms",
    "machete": "primitive", "knife": "primitive", "axe": "primitive", "club": "primitive",
    "stone": "primitive",
    "gas": "crowd-control", "cannon": "crowd-control",
}

# What a threat without a coded complement threatens, from its words.
THREAT_WORDS: dict[str, str] = {
    "blow": "violence", "terrorist": "violence", "terror": "violence", "war": "violence",
    "violence": "violence", "bloodshed": "violence", "retaliation": "violence",
    "retaliate": "violence", "force": "violence", "military": "violence", "attack": "violence",
    "negotiation": "relations", "talk": "relations", "relation": "relations",
    "tie": "relations", "contact": "relations", "cooperation": "relations",
    "curfew": "restrict", "ban": "restrict", "blockade": "restrict", "strike": "restrict",
    "boycott": "restrict", "sanction": "restrict", "arrest": "arrest", "expel": "expel",
    "deport": "expel", "expulsion": "expel",
}
