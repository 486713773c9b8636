"""Settings for the load benchmark: the production settings, with one bare view added."""

from dpup_site.settings import *  # noqa: F403

ROOT_URLCONF = "bench.load_urls"
