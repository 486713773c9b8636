"""Time the rule engine on varied assessments of 20 data items and 5 rated risks each.

Run from the repository root: `python bench/bench_scoring.py`. Prints the median time to
score one assessment, a JSON round trip of the same documents as a baseline measured in
the same run, their ratio, and whether the goal (median <= 1 ms) is met. It asserts
nothing about timings: machines differ.
"""

import json
import random
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

SEED = 20260
DOCUMENTS = 1000
ITEMS_PER_DOCUMENT = 20
RISKS_PER_DOCUMENT = 5
LIKELIHOODS = ("rare", "unlikely", "possible", "likely", "almost_certain")
IMPACTS = ("minimal", "minor", "moderate", "major", "severe")
WARM_UP = 20
GOAL_MS = 1.0

WORDS = (
    "we use school attendance records to offer home visits for whānau whose children are "
    "missing class and the service explains every step before anything is collected"
).split()
PHRASES = ("just in case", "might be useful", "for any purpose", "from time to time", "forever")
PLACEHOLDERS = ("", "TBC", " n/a ", "To be confirmed", "?")
RETENTION = ("P2Y", "P18M", "P7Y", "Until the case closes, then six months")
# Per assessment, the chance that any one answer is flawed: from careful to careless.
FLAW_RATES = (0.0, 0.0, 0.005, 0.02, 0.1, 0.3)
PARTIES = (
    "service_users",
    "frontline_workers",
    "community_representatives",
    "cultural_advisors",
    "iwi_maori",
    "pacific_communities",
    "disabled_people",
    "privacy_officer",
    "legal",
    "other",
)


def _text(rng: random.Random, flaw: float, longest: int = 40) -> str:
    """Return prose of 3 to `longest` words, or with probability `flaw` a flawed answer."""
    if rng.random() < flaw:
        if rng.random() < 0.5:
            return rng.choice(PLACEHOLDERS)
        words = rng.choices(WORDS, k=rng.randint(3, longest))
        words.insert(rng.randrange(len(words) + 1), rng.choice(PHRASES))
        return " ".join(words)
    return " ".join(rng.choices(WORDS, k=rng.randint(3, longest)))


def _item(rng: random.Random, flaw: float, n: int) -> dict[str, Any]:
    item: dict[str, Any] = {
        "name": f"Item {n} {rng.choice(WORDS)}",
        "description": _text(rng, flaw, 15),
        "identifying": rng.random() < 0.2,
        "sensitive": rng.random() < 0.1,
        "justification": _text(rng, flaw, 20),
        "retention": rng.choice(RETENTION) if rng.random() >= flaw else "indefinitely",
    }
    if rng.random() < 0.3:
        item |= {
            "source": "existing",
            "original_purpose": _text(rng, flaw, 15),
            "consistent_with_original_purpose": rng.random() >= flaw or None,
        }
    if rng.random() < 0.3:
        item |= {"shared_with": ["Health New Zealand"], "sharing_reason": _text(rng, flaw, 10)}
    if rng.random() < 0.2:
        item |= {"linked_with_other_data": True, "link_reason": _text(rng, flaw, 10)}
    return item


def _consultations(rng: random.Random, flaw: float) -> list[dict[str, str]]:
    consulted = [
        {"party": rng.choice(PARTIES), "depth": rng.choice(("check", "review", "co_design"))}
        for _ in range(rng.randint(0, 3))
    ]
    if rng.random() >= flaw:
        # What a careful analyst does: co-design with service users, the privacy officer,
        # and the people of each group concerned.
        consulted += [
            {"party": party, "depth": "co_design"}
            for party in ("service_users", "privacy_officer", "iwi_maori", "disabled_people")
        ]
    return consulted


def _risk(rng: random.Random, flaw: float) -> dict[str, Any]:
    """Return a risk rated before and after two mitigations, each part missing at `flaw`."""
    risk: dict[str, Any] = {
        "description": _text(rng, flaw) or "A risk to the people concerned.",
        "likelihood": rng.choice(LIKELIHOODS),
        "impact": rng.choice(IMPACTS),
        "mitigations": [
            {
                "action": _text(rng, flaw) or "Review it.",
                "owner": "Privacy officer" if rng.random() >= flaw else "",
                "due": "2026-06-30",
            }
            for _ in range(2)
        ],
    }
    if rng.random() >= flaw:
        risk["residual_likelihood"] = rng.choice(LIKELIHOODS[:3])
        risk["residual_impact"] = rng.choice(IMPACTS[:4])
    return risk


