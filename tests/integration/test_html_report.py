"""`wapenradar evaluate --html`: the page holds every gold article and every error, in a real browser too."""
from __future__ import annotations

import copy
import re
import shutil
import subprocess
from html.parser import HTMLParser

import pytest

from pipeline.batch import process
from pipeline.cli import bundled_gold
from pipeline.evaluate import score
from pipeline.html_report import anchor_id, error_side, html_id, render_report
from pipeline.io import InputDoc

CHROMIUM_FLAGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update", "--disable-sync"]


class Dom(HTMLParser):
    """ids, links, error items and displaCy marks of a page."""

    def __init__(self, page: str) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.errors: list[dict] = []
        self.marks: dict[str, int] = {}
        self.sections: list[str] = []
        self.external: list[str] = []
        self.feed(page)

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        for key in ("href", "src"):
            if a.get(key) and not a[key].startswith("#"):
                self.external.append(a[key])
        if tag == "a" and a.get("href", "").startswith("#"):
            self.links.append(a["href"][1:])
            if self.errors and "href" not in self.errors[-1]:
                self.errors[-1]["href"] = a["href"][1:]
        if tag == "li" and "error" in a.get("class", "").split():
            self.errors.append(dict(a))
        if tag == "section" and "doc" in a.get("class", "").split():
            self.sections.append(a["id"])
        if tag == "mark" and "entity" in a.get("class", "").split():
            side = "pred" if "-pred-off-" in a.get("id", "") else "gold"
            self.marks[side] = self.marks.get(side, 0) + 1


@pytest.fixture(scope="module")
def evaluation(nlp):
    """Bundled gold against the pipeline, with errors of several kinds made sure of (the pipeline may be perfect)."""
    gold = bundled_gold()
    items = [InputDoc(g["doc_id"], g["text"], g.get("date")) for g in gold]
    pred = copy.deepcopy(list(process(nlp, items, detect_language=False)))
    first = next(p for p in pred if p.get("weapons") and p.get("transfers") and p.get("attributions"))
    w = first["weapons"][0]
    first["weapons"].append({**w, "id": "w-fake", "name": "Nepraket", "pattern": "test:false-hit"})  # false, overlaps
    first["weapons"].pop(0)  # that gold weapon is now missed
    first["transfers"].pop(0)
    first["attributions"][0]["source"] = dict(first["attributions"][0]["cue"])  # matched cue, wrong source
    report = score(gold, pred)
    return gold, pred, report


@pytest.fixture(scope="module")
def page(evaluation) -> str:
    return render_report(*evaluation)


def test_the_page_holds_every_article_and_error_linked_into_the_text(evaluation, page):
    gold, _pred, report = evaluation
    kinds = {(e.what, e.kind) for e in report.errors}
    assert {("miss", "weapons"), ("false", "weapons"), ("miss", "transfers"), ("wrong", "attributions")} <= kinds
    dom = Dom(page)
    assert dom.sections == [f"doc-{html_id(g['doc_id'])}" for g in gold]
    assert len(dom.errors) == len(report.errors)
    for item, e in zip(dom.errors, report.errors):
        assert item["href"] in dom.ids, item
        assert item["href"].startswith(f"doc-{html_id(e.doc_id)}-{'pred-' if error_side(e) == 'pred' else ''}off-")
    assert all(link in dom.ids for link in dom.links)
    assert dom.marks["gold"] > 50 and dom.marks["pred"] > 50
    assert not dom.external, "the page must be self-contained"
    assert not re.search(r"url\(|@import|https?://[^\s\"<]*\.(?:css|js)", page)
    assert 'id="pattern-table"' in page and "test:false-hit" in page and 'id="score-table"' in page


def test_a_missed_weapon_links_to_its_gold_span_and_a_false_hit_to_the_prediction(evaluation, page):
    _gold, _pred, report = evaluation
    miss = next(e for e in report.errors if e.what == "miss" and e.kind == "weapons")
    false = next(e for e in report.errors if e.record.get("pattern") == "test:false-hit")
    assert f'href="#{anchor_id(miss.doc_id, "gold", miss.record["start"])}"' in page
    assert f'href="#{anchor_id(false.doc_id, "pred", false.record["start"])}"' in page
    assert re.search(rf'<mark class="entity err weapon" id="{anchor_id(false.doc_id, "pred", false.record["start"])}"',
                     page)


def _chromium() -> str | None:
    return shutil.which("chromium")


@pytest.mark.slow
@pytest.mark.skipif(_chromium() is None, reason="Debian's `chromium` is not installed (apt-get install -y chromium); "
                                                "the headless-browser check of the HTML report needs it")
def test_headless_chromium_renders_every_article_and_error(evaluation, page, tmp_path):
    gold, _pred, report = evaluation
    html_path = tmp_path / "report.html"
    html_path.write_text(page, encoding="utf-8")
    cmd = [_chromium(), *CHROMIUM_FLAGS, f"--user-data-dir={tmp_path / 'profile'}", "--dump-dom", html_path.as_uri()]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr[-2000:]
    dom = Dom(done.stdout)
    assert dom.sections == [f"doc-{html_id(g['doc_id'])}" for g in gold]
    assert len(dom.errors) == len(report.errors) > 0
    assert all(item["href"] in dom.ids for item in dom.errors)
    assert dom.marks["gold"] > 50 and dom.marks["pred"] > 50
