"""Scheduling through a real Scrapyd: deploy with scrapyd-deploy, schedule.json, articles stored.

As the README shows it: the project is deployed from scrapy.cfg, the job names its
database with ``setting=NEWSCRAWL_DB=…``, and the sample site stands in for the web.
"""

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import urllib.parse
import urllib.request
from pathlib import Path

import pytest

from newscrawl.sample_site import serve_sample_site
from tests.conftest import ROOT
from tests.servers import scrapyd_server, wait_until

SCRAPYD_DEPLOY = Path(sys.executable).parent / "scrapyd-deploy"
if not SCRAPYD_DEPLOY.exists():
    SCRAPYD_DEPLOY = Path(shutil.which("scrapyd-deploy") or SCRAPYD_DEPLOY)

pytestmark = pytest.mark.skipif(not SCRAPYD_DEPLOY.exists(), reason="scrapyd-client is not installed (pip install -e '.[test]')")


def call(url: str, endpoint: str, data: list[tuple[str, str]] | None = None) -> dict:
    body = urllib.parse.urlencode(data).encode() if data is not None else None
    with urllib.request.urlopen(f"{url}/{endpoint}", data=body, timeout=10) as r:
        answer = json.loads(r.read())
    assert answer["status"] == "ok", answer
    return answer


def test_deploy_schedule_and_store(tmp_path):
    db = tmp_path / "news.db"
    with scrapyd_server() as (url, folder), serve_sample_site() as hostport:
        # A deploy target of the user's own, beside the project's scrapy.cfg.
        (tmp_path / "scrapy.cfg").write_text(f"[deploy:here]\nurl = {url}/\n")
        deploy = subprocess.run(
            [str(SCRAPYD_DEPLOY), "here", "--version", "r1"], cwd=ROOT, capture_output=True, text=True,
            env={**os.environ, "XDG_CONFIG_HOME": str(tmp_path)}, timeout=120,
        )
        assert deploy.returncode == 0, deploy.stderr
        assert call(url, "listspiders.json?project=newscrawl")["spiders"] == sorted(
            subprocess.run([sys.executable, "-m", "scrapy", "list"], cwd=ROOT, capture_output=True, text=True).stdout.split()
        )

        job = call(url, "schedule.json", [
            ("project", "newscrawl"), ("spider", "mainichi_en"),
            ("setting", f"NEWSCRAWL_DB={db}"), ("setting", f"NEWSCRAWL_REPLAY_HOST={hostport}"),
            ("setting", "DOWNLOAD_DELAY=0"), ("setting", "AUTOTHROTTLE_ENABLED=False"),
        ])["jobid"]

        def finished():
            return any(j["id"] == job for j in call(url, "listjobs.json?project=newscrawl")["finished"])

        wait_until(finished, 120, "the scheduled job", interval=0.5)
        log = (folder / "logs" / "newscrawl" / "mainichi_en" / f"{job}.log").read_text()

    with sqlite3.connect(db) as conn:
        stored = conn.execute("SELECT count(*) FROM articles WHERE site = 'mainichi_en'").fetchone()[0]
        runs = conn.execute("SELECT spider, finish_reason, stored FROM crawl_runs").fetchall()
    assert stored == 4, log[-3000:]
    assert runs == [("mainichi_en", "finished", 4)]
