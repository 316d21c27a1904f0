"""The student release (``make release``, tools/release.py): what it builds, what it must not contain.

One build of a fresh clone of HEAD is shared by the tests of this module (``built``). The student
edition must score every quiz answer and check every exercise exactly as the teacher's kit does,
pass nbval, and hold no answer of any answer key (the leak test, which is shown to fail when a
guide or a plain bank is copied in).
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
from dataclasses import asdict
from fnmatch import fnmatch
from pathlib import Path

import pytest
import yaml

from helpers import quiz
from tools import trust
from tools.release import STUDENT_TARGETS

# Full tier only: builds both editions from git and runs nbval on the student one (about 90 s).
pytestmark = pytest.mark.full

ROOT = Path(__file__).resolve().parent.parent
QUIZ_SCRIPT = r"""
import json, sys, itertools
from dataclasses import asdict
import helpers
from helpers import quiz as quizmod
from helpers.quiz_bank import load_bank
from helpers.paths import lesson_slugs
from helpers.exercises import all_exercises

quizmod.Quiz._record = lambda *a, **k: None  # scoring is compared, not the progress file
candidates = json.loads(open(sys.argv[1], encoding="utf-8").read())
out = {"quiz": {}, "exercises": {}}
for lesson in lesson_slugs():
    try:
        _, questions = load_bank(lesson)
    except Exception:
        continue
    for q in questions:
        for lang in ("en", "id"):
            for raw in candidates[f"{lesson}/{q.id}"]:
                quiz = quizmod.load(lesson, seed="release-test", lang=lang)
                quiz.questions = {x.id: x for x in questions}
                quiz.order = {x.id: [e["key"] for e in x.entries] for x in questions}
                first, second = quiz.answer(q.id, raw), quiz.answer(q.id, raw)
                out["quiz"].setdefault(f"{lesson}/{q.id}/{lang}", []).append([raw, asdict(first), asdict(second)])
for ex in all_exercises():
    out["exercises"][ex.id] = [ex.lesson, ex.expects, ex.hints, ex.sentences, ex.columns, ex.key, ex.ordered,
                               ex.tolerance, ex.solution, repr(ex.expected())[:2000]]
