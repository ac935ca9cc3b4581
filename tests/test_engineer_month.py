# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command

from ..const import ENGINEER_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import AppraisalCommon

AUGUST = date(2026, 8, 1)
SEPTEMBER = date(2026, 9, 1)
# Late October 2026: the policy example's (P5) month is the current month.
OCTOBER_25 = "2026-10-25 08:00:00"

# Every value of a row the boards show.
MONTH_FIELDS = [
    "month",
    "earned_points",
    "standard_points",
    "efficiency",
    "workload_score",
    "dissatisfied_count",
    "customer_score",
    "work_log_finding_count",
    "work_log_score",
    "order_form_finding_count",
    "order_form_score",
    "invalid_credit_count",
    "total_score",
    "grade",
    "deduction_total",
    "to_self_rate_count",
    "to_log_count",
    "to_review_count",
    "task_due_count",
    "task_late_count",
    "last_appraisal_id",
    "last_appraisal_total",
    "last_appraisal_grade",
    "last_appraisal_state",
    "workload_explanation",
    "total_explanation",
]


class EngineerMonthCommon(MonthlyAppraisalCommon):
    """The policy example's (P5) October (A: 83.75, B: 46.75) seen on 25 October,
    plus what waits for A: an open order nobody rated, without A's work log,
    an open self-rated order with A's work log, two appraised tasks (one past
    its deadline), and A's appraisals of August and September."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Month = cls.env["helpdesk.engineer.month"]
        cls.order_to_rate = cls._create_tickets(
            engineers=cls.engineer_a, closed_at=None, work_logs=()
        )
        cls.order_to_review = cls._create_tickets(
            engineers=cls.engineer_a, closed_at=None
        )
        cls.order_to_review.sudo().self_difficulty_id = cls.level_hard
        with freeze_time(OCTOBER_25):
            cls.tasks = cls.env["project.task"].create(
                [
                    {
                        "name": name,
                        "project_id": cls.project.id,
                        "is_appraisal_task": True,
                        "appraisal_task_kind": "inspection",
                        "user_ids": [Command.set(cls.engineer_a_user.ids)],
                        "date_deadline": deadline,
                    }
                    for name, deadline in (
                        ("Inspect the X-ray room", "2026-10-20 12:00:00"),
                        ("Upgrade the lab system", "2026-10-30 12:00:00"),
                    )
                ]
            )
            # Their status depends on today: computed on the 25th.
            cls.tasks.flush_recordset()
        cls.earlier = cls.Appraisal.create(
            [
                {"employee_id": cls.engineer_a.id, "month": month}
                for month in (AUGUST, SEPTEMBER)
            ]
        )
        cls.earlier._refresh_scores()

    def _row(self, employee, user=None):
        model = self.Month if user is None else self.Month.with_user(user)
        return model.search([("employee_id", "=", employee.id)])


class TestEngineerMonth(EngineerMonthCommon):
    @freeze_time(OCTOBER_25)
    def test_my_month_by_hand(self):
        row = self._row(self.engineer_a, self.engineer_a_user)
        # P = 30 x 1.0 + 6 x 1.5 / 2 = 34.5; E = 34.5 / 40 = 0.8625;
        # workload 60 x 0.8625 = 51.75; customer 20 - 2 x 3 = 14; work log
        # 10 - 1 x 2 = 8; order form 10; total 83.75, good. Deductions
        # 6 + 2 = 8.
        self.assertRecordValues(
            row,
            [
                {
                    "earned_points": 34.5,
                    "standard_points": 40.0,
                    "efficiency": 0.8625,
                    "workload_score": 51.75,
                    "dissatisfied_count": 3,
                    "customer_score": 14.0,
                    "work_log_finding_count": 2,
                    "work_log_score": 8.0,
                    "order_form_finding_count": 0,
                    "order_form_score": 10.0,
                    "total_score": 83.75,
                    "grade": "good",
                    "deduction_total": 8.0,
                    "to_self_rate_count": 1,
                    "to_log_count": 1,
                    "to_review_count": 1,
                    "task_due_count": 2,
                    "task_late_count": 1,
                    "last_appraisal_id": self.earlier[1].id,
                    # September without facts: 0 + 20 + 10 + 10.
                    "last_appraisal_total": 40.0,
                    "last_appraisal_grade": "below_standard",
                    "last_appraisal_state": "draft",
                }
            ],
        )
        self.assertEqual(row.month, OCTOBER)
        self.assertEqual(
            row.workload_explanation,
            "P 34.5 / S 40 = E 0.8625 -> 60 x 0.8625 = 51.75",
        )
        self.assertEqual(row.total_explanation, "51.75 + 14 + 8 + 10 = 83.75")

    @freeze_time(OCTOBER_25)
    def test_team_board_by_hand(self):
        rows = (
            self.Month.with_user(self.supervisor_user)
            .search([("employee_id", "in", (self.engineer_a | self.engineer_b).ids)])
            .sorted(lambda row: row.employee_id.name)
        )
        # B: P = 6 x 1.5 / 2 = 4.5; E = 0.1125; 60 x 0.1125 = 6.75; no
        # deduction: 6.75 + 20 + 10 + 10 = 46.75, below standard. B's orders
        # are all closed, reviewed and logged: nothing waits for B.
        self.assertRecordValues(
            rows,
            [
                {
                    "employee_id": self.engineer_a.id,
                    "earned_points": 34.5,
                    "total_score": 83.75,
                    "grade": "good",
                    "to_review_count": 1,
                    "dissatisfied_count": 3,
                },
                {
                    "employee_id": self.engineer_b.id,
                    "earned_points": 4.5,
                    "total_score": 46.75,
                    "grade": "below_standard",
                    "to_review_count": 0,
                    "dissatisfied_count": 0,
                },
            ],
        )
        self.assertEqual(rows[1].workload_score, 6.75)
        self.assertEqual(rows[1].deduction_total, 0.0)
        self.assertFalse(rows[1].last_appraisal_id)

    @freeze_time(OCTOBER_25)
    def test_same_numbers_as_the_appraisal(self):
        appraisals = self._generate(employees=self.engineer_a | self.engineer_b)
        fnames = [
            "earned_points",
            "standard_points",
            "efficiency",
            "workload_score",
            "dissatisfied_count",
            "customer_score",
            "work_log_finding_count",
            "work_log_score",
            "order_form_finding_count",
            "order_form_score",
            "invalid_credit_count",
            "area_score",
            "total_score",
            "grade",
            "workload_explanation",
            "total_explanation",
        ]
        for appraisal in appraisals:
            row = self._row(appraisal.employee_id)
            self.assertEqual(
                row.read(fnames)[0] | {"id": appraisal.id},
                appraisal.read(fnames)[0],
            )

    @freeze_time("2026-11-05 08:00:00")
    def test_a_new_month_starts_from_zero(self):
        row = self._row(self.engineer_a)
        self.assertRecordValues(
            row,
            [
                {
                    "earned_points": 0.0,
                    "dissatisfied_count": 0,
                    "total_score": 40.0,
                    "grade": "below_standard",
                    "deduction_total": 0.0,
                    # The open orders still wait; the tasks are both open.
                    "to_self_rate_count": 1,
                    "to_review_count": 1,
                    "task_due_count": 2,
                    # September still: October has no appraisal yet.
                    "last_appraisal_id": self.earlier[1].id,
                }
            ],
        )
        self.assertEqual(row.month, date(2026, 11, 1))

    @freeze_time(OCTOBER_25)
    def test_reviewing_and_logging_empties_the_waiting_lists(self):
        self.order_to_review.with_user(self.supervisor_user).action_accept_self_rating()
        self._log_work(self.order_to_rate, self.engineer_a)
        row = self._row(self.engineer_a)
        self.assertEqual(row.to_review_count, 0)
        self.assertEqual(row.to_log_count, 0)
        self.assertEqual(row.to_self_rate_count, 1)
        # Open orders earn nothing yet: the points stay.
        self.assertEqual(row.earned_points, 34.5)

    @freeze_time(OCTOBER_25)
    def test_each_number_opens_its_facts(self):
        row = self._row(self.engineer_a, self.engineer_a_user)
        Ticket = self.env["helpdesk.ticket"].with_user(self.engineer_a_user)

        def found(action):
            model = self.env[action["res_model"]].with_user(self.engineer_a_user)
            return model.search(action["domain"])

        self.assertEqual(
            found(row.action_view_dissatisfied_callbacks()).ticket_id,
            self.orders_a[:3],
        )
        self.assertEqual(found(row.action_view_findings()), self.findings)
        self.assertEqual(len(found(row.action_view_credits())), 36)
        self.assertEqual(
            Ticket.search(row.action_view_to_self_rate()["domain"]),
            self.order_to_rate,
        )
        self.assertEqual(
            Ticket.search(row.action_view_to_log()["domain"]), self.order_to_rate
        )
        self.assertEqual(
            Ticket.search(row.action_view_to_review()["domain"]),
            self.order_to_review,
        )
        # Tasks are read as Project lets each user: counted as superuser.
        tasks_action = row.action_view_tasks()
        self.assertEqual(
            self.env["project.task"].search(tasks_action["domain"]), self.tasks
        )


class TestEngineerMonthAccess(EngineerMonthCommon):
    def _visible(self, user):
        ours = (
            self.engineer_a
            | self.engineer_b
            | self.engineer_c
            | self.supervisor
            | self.manager
        )
        return (
            self.Month.with_user(user)
            .search([("employee_id", "in", ours.ids)])
            .employee_id
        )

    def test_engineers_see_themselves_only(self):
        self.assertEqual(self._visible(self.engineer_a_user), self.engineer_a)
        self.assertEqual(self._visible(self.engineer_c_user), self.engineer_c)

    def test_supervisors_see_their_team(self):
        # Supervisors are not appraised unless marked (the common setup
        # marks the whole staff): no row of their own.
        (self.supervisor | self.manager).appraisal_appraised = False
        self.assertEqual(
            self._visible(self.supervisor_user), self.engineer_a | self.engineer_b
        )
        self.supervisor.appraisal_appraised = True
        self.assertEqual(
            self._visible(self.supervisor_user),
            self.engineer_a | self.engineer_b | self.supervisor,
        )
        # The Team board leaves their own row out.
        action = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_engineer_month_action_team"
        )
        self.assertEqual(action.domain, "[('user_id', '!=', uid)]")

    def test_managers_see_everyone(self):
        # The whole staff is marked Appraised by the common setup.
        self.assertEqual(
            self._visible(self.manager_user),
            self.engineer_a
            | self.engineer_b
            | self.engineer_c
            | self.supervisor
            | self.manager,
        )

    def test_only_employees_marked_appraised_have_a_row(self):
        clerk = self.env["hr.employee"].create({"name": "Clerk Wu"})
        self.assertFalse(
            self.Month.search([("employee_id", "in", (self.intern | clerk).ids)])
        )
        clerk.appraisal_appraised = True
        self.assertEqual(
            self.Month.search([("employee_id", "=", clerk.id)]).employee_id, clerk
        )

    def test_my_month_opens_the_own_row(self):
        action = self.Month.with_user(self.engineer_a_user).action_open_my_month()
        self.assertEqual(action["res_model"], "helpdesk.engineer.month")
        self.assertEqual(action["res_id"], self.engineer_a.id)
        self.assertEqual(action["views"][0][1], "form")

    def test_my_month_without_a_row_says_why(self):
        outsider = self.env["res.users"].create(
            {
                "name": "Engineer Without Employee",
                "login": "no_employee",
                "groups_id": [Command.set(self.env.ref(ENGINEER_GROUP).ids)],
            }
        )
        self.assertFalse(outsider.employee_ids)
        action = self.Month.with_user(outsider).action_open_my_month()
        self.assertEqual(action["tag"], "display_notification")
        self.assertIn("not one of them", action["params"]["message"])

    def test_rows_are_read_only(self):
        self.assertFalse(self.Month.with_user(self.manager_user).has_access("write"))
        self.assertFalse(self.Month.with_user(self.manager_user).has_access("unlink"))


class TestEngineerMonthPerformance(AppraisalCommon):
    """The Team board reads every row's month in a number of queries that
    does not depend on the number of engineers."""

    @classmethod
    def _team(cls, count):
        employees = cls.env["hr.employee"]
        for index in range(count):
            _user, employee = cls._create_user_employee(
                f"board{count}_{index}",
                f"Board Engineer {count}-{index}",
                ENGINEER_GROUP,
                manager=cls.supervisor,
            )
            employees |= employee
        tickets = cls._create_tickets(
            engineers=employees,
            difficulty=cls.level_hard,
            closed_at=datetime(2026, 10, 20, 9, 0),
        )
        cls.env["helpdesk.ticket.callback"].create(
            {
                "ticket_id": tickets.id,
                "result": "dissatisfied",
                "call_date": "2026-10-21 10:00:00",
            }
        )
        cls._create_tickets(engineers=employees, closed_at=None, work_logs=())
        return employees

    def _read_board(self, employees):
        self.env.flush_all()
        self.env.invalidate_all()
        Month = self.env["helpdesk.engineer.month"].with_user(self.supervisor_user)
        rows = Month.search([("employee_id", "in", employees.ids)])
        return rows.read(MONTH_FIELDS)

    @freeze_time(OCTOBER_25)
    def test_reads_do_not_grow_with_the_engineers(self):
        self._read_board(self._team(1))
        reads = {}
        for count in (2, 10):
            employees = self._team(count)
            self.env.flush_all()
            with self._capture_reads() as reads[count]:
                values = self._read_board(employees)
            self.assertEqual(len(values), count)
            # 1.5 / count each, one dissatisfied callback: 20 - 2 = 18.
            self.assertEqual({row["customer_score"] for row in values}, {18.0})
            self.assertEqual({row["to_self_rate_count"] for row in values}, {1})
        self.assertEqual(len(reads[2]), len(reads[10]))

    @freeze_time(OCTOBER_25)
    def test_query_budget_for_10_engineers(self):
        self._read_board(self._team(1))
        employees = self._team(10)
        self.env.flush_all()
        # Measured: the rows (their SQL view with the engineer role), then,
        # for all rows at once, the month's facts as the appraisal reads them
        # (credits, areas led, callbacks and their engineers, findings,
        # standard points, settings), the waiting orders and their work logs,
        # the open tasks and the earlier appraisals. The same for 2 and for
        # 10 engineers (test above).
        with self.assertQueryCount(37):
            values = self._read_board(employees)
        self.assertEqual(len(values), 10)
        self.assertAlmostEqual(values[0]["earned_points"], 0.15)


class TestMyMonthMenu(EngineerMonthCommon):
    def test_engineers_run_the_my_month_menu(self):
        # The rows are read-only: the server action is open to engineers by
        # its group, not by a write access they do not have.
        server_action = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_engineer_month_action_open_mine"
        )
        action = server_action.with_user(self.engineer_a_user).run()
        self.assertEqual(action["res_id"], self.engineer_a.id)
