# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import importlib.util
from contextlib import contextmanager
from datetime import date, datetime
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.modules.module import get_module_path
from odoo.sql_db import Cursor
from odoo.tools import SQL
from odoo.tools.safe_eval import safe_eval

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

# The context of a user's request: the chatter logs and tracks (the tests'
# environment turns it off).
CHATTER = {
    "tracking_disable": False,
    "mail_create_nolog": False,
    "mail_create_nosubscribe": False,
    "mail_notrack": False,
}


@contextmanager
def capture_queries():
    """Every SQL statement run inside the block, as text, a ``COPY``
    included."""
    queries = []
    execute = Cursor.execute

    def capturing_execute(cursor, query, params=None, log_exceptions=None):
        queries.append(str(getattr(query, "code", query)).strip())
        return execute(cursor, query, params, log_exceptions)

    def capturing_copy(cursor, sql, file, *args, **kwargs):
        queries.append(sql.strip())
        return cursor._obj.copy_expert(sql, file, *args, **kwargs)

    with (
        patch.object(Cursor, "execute", capturing_execute),
        patch.object(Cursor, "copy_expert", capturing_copy, create=True),
    ):
        yield queries


class TestGenerationChatter(MonthlyAppraisalCommon):
    """Generation is an automatic recompute: the appraisals are created with
    their numbers, without a "created" message nor the generating manager
    following each; the chatter records the workflow's steps and what people
    do, and the supervisors get their to-dos as before (issue 16)."""

    def _generate_as_manager(self, employees):
        wizard = (
            self.env["helpdesk.engineer.appraisal.generate"]
            .with_user(self.manager_user)
            .with_context(**CHATTER)
            .create({"month": OCTOBER, "employee_ids": [Command.set(employees.ids)]})
        )
        action = wizard.action_generate()
        self.env.flush_all()
        # What a commit runs first: the pending tracking messages.
        self.env.cr.precommit.run()
        return self.Appraisal.search(action["domain"])

    def test_no_message_nor_follower_per_appraisal(self):
        (self.engineer_a | self.engineer_b).parent_id = self.supervisor
        appraisals = self._generate_as_manager(self.engineer_a | self.engineer_b)
        self.assertEqual(len(appraisals), 2)
        self.assertEqual(sorted(appraisals.mapped("total_score")), [46.75, 83.75])
        self.assertFalse(appraisals.message_ids)
        # The supervisor's one to-do for the drafts of the team is kept, on
        # the first draft by engineer; its assignee follows that draft. The
        # manager who generated follows none.
        self.assertEqual(appraisals.activity_ids.user_id, self.supervisor_user)
        self.assertEqual(len(appraisals.activity_ids), 1)
        self.assertEqual(
            appraisals.message_follower_ids.partner_id,
            self.supervisor_user.partner_id,
        )
        self.assertEqual(len(appraisals.message_follower_ids), 1)
        # The workflow's steps are still in the chatter.
        appraisal_a = appraisals.filtered(lambda a: a.employee_id == self.engineer_a)
        appraisal_a.with_user(self.supervisor_user).with_context(
            **CHATTER
        ).action_send_to_engineer()
        self.assertIn(
            "Sent to the engineer.", " ".join(appraisal_a.message_ids.mapped("body"))
        )

    def test_created_with_their_numbers(self):
        """One COPY with the numbers, no UPDATE of the new appraisals."""
        with capture_queries() as queries:
            appraisals = self._generate_as_manager(self.engineer_a | self.engineer_b)
        table = [query for query in queries if 'helpdesk_engineer_appraisal"' in query]
        self.assertEqual(
            [query.split(" ", 1)[0] for query in table if query[:6] != "SELECT"],
            ["COPY"],
        )
        self.assertEqual(sorted(appraisals.mapped("total_score")), [46.75, 83.75])

    def test_zero_scores_are_stored_as_zero(self):
        """An engineer without points has a workload score of 0, stored as
        0: the pivots' averages count them."""
        appraisals = self._generate_as_manager(self.engineer_a | self.engineer_c)
        appraisal_c = appraisals.filtered(lambda a: a.employee_id == self.engineer_c)
        self.env.cr.execute(
            """SELECT earned_points, workload_score, efficiency, area_score,
                      dissatisfied_count, total_score
                 FROM helpdesk_engineer_appraisal WHERE id = %s""",
            [appraisal_c.id],
        )
        # C: no order, so P = 0 and the workload 0; the three deductions
        # are full: 20 + 10 + 10 = 40.
        self.assertEqual(self.env.cr.fetchone(), (0.0, 0.0, 0.0, 0.0, 0, 40.0))
        # The average workload counts C's 0: A has 60 x 34.5 / 40 = 51.75,
        # (51.75 + 0) / 2 = 25.875.
        self.assertAlmostEqual(self._average_workload(appraisals), 25.875)

    def test_a_created_appraisal_stores_zeros(self):
        """Created by hand, before any refresh: its numbers are 0, not empty."""
        employee = self.env["hr.employee"].create({"name": "New hire Sun"})
        appraisal = self.Appraisal.create(
            {"employee_id": employee.id, "month": OCTOBER}
        )
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT COUNT(*) FROM helpdesk_engineer_appraisal
                WHERE id = %s AND total_score = 0 AND workload_score = 0
                  AND customer_score = 0 AND dissatisfied_count = 0""",
            [appraisal.id],
        )
        self.assertEqual(self.env.cr.fetchone()[0], 1)

    def _average_workload(self, appraisals):
        [[average]] = self.Appraisal._read_group(
            [("id", "in", appraisals.ids)], [], ["workload_score:avg"]
        )
        return average

    def test_migration_stores_empty_numbers_as_zero(self):
        appraisals = self._generate_as_manager(self.engineer_a | self.engineer_c)
        appraisal_c = appraisals.filtered(lambda a: a.employee_id == self.engineer_c)
        # C's zeros as an older version stored them: empty.
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                "UPDATE helpdesk_engineer_appraisal SET earned_points = NULL, "
                "workload_score = NULL, efficiency = NULL, area_score = NULL "
                "WHERE id = %s",
                appraisal_c.id,
            )
        )
        self.env.invalidate_all()
        # The average skipped C: A's 51.75 alone.
        self.assertAlmostEqual(self._average_workload(appraisals), 51.75)
        path = f"{get_module_path('helpdesk_engineer_appraisal')}/migrations/"
        spec = importlib.util.spec_from_file_location(
            "post_zero_scores", f"{path}18.0.1.3.0/post-zero-scores.py"
        )
        migration = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(migration)
        migration.migrate(self.env.cr, "18.0.1.2.0")
        self.env.invalidate_all()
        self.assertAlmostEqual(self._average_workload(appraisals), 25.875)
        self.env.cr.execute(
            SQL(
                "SELECT COUNT(*) FROM helpdesk_engineer_appraisal WHERE id IN %s "
                "AND (earned_points IS NULL OR workload_score IS NULL "
                "OR efficiency IS NULL OR area_score IS NULL)",
                appraisals._ids,
            )
        )
        self.assertEqual(self.env.cr.fetchone()[0], 0)
        # A's numbers are untouched.
        self.assertEqual(sorted(appraisals.mapped("total_score")), [40.0, 83.75])

    def test_nightly_refresh_is_not_tracked(self):
        appraisals = self._generate_as_manager(self.engineer_a | self.engineer_b)
        appraisal_b = appraisals.filtered(lambda a: a.employee_id == self.engineer_b)
        # A late hard order of B's: 4.5 + 1.5 = 6 points.
        self._create_tickets(engineers=self.engineer_b, difficulty=self.level_hard)
        with freeze_time("2026-11-20 02:00"):
            self.Appraisal.with_context(**CHATTER)._cron_refresh_open_appraisals()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertAlmostEqual(appraisal_b.earned_points, 6.0)
        self.assertFalse(appraisal_b.message_ids)

    def test_refresh_by_hand_is_tracked(self):
        """A supervisor pressing Refresh Scores is a person's act: the chatter
        shows the total it changed."""
        appraisals = self._generate_as_manager(self.engineer_a | self.engineer_b)
        appraisal_b = appraisals.filtered(lambda a: a.employee_id == self.engineer_b)
        total = appraisal_b.total_score
        self._create_tickets(engineers=self.engineer_b, difficulty=self.level_hard)
        appraisal_b.with_user(self.supervisor_user).with_context(
            **CHATTER
        ).action_refresh()
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertGreater(appraisal_b.total_score, total)
        tracked = appraisal_b.message_ids.sudo().tracking_value_ids
        self.assertIn("total_score", tracked.field_id.mapped("name"))


class TestAnalysisLastTwelveMonths(MonthlyAppraisalCommon):
    """The analyses open on the last 12 months: their history grows every
    month, and the pivot of every month ever slows down (issue 16)."""

    def test_analyses_open_on_the_last_12_months(self):
        for model, action in (
            ("helpdesk.engineer.appraisal", "helpdesk_engineer_appraisal_analysis"),
            ("helpdesk.ticket.credit", "helpdesk_ticket_credit_analysis"),
        ):
            action = self.env.ref(f"helpdesk_engineer_appraisal.{action}_action")
            self.assertEqual(
                safe_eval(action.context)["search_default_last_12_months"], 1
            )
            view = self.env[model].get_view(view_type="search")
            arch = etree.fromstring(view["arch"])
            [last_year] = arch.xpath("//filter[@name='last_12_months']")
            domain = safe_eval(
                last_year.get("domain"),
                {
                    "context_today": lambda: date(2026, 12, 1),
                    "relativedelta": relativedelta,
                },
            )
            # December 2026: January to December.
            self.assertEqual(domain, [("month", ">=", "2026-01-01")])
        # The credits of October 2026 are in; those of a year before are not.
        credits = self.env["helpdesk.ticket.credit"]
        self.assertTrue(
            credits.search_count(domain + [("employee_id", "=", self.engineer_a.id)])
        )
        old = self._create_tickets(
            engineers=self.engineer_c,
            difficulty=self.level_hard,
            closed_at=datetime(2025, 10, 20, 9, 0),
        )
        self.assertTrue(old.credit_ids)
        self.assertFalse(credits.search_count(domain + [("ticket_id", "in", old.ids)]))