print(json.dumps(out, ensure_ascii=False, sort_keys=True))
"""


def _git(*args: str, cwd: Path) -> str:
    return subprocess.run(["git", *args], cwd=cwd, check=True, capture_output=True, text=True).stdout


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> dict[str, Path]:
    """A fresh clone of HEAD and the editions its release builds (``python -m tools.release``)."""
    tmp = tmp_path_factory.mktemp("release")
    clone = tmp / "clone"
    subprocess.run(["git", "clone", "-q", str(ROOT), str(clone)], check=True)
    done = subprocess.run(
        [sys.executable, "-m", "tools.release", "--out", str(tmp / "build")],
        cwd=clone,
        capture_output=True,
        text=True,
        env=dict(os.environ, PYTHONPATH=str(clone)),
    )
    assert done.returncode == 0, done.stdout + done.stderr
    return {"clone": clone, "student": tmp / "build" / "student", "teacher": tmp / "build" / "teacher", "tmp": tmp}


def _files(folder: Path) -> list[str]:
    return sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file())


def test_release_builds_both_editions(built):
    student, teacher, clone = built["student"], built["teacher"], built["clone"]
    files = _files(student)
    assert _files(teacher) == sorted(_git("ls-files", cwd=clone).split("\n")[:-1])
    notebooks = sorted(p.relative_to(clone).as_posix() for p in clone.glob("notebooks/*/[0-9][0-9]-*.ipynb"))
    assert notebooks and set(notebooks) <= set(files)
    assert {
        "README.md",
        "README.id.md",
        "LICENSE",
        "environment.yml",
        "postBuild",
        "start",
        "pyproject.toml",
        "Makefile",
    } <= set(files)
    assert "notebooks/TRUSTED.sha256" in files and "requirements/lock.txt" in files
    assert not [f for f in files if f.startswith(("tests/", "benchmarks/", "notebooks/src/", "lessons/handouts/"))]
    assert [f for f in files if f.startswith("tools/")] == [
        "tools/__init__.py",
        "tools/lab_settings.py",  # make lab and postBuild set JupyterLab's language and code colours with it
        "tools/trust.py",
        "tools/trust_on_open.py",
        "tools/wheelhouse.py",
    ]
    assert not [f for f in files if re.search(r"guide\.[a-z]+\.md$|^lessons/README", f)]
    assert any(re.search(r"^lessons/[^/]+/guide\.en\.md$", f) for f in _files(teacher))
    assert "Student edition" in (student / "README.md").read_text().split("\n")[2]
    assert "Edisi siswa" in (student / "README.id.md").read_text().split("\n")[2]
    teacher_install, student_install = "libya-kit/libya-kit@main", "libya-kit/libya-kit-student@main"
    for nb in notebooks:  # executed, as committed; only Colab's install line points at the student repository
        mine, main = (student / nb).read_text(encoding="utf-8"), (clone / nb).read_text(encoding="utf-8")
        assert teacher_install in main and teacher_install not in mine and student_install in mine, nb
        assert mine == main.replace(teacher_install, student_install), nb
    for readme in ("README.md", "README.id.md"):  # Open in Colab: the student repository, never the teacher's
        text = (student / readme).read_text(encoding="utf-8")
        assert "libya-kit/libya-kit-student/blob/main/notebooks/" in text, readme
        assert "libya-kit/libya-kit/blob/" not in text and "/blob/student/" not in text, readme
        # and it says plainly what self-check costs (issue 27)
        banner = text.split("\n\n")[1]
        assert ("Anyone with Python" in banner) if readme == "README.md" else ("Siapa pun yang" in banner), banner
        # every command line it gives runs in the student edition (issue 22: it said `make test`)
        commands = re.findall(r"^make ([a-z][a-z-]*)", text, re.M)
        assert "lab" in commands and set(commands) <= set(STUDENT_TARGETS), (readme, commands)
    makefile = (student / "Makefile").read_text()
    assert "lab:" in makefile and "tools.trust install" in makefile
    assert not re.search(r"^(test|lint|notebooks|guides|handouts|bench|release)\b.*:", makefile, re.M)


def test_student_makefile_targets_exist(built):
    """Every target the student Makefile names has a rule there (make -n resolves them)."""
    done = subprocess.run(
        ["make", "-n", "lab", "wheelhouse", "clean", "help"], cwd=built["student"], capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr


def test_binder_builds_the_student_edition_and_trusts_its_notebooks(built, tmp_path):
    """repo2docker (--no-build) finds environment.yml and postBuild, and postBuild's trust step runs there."""
    exe = Path(sys.executable).with_name("jupyter-repo2docker")
    assert exe.exists(), "jupyter-repo2docker is not installed: run `make test`, which installs the test extras"
    out = subprocess.run([str(exe), "--no-build", "--debug", str(built["student"])], capture_output=True, text=True)
    text = out.stdout + out.stderr
    assert out.returncode == 0, text[-3000:]
    assert "environment.yml" in text and "RUN ./postBuild" in text
    kit = tmp_path / "student"
    shutil.copytree(built["student"], kit)
    done = subprocess.run(
        [sys.executable, "-m", "tools.trust", "check"], cwd=kit, capture_output=True, text=True, env=_env(kit)
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_student_editions_postbuild_writes_into_the_environment_not_the_home_folder(built, tmp_path):
    """The hub image (README: repo2docker --target-repo-dir /srv/libya-kit): postBuild runs in REPO_DIR,
    outside $HOME, installs the kit's settings and trust hook into the environment, and leaves no
    file of the kit in the home folder; ``start`` then hands over in $HOME."""
    from kit_venv import bare_venv

    python = bare_venv(tmp_path / "env")
    home, repo = tmp_path / "home" / "jovyan", tmp_path / "srv" / "libya-kit"
    home.mkdir(parents=True)
    shutil.copytree(built["student"], repo, symlinks=True)
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "JUPYTER", "KIT_"))}
    env.update(HOME=str(home), REPO_DIR=str(repo), PATH=f"{python.parent}:{env.get('PATH', '/usr/bin:/bin')}")
    done = subprocess.run(["./postBuild"], cwd=repo, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stdout + done.stderr
    prefix = tmp_path / "env"
    assert (prefix / "share" / "jupyter" / "lab" / "settings" / "overrides.json").is_file()
    config = prefix / "etc" / "jupyter" / "jupyter_server_config.d" / f"{trust.HOOK_MODULE}.json"
    assert trust.HOOK_MODULE in config.read_text()
    assert list(prefix.glob(f"lib/python*/site-packages/{trust.HOOK_MODULE}.py"))
    kit_files = {p.relative_to(repo).as_posix() for p in repo.rglob("*") if p.is_file()}
    in_home = [p.relative_to(home).as_posix() for p in home.rglob("*") if p.is_file()]
    assert not [f for f in in_home if f in kit_files or f.endswith((".ipynb", ".sha256", "quiz.yml"))], in_home
    done = subprocess.run(["./start", "pwd"], cwd=repo, env=env, capture_output=True, text=True, check=True)
    assert done.stdout.strip() == str(home)


def _candidates(clone: Path) -> dict[str, list]:
    """Right answers, every wrong option and partial answers of every question (from the plain banks)."""
    script = r"""
import json, itertools, random
from helpers.quiz_bank import load_bank
from helpers.paths import lesson_slugs
from helpers.quiz_kinds import LETTERS
from helpers import data
out = {}
for lesson in lesson_slugs():
    try:
        _, questions = load_bank(lesson)
    except Exception:
        continue
    for q in questions:
        keys = [e["key"] for e in q.entries]
        letter = {k: LETTERS[i] for i, k in enumerate(keys)}
        rnd = random.Random(q.id + lesson)
        c = ["", "???", "zz"]
        if q.type == "single":
            c += [letter[k] for k in keys]
        elif q.type == "multiple":
            c += [",".join(letter[k] for k in sub) for n in range(1, len(keys) + 1) for sub in itertools.combinations(keys, n)]
        elif q.type == "truefalse":
            c += ["true", "false", "benar", "salah", "ya", "mungkin"]
        elif q.type == "numeric":
            a, tol = q.answer, q.tolerance
            c += [f"{v:g}" for v in (a, a + tol, a - tol, a + tol + 0.2, a - tol - 0.2, round(a), a + 1, a * 2, 0)]
            c += [f"{a:g} {q.unit_in('en')}", str(a).replace(".", ",")]
        elif q.type == "text":
            c += [q.answer, q.answer.upper(), f"  {q.answer} ", *q.accept, "Tripoli", "Benghazi", "Sirte", "Haftar"]
            if q.accept_place:
                key = data.find_place(q.answer)
                row = data.load_places().set_index("place").loc[key]
                c += [key] + [str(v) for v in row.values if isinstance(v, str) and 2 < len(v) < 40]
        elif q.type == "ordering":
            perms = list(itertools.permutations(keys))
            if len(perms) > 150:
                perms = rnd.sample(perms, 150) + [tuple(q.answer), tuple(reversed(q.answer))]
            c += [",".join(letter[k] for k in p) for p in perms]
        elif q.type == "matching":
            rights = [r["key"] for r in q.right]
            combos = list(itertools.product(rights, repeat=len(keys)))
            if len(combos) > 150:
                combos = rnd.sample(combos, 150) + [tuple(q.answer[k] for k in keys)]
            c += [", ".join(f"{letter[k]}={v}" for k, v in zip(keys, combo)) for combo in combos]
            c += [", ".join(f"{letter[k]}={v}" for k, v in list(q.answer.items())[:-1])]
        out[f"{lesson}/{q.id}"] = c
print(json.dumps(out, ensure_ascii=False))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=clone, capture_output=True, text=True, env=_env(clone))
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def _env(kit: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("KIT_ROOT", "PYTHONPATH")}
    return dict(env, KIT_ROOT=str(kit), PYTHONPATH=str(kit), PYTHONDONTWRITEBYTECODE="1", **extra)


def _outcomes(kit: Path, candidates: Path, progress: Path) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", QUIZ_SCRIPT, str(candidates)],
        cwd=kit,
        capture_output=True,
        text=True,
        env=_env(kit, KIT_PROGRESS_DIR=str(progress)),
    )
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.fixture(scope="module")
def outcomes(built) -> dict[str, dict]:
    """Every candidate answer of every question, scored by the teacher's kit and by the student edition."""
    tmp = built["tmp"]
    path = tmp / "candidates.json"
    path.write_text(json.dumps(_candidates(built["clone"]), ensure_ascii=False), encoding="utf-8")
    return {edition: _outcomes(built[edition], path, tmp / f"progress-{edition}") for edition in ("clone", "student")}


def test_student_banks_and_exercise_modules_are_sealed_whole(built):
    """Each is one seal (helpers.sealed) of the teacher's file, byte for byte, and nothing else in plain text."""
    from helpers.sealed import SEAL_PREFIX, unseal

    sealed = [*built["student"].glob("lessons/*/quiz.yml"), *built["student"].glob("lessons/*/solutions.py")]
    assert len(sealed) >= 10
    for path in sealed:
        rel = path.relative_to(built["student"]).as_posix()
        text = path.read_text(encoding="utf-8")
        blobs = re.findall(rf"{SEAL_PREFIX}[A-Za-z0-9+/=]+", text)
        assert len(blobs) == 1, rel
        teacher = (built["clone"] / rel).read_text(encoding="utf-8")
        assert unseal(blobs[0]) == teacher, rel
        plain = text.replace(blobs[0], "")
        shown = [line for line in teacher.splitlines() if len(line.strip()) > 12 and line.strip() in plain]
        assert len(plain) < 400 and not shown, (rel, shown)


def test_both_editions_score_every_answer_identically(outcomes):
    plain, sealed = outcomes["clone"]["quiz"], outcomes["student"]["quiz"]
    assert plain.keys() == sealed.keys() and len(plain) > 40
    for where in plain:
        assert plain[where] == sealed[where], where
    scores = [first["score"] for runs in plain.values() for _, first, _ in runs if first["understood"]]
    assert 1.0 in scores and 0.0 in scores and any(0 < s < 1 for s in scores)  # right, wrong and partial answers


def test_both_editions_register_the_same_exercises(outcomes):
    plain, sealed = outcomes["clone"]["exercises"], outcomes["student"]["exercises"]
    assert plain == sealed and len(plain) >= 10


def test_exercise_checks_give_the_same_verdicts_in_the_student_edition(built, tmp_path):
    """tests/test_check*.py (the right and wrong answers of every exercise) pass against the student helpers."""
    kit = tmp_path / "student"
    shutil.copytree(built["student"], kit)
    (kit / "tests").mkdir()
    # the verdict tests (test_check_records reads the notebooks' MyST sources, which the student edition lacks)
    for name in ["conftest.py", "fuzzing.py", "test_check.py", "test_check_feedback.py"]:
        shutil.copy2(built["clone"] / "tests" / name, kit / "tests" / name)
    (kit / "tests" / "test_is_student_edition.py").write_text(
        "import inspect, sys\nfrom helpers import exercises\nexercises.all_exercises()\nm = sys.modules['lessons.03-mapping-control.solutions']\n\n"
        "def test_sealed():\n    assert 'run(globals(), sealed=' in inspect.getsource(m) and 'def ' not in inspect.getsource(m)\n"
    )
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "tests", "-q", "-p", "no:cacheprovider", "-x"],
        cwd=kit,
        capture_output=True,
        text=True,
        env=_env(kit, KIT_PROGRESS_DIR=str(tmp_path / "progress")),
    )
    assert done.returncode == 0, done.stdout[-3000:]
    assert " passed" in done.stdout and "test_is_student_edition" not in done.stdout


