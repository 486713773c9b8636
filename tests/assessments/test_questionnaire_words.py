"""The questionnaire's words are written once: "Not decided yet", every question label and every
choice label appear as text in assessments/questionnaire.py and in no other module or template
of the product (migrations freeze them by design and are left out)."""

import re
from pathlib import Path

from assessments.questionnaire import NOT_DECIDED, SECTIONS

ROOT = Path(__file__).resolve().parents[2]
HOME = Path("assessments/questionnaire.py")
# The same words naming something else, each with what it names there.
ELSEWHERE = {
    ("Title", "assessments/dashboards.py"): "the CSV column of every assessment's title",
    ("Title", "templates/assessments/list.html"): "a list's column heading",
    ("Title", "templates/assessments/_work_table.html"): "a list's column heading",
    ("Title", "templates/assessments/review_queue.html"): "a list's column heading",
    ("Title", "templates/assessments/portfolio.html"): "a list's column heading",
    ("Title", "templates/assessments/_reviews_due_table.html"): "a list's column heading",
    ("Privacy officer", "assessments/roles.py"): "the role a person holds",
    ("Māori", "assessments/te_reo.py"): "the list of te reo words marked lang=mi",
    ("Purpose statement", "templates/records/record.html"): "the statement made from answers",
    ("Purpose statement", "templates/assessments/detail.html"): "the statement made from answers",
}


def _words() -> set[str]:
    words = {NOT_DECIDED}
    for section in SECTIONS:
        for question in section.questions:
            words.add(question.label)
            words.update(label for _, label in question.choices)
    return words


def _sources() -> list[Path]:
    found = [*(ROOT / "assessments").rglob("*.py"), *(ROOT / "templates").rglob("*.html")]
    return [path for path in found if "migrations" not in path.parts]


def _places(word: str, sources: dict[Path, str], root: Path = ROOT) -> list[str]:
    literal = re.compile(r"[\"']" + re.escape(word) + r"[\"']")  # "Yes" in Python
    text = re.compile(r">\s*" + re.escape(word) + r"\s*<")  # <th>Yes</th> in a template
    return [
        str(path.relative_to(root))
        for path, source in sources.items()
        if (literal if path.suffix == ".py" else text).search(source)
    ]


def test_each_label_is_written_in_the_questionnaire_only() -> None:
    sources = {path: path.read_text("utf-8") for path in _sources()}
    misplaced = {
        word: [p for p in _places(word, sources) if (word, p) not in ELSEWHERE]
        for word in sorted(_words())
    }
    assert {w: places for w, places in misplaced.items() if places != [str(HOME)]} == {}
    # Every exception is still needed, so none outlives the words it excused.
    assert [key for key in ELSEWHERE if key[1] not in _places(key[0], sources)] == []


def test_the_search_finds_a_label_written_again_in_code_or_a_template(tmp_path) -> None:
    sources = {
        tmp_path / "a.py": 'LABEL = "Why it is shared"\n',
        tmp_path / "b.html": "<th>Why it is shared</th>",
        tmp_path / "c.html": "<p>Say why it is shared with them.</p>",
    }
    assert _places("Why it is shared", sources, tmp_path) == ["a.py", "b.html"]
