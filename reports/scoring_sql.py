# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules of ``scoring`` that SQL views apply, built from scoring's own
tables so that each rule is written once: a band added to
``scoring.GRADE_BANDS`` or a change of ``scoring.RANK_DIGITS`` reaches the
views without touching them."""

from odoo.tools import SQL

from .. import scoring


def grade_case(score, lowest_total):
    """SQL of ``scoring.grade``: the grade of the SQL expression ``score``,
    compared unrounded with the bands of ``scoring.GRADE_BANDS``, best first.
    ``lowest_total(setting)`` gives the SQL of the lowest total of a band
    from its setting's name."""
    return SQL(
        "CASE %s ELSE %s END",
        SQL(" ").join(
            SQL("WHEN %s >= %s THEN %s", score, lowest_total(setting), grade)
            for grade, setting in scoring.GRADE_BANDS
        ),
        scoring.GRADE_FAIL,
    )


def rank_key(score):
    """SQL of ``scoring.rank_key``: the float SQL expression ``score`` as
    ranks compare it, to ``scoring.RANK_DIGITS`` decimals."""
    return SQL("ROUND((%s)::numeric, %s)", score, scoring.RANK_DIGITS)