# ---------------------------------------------------------------- the leak test
def _secrets(kit: Path) -> dict[str, str]:
    """What no student file may contain: {text: where it comes from}."""
    out: dict[str, str] = {}

    def add(text: object, where: str, minimum: int = 4) -> None:
        text = str(text).strip()
        if len(text) >= minimum:
            out.setdefault(text, where)

    for bank in sorted(kit.glob("lessons/*/quiz.yml")):
        raw = yaml.safe_load(bank.read_text(encoding="utf-8"))
        rel = bank.relative_to(kit).as_posix()
        for q in raw["questions"]:
            where = f"{rel} {q['id']}"
            if "answer" in q:
                answer = q["answer"]
                add(yaml.safe_dump({"answer": answer}, default_flow_style=True, allow_unicode=True)[1:-2], where)
                add(f"answer: {answer}", where)
                add(f'"answer": {json.dumps(answer, ensure_ascii=False)}', where)
                # a bare place name (Al-Watiya) is in data/ and the notebooks: only its keyed forms are secret
            if q.get("accept"):
                add(f"accept: {q['accept']}", where)
                add(f'"accept": {json.dumps(q["accept"], ensure_ascii=False)}', where)
            for field in ("explanation", "nudge"):
                for text in (q.get(field) or {}).values():
                    add(text, f"{where} {field}")
            for name in ("options", "items", "right"):
                for entry in q.get(name, []):
                    for text in (entry.get("feedback") or {}).values():
                        add(text, f"{where} feedback")
    for guide in sorted(kit.glob("lessons/*/guide.*.md")):
        text = guide.read_text(encoding="utf-8")
        for block in re.findall(r"<!-- answer-key:start -->(.*?)<!-- answer-key:end -->", text, re.S):
            fenced = False
            for line in block.splitlines():
                fenced ^= line.strip().startswith("```")
                line = line.strip()
                if fenced or line.startswith(("#", "```", "|")) or re.match(r"^\d+\.\s+\*\*", line):
                    continue
                add(line, guide.relative_to(kit).as_posix(), minimum=12)
    return out


