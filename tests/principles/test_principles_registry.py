"""The registry holds exactly RULES.md's catalogue and refuses malformed rules."""

from typing import Any

import pytest

from principles import PRINCIPLES, Finding, Snapshot, registry
from principles.registry import DuplicateRuleError, Rule, RuleRegistry
from principles.results import Severity

GP = "good practice"

# Every rule of RULES.md: id, principle, severity, basis.
CATALOGUE = [
    ("HT-01", "he_tangata", "blocking", GP),
    ("HT-02", "he_tangata", "blocking", GP),
    ("HT-03", "he_tangata", "major", GP),
    ("HT-04", "he_tangata", "blocking", "law (IPP 1)"),
    ("HT-05", "he_tangata", "blocking", "law (IPP 1)"),
    ("HT-06", "he_tangata", "major", GP),
    ("HT-07", "he_tangata", "blocking", "law (IPP 10)"),
    ("HT-08", "he_tangata", "major", "law (IPP 1)"),
    ("HT-09", "he_tangata", "minor", GP),
    ("HT-10", "he_tangata", "major", GP),
    ("HT-11", "he_tangata", "varies", GP),
    ("MK-01", "manaakitanga", "major", GP),
    ("MK-02", "manaakitanga", "major", GP),
    ("MK-03", "manaakitanga", "major", GP),
    ("MK-04", "manaakitanga", "major", GP),
    ("MK-05", "manaakitanga", "major", GP),
    ("MW-01", "mana_whakahaere", "blocking", "law (IPP 3)"),
    ("MW-02", "mana_whakahaere", "major", GP),
    ("MW-03", "mana_whakahaere", "major", GP),
    ("MW-04", "mana_whakahaere", "blocking", GP),
    ("MW-05", "mana_whakahaere", "major", "law (IPP 6, 7)"),
    ("MW-06", "mana_whakahaere", "minor", "law (IPP 7)"),
    ("MW-07", "mana_whakahaere", "minor", GP),
    ("MW-08", "mana_whakahaere", "minor", GP),
    ("KT-01", "kaitiakitanga", "major", "law (IPP 9)"),
    ("KT-02", "kaitiakitanga", "major", "law (IPP 5)"),
    ("KT-03", "kaitiakitanga", "minor", "law (IPP 9)"),
    ("KT-04", "kaitiakitanga", "minor", GP),
    ("KT-05", "kaitiakitanga", "major", "law (IPP 11)"),
    ("KT-06", "kaitiakitanga", "blocking", GP),
    ("MH-01", "mahitahitanga", "varies", GP),
    ("MH-02", "mahitahitanga", "major", GP),
    ("MH-03", "mahitahitanga", "major", GP),
    ("MH-04", "mahitahitanga", "minor", GP),
]


@pytest.mark.parametrize(("rule_id", "principle", "severity", "basis"), CATALOGUE)
def test_rule_is_registered_as_documented(rule_id, principle, severity, basis):
    rule = registry.get(rule_id)
    assert (rule.principle, rule.severity, rule.basis) == (principle, severity, basis)
    assert rule.title and rule.applies and rule.meets


def test_no_rule_is_registered_beyond_the_catalogue():
    assert [r.id for r in registry.rules()] == [row[0] for row in CATALOGUE]


def test_rules_come_in_principle_order_then_id():
    order = list(PRINCIPLES)
    keys = [(order.index(r.principle), r.id) for r in registry.rules()]
    assert keys == sorted(keys)


def test_only_ht11_and_mh01_vary_and_they_say_how():
    varies = {r.id: r.severity_note for r in registry.rules() if r.severity is Severity.VARIES}
    assert list(varies) == ["HT-11", "MH-01"]
    assert "Blocking" in varies["HT-11"] and "extreme" in varies["HT-11"]
    assert "major otherwise" in varies["HT-11"]
    assert "high" in varies["MH-01"] and "low" in varies["MH-01"]


