# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from ..const import ENGINEER_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

SEPTEMBER = date(2026, 9, 1)


class TestAppraisalGenerate(MonthlyAppraisalCommon):
    @classmethod
    def setup_independent_company(cls, **kwargs):
        # These tests generate for the whole company: a company of their own
        # keeps the demo's appraisals of October, its last month, out.
        return cls._create_company(name="Generation Test", **kwargs)

    def test_regenerating_gives_the_same_records_and_numbers(self):
        first = self._generate()
        numbers = first.read(["employee_id", "total_score", "grade", "earned_points"])
        second = self._generate()
        self.assertEqual(first, second)
        self.assertEqual(
            second.read(["employee_id", "total_score", "grade", "earned_points"]),
            numbers,
        )
        self.assertEqual(
            self.Appraisal.search_count(
                [("employee_id", "=", self.engineer_a.id), ("month", "=", OCTOBER)]
            ),
            1,
        )

    def test_who_is_concerned(self):
        appraisals = self._generate()
        # Engineers, supervisors and managers are appraisal engineers; the
        # intern only has credits and is left out by default.
        employees = (
            self.engineer_a
            | self.engineer_b
            | self.engineer_c
            | self.supervisor
            | self.manager
        )
        self.assertEqual(appraisals.employee_id & (employees | self.intern), employees)
        # An employee without the group but with credits is appraised too.
        outsider = self.env["hr.employee"].create({"name": "Contractor Wu"})
        self._create_tickets(engineers=outsider, difficulty=self.level_standard)
        self.assertIn(outsider, self._generate().employee_id)
        # Nobody without the group or credits.
        clerk = self.env["hr.employee"].create({"name": "Clerk Qian"})
        self.assertNotIn(clerk, self._generate().employee_id)

    def test_generate_by_department(self):
        department = self.env["hr.department"].create({"name": "Repairs"})
        (self.engineer_a | self.engineer_c).department_id = department
        appraisals = self._generate(departments=department)
        self.assertEqual(appraisals.employee_id, self.engineer_a | self.engineer_c)
        self.assertEqual(set(appraisals.department_id), {department})

    def test_done_appraisals_are_kept_on_regeneration(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        self._approve(appraisal)
        self._create_tickets(engineers=self.engineer_a, difficulty=self.level_hard)
        self.assertIn(appraisal, self._generate())
        self.assertEqual(appraisal.state, "done")
        self.assertAlmostEqual(appraisal.earned_points, 34.5)


class TestAppraisalGeneratePerformance(MonthlyAppraisalCommon):
    """Generation reads the facts of all engineers at once: the number of
    queries does not grow with the number of engineers."""

    def _team(self, count):
        """A department of ``count`` engineers, each with one order closed in
        September and one callback."""
        department = self.env["hr.department"].create({"name": f"Team {count}"})
        employees = self.env["hr.employee"]
        for index in range(count):
            _user, employee = self._create_user_employee(
                f"team{count}_{index}", f"Engineer {count}-{index}", ENGINEER_GROUP
            )
            employees |= employee
        employees.department_id = department
        tickets = self._create_tickets(
            engineers=employees,
            difficulty=self.level_hard,
            closed_at=datetime(2026, 9, 20, 9, 0),
        )
        self._callbacks(tickets, "dissatisfied", "2026-09-21 10:00:00")
        self.env.flush_all()
        self.env.invalidate_all()
        return department

    def _generate_september(self, department):
        appraisals = self._generate(SEPTEMBER, departments=department)
        self.env.flush_all()
        return appraisals

    def test_reads_do_not_grow_with_the_engineers(self):
        # Warm the caches (groups, rules, settings) once.
        self._generate_september(self._team(1))
        reads = {}
        for count in (3, 15):
            department = self._team(count)
            with self._capture_reads() as reads[count]:
                appraisals = self._generate_september(department)
            self.assertEqual(len(appraisals), count)
            # 1.5 / count each; 20 - 2 = 18.
            self.assertEqual(set(appraisals.mapped("customer_score")), {18})
        self.assertEqual(len(reads[3]), len(reads[15]))

    def test_query_budget_for_15_engineers(self):
        self._generate_september(self._team(1))
        department = self._team(15)
        # The engineer group, the company, the concerned employees (those
        # with credits selected in the same query), the existing appraisals,
        # the defaults, one INSERT, the employees, the credit points, the
        # areas led, the callbacks and their orders' engineers, the
        # findings, one UPDATE.
        with self.assertQueryCount(14):
            self._generate_september(department)
