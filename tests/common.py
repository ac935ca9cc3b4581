# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from contextlib import contextmanager
from datetime import datetime
from unittest.mock import patch

from dateutil.relativedelta import relativedelta
from freezegun import freeze_time

from odoo import Command
from odoo.sql_db import Cursor

from odoo.addons.base.tests.common import BaseCommon, new_test_user

from ..const import ENGINEER_GROUP, MANAGER_GROUP, SUPERVISOR_GROUP

# A moment in the month of the policy's worked example (P5), 2026-10.
OCTOBER_CLOSING = datetime(2026, 10, 20, 9, 0)


class AppraisalCommon(BaseCommon):
    """A service department: a supervisor managing engineers A and B and an
    intern, engineer C of another team, and an appraisal manager."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # Days and months of the facts are the company's: UTC in the tests,
        # whatever the database (the demo's company works in Shanghai).
        cls.env.company.appraisal_tz = "UTC"
        # The demo's employees, when the database has the demo: the counts by
        # employee that the tests check leave them out (_test_employee_counts).
        cls.existing_employees = (
            cls.env["hr.employee"].with_context(active_test=False).search([])
        )
        cls.level_simple = cls.env.ref(
            "helpdesk_engineer_appraisal.difficulty_level_simple"
        )
        cls.level_standard = cls.env.ref(
            "helpdesk_engineer_appraisal.difficulty_level_standard"
        )
        cls.level_hard = cls.env.ref(
            "helpdesk_engineer_appraisal.difficulty_level_hard"
        )
        cls.level_very_hard = cls.env.ref(
            "helpdesk_engineer_appraisal.difficulty_level_very_hard"
        )
        cls.stage_new = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_new")
        cls.stage_done = cls.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cls.project = cls.env["project.project"].create(
            {"name": "After-sales service", "allow_timesheets": True}
        )
        cls.team = cls.env["helpdesk.ticket.team"].create(
            {
                "name": "Field Service",
                "allow_timesheet": True,
                "default_project_id": cls.project.id,
            }
        )
        cls.supervisor_user, cls.supervisor = cls._create_user_employee(
            "appraisal_supervisor", "Supervisor Sun", SUPERVISOR_GROUP
        )
        cls.engineer_a_user, cls.engineer_a = cls._create_user_employee(
            "engineer_a", "Engineer A", ENGINEER_GROUP, manager=cls.supervisor
        )
        cls.engineer_b_user, cls.engineer_b = cls._create_user_employee(
            "engineer_b", "Engineer B", ENGINEER_GROUP, manager=cls.supervisor
        )
        cls.engineer_c_user, cls.engineer_c = cls._create_user_employee(
            "engineer_c", "Engineer C", ENGINEER_GROUP
        )
        cls.manager_user, cls.manager = cls._create_user_employee(
            "appraisal_manager", "Manager Ma", MANAGER_GROUP
        )
        cls.intern = cls.env["hr.employee"].create(
            {
                "name": "Intern Li",
                "employee_type": "trainee",
                "parent_id": cls.supervisor.id,
            }
        )

    @classmethod
    def _create_user_employee(cls, login, name, group, manager=None):
        user = new_test_user(
            cls.env,
            login=login,
            name=name,
            groups=f"base.group_user,{group}",
            tz="UTC",
        )
        employee = cls.env["hr.employee"].create(
            {
                "name": name,
                "user_id": user.id,
                "parent_id": manager.id if manager else False,
                "tz": "UTC",
            }
        )
        return user, employee

    @classmethod
    def _create_tickets(
        cls,
        count=1,
        engineers=(),
        interns=(),
        difficulty=None,
        closed_at=OCTOBER_CLOSING,
        work_logs=None,
    ):
        """Create ``count`` identical orders in one batch.

        ``work_logs`` lists the employees who log time on each order
        (default: every engineer). The rating is written as superuser: the
        rating rules themselves are tested with real users elsewhere.
        """
        participants = [
            Command.create({"employee_id": employee.id, "role": "engineer"})
            for employee in engineers
        ] + [
            Command.create({"employee_id": employee.id, "role": "intern"})
            for employee in interns
        ]
        tickets = cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Printer repair {index}",
                    "description": "Paper jam",
                    "team_id": cls.team.id,
                    "project_id": cls.project.id,
                    "participant_ids": participants,
                }
                for index in range(count)
            ]
        )
        logged = engineers if work_logs is None else work_logs
        cls._log_work(tickets, logged)
        if difficulty:
            tickets.sudo().write(
                {"self_difficulty_id": difficulty.id, "difficulty_id": difficulty.id}
            )
        if closed_at:
            tickets.write({"stage_id": cls.stage_done.id})
            tickets.write({"closed_date": closed_at})
        return tickets

    @classmethod
    def _log_work(cls, tickets, employees):
        cls.env["account.analytic.line"].create(
            [
                {
                    "name": "On-site repair",
                    "ticket_id": ticket.id,
                    "project_id": ticket.project_id.id,
                    "employee_id": employee.id,
                    "unit_amount": 1.5,
                    "date": "2026-10-20",
                }
                for ticket in tickets
                for employee in employees
            ]
        )

    def _test_employee_counts(self, counts):
        """``counts`` by employee id of the employees this test created, so
        that the demo's engineers never mix in."""
        return {
            employee_id: count
            for employee_id, count in counts.items()
            if employee_id not in self.existing_employees.ids
        }

    def _test_employees(self):
        """Every employee this test created, archived ones included."""
        return (
            self.env["hr.employee"]
            .with_context(active_test=False)
            .search([("id", "not in", self.existing_employees.ids)])
        )

    @staticmethod
    def _months(date_from, date_to):
        """The first days of the months from ``date_from`` to ``date_to``."""
        months = []
        month = date_from.replace(day=1)
        while month <= date_to:
            months.append(month)
            month += relativedelta(months=1)
        return months

    def _source_totals(self, model, date_from, date_to, employees=None):
        """``{employee id: {measure: total}}`` of the fact source of
        ``model`` over the months from ``date_from`` to ``date_to``, for the
        employees this test created (or ``employees``, read beforehand)."""
        if employees is None:
            employees = self._test_employees()
        totals = {}
        for (employee_id, _month), measures in (
            self.env[model]
            ._counts_by_employee_month(employees, self._months(date_from, date_to))
            .items()
        ):
            employee_totals = totals.setdefault(employee_id, {})
            for measure, number in measures.items():
                employee_totals[measure] = employee_totals.get(measure, 0) + number
        return totals

    def _overdue_counts(self, date_from, date_to, employees=None):
        """``{employee id: overdue tasks}`` whose deadline day lies from
        ``date_from`` to ``date_to`` (whole months), by the tasks' fact
        source, once the hourly cron has refreshed the status."""
        self.env["project.task"]._refresh_execution_status()
        return {
            employee_id: measures["overdue"]
            for employee_id, measures in self._source_totals(
                "project.task", date_from, date_to, employees
            ).items()
            if measures["overdue"]
        }

    @classmethod
    def _done_at(cls, tasks, moment):
        """Mark the tasks done at ``moment`` (UTC), as their assignee would."""
        with freeze_time(moment):
            tasks.state = "1_done"
            tasks.flush_recordset()
        return tasks

    @contextmanager
    def _capture_reads(self):
        """The SELECT queries run inside the block: the reads, whose number
        must not grow with the records (the ORM's flush splits its writes in
        chunks of rows, so only the reads are compared between sizes)."""
        reads = []
        execute = Cursor.execute

        def capturing_execute(cursor, query, params=None, log_exceptions=None):
            sql = str(getattr(query, "code", query)).strip()
            if sql.startswith("SELECT"):
                reads.append(sql)
            return execute(cursor, query, params, log_exceptions)

        with patch.object(Cursor, "execute", capturing_execute):
            yield reads

    @contextmanager
    def assertRaisesText(self, exception, text):
        """``assertRaises`` (which rolls the failed operation back) that also
        checks the message shown to the user."""
        with self.assertRaises(exception) as caught:
            yield
        self.assertIn(text, str(caught.exception))

    def _load_chinese(self):
        """Chinese with this module's translations, as installing it does."""
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(
            ["helpdesk_engineer_appraisal"], ["zh_CN"]
        )

    @staticmethod
    def _credit(ticket, employee):
        return ticket.credit_ids.filtered(lambda c: c.employee_id == employee)
