"""Regenerate the answer keys inside the teacher guides from the question banks and exercises.

Each ``lessons/NN-slug/guide.<lang>.md`` holds hand-written sections (objectives, plan,
preparation, prompts, misconceptions, support and extension) and an answer key between the
markers ``<!-- answer-key:start -->`` and ``<!-- answer-key:end -->``. The key is generated from
``lessons/NN-slug/quiz.yml`` (correct answers computed exactly as students' answers are checked,
including answers computed from data/) and from the reference solutions of the lesson's exercises.

Usage::

    python -m tools.guides           # rewrite the keys (make guides)
    python -m tools.guides --check   # exit 1 when a committed key differs from what this produces
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
START, END = "<!-- answer-key:start -->", "<!-- answer-key:end -->"
HEAD = {
    "en": ("Quiz", "Exercises", "Model solution of", "Answer", "Why"),
    "id": ("Kuis", "Latihan", "Model jawaban", "Jawaban", "Alasan"),
}


def answer_key(lesson: str, lang: str) -> str:
    from helpers import exercises, quiz
    from helpers.quiz_kinds import KINDS

    _quiz_head, ex_head, model, answer, why = HEAD[lang]
    bank = quiz.load(lesson, lang=lang)
    lines = [f"### {bank.title}", ""]
    for n, q in enumerate(bank.questions.values(), start=1):
        lines += [
            f"{n}. **{q.text[lang]}**  ",
            f"   {answer}: {KINDS[q.type].key(q, lang)}  ",
            f"   {why}: {q.explanation[lang]}",
        ]
    lessons_ex = [e for e in exercises.all_exercises() if e.lesson == lesson]
    if lessons_ex:
        lines += ["", f"### {ex_head}", ""]
        for ex in lessons_ex:
            lines += [f"{model} {ex.id}:", "", "```python", ex.solution, "```", ""]
    return "\n".join(lines).rstrip() + "\n"


def render(path: Path) -> str:
    text = path.read_text(encoding="utf-8")
    if START not in text or END not in text:
        raise SystemExit(f"{path.relative_to(ROOT)}: the answer-key markers are missing")
    lesson, lang = path.parent.name, path.stem.split(".")[1]
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    return f"{before}{START}\n{answer_key(lesson, lang)}{END}{after}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--check", action="store_true")
    args = parser.parse_args(argv)
    stale = []
    for path in sorted((ROOT / "lessons").glob("*/guide.*.md")):
        new = render(path)
        if path.read_text(encoding="utf-8") != new:
            stale.append(str(path.relative_to(ROOT)))
            if not args.check:
                path.write_text(new, encoding="utf-8")
    if args.check and stale:
        print("answer keys out of date (run `make guides`): " + ", ".join(stale))
        return 1
    print(("rewrote " + ", ".join(stale)) if stale and not args.check else "answer keys are up to date")
    return 0


if __name__ == "__main__":
    sys.exit(main())