def _model_solution_lines(kit: Path, shown: set[str]) -> dict[str, str]:
    script = "import json; from helpers.exercises import all_exercises; print(json.dumps({e.id: e.solution for e in all_exercises()}))"
    done = subprocess.run([sys.executable, "-c", script], cwd=kit, capture_output=True, text=True, env=_env(kit))
    assert done.returncode == 0, done.stderr
    # a line that students see anyway, whole or inside a longer line (a fill-in exercise's own cell), is no secret
    everything_shown = "\n".join(shown)
    return {
        line.strip(): f"model solution of {eid}"
        for eid, solution in json.loads(done.stdout).items()
        for line in solution.splitlines()
        if len(line.strip()) >= 20 and line.strip() not in everything_shown
    }


def _shown_lines(kit: Path) -> set[str]:
    """Lines a model solution may share with what students see anyway: the notebooks' cells and
    the helpers' own documentation (``from helpers import data``, ``data.load_places()``)."""
    lines = set()
    for nb in kit.glob("notebooks/*/[0-9][0-9]-*.ipynb"):
        for cell in json.loads(nb.read_text(encoding="utf-8"))["cells"]:
            lines |= {line.strip() for line in "".join(cell["source"]).splitlines()}
    for module in kit.glob("helpers/**/*.py"):  # the model solutions are in lessons/*/solutions.py
        lines |= {line.strip().removeprefix(">>> ").removeprefix("... ") for line in module.read_text().splitlines()}
    return lines