def make_assessment(rng: random.Random, n: int) -> dict[str, Any]:
    """Return a schema-valid assessment with 20 data items, 5 risks and a share of flaws."""
    flaw = rng.choice(FLAW_RATES)

    def text(longest: int = 40) -> str:
        return _text(rng, flaw, longest)

    return {
        "schema": "dpup-assessment/1",
        "title": f"Assessment {n}",
        "purpose": {
            "statement": " ".join(rng.choices(WORDS, k=rng.randint(20, 60))),
            "benefit": text(),
            "beneficiaries": rng.sample(["individuals", "whanau", "communities", "iwi"], 2),
            "risks": text(),
            "legal_basis": text(),
            "not_used_for": text(),
            "oversight": text(),
        },
        "data_items": [_item(rng, flaw, i) for i in range(ITEMS_PER_DOCUMENT)],
        "minimisation": {
            "identifying_needed": rng.random() >= flaw or None,
            "why_identifying": text(),
            "alternatives_considered": text(),
        },
        "transparency": {
            "how_people_told": text(),
            "when_told": "before" if rng.random() >= flaw else rng.choice(("after", "not_told")),
            "reason_not_told": text(),
            "choices_offered": text(),
            "accessible_formats": text(),
        },
        "access": {k: text() for k in ("access_process", "correction_process", "refusal_process")},
        "stewardship": {k: text() for k in ("safeguards", "disposal", "deidentified_availability")},
        "sharing_value": {k: text() for k in ("insights_planned", "share_back_with", "format")},
        "groups": {
            "maori": rng.random() < 0.5,
            "pacific": False,
            "children_young_people": rng.random() < 0.3,
            "disabled_people": rng.random() < 0.3,
            "considerations": text(),
        },
        "consultations": _consultations(rng, flaw),
        "risks": [_risk(rng, flaw) for _ in range(RISKS_PER_DOCUMENT)],
        "justifications": {"HT-04": text()} if rng.random() < 0.2 else {},
    }


def median_ms(func: Callable[[dict[str, Any]], object], docs: list[dict[str, Any]]) -> float:
    """Return the median time of func over docs, in milliseconds, after a warm-up."""
    for doc in docs[:WARM_UP]:
        func(doc)
    timings = []
    for doc in docs:
        start = time.perf_counter_ns()
        func(doc)
        timings.append(time.perf_counter_ns() - start)
    return statistics.median(timings) / 1e6


def main() -> None:
    # Let the script run from a checkout that is not installed into the interpreter.
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
    from principles import score

    rng = random.Random(SEED)
    docs = [make_assessment(rng, n) for n in range(DOCUMENTS)]
    readiness = {r: 0 for r in ("ready", "needs_work", "not_ready")}
    for doc in docs:
        readiness[score(doc).readiness] += 1

    scoring = median_ms(score, docs)
    baseline = median_ms(lambda doc: json.loads(json.dumps(doc)), docs)
    # The same documents without their risk registers: what the register costs to score.
    without_risks = median_ms(lambda doc: score({**doc, "risks": []}), docs)
    print(
        f"assessments: {DOCUMENTS} with {ITEMS_PER_DOCUMENT} data items and "
        f"{RISKS_PER_DOCUMENT} risks each (seed {SEED})"
    )
    print(f"readiness mix: {readiness}")
    print(f"score(): median {scoring:.3f} ms per assessment")
    print(f"baseline json.loads(json.dumps(doc)): median {baseline:.3f} ms")
    print(f"ratio score / baseline: {scoring / baseline:.1f}x")
    print(f"score() of the same without risks: median {without_risks:.3f} ms")
    print(f"ratio with risks / without: {scoring / without_risks:.2f}x")
    print(f"goal median <= {GOAL_MS} ms: {'met' if scoring <= GOAL_MS else 'NOT met'}")


if __name__ == "__main__":
    main()
