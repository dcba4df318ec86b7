"""An agreement as a document: which of its clauses are recorded, in order, each with its
fullest cited text.

An agreement page lists every clause of the agreement's text, not only those the data
records: the clauses in between (and, when ``clause_count`` says how many clauses the
text has, those after the last recorded one) appear as "not recorded", so a reader never
takes the recorded clauses for the whole text. Runs of clauses not recorded are shown
as one line (``6–8``). Clause numbers that are not whole numbers (``2a``) are listed in
the data's order after the numbered ones.

Each recorded clause shows the first text of the clause that is not an excerpt (a cited
source gives it in full), else its first excerpt, marked as such; the clause page keeps
every version, and the agreement page names the others, each with its citation.
"""

from __future__ import annotations

from briefing.model.records import Agreement, Clause, ClauseText
from briefing.render.contexts import AgreementClause


def fullest_text(clause: Clause) -> ClauseText:
    """The clause's first full text, or its first excerpt when no source gives it whole."""
    return next((t for t in clause.texts if not t.excerpt), clause.texts[0])


def _run(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}–{last}"


def clause_list(agreement: Agreement) -> tuple[list[AgreementClause], list[str], list[str]]:
    """The agreement's clauses in order with the runs not recorded, the recorded numbers
    and the runs not recorded."""
    numbered = {int(c.number): c for c in agreement.clauses if c.number.isdigit()}
    others = [c for c in agreement.clauses if not c.number.isdigit()]
    total = max([*numbered, agreement.clause_count.count if agreement.clause_count else 0], default=0)
    entries: list[AgreementClause] = []
    missing: list[str] = []
    gap_start: int | None = None
    for number in range(1, total + 1):
        clause = numbered.get(number)
        if clause is None:
            gap_start = number if gap_start is None else gap_start
            if number + 1 in numbered or number == total:
                missing.append(_run(gap_start, number))
                entries.append(AgreementClause(missing[-1]))
                gap_start = None
            continue
        entries.append(_entry(clause))
    entries += [_entry(c) for c in others]
    recorded = [str(n) for n in sorted(numbered)] + [c.number for c in others]
    return entries, recorded, missing


def _entry(clause: Clause) -> AgreementClause:
    shown = fullest_text(clause)
    return AgreementClause(clause.number, clause, shown, tuple(t for t in clause.texts if t is not shown))