def leaks(folder: Path, secrets: dict[str, str]) -> list[str]:
    """Every secret found in a text file of ``folder`` (also JSON-escaped, as notebooks store text)."""
    found = []
    forms = {s: {s, json.dumps(s)[1:-1], json.dumps(s, ensure_ascii=False)[1:-1]} for s in secrets}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        try:
            text = path.read_text(encoding="utf-8")
        except UnicodeDecodeError:
            continue
        found += [
            f"{path.relative_to(folder)}: {secret[:60]!r} ({where})"
            for secret, where in secrets.items()
            if any(form in text for form in forms[secret])
        ]
    return found


@pytest.fixture(scope="module")
def secrets(built) -> dict[str, str]:
    clone = built["clone"]
    found = _secrets(clone) | _model_solution_lines(clone, _shown_lines(clone))
    assert len(found) > 200  # explanations of every question, key lines, solution lines
    return found


def test_student_edition_leaks_no_answer(built, secrets):
    assert leaks(built["student"], secrets) == []


def test_the_leak_test_finds_a_copied_guide_a_plain_bank_and_a_model_solution(built, secrets, tmp_path):
    clone = built["clone"]
    guide = next(clone.glob("lessons/*/guide.id.md"))
    bank = next(clone.glob("lessons/*/quiz.yml"))
    module = next(clone.glob("lessons/0[1-6]-*/solutions.py"))
    for source in (guide, bank, module):
        target = tmp_path / source.name
        shutil.copy2(source, target)
        assert leaks(tmp_path, secrets), source.name
        target.unlink()
    assert leaks(tmp_path, secrets) == []


