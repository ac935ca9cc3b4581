# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import difflib
import re

from .test_appraisal_generation_chatter import capture_queries


class SameQueriesForAnyTeam:
    """Query-count tests of an automatic path (issue 16): the same operation
    on a team of 1 (a warm-up), of 3 and of 15, whose statements are
    counted and compared. A test class using it builds a team with
    ``_team(size)``: the arguments given to the operation, to its
    preparation and to its check."""

    def _commit_work(self):
        """What a commit runs: the flush, then the pending tracking."""
        self.env.flush_all()
        self.env.cr.precommit.run()

    def _counts(self, operation, check, prepare=None):
        """The queries of ``operation(*team)`` for a team of 3 and one of
        15, each team first prepared by ``prepare(*team)``, each run
        checked by ``check(*team)``; the statements that differ are shown
        (numbers masked)."""
        queries = {}
        for size in (1, 3, 15):
            team = self._team(size)
            if prepare:
                prepare(*team)
            self.env.invalidate_all()
            with capture_queries() as captured:
                operation(*team)
            queries[size] = [re.sub(r"\d+", "N", query) for query in captured]
            check(*team)
        self.assertEqual(
            len(queries[3]),
            len(queries[15]),
            "\n".join(difflib.unified_diff(queries[3], queries[15], n=0)),
        )
        return len(queries[15])
