"""How hard the property-based tests push: a small profile for the quick tier, the full one for CI.

``make test`` sets ``HYPOTHESIS_PROFILE=dev`` (a few hundred inputs, enough to catch a broken
guard in seconds); ``make test-all`` sets ``ci``, where each test runs the count written beside it
(more than 10,000 inputs in all, tests/test_fuzz.py). A bare ``pytest`` runs ``dev``.

>>> examples(3000) <= 3000
True
"""

from __future__ import annotations

import os

from hypothesis import HealthCheck, settings

PROFILE = os.environ.get("HYPOTHESIS_PROFILE", "dev")
#: In the dev profile a test runs this share of its full count (and at least MIN_EXAMPLES).
DEV_SHARE = 25
MIN_EXAMPLES = 20

settings.register_profile("ci", deadline=None, print_blob=True)
settings.register_profile("dev", deadline=None, max_examples=50, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile(PROFILE if PROFILE in ("ci", "dev") else "dev")


def examples(full: int) -> int:
    """How many inputs a test whose full count is ``full`` gets under the current profile."""
    return full if PROFILE == "ci" else max(MIN_EXAMPLES, full // DEV_SHARE)
