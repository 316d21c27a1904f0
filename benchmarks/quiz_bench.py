"""Time to build and render a 10-question quiz (widgets plus the bundle Jupyter displays, through IPython's formatter)."""

from __future__ import annotations

import dataclasses
import statistics
import time


def run(repeat: int = 5) -> dict[str, float]:
    from IPython.core.formatters import DisplayFormatter

    from helpers import quiz

    base = quiz.load("00-start-here")
    questions = list(base.questions.values())
    timings = []
    for _ in range(repeat):
        start = time.perf_counter()
        ten = quiz.Quiz("00-start-here")
        ten.questions = {f"{q.id}-{n}": dataclasses.replace(q, id=f"{q.id}-{n}") for n in range(2) for q in questions}
        ten.questions = dict(list(ten.questions.items())[:10])
        ten.order = {qid: ten.shown_order(q) for qid, q in ten.questions.items()}
        DisplayFormatter().format(ten)  # what Jupyter does to show it
        timings.append(time.perf_counter() - start)
    return {"quiz: build and render 10 questions (s)": round(statistics.median(timings), 4)}