def test_findings_carry_their_rules_metadata(make_doc):
    for found in registry.run(Snapshot.from_dict(make_doc())):
        rule = registry.get(found.rule)
        assert (found.principle, found.basis) == (rule.principle, rule.basis)
        if rule.severity is not Severity.VARIES:
            assert found.severity == rule.severity


def _register_met(reg: RuleRegistry, rule_id: str = "XX-01", **kwargs) -> None:
    options: dict[str, Any] = {
        "principle": "he_tangata",
        "severity": Severity.MINOR,
        "basis": GP,
        "title": "A test rule",
        "applies": "Always.",
        "meets": "Always.",
    }
    options.update(kwargs)

    @reg.register(rule_id, **options)
    def always_met(snap: Snapshot, rule: Rule) -> Finding:
        return rule.met("Always met.")


def test_a_duplicate_id_is_refused():
    reg = RuleRegistry()
    _register_met(reg)
    with pytest.raises(DuplicateRuleError, match="XX-01"):
        _register_met(reg)
    assert len(reg.rules()) == 1


def test_the_default_registry_refuses_a_duplicate_of_a_real_rule():
    with pytest.raises(DuplicateRuleError, match="HT-01"):
        _register_met(registry.default_registry, "HT-01")
    assert registry.get("HT-01").func.__name__ != "always_met"


@pytest.mark.parametrize(
    ("rule_id", "kwargs"),
    [
        ("HT-1", {}),
        ("ht-01", {}),
        ("XX-01", {"principle": "nobody"}),
        ("XX-01", {"severity": "huge"}),
        ("XX-01", {"severity": Severity.VARIES}),  # needs a severity note
        ("XX-01", {"basis": ""}),
    ],
)
def test_malformed_registrations_are_refused(rule_id, kwargs):
    with pytest.raises(ValueError):
        _register_met(RuleRegistry(), rule_id, **kwargs)


@pytest.mark.parametrize("returned", [None, "met", {"status": "met"}, ["met"]])
def test_a_rule_returning_anything_but_a_finding_is_refused(returned):
    reg = RuleRegistry()

    @reg.register(
        "XX-02",
        principle="kaitiakitanga",
        severity=Severity.MAJOR,
        basis=GP,
        title="Broken",
        applies="Always.",
        meets="Never.",
    )
    def broken(snap, rule):
        return returned

    with pytest.raises(TypeError, match="XX-02"):
        reg.run(Snapshot.from_dict({"title": "T", "purpose": {"statement": ""}}))


def test_a_rule_returning_another_rules_finding_is_refused():
    reg = RuleRegistry()
    other = RuleRegistry()
    _register_met(other, "YY-01")

    @reg.register(
        "XX-03",
        principle="kaitiakitanga",
        severity=Severity.MINOR,
        basis=GP,
        title="Impostor",
        applies="Always.",
        meets="Never.",
    )
    def impostor(snap, rule):
        return other.get("YY-01").met("Not mine.")

    with pytest.raises(ValueError, match="YY-01"):
        reg.run(Snapshot.from_dict({"title": "T", "purpose": {"statement": ""}}))


def test_a_varying_rule_must_name_the_effective_severity():
    reg = RuleRegistry()

    @reg.register(
        "XX-04",
        principle="mahitahitanga",
        severity=Severity.VARIES,
        basis=GP,
        title="Varies",
        applies="Always.",
        meets="Always.",
        severity_note="It depends.",
    )
    def varies(snap, rule):
        return rule.met("Met.")

    with pytest.raises(ValueError, match="varies"):
        reg.run(Snapshot.from_dict({"title": "T", "purpose": {"statement": ""}}))


def test_a_fixed_rule_cannot_change_its_severity():
    rule = registry.get("HT-01")
    with pytest.raises(ValueError):
        rule.met("Met.", severity=Severity.MINOR)
