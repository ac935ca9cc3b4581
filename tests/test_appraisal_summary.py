# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time
from lxml import etree

from odoo import Command
from odoo.tools.safe_eval import safe_eval

from .. import scoring
from .common import AppraisalCommon
from .pure import reference

# Every task is judged on this day: the whole of 2026 is over.
JUDGED_AT = "2027-01-15 10:00"
H1 = date(2026, 1, 1)
H2 = date(2026, 7, 1)
Q1, Q2, Q3, Q4 = H1, date(2026, 4, 1), H2, date(2026, 10, 1)
YEAR = H1


class TestAppraisalSummary(AppraisalCommon):
    """Engineers A and B and engineer C in the service department, the intern
    in the workshop, appraised monthly over 2026; A and B have overdue
    tasks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Department = cls.env["hr.department"]
        cls.service = Department.create({"name": "After-sales Service"})
        cls.workshop = Department.create({"name": "Repair Workshop"})
        cls.Summary = cls.env["helpdesk.engineer.appraisal.summary"]
        # A: Q1 90 80 85 (mean 85), Q2 95 91 93 (93), Q3 70 60 65 (65),
        # Q4 100 80 90 (90); the first half-year is done, the rest draft.
        totals_a = (90, 80, 85, 95, 91, 93, 70, 60, 65, 100, 80, 90)
        # B: Q1 85 x 3 (85, ties with A), Q2 40 50 45 (45), Q3 30 20 10 (20),
        # Q4 only October and November: 0 6 (3).
        totals_b = (85, 85, 85, 40, 50, 45, 30, 20, 10, 0, 6)
        vals_list = [
            cls._appraisal_vals(cls.engineer_a, month, total, cls.service)
            | {"state": "done" if month <= 6 else "draft"}
            for month, total in enumerate(totals_a, start=1)
        ] + [
            cls._appraisal_vals(cls.engineer_b, month, total, cls.service)
            for month, total in enumerate(totals_b, start=1)
        ]
        # C moved from the workshop to the service department in February:
        # the summaries show the department of the latest month.
        vals_list += [
            cls._appraisal_vals(cls.engineer_c, 1, 50, cls.workshop),
            cls._appraisal_vals(cls.engineer_c, 2, 70, cls.service),
            cls._appraisal_vals(cls.intern, 3, 40, cls.workshop),
        ]
        cls.env["helpdesk.engineer.appraisal"].create(vals_list)
        # The demo's engineers have appraisals and tasks in 2026 too: the
        # tests read the rows of these employees only.
        cls.appraised = cls.engineer_a | cls.engineer_b | cls.engineer_c | cls.intern
        cls._create_overdue_tasks()

    @classmethod
    def _appraisal_vals(cls, employee, month, total, department):
        return {
            "employee_id": employee.id,
            "month": date(2026, month, 1),
            "department_id": department.id,
            "total_score": total,
        }

    @classmethod
    def _create_tasks(cls, users, deadline_day, count=1, **values):
        """Appraised tasks due at 09:00 UTC on ``deadline_day``, created on
        New Year's Day 2026, so open until their deadline day is over."""
        with freeze_time("2026-01-01 08:00"):
            tasks = cls.env["project.task"].create(
                [
                    {
                        "name": "Inspection",
                        "project_id": cls.project.id,
                        "is_appraisal_task": True,
                        "user_ids": [Command.set(users.ids)],
                        "date_deadline": datetime.combine(
                            deadline_day, datetime.min.time()
                        ).replace(hour=9),
                        **values,
                    }
                    for _index in range(count)
                ]
            )
            tasks.flush_recordset()
        return tasks

    @classmethod
    def _create_overdue_tasks(cls):
        a, b = cls.engineer_a_user, cls.engineer_b_user
        # First half-year, A: 2 overdue tasks.
        cls._create_tasks(a, date(2026, 3, 10))  # never done
        # Due on the last day of June, done on July 1st: overdue, in the first
        # half-year, where its deadline day lies.
        cls._done_at(cls._create_tasks(a, date(2026, 6, 30)), "2026-07-01 10:00")
        # Not counted: done on time, cancelled, archived, not appraised.
        cls._done_at(cls._create_tasks(a, date(2026, 5, 20)), "2026-05-20 18:00")
        cls._create_tasks(a, date(2026, 4, 10)).state = "1_canceled"
        cls._create_tasks(a, date(2026, 4, 11)).active = False
        cls._create_tasks(a, date(2026, 4, 12), is_appraisal_task=False)
        # Second half-year: one task of both A and B, six more of B alone.
        cls._create_tasks(a | b, date(2026, 9, 10))
        cls._create_tasks(b, date(2026, 11, 10), count=6)
        with freeze_time(JUDGED_AT):
            cls.env["project.task"]._refresh_execution_status()

    def _rows(self, employee=None, period_type=None, user=None):
        # The view reads the tables: write everything pending first.
        self.env.flush_all()
        self.env.invalidate_all()
        domain = [("employee_id", "in", self.appraised.ids)]
        if employee:
            domain.append(("employee_id", "=", employee.id))
        if period_type:
            domain.append(("period_type", "=", period_type))
        summaries = self.Summary.with_user(user) if user else self.Summary
        return summaries.search(domain, order="period_start, id")

    def test_quarters(self):
        self.assertRecordValues(
            self._rows(self.engineer_a, scoring.PERIOD_QUARTER),
            [
                {
                    "period_start": Q1,
                    "department_id": self.service.id,
                    "month_count": 3,
                    "done_month_count": 3,
                    "mean_total": 85.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 85.0,
                    "grade": "good",
                    # Tied with B (85), C third (60).
                    "department_rank": 1,
                },
                {
                    "period_start": Q2,
                    "department_id": self.service.id,
                    "month_count": 3,
                    "done_month_count": 3,
                    "mean_total": 93.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 93.0,
                    "grade": "excellent",
                    "department_rank": 1,
                },
                {
                    "period_start": Q3,
                    "department_id": self.service.id,
                    "month_count": 3,
                    "done_month_count": 0,
                    "mean_total": 65.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 65.0,
                    "grade": "pass",
                    "department_rank": 1,
                },
                {
                    "period_start": Q4,
                    "department_id": self.service.id,
                    "month_count": 3,
                    "done_month_count": 0,
                    "mean_total": 90.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 90.0,
                    # 90 is the lowest excellent total.
                    "grade": "excellent",
                    "department_rank": 1,
                },
            ],
        )
        self.assertRecordValues(
            self._rows(self.engineer_b, scoring.PERIOD_QUARTER),
            [
                {"month_count": 3, "final_score": 85.0, "grade": "good"},
                {"month_count": 3, "final_score": 45.0, "grade": "below_standard"},
                {"month_count": 3, "final_score": 20.0, "grade": "fail"},
                # Only October (0) and November (6).
                {"month_count": 2, "final_score": 3.0, "grade": "fail"},
            ],
        )
        self.assertEqual(
            self._rows(self.engineer_b, scoring.PERIOD_QUARTER).mapped(
                "department_rank"
            ),
            [1, 2, 2, 2],
        )

    def test_half_years_lose_two_points_per_overdue_task(self):
        self.assertRecordValues(
            self._rows(self.engineer_a, scoring.PERIOD_HALF_YEAR),
            [
                {
                    "period_start": H1,
                    "month_count": 6,
                    "done_month_count": 6,
                    # (90 + 80 + 85 + 95 + 91 + 93) / 6 = 534 / 6
                    "mean_total": 89.0,
                    # Never done, and done the day after its deadline of June
                    # 30th; not the on-time, cancelled, archived or
                    # unappraised tasks.
                    "overdue_task_count": 2,
                    "overdue_penalty": 4.0,
                    "final_score": 85.0,
                    "grade": "good",
                    "department_rank": 1,
                },
                {
                    "period_start": H2,
                    "month_count": 6,
                    "done_month_count": 0,
                    # (70 + 60 + 65 + 100 + 80 + 90) / 6 = 465 / 6
                    "mean_total": 77.5,
                    "overdue_task_count": 1,
                    "overdue_penalty": 2.0,
                    "final_score": 75.5,
                    "grade": "pass",
                    "department_rank": 1,
                },
            ],
        )
        self.assertRecordValues(
            self._rows(self.engineer_b, scoring.PERIOD_HALF_YEAR),
            [
                {
                    "month_count": 6,
                    # (85 x 3 + 40 + 50 + 45) / 6 = 390 / 6
                    "mean_total": 65.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 65.0,
                    "grade": "pass",
                    # A 85, B 65, C 60.
                    "department_rank": 2,
                },
                {
                    "month_count": 5,
                    # (30 + 20 + 10 + 0 + 6) / 5 = 66 / 5
                    "mean_total": 13.2,
                    # The task shared with A and six of B's own.
                    "overdue_task_count": 7,
                    "overdue_penalty": 14.0,
                    # 13.2 - 14 is negative: 0.
                    "final_score": 0.0,
                    "grade": "fail",
                    "department_rank": 2,
                },
            ],
        )

    def test_years(self):
        self.assertRecordValues(
            self._rows(period_type=scoring.PERIOD_YEAR),
            [
                # (534 + 465) / 12 = 83.25; no penalty in the year.
                {
                    "employee_id": self.engineer_a.id,
                    "month_count": 12,
                    "done_month_count": 6,
                    "mean_total": 83.25,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 83.25,
                    "grade": "good",
                    "department_rank": 1,
                },
                # (390 + 66) / 11 = 41.4545...
                {
                    "employee_id": self.engineer_b.id,
                    "month_count": 11,
                    "done_month_count": 0,
                    "mean_total": 456 / 11,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 456 / 11,
                    "grade": "below_standard",
                    "department_rank": 3,
                },
                # (50 + 70) / 2 = 60, in the department of February.
                {
                    "employee_id": self.engineer_c.id,
                    "month_count": 2,
                    "done_month_count": 0,
                    "mean_total": 60.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 60.0,
                    "grade": "pass",
                    "department_rank": 2,
                },
                # Alone in the workshop; 40 is the lowest below-standard total.
                {
                    "employee_id": self.intern.id,
                    "month_count": 1,
                    "done_month_count": 0,
                    "mean_total": 40.0,
                    "overdue_task_count": 0,
                    "overdue_penalty": 0.0,
                    "final_score": 40.0,
                    "grade": "below_standard",
                    "department_rank": 1,
                },
            ],
        )

    def test_department_of_the_latest_month_and_its_ranks(self):
        rows = self._rows(period_type=scoring.PERIOD_QUARTER).filtered(
            lambda row: row.period_start == Q1
        )
        self.assertEqual(
            [(row.employee_id, row.department_id, row.department_rank) for row in rows],
            [
                # A and B share the first place, C comes third.
                (self.engineer_a, self.service, 1),
                (self.engineer_b, self.service, 1),
                (self.engineer_c, self.service, 3),
                (self.intern, self.workshop, 1),
            ],
        )

    def test_filter_by_period_type(self):
        # A 4 quarters, B 4, C 1, the intern 1; 2 + 2 + 1 + 1 half-years.
        self.assertEqual(len(self._rows(period_type=scoring.PERIOD_QUARTER)), 10)
        self.assertEqual(len(self._rows(period_type=scoring.PERIOD_HALF_YEAR)), 6)
        self.assertEqual(len(self._rows(period_type=scoring.PERIOD_YEAR)), 4)
        self.assertEqual(len(self._rows()), 20)
        self.assertEqual(
            set(
                self._rows(period_type=scoring.PERIOD_HALF_YEAR).mapped("period_start")
            ),
            {H1, H2},
        )

    def test_overdue_counts_agree_with_the_tasks(self):
        rows = self._rows(period_type=scoring.PERIOD_HALF_YEAR)
        with freeze_time(JUDGED_AT):
            for start, end in ((H1, date(2026, 6, 30)), (H2, date(2026, 12, 31))):
                counts = self._overdue_counts(start, end)
                half_year = rows.filtered(
                    lambda row, start=start: row.period_start == start
                )
                self.assertEqual(
                    {
                        row.employee_id.id: row.overdue_task_count
                        for row in half_year
                        if row.overdue_task_count
                    },
                    counts,
                )
        # Every employee, the demo's too.
        employees = self.env["hr.employee"].with_context(active_test=False).search([])
        self.assertEqual(
            self._overdue_counts(H1, date(2026, 6, 30), employees),
            {self.engineer_a.id: 2},
        )

    def test_scores_follow_the_formulas(self):
        for row in self._rows():
            self.assertAlmostEqual(
                row.final_score,
                reference.summary_score(row.mean_total, row.overdue_task_count, 2.0),
            )
            self.assertEqual(
                row.grade, scoring.grade(row.final_score, (90, 80, 60, 40))
            )
            self.assertEqual(
                row.period_start,
                reference.period_start(row.period_start, row.period_type),
            )

    def test_settings_apply_at_once(self):
        self.env.company.write(
            {"appraisal_overdue_task_penalty": 3.0, "appraisal_grade_excellent": 85.0}
        )
        first_half = self._rows(self.engineer_a, scoring.PERIOD_HALF_YEAR)[0]
        # 89 - 2 x 3 = 83; the quarter at 85 is now excellent.
        self.assertEqual(first_half.overdue_penalty, 6.0)
        self.assertEqual(first_half.final_score, 83.0)
        self.assertEqual(first_half.grade, "good")
        first_quarter = self._rows(self.engineer_a, scoring.PERIOD_QUARTER)[0]
        self.assertEqual(first_quarter.grade, "excellent")

    def test_engineers_see_their_own_rows(self):
        for user, employee in (
            (self.engineer_a_user, self.engineer_a),
            (self.engineer_c_user, self.engineer_c),
        ):
            self.assertEqual(
                self._rows(user=user).employee_id,
                employee,
            )
        self.assertEqual(len(self._rows(user=self.engineer_a_user)), 7)

    def test_supervisors_see_their_team(self):
        self.assertEqual(
            self._rows(user=self.supervisor_user).employee_id,
            self.engineer_a | self.engineer_b | self.intern,
        )

    def test_managers_see_everyone(self):
        self.assertEqual(len(self._rows(user=self.manager_user)), 20)

    def test_rows_of_other_companies_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Branch Office"})
        branch_engineer = self.env["hr.employee"].create(
            {"name": "Engineer D", "company_id": other_company.id}
        )
        self.env["helpdesk.engineer.appraisal"].create(
            {
                "employee_id": branch_engineer.id,
                "company_id": other_company.id,
                "month": date(2026, 1, 1),
                "total_score": 70,
            }
        )
        manager_rows = self._rows(user=self.manager_user)
        self.assertEqual(len(manager_rows), 20)
        self.assertFalse(
            self.Summary.with_user(self.manager_user).search(
                [("employee_id", "=", branch_engineer.id)]
            )
        )
        self.manager_user.company_ids |= other_company
        both = self.Summary.with_user(self.manager_user).with_context(
            allowed_company_ids=(self.env.company | other_company).ids
        )
        branch_rows = both.search([("employee_id", "=", branch_engineer.id)])
        # A quarter, a half-year and a year.
        self.assertEqual(len(branch_rows), 3)
        self.assertEqual(branch_rows.company_id, other_company)

    def test_reading_the_list_does_not_grow_with_the_rows(self):
        Summary = self.Summary.with_user(self.manager_user)
        fnames = list(Summary._fields)
        # The rows of this test's employees, leaving out the demo's.
        domain = [("employee_id", "in", self.appraised.ids)]
        Summary.search_read(domain, fnames)  # warms the caches of rules and views
        self.env.invalidate_all()
        with self.assertQueryCount(6):
            self.assertEqual(len(Summary.search_read(domain, fnames)), 20)
        # Ten more engineers appraised all year: 10 x (4 + 2 + 1) more rows.
        employees = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(10)]
        )
        self.env["helpdesk.engineer.appraisal"].create(
            [
                self._appraisal_vals(employee, month, 70, self.service)
                for employee in employees
                for month in range(1, 13)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        domain = [("employee_id", "in", (self.appraised | employees).ids)]
        with self.assertQueryCount(6):
            self.assertEqual(len(Summary.search_read(domain, fnames)), 90)

    def test_menu_views_and_filters(self):
        menu = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_summary_menu"
        )
        self.assertEqual(
            menu.parent_id,
            self.env.ref("helpdesk_engineer_appraisal.appraisal_reporting_menu"),
        )
        menus = (
            self.env["ir.ui.menu"].with_user(self.engineer_a_user)._visible_menu_ids()
        )
        self.assertIn(menu.id, menus)
        action = menu.action
        self.assertEqual(action.view_mode, "list,pivot,graph")
        # Engineers load every view of the menu.
        views = self.Summary.with_user(self.engineer_a_user).get_views(
            [(False, "list"), (False, "pivot"), (False, "graph"), (False, "search")]
        )["views"]
        self.assertIn('widget="badge"', views["list"]["arch"])
        self.assertIn("department_rank", views["list"]["arch"])
        search = etree.fromstring(views["search"]["arch"])
        expected = {
            "filter_quarter": 10,
            "filter_half_year": 6,
            "filter_year": 4,
        }
        for name, count in expected.items():
            domain = safe_eval(
                search.xpath(f"//filter[@name='{name}']")[0].get("domain")
            )
            self.assertEqual(len(self._rows().filtered_domain(domain)), count)
        self.assertEqual(
            safe_eval(action.context), {"search_default_filter_half_year": 1}
        )
        # Half-year grades: A good and pass, B pass and fail, C pass, the
        # intern below standard.
        self.env.flush_all()
        grades = dict(
            self.Summary._read_group(
                [
                    ("period_type", "=", scoring.PERIOD_HALF_YEAR),
                    ("employee_id", "in", self.appraised.ids),
                ],
                ["grade"],
                ["__count"],
            )
        )
        self.assertEqual(grades, {"good": 1, "pass": 3, "fail": 1, "below_standard": 1})
