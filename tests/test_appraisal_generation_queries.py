# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import ExitStack
from datetime import date, datetime
from unittest.mock import patch

from freezegun import freeze_time

from odoo import Command

from ..const import ENGINEER_GROUP
from .appraisal_common import MonthlyAppraisalCommon
from .query_count_common import SameQueriesForAnyTeam
from .test_appraisal_generation_chatter import CHATTER

SEPTEMBER = date(2026, 9, 1)
SEPTEMBER_CLOSING = datetime(2026, 9, 20, 9, 0)


class TestGenerationQueries(SameQueriesForAnyTeam, MonthlyAppraisalCommon):
    """Every automatic path, as users run it (a manager through the wizard,
    the nightly cron, a manager's bulk review with the chatter on), runs the
    same number of queries for 3 and for 15 engineers, what a commit runs
    first (the tracking) included (issue 16). At these sizes the ORM's flush
    writes each table in one statement, so every query counts, not only the
    reads."""

    def _team(self, count):
        """``count`` engineers of a department of their own, each alone on
        one order closed in September with one dissatisfied callback."""
        department = self.env["hr.department"].create({"name": f"Team {count}"})
        employees = self.env["hr.employee"]
        for index in range(count):
            _user, employee = self._create_user_employee(
                f"queries{count}_{index}", f"Engineer {count}-{index}", ENGINEER_GROUP
            )
            employees |= employee
        employees.department_id = department
        tickets = self.env["helpdesk.ticket"]
        for employee in employees:
            tickets |= self._create_tickets(
                engineers=employee,
                difficulty=self.level_hard,
                closed_at=SEPTEMBER_CLOSING,
            )
        self._callbacks(tickets, "dissatisfied", "2026-09-21 10:00:00")
        # Committed, as the orders of a real database are: the chatter does
        # not track records created in the same transaction.
        self._commit_work()
        self.env.invalidate_all()
        return employees, tickets

    def _generate_as_manager(self, employees):
        wizard = (
            self.env["helpdesk.engineer.appraisal.generate"]
            .with_user(self.manager_user)
            .with_context(**CHATTER)
            .create({"month": SEPTEMBER, "employee_ids": [Command.set(employees.ids)]})
        )
        wizard.action_generate()
        self._commit_work()

    def _appraisals(self, employees):
        return self.Appraisal.search(
            [("employee_id", "in", employees.ids), ("month", "=", SEPTEMBER)]
        )

    def test_generation_through_the_wizard(self):
        def generate(employees, tickets):
            self._generate_as_manager(employees)

        def check(employees, tickets):
            appraisals = self._appraisals(employees)
            self.assertEqual(appraisals.employee_id, employees)
            # 1.5 / 40 x 60 = 2.25; 20 - 2 = 18; 10; 10.
            self.assertEqual(set(appraisals.mapped("total_score")), {40.25})
            self.assertFalse(appraisals.message_ids)

        self.assertEqual(self._counts(generate, check), 41)

    @freeze_time("2026-10-20 02:00")
    def test_nightly_refresh_after_orders_change(self):
        def refresh(employees, tickets):
            self.Appraisal.with_context(**CHATTER)._cron_refresh_open_appraisals()
            self._commit_work()

        def check(employees, tickets):
            appraisals = self._appraisals(employees)
            # Every order reviewed again, very hard: 2 points each.
            self.assertEqual(set(appraisals.mapped("earned_points")), {2.0})
            self.assertFalse(appraisals.message_ids)

        def generate_and_review(employees, tickets):
            self._generate_as_manager(employees)
            tickets.sudo().difficulty_id = self.level_very_hard
            self._commit_work()

        self.assertEqual(self._counts(refresh, check, generate_and_review), 13)

    @freeze_time("2026-10-05 08:00")
    def test_bulk_review_by_a_manager(self):
        def review(employees, tickets):
            # A day after the orders were recorded: every order's review date
            # moves. Were the clock left running, the orders recorded in the
            # same second as the review would keep theirs, and the flush would
            # write the others in a statement of their own.
            with freeze_time("2026-10-06 09:00"):
                tickets.with_user(self.manager_user).with_context(**CHATTER).write(
                    {"difficulty_id": self.level_very_hard.id}
                )
                self._commit_work()

        def check(employees, tickets):
            self.assertEqual(set(tickets.credit_ids.mapped("points")), {2.0})
            # The review is a person's act: each order's chatter tracks it.
            for ticket in tickets:
                tracked = ticket.message_ids.sudo().tracking_value_ids
                self.assertIn("difficulty_id", tracked.field_id.mapped("name"))

        self.assertEqual(self._counts(review, check), 38)

    def test_refresh_by_hand_reads_its_engineer_only(self):
        """Refresh Scores on one appraisal reads the facts of its engineer,
        not those of the whole month."""
        employees, _tickets = self._team(3)
        self._generate_as_manager(employees)
        appraisal = self._appraisals(employees)[:1]
        models = (
            "helpdesk.ticket.credit",
            "helpdesk.ticket.callback",
            "helpdesk.quality.finding",
        )
        read = {}

        def spy(model):
            original = type(self.env[model])._counts_by_employee_month

            def counts(source, employees, months):
                read[model] = (employees, set(months))
                return original(source, employees, months)

            return counts

        with ExitStack() as stack:
            for model in models:
                stack.enter_context(
                    patch.object(
                        type(self.env[model]), "_counts_by_employee_month", spy(model)
                    )
                )
            appraisal.with_user(self.manager_user).action_refresh()
        self.assertEqual(
            read, {model: (appraisal.employee_id, {SEPTEMBER}) for model in models}
        )
        # Its numbers: one hard order, 1.5 points; one dissatisfied callback.
        self.assertEqual(appraisal.earned_points, 1.5)
        self.assertEqual(appraisal.dissatisfied_count, 1)
