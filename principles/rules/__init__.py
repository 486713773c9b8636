"""Import every rule module, so that each registers its rules.

The list is explicit so that `grep` finds every module that holds rules.
"""

from principles.rules import (  # noqa: F401
    he_tangata,
    he_tangata_risks,
    kaitiakitanga,
    mahitahitanga,
    mana_whakahaere,
    manaakitanga,
)
