import json
from pathlib import Path

import os

import pytest
from hypothesis import settings

# CI replays the same examples every run: a property failure there is reproducible,
# never a coin toss that blocks an unrelated change. Locally, examples vary.
settings.register_profile("ci", derandomize=True)
if os.environ.get("CI"):
    settings.load_profile("ci")

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


def corpus_pages():
    """(name, html_path, expected) for every page of ../shared/corpus, or nothing."""
    pages = CORPUS / "pages"
    if not pages.is_dir():
        return []
    return [(p.stem, p.with_suffix(".html"), json.loads(p.read_text())) for p in sorted(pages.glob("*.json"))]


@pytest.fixture
def corpus_dir():
    if not (CORPUS / "pages").is_dir():
        pytest.skip("../shared/corpus is absent")
    return CORPUS


def project_settings(**overrides):
    """The project's Scrapy settings (newscrawl/settings.py) with ``overrides`` as if given with -s."""
    from scrapy.settings import Settings

    from newscrawl import settings as module

    settings = Settings()
    settings.setmodule(module, priority="project")
    settings.setdict(overrides, priority="cmdline")
    return settings


@pytest.fixture
def db_path(tmp_path):
    return tmp_path / "test.db"
