"""Where each edition of the kit lives: the teacher's repository, and the student edition's own.

The teacher edition (the whole kit, with the guides and answer keys) is the ``main`` branch of the
kit's repository, :data:`TEACHER_REPOSITORY`. The student edition (``make release``: no guides,
banks and model solutions sealed) is published to a repository of its own,
:data:`STUDENT_REPOSITORY`, named after the teacher's with :data:`STUDENT_SUFFIX`. Its history holds
student releases only, so nothing in a student's clone leads back to the teacher's commits: a
``student`` branch of the teacher's own repository was one ``git fetch origin main`` away from the
plain keys (issue 27).

A teacher's own copy gets its own pair: ``github.com/YOU/libya-kit`` (private, yours) and
``github.com/YOU/libya-kit-student`` (public, the students'); :func:`student_repository` derives
the second from the first, and every tool that needs it also takes it as a setting
(``kit_teacher.link --student-repo``, ``make release STUDENT_REPO=...``, the workflow's
``STUDENT_REPOSITORY`` variable).

Examples
--------
>>> STUDENT_REPOSITORY
'https://github.com/libya-kit/libya-kit-student'
>>> student_repository("git@github.com:teacher/libya-kit.git")
'git@github.com:teacher/libya-kit-student.git'
>>> github_name("https://github.com/libya-kit/libya-kit-student.git"), github_name("https://gitlab.com/a/b")
('libya-kit/libya-kit-student', None)
"""

from __future__ import annotations

import re

__all__ = [
    "TEACHER_REPOSITORY",
    "STUDENT_SUFFIX",
    "STUDENT_REPOSITORY",
    "TEACHER_BRANCH",
    "STUDENT_BRANCH",
    "student_repository",
    "github_name",
]

#: The kit's own repository: the teacher edition, on its ``main`` branch.
TEACHER_REPOSITORY = "https://github.com/libya-kit/libya-kit"
#: What the student edition's repository adds to the teacher's name.
STUDENT_SUFFIX = "-student"
#: The branch of the teacher's repository that teachers' links open.
TEACHER_BRANCH = "main"
#: The branch of the student repository that holds the student edition (its default branch).
STUDENT_BRANCH = "main"


def student_repository(teacher: str) -> str:
    """The student edition's repository for the teacher's repository ``teacher``: same host and
    owner, the name with :data:`STUDENT_SUFFIX` (an address already ending in it is returned as it is).

    Examples
    --------
    >>> student_repository("https://git.school.example/guru/kit-libya/")
    'https://git.school.example/guru/kit-libya-student'
    >>> student_repository("https://github.com/libya-kit/libya-kit-student")
    'https://github.com/libya-kit/libya-kit-student'
    """
    value = teacher.strip().rstrip("/")
    suffix = ".git" if value.endswith(".git") else ""
    value = value[: len(value) - len(suffix)]
    if value.endswith(STUDENT_SUFFIX):
        return value + suffix
    return value + STUDENT_SUFFIX + suffix


#: The student edition's repository of the kit itself.
STUDENT_REPOSITORY = student_repository(TEACHER_REPOSITORY)


def github_name(address: str) -> str | None:
    """``OWNER/NAME`` of a GitHub repository's https or SSH address (None for any other host)."""
    match = re.fullmatch(
        r"(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([\w.-]+/[\w.-]+?)(?:\.git)?/?",
        address.strip(),
    )
    return match.group(1) if match else None