# ---------------------------------------------------------------- nbval on the student edition
def test_the_student_edition_runs_the_teachers_code_on_the_teachers_notebooks(built):
    """Why nbval need not run the curriculum a second time on the student edition (one execution per tier).

    Every file the student edition holds is the teacher's file byte for byte, except: the sealed banks
    and exercise modules (each opens to the teacher's bytes and is read by the same loaders:
    test_student_banks_and_exercise_modules_are_sealed_whole, and the scoring and exercise parity
    tests above), the notebooks (only Colab's install line differs:
    test_release_builds_both_editions) and their trust manifest, the READMEs (banner, make lines)
    and the Makefile (fewer targets). So the student notebooks' cells run the same code on the same data as the teacher's,
    which nbval executes and compares in both tiers; the browser tests run them once more in JupyterLab.
    """
    student, clone = built["student"], built["clone"]
    # the trust manifest holds the student notebooks' own hashes (checked in the Binder test above)
    rewritten = {"README.md", "README.id.md", "Makefile", "notebooks/TRUSTED.sha256"}
    differ = []
    for path in sorted(p for p in student.rglob("*") if p.is_file()):
        rel = path.relative_to(student).as_posix()
        sealed = fnmatch(rel, "lessons/*/quiz.yml") or fnmatch(rel, "lessons/*/solutions.py")
        if sealed or rel in rewritten or fnmatch(rel, "notebooks/*/*.ipynb"):
            continue
        if path.read_bytes() != (clone / rel).read_bytes():
            differ.append(rel)
    assert not differ, f"student files that differ from the teacher's: {differ}"
    assert len(list(student.glob("notebooks/*/[0-9][0-9]-*.ipynb"))) >= 16


def test_branch_is_committed_without_touching_the_working_tree(built, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(built["clone"]), str(clone)], check=True)
    _git("config", "user.name", "Test", cwd=clone)
    _git("config", "user.email", "test@example.invalid", cwd=clone)
    (clone / "scratch.txt").write_text("not committed\n")
    before = (
        _git("status", "--porcelain", cwd=clone),
        _git("rev-parse", "HEAD", cwd=clone),
        _git("ls-files", "-s", cwd=clone),
    )

    def release(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "tools.release", "--out", str(tmp_path / "b"), *args],
            cwd=clone,
            capture_output=True,
            text=True,
            env=_env(clone),
        )

    done = release("--branch")
    assert done.returncode == 0, done.stderr
    tip = _git("rev-parse", "student", cwd=clone).strip()
    assert sorted(_git("ls-tree", "-r", "--name-only", "student", cwd=clone).split()) == _files(
        tmp_path / "b" / "student"
    )
    assert _git("rev-list", "--count", "student", cwd=clone).strip() == "1"
    assert (
        _git("status", "--porcelain", cwd=clone),
        _git("rev-parse", "HEAD", cwd=clone),
        _git("ls-files", "-s", cwd=clone),
    ) == before
    assert release("--branch").returncode == 0  # same content: same tree, no new commit (salts come from the content)
    assert _git("rev-parse", "student", cwd=clone).strip() == tip
    (clone / "README.md").write_text((clone / "README.md").read_text() + "\nOne more line.\n")
    _git("commit", "-qam", "README: one more line", cwd=clone)
    assert release("--branch", "student").returncode == 0
    assert _git("rev-parse", "student^", cwd=clone).strip() == tip  # the previous tip is the parent
    assert "One more line." in _git("show", "student:README.md", cwd=clone)
    assert _git("status", "--porcelain", cwd=clone) == before[0]


