# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tools import mute_logger

from ..const import MANAGER_GROUP, SERVICE_CENTRE_GROUP, SUPERVISOR_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import new_test_user
from .test_callback import CallbackCommon

NOW = "2026-11-05 10:00:00"


@freeze_time(NOW)
class TestInputBounds(MonthlyAppraisalCommon):
    """Each bad number or date, typed by the user who would type it, is
    refused with a message naming the field, and nothing is written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.admin_user = new_test_user(
            cls.env,
            login="appraisal_admin",
            name="Settings Admin",
            groups=f"base.group_user,base.group_system,{MANAGER_GROUP}",
        )
        cls.hr_user = new_test_user(
            cls.env,
            login="hr_officer",
            name="HR Officer",
            groups=f"base.group_user,hr.group_hr_user,{SUPERVISOR_GROUP}",
        )
        cls.agent = new_test_user(
            cls.env,
            login="bounds_agent",
            name="Agent Qian",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        cls.area = cls.env["helpdesk.service.area"].create(
            {
                "name": "Bounds Area",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set(cls.engineer_a.ids)],
                "device_count": 100,
            }
        )
        cls.task = cls.env["project.task"].create(
            {
                "name": "Bounds inspection",
                "project_id": cls.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [Command.set(cls.engineer_a_user.ids)],
                "date_deadline": datetime(2026, 11, 20, 12, 0),
                "quality_score": 2.0,
            }
        )

    def _settings(self, values):
        return self.env["res.config.settings"].with_user(self.admin_user).create(values)

    # Numbers

    def test_settings_refuse_nan_and_infinities_naming_the_field(self):
        company = self.env.company
        cases = (
            ("appraisal_standard_points", "Standard Monthly Points"),
            ("appraisal_workload_max", "Workload Maximum"),
            ("appraisal_efficiency_cap", "Efficiency Cap"),
            ("appraisal_points_per_device", "Points per Device"),
            ("appraisal_task_quality_max", "Maximum Task Quality Score"),
            ("appraisal_grade_excellent", "Excellent from"),
            ("appraisal_overdue_task_penalty", "Penalty per Overdue Task"),
        )
        for name, label in cases:
            before = company[name]
            for value in (math.nan, math.inf, -math.inf):
                with (
                    self.subTest(field=name, value=value),
                    self.assertRaisesText(ValidationError, label),
                ):
                    self._settings({name: value}).execute()
                company.invalidate_recordset()
                self.assertEqual(company[name], before)

    def test_settings_refuse_absurd_sizes(self):
        with self.assertRaisesText(
            ValidationError, "Workload Maximum must be at most 100"
        ):
            self._settings({"appraisal_workload_max": 1e308}).execute()
        with self.assertRaisesText(ValidationError, "Standard Monthly Points"):
            self._settings({"appraisal_standard_points": 2**31}).execute()
        self.env.company.invalidate_recordset()
        self.assertEqual(self.env.company.appraisal_workload_max, 60.0)
        self.assertEqual(self.env.company.appraisal_standard_points, 40.0)

    def test_an_infinite_workload_maximum_cannot_make_every_total_100(self):
        with self.assertRaises(ValidationError):
            self.env.company.with_user(self.admin_user).write(
                {"appraisal_workload_max": math.inf}
            )
        appraisal = self._generate(employees=self.engineer_a)
        # The policy's worked example (P5): 34.5 / 40 of 60 = 51.75.
        self.assertAlmostEqual(appraisal.workload_score, 51.75)
        self.assertLess(appraisal.total_score, 100)

    def test_employee_standard_points_refuse_nan_and_generation_still_works(self):
        employee = self.engineer_a.with_user(self.hr_user)
        for value in (math.nan, math.inf, -math.inf, 1e308):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "Standard Monthly Points"),
            ):
                employee.write({"appraisal_standard_points": value})
        self.engineer_a.invalidate_recordset()
        self.assertEqual(self.engineer_a.appraisal_standard_points, 0.0)
        # Nothing bad stored: the company's month generates, the nightly
        # refresh and the monthly cron with it.
        appraisal = self._generate(employees=self.engineer_a)
        self.assertEqual(appraisal.standard_points, 40.0)
        self.assertAlmostEqual(appraisal.earned_points, 34.5)

    def test_area_numbers(self):
        area = self.area.with_user(self.admin_user)
        with self.assertRaisesText(ValidationError, "Devices Maintained"):
            area.write({"device_count": 2**31})
        with self.assertRaisesText(ValidationError, "Devices Maintained"):
            area.write({"device_count": math.nan})
        with self.assertRaisesText(ValidationError, "Fixed Workload"):
            area.write({"workload_mode": "fixed", "fixed_workload": math.nan})
        with self.assertRaisesText(ValidationError, "Fixed Workload"):
            area.write({"workload_mode": "fixed", "fixed_workload": math.inf})
        self.area.invalidate_recordset()
        self.assertRecordValues(
            self.area,
            [
                {
                    "device_count": 100,
                    "workload_mode": "per_device",
                    "fixed_workload": 0.0,
                    "standard_workload": 10.0,
                }
            ],
        )

    def test_difficulty_points(self):
        Level = self.env["helpdesk.difficulty.level"].with_user(self.admin_user)
        for value in (math.nan, math.inf, 1e308):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "Points"),
            ):
                Level.create({"name": "Broken", "points": value})
        with self.assertRaisesText(ValidationError, "Points"):
            self.level_hard.with_user(self.admin_user).write({"points": math.nan})
        self.assertFalse(Level.search([("name", "=", "Broken")]))
        self.level_hard.invalidate_recordset()
        self.assertEqual(self.level_hard.points, 1.5)

    def test_task_quality_score(self):
        task = self.task.with_user(self.supervisor_user)
        for value in (math.nan, math.inf, -math.inf):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "Quality Score"),
            ):
                task.write({"quality_score": value})
        self.task.invalidate_recordset()
        self.assertEqual(self.task.quality_score, 2.0)

    # Dates

    def test_callback_dates(self):
        Callback = self.env["helpdesk.ticket.callback"].with_user(self.agent)
        before = Callback.sudo().search_count([])
        for value in ("0001-01-01 10:00:00", "1000-01-01 10:00:00"):
            with self.assertRaisesText(ValidationError, "2000-01-01"):
                Callback.create(
                    {
                        "ticket_id": self.orders_a[5].id,
                        "result": "satisfied",
                        "call_date": value,
                    }
                )
        # Year 9999: a message, no OverflowError.
        with self.assertRaisesText(ValidationError, "Called on"):
            Callback.create(
                {
                    "ticket_id": self.orders_a[5].id,
                    "result": "satisfied",
                    "call_date": "9999-12-31 23:59:59",
                }
            )
        self.assertEqual(Callback.sudo().search_count([]), before)

    def test_finding_dates(self):
        finding = self.findings[0].with_user(self.supervisor_user)
        for value in ("9999-12-31", "1999-12-31", "1000-01-01"):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "Date must lie between"),
            ):
                finding.write({"date": value})
        self.findings.invalidate_recordset()
        self.assertEqual(self.findings[0].date, date(2026, 10, 5))

    def test_appraisal_months(self):
        Wizard = self.env["helpdesk.engineer.appraisal.generate"].with_user(
            self.manager_user
        )
        for value in ("0001-01-01", "9999-12-01", "1999-12-01"):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "Month must lie between"),
            ):
                Wizard.create({"month": value}).action_generate()
        appraisal = self._generate(employees=self.engineer_a)
        with self.assertRaisesText(ValidationError, "Month must lie between"):
            appraisal.with_user(self.manager_user).write({"month": "9999-12-01"})
        appraisal.invalidate_recordset()
        self.assertEqual(appraisal.month, OCTOBER)
        self.assertFalse(
            self.env["helpdesk.engineer.appraisal"].search(
                [("month", "in", ("0001-01-01", "9999-12-01", "1999-12-01"))]
            )
        )

    def test_deadlines_and_planned_days_may_lie_five_years_ahead(self):
        ticket = self.orders_a[0].with_user(self.supervisor_user)
        ticket.planned_date = date(2031, 11, 5)
        with self.assertRaisesText(ValidationError, "Planned Service Date"):
            ticket.write({"planned_date": "2031-11-07"})
        self.assertEqual(self.orders_a[0].planned_date, date(2031, 11, 5))
        task = self.task.with_user(self.supervisor_user)
        task.date_deadline = datetime(2031, 11, 1, 8, 0)
        with self.assertRaisesText(ValidationError, "Deadline"):
            task.write({"date_deadline": "2032-01-01 08:00:00"})
        with self.assertRaisesText(ValidationError, "Deadline"):
            task.write({"date_deadline": "1999-01-01 08:00:00"})
        self.task.invalidate_recordset()
        self.assertEqual(self.task.date_deadline, datetime(2031, 11, 1, 8, 0))
        # A task the appraisal does not count keeps Project's freedom.
        other = self.env["project.task"].create(
            {"name": "Plan the next decade", "project_id": self.project.id}
        )
        other.date_deadline = datetime(2040, 1, 1, 8, 0)
        self.assertEqual(other.date_deadline, datetime(2040, 1, 1, 8, 0))

    def test_closing_date_of_an_order(self):
        ticket = self.orders_a[0]
        for value in (datetime(1000, 1, 1), datetime(9999, 12, 31)):
            with (
                self.subTest(value=value),
                self.assertRaisesText(ValidationError, "2000-01-01"),
            ):
                ticket.write({"closed_date": value})
        ticket.invalidate_recordset()
        self.assertEqual(ticket.closed_date, datetime(2026, 10, 20, 9, 0))
        self.assertEqual(ticket.credit_ids.month, OCTOBER)

    def test_garbage_dates_are_refused_with_a_message(self):
        with self.assertRaisesText(ValidationError, "is not a date"):
            self.findings[0].with_user(self.supervisor_user).write(
                {"date": "yesterday"}
            )


@freeze_time(NOW)
class TestCallbackImportInput(CallbackCommon):
    """A callback file that is empty, ragged or garbage gets a message, never
    a Python error; an error is reported on its own row only."""

    FIELDS = ["ticket_id", "call_date", "result", "customer_comment", "work_confirmed"]

    def _load(self, rows, fields=None):
        return self.Callback.with_user(self.agent).load(
            self.FIELDS if fields is None else fields, rows
        )

    def _good_rows(self):
        return [
            [self.ticket_ab.number, "2026-10-03 09:00:00", "Dissatisfied", "Late", "0"],
            [self.ticket_a.number, "2026-10-04 11:30:00", "satisfied", "", "1"],
            [self.ticket_c.number, "2026-10-05 14:00:00", "Unreachable", "", ""],
        ]

    def _errors(self, result):
        return [
            (m.get("record"), m["message"])
            for m in result["messages"]
            if m["type"] == "error"
        ]

    def test_empty_file(self):
        for fields, rows in ((self.FIELDS, []), ([], []), ([], [[]])):
            result = self._load(rows, fields)
            self.assertFalse(result["ids"])
            self.assertEqual(
                self._errors(result),
                [
                    (
                        None,
                        "The file holds no callback: give a header row of "
                        "columns and one row per call.",
                    )
                ],
            )
        self.assertFalse(self._test_callbacks())

    def test_ragged_file(self):
        rows = self._good_rows()
        rows[1] = rows[1][:2]
        result = self._load(rows)
        self.assertFalse(result["ids"])
        self.assertEqual(
            self._errors(result),
            [(1, "Row 2 has 2 cells where the file has 5 columns.")],
        )
        rows = self._good_rows()
        rows[2] = rows[2] + ["extra"]
        self.assertEqual(
            self._errors(self._load(rows)),
            [(2, "Row 3 has 6 cells where the file has 5 columns.")],
        )
        self.assertFalse(self._test_callbacks())

    @mute_logger("odoo.sql_db")
    def test_garbage_file(self):
        rows = [["\x00\x01garbage", "not a date", "???", "", "maybe"]] * 2
        result = self._load(rows)
        self.assertFalse(result["ids"])
        self.assertTrue(self._errors(result))
        for row in ("garbage", 42, None):
            result = self._load([row])
            self.assertFalse(result["ids"])
            self.assertIn(
                "cells where the file has 5 columns", result["messages"][0]["message"]
            )
        self.assertFalse(self._test_callbacks())

    def test_dates_out_of_range(self):
        for value in ("1000-01-01 09:00:00", "9999-12-31 09:00:00"):
            rows = self._good_rows()
            rows[1][1] = value
            errors = self._errors(self._load(rows))
            self.assertEqual([row for row, _message in errors], [1])
        self.assertFalse(self._test_callbacks())

    def test_future_call_is_reported_on_its_row_only(self):
        rows = self._good_rows()
        rows[2][1] = "2026-11-30 09:00:00"
        errors = self._errors(self._load(rows))
        self.assertEqual([row for row, _message in errors], [2])
        self.assertIn(self.ticket_c.display_name, errors[0][1])
        self.assertFalse(self._test_callbacks())
