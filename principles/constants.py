"""Name the ruleset version and the five Principles in their display order."""

from types import MappingProxyType

# Bump when any rule's meaning changes: every stored score records the version that made it.
RULESET_VERSION = "2026.2"

# Display order is the order of DPUP's own texts; the names keep their macrons.
PRINCIPLES: MappingProxyType[str, str] = MappingProxyType(
    {
        "he_tangata": "He Tāngata",
        "manaakitanga": "Manaakitanga",
        "mana_whakahaere": "Mana Whakahaere",
        "kaitiakitanga": "Kaitiakitanga",
        "mahitahitanga": "Mahitahitanga",
    }
)