# ---------------------------------------------------------------- make release and the workflow
def test_make_release_calls_the_tool_the_tests_run():
    makefile = (ROOT / "Makefile").read_text()
    rule = re.search(r"^release:.*\n((?:\t.*\n)+)", makefile, re.M)
    assert rule and "-m tools.release" in rule.group(1) and "--branch $(BRANCH)" in rule.group(1)
    assert '--push-to "$$RELEASE_PUSH_TO"' in rule.group(1) and "--student-repo" in rule.group(1)
    assert re.search(r"^\.PHONY:.*\brelease\b", makefile, re.M) and "make release" in makefile


# ---------------------------------------------------------------- the sealed form, in this process
def test_a_sealed_bank_scores_like_the_plain_one_and_a_changed_seal_is_caught(lessons_copy):
    """The parity test above can fail: a sealed bank whose seal names another option scores differently."""
    from helpers import quiz_bank
    from helpers.sealed import seal_file
    from tools.release import seal_student_file

    plain = quiz.load("00-start-here", seed="s", lang="en")
    qid, q = next((q.id, q) for q in plain.questions.values() if q.type == "single")
    letter = "abcdefghij"[plain.order[qid].index(q.answer)]
    bank = lessons_copy / "00-start-here" / "quiz.yml"
    teacher = bank.read_text(encoding="utf-8")
    bank.write_text(seal_student_file(lessons_copy.parent, "lessons/00-start-here/quiz.yml"), encoding="utf-8")
    assert "answer:" not in bank.read_text(encoding="utf-8")
    quiz_bank.load_bank.cache_clear()
    student = quiz.load("00-start-here", seed="s", lang="en")
    assert student.answer(qid, letter).correct and plain.answer(qid, letter).correct
    assert [asdict(x) for x in student.questions.values()] == [asdict(x) for x in plain.questions.values()]
    raw = yaml.safe_load(teacher)
    entry = next(x for x in raw["questions"] if x["id"] == qid)
    entry["answer"] = next(e["key"] for e in entry["options"] if str(e["key"]) != str(q.answer))
    bank.write_text(seal_file(yaml.safe_dump(raw, allow_unicode=True), note="changed"), encoding="utf-8")
    quiz_bank.load_bank.cache_clear()
    assert not quiz.load("00-start-here", seed="s", lang="en").answer(qid, letter).correct
    bank.write_text("# a damaged seal\nsealed: sealed-v2:broken\n", encoding="utf-8")
    quiz_bank.load_bank.cache_clear()
    with pytest.raises(quiz_bank.QuizError, match=r"^lessons/00-start-here/quiz.yml: field 'sealed' cannot be opened"):
        quiz.load("00-start-here")
    quiz_bank.load_bank.cache_clear()


def test_a_damaged_exercise_seal_names_its_file(tmp_path):
    from helpers.sealed import SealError, run

    with pytest.raises(SealError, match=r"^lessons/03-mapping-control/solutions.py: field 'sealed' cannot be opened"):
        run({"__name__": "lessons.03-mapping-control.solutions"}, sealed="sealed-v2:AAAA")


def test_a_malformed_bank_stops_the_release_with_its_message(built, tmp_path):
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "-q", str(built["clone"]), str(clone)], check=True)
    bank = next(clone.glob("lessons/*/quiz.yml"))
    bank.write_text(bank.read_text().replace("answer:", "answr:", 1))
    _git("-c", "user.name=T", "-c", "user.email=t@example.invalid", "commit", "-qam", "break a bank", cwd=clone)
    done = subprocess.run(
        [sys.executable, "-m", "tools.release", "--out", str(tmp_path / "b")],
        cwd=clone,
        capture_output=True,
        text=True,
        env=_env(clone),
    )
    assert done.returncode != 0
    assert f"make release: lessons/{bank.parent.name}/quiz.yml question" in done.stderr
    assert "Traceback" not in done.stderr
