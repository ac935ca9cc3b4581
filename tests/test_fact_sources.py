# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command

from .common import AppraisalCommon
from .test_service_area import ServiceAreaCommon

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)
MONTHS = [OCTOBER, NOVEMBER]


class FactSourceCommon(AppraisalCommon):
    """Engineers A and B in October and November 2026: each fact source
    answers with the numbers worked out by hand in each test."""

    def _pairs(self, model):
        return self.env[model]._counts_by_employee_month(
            self.engineer_a | self.engineer_b, MONTHS
        )

    def _facts(self, model):
        return self.env[model]._facts_by_employee_month(
            self.engineer_a | self.engineer_b, MONTHS
        )

    @classmethod
    def _close(cls, tickets, moment):
        tickets.write({"stage_id": cls.stage_done.id})
        tickets.write({"closed_date": moment})
        return tickets


class TestCreditSource(FactSourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.engineer_a, cls.engineer_b
        # October: A 2 standard orders alone (2 x 1.0), A and B a hard one
        # (1.5 / 2 = 0.75 each), A an order not reviewed (invalid).
        cls.october_a = cls._create_tickets(
            count=2, engineers=a, difficulty=cls.level_standard
        )
        cls.october_ab = cls._create_tickets(engineers=a | b, difficulty=cls.level_hard)
        cls.october_pending = cls._create_tickets(engineers=a)
        # November: B a very hard order alone (2.0); A and B a standard one
        # on which only A logged work (A 0.5, B invalid).
        november = datetime(2026, 11, 10, 9, 0)
        cls.november_b = cls._create_tickets(
            engineers=b, difficulty=cls.level_very_hard, closed_at=november
        )
        cls.november_ab = cls._create_tickets(
            engineers=a | b,
            difficulty=cls.level_standard,
            closed_at=november,
            work_logs=a,
        )

    def test_counts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        counts = self._pairs("helpdesk.ticket.credit")
        self.assertEqual(
            set(counts), {(a, OCTOBER), (b, OCTOBER), (a, NOVEMBER), (b, NOVEMBER)}
        )
        # A, October: 1.0 + 1.0 + 0.75; the pending order earns nothing.
        self.assertAlmostEqual(counts[a, OCTOBER]["points"], 2.75)
        self.assertEqual(counts[a, OCTOBER]["valid_count"], 3)
        self.assertEqual(counts[a, OCTOBER]["invalid_count"], 1)
        self.assertAlmostEqual(counts[b, OCTOBER]["points"], 0.75)
        self.assertEqual(counts[b, OCTOBER]["valid_count"], 1)
        self.assertEqual(counts[b, OCTOBER]["invalid_count"], 0)
        # November: A half of a standard order; B 2.0, and no work log on
        # the shared order.
        self.assertAlmostEqual(counts[a, NOVEMBER]["points"], 0.5)
        self.assertEqual(counts[a, NOVEMBER]["valid_count"], 1)
        self.assertEqual(counts[a, NOVEMBER]["invalid_count"], 0)
        self.assertAlmostEqual(counts[b, NOVEMBER]["points"], 2.0)
        self.assertEqual(counts[b, NOVEMBER]["valid_count"], 1)
        self.assertEqual(counts[b, NOVEMBER]["invalid_count"], 1)

    def test_facts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        facts = self._facts("helpdesk.ticket.credit")
        self.assertEqual(
            facts[a, OCTOBER].ticket_id,
            self.october_a | self.october_ab | self.october_pending,
        )
        self.assertEqual(
            facts[a, OCTOBER].filtered("is_valid").ticket_id,
            self.october_a | self.october_ab,
        )
        self.assertEqual(facts[b, OCTOBER].ticket_id, self.october_ab)
        self.assertEqual(facts[a, NOVEMBER].ticket_id, self.november_ab)
        self.assertEqual(
            facts[b, NOVEMBER].ticket_id, self.november_b | self.november_ab
        )
        self.assertEqual(set(facts[b, NOVEMBER].employee_id.ids), {b})
        # Read as superuser, whoever asks.
        self.assertTrue(facts[a, OCTOBER].env.su)

    def test_counts_add_up_to_the_facts(self):
        counts = self._pairs("helpdesk.ticket.credit")
        for pair, credits in self._facts("helpdesk.ticket.credit").items():
            valid = credits.filtered("is_valid")
            self.assertAlmostEqual(counts[pair]["points"], sum(valid.mapped("points")))
            self.assertEqual(counts[pair]["valid_count"], len(valid))
            self.assertEqual(counts[pair]["invalid_count"], len(credits - valid))


class TestCallbackSource(FactSourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.engineer_a, cls.engineer_b
        cls.order_ab = cls._create_tickets(engineers=a | b, interns=cls.intern)
        cls.order_a = cls._create_tickets(engineers=a)
        cls.order_b = cls._create_tickets(engineers=b)
        cls.calls = cls.env["helpdesk.ticket.callback"].create(
            [
                {"ticket_id": ticket.id, "result": result, "call_date": moment}
                for ticket, result, moment in (
                    (cls.order_ab, "dissatisfied", "2026-10-05 10:00:00"),
                    (cls.order_ab, "satisfied", "2026-10-20 10:00:00"),
                    (cls.order_a, "neutral", "2026-10-21 10:00:00"),
                    (cls.order_ab, "unreachable", "2026-11-03 10:00:00"),
                    (cls.order_a, "dissatisfied", "2026-11-04 10:00:00"),
                    (cls.order_b, "satisfied", "2026-11-05 10:00:00"),
                )
            ]
        )

    def test_counts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        # A, October: the two calls of order AB and the neutral one of A's.
        # B, October: the two calls of order AB. The intern never counts.
        # November: the unreachable call of AB for both, A's dissatisfied
        # one, B's satisfied one.
        self.assertEqual(
            self._pairs("helpdesk.ticket.callback"),
            {
                (a, OCTOBER): {
                    "callbacks": 3,
                    "answered": 3,
                    "satisfied": 1,
                    "dissatisfied": 1,
                },
                (b, OCTOBER): {
                    "callbacks": 2,
                    "answered": 2,
                    "satisfied": 1,
                    "dissatisfied": 1,
                },
                (a, NOVEMBER): {
                    "callbacks": 2,
                    "answered": 1,
                    "satisfied": 0,
                    "dissatisfied": 1,
                },
                (b, NOVEMBER): {
                    "callbacks": 2,
                    "answered": 1,
                    "satisfied": 1,
                    "dissatisfied": 0,
                },
            },
        )
        self.assertFalse(
            self.env["helpdesk.ticket.callback"]._counts_by_employee_month(
                self.intern, MONTHS
            )
        )

    def test_facts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        facts = self._facts("helpdesk.ticket.callback")
        calls = self.calls
        self.assertEqual(
            set(facts), {(a, OCTOBER), (b, OCTOBER), (a, NOVEMBER), (b, NOVEMBER)}
        )
        # Oldest call first.
        self.assertEqual(facts[a, OCTOBER].ids, calls[:3].ids)
        self.assertEqual(facts[b, OCTOBER].ids, calls[:2].ids)
        self.assertEqual(facts[a, NOVEMBER].ids, calls[3:5].ids)
        self.assertEqual(facts[b, NOVEMBER].ids, (calls[3] | calls[5]).ids)

    def test_smart_button_domain_is_the_dissatisfied_facts(self):
        Callback = self.env["helpdesk.ticket.callback"]
        facts = self._facts("helpdesk.ticket.callback")
        for employee in self.engineer_a | self.engineer_b:
            for month in MONTHS:
                dissatisfied = facts[employee.id, month].filtered(
                    lambda callback: callback.result == "dissatisfied"
                )
                self.assertEqual(
                    Callback.search(Callback._dissatisfied_domain(employee, [month])),
                    dissatisfied,
                )


class TestFindingSource(FactSourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.engineer_a, cls.engineer_b
        cls.orders = cls._create_tickets(count=3, engineers=a | b)
        Finding = cls.env["helpdesk.quality.finding"]

        def line(index, employee):
            return cls.orders[index].timesheet_ids.filtered(
                lambda line: line.employee_id == employee
            )

        def work_log(index, employee, day):
            return {"timesheet_id": line(index, employee).id, "date": day}

        def order_form(index, employee, day):
            return {
                "kind": "order_form",
                "ticket_id": cls.orders[index].id,
                "employee_id": employee.id,
                "date": day,
            }

        cls.findings = Finding.create(
            [
                dict(vals, reason="Incomplete")
                for vals in (
                    work_log(0, a, "2026-10-05"),
                    work_log(1, a, "2026-10-20"),
                    order_form(0, a, "2026-10-15"),
                    work_log(2, a, "2026-11-03"),
                    order_form(0, b, "2026-10-15"),
                    work_log(0, b, "2026-10-09"),
                    work_log(1, b, "2026-11-02"),
                    order_form(2, b, "2026-11-20"),
                )
            ]
        )
        withdrawn = cls.findings[5]
        withdrawn.withdrawal_reason = "Wrong engineer"
        withdrawn.action_withdraw()

    def test_counts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        # B's withdrawn work log of October no longer counts. Each finding
        # costs the company's default 1: the deductions equal the counts.
        self.assertEqual(
            self._pairs("helpdesk.quality.finding"),
            {
                (a, OCTOBER): {
                    "work_log": 2,
                    "order_form": 1,
                    "deduction_work_log": 2.0,
                    "deduction_order_form": 1.0,
                },
                (b, OCTOBER): {"order_form": 1, "deduction_order_form": 1.0},
                (a, NOVEMBER): {"work_log": 1, "deduction_work_log": 1.0},
                (b, NOVEMBER): {
                    "work_log": 1,
                    "order_form": 1,
                    "deduction_work_log": 1.0,
                    "deduction_order_form": 1.0,
                },
            },
        )

    def test_facts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        facts = self._facts("helpdesk.quality.finding")
        found = self.findings
        # Oldest first.
        self.assertEqual(facts[a, OCTOBER].ids, [found[0].id, found[2].id, found[1].id])
        self.assertEqual(facts[b, OCTOBER].ids, [found[4].id])
        self.assertEqual(facts[a, NOVEMBER].ids, [found[3].id])
        self.assertEqual(facts[b, NOVEMBER].ids, [found[6].id, found[7].id])


# The open tasks are past their deadline, whatever the day the tests run.
@freeze_time("2026-12-01 08:00")
class TestTaskSource(FactSourceCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.engineer_a_user, cls.engineer_b_user

        def task(users, deadline, **values):
            return {
                "name": "Inspection",
                "project_id": cls.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [Command.set(users.ids)],
                "date_deadline": datetime(*deadline, 9, 0),
                **values,
            }

        done = {"state": "1_done"}
        cls.tasks = cls.env["project.task"].create(
            [
                # A, October: done on time, done late.
                task(a, (2026, 10, 10), completion_date=date(2026, 10, 9), **done),
                task(a, (2026, 10, 20), completion_date=date(2026, 10, 25), **done),
                # A, November: open past its deadline; A and B: done on time.
                task(a, (2026, 11, 5)),
                task(a | b, (2026, 11, 20), completion_date=date(2026, 11, 19), **done),
                # B, October: open past its deadline; cancelled and not
                # appraised ones count for nobody.
                task(b, (2026, 10, 12)),
                task(b, (2026, 10, 15), state="1_canceled"),
                task(b, (2026, 10, 16), is_appraisal_task=False),
            ]
        )
        cls.tasks.flush_recordset()

    def test_counts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        # None of the tasks is a report: the report measures are 0.
        no_report = {"report_due": 0, "report_on_time": 0, "report_overdue": 0}
        self.assertEqual(
            self._pairs("project.task"),
            {
                (a, OCTOBER): {
                    "due": 2,
                    "done": 2,
                    "on_time": 1,
                    "overdue": 1,
                    **no_report,
                },
                (b, OCTOBER): {
                    "due": 1,
                    "done": 0,
                    "on_time": 0,
                    "overdue": 1,
                    **no_report,
                },
                (a, NOVEMBER): {
                    "due": 2,
                    "done": 1,
                    "on_time": 1,
                    "overdue": 1,
                    **no_report,
                },
                (b, NOVEMBER): {
                    "due": 1,
                    "done": 1,
                    "on_time": 1,
                    "overdue": 0,
                    **no_report,
                },
            },
        )

    def test_facts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        tasks = self.tasks
        facts = self._facts("project.task")
        self.assertEqual(
            set(facts), {(a, OCTOBER), (b, OCTOBER), (a, NOVEMBER), (b, NOVEMBER)}
        )
        self.assertEqual(facts[a, OCTOBER].ids, tasks[:2].ids)
        self.assertEqual(facts[b, OCTOBER].ids, tasks[4].ids)
        self.assertEqual(facts[a, NOVEMBER].ids, tasks[2:4].ids)
        self.assertEqual(facts[b, NOVEMBER].ids, tasks[3].ids)

    def test_counts_agree_with_the_half_year_summary(self):
        # The summary's overdue tasks of the half-year are the source's
        # overdue tasks of its months.
        appraisals = self.env["helpdesk.engineer.appraisal"].create(
            [
                {"employee_id": employee.id, "month": OCTOBER, "total_score": 80}
                for employee in self.engineer_a | self.engineer_b
            ]
        )
        self.env.flush_all()
        rows = self.env["helpdesk.engineer.appraisal.summary"].search(
            [
                ("employee_id", "in", appraisals.employee_id.ids),
                ("period_type", "=", "half_year"),
            ]
        )
        counts = self._source_totals(
            "project.task",
            date(2026, 7, 1),
            date(2026, 12, 31),
            self.engineer_a | self.engineer_b,
        )
        self.assertEqual(
            {row.employee_id.id: row.overdue_task_count for row in rows},
            {
                employee_id: measures["overdue"]
                for employee_id, measures in counts.items()
            },
        )
        self.assertEqual(
            {row.employee_id: row.overdue_task_count for row in rows},
            {self.engineer_a: 2, self.engineer_b: 1},
        )


class TestAreaSource(ServiceAreaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        a, b = cls.engineer_a, cls.engineer_b
        # South (Q = 50 x 0.1 = 5) is B's; East (Q = 20 x 0.1 = 2) is A's,
        # as North (Q = 12).
        cls.south.write({"leader_id": b.id, "member_ids": [Command.link(b.id)]})
        cls.east = cls.Area.create(
            {
                "name": "East",
                "leader_id": a.id,
                "member_ids": [Command.set(a.ids)],
                "device_count": 20,
            }
        )
        east_customer = cls.env["res.partner"].create(
            {"name": "East Clinic", "is_company": True, "service_area_id": cls.east.id}
        )
        north, south = cls.north_customer, cls.south_customer

        def due(customer, day, count=1, confirmed=True):
            cls._orders(
                customer,
                day,
                count=count,
                closed_at=datetime(day.year, day.month, day.day, 8),
                confirmed=confirmed,
            )

        # North, October: Oct 1 1 of 2, Oct 3 4 of 4 -> (0.5 + 1) / 2 = 0.75,
        # 12 x 0.75 = 9. November: Nov 2 1 of 1 -> 1.0, 12.
        due(north, date(2026, 10, 1))
        due(north, date(2026, 10, 1), confirmed=False)
        due(north, date(2026, 10, 3), count=4)
        due(north, date(2026, 11, 2))
        # East, October: Oct 5 0 of 1 -> 0.0, score 0.
        due(east_customer, date(2026, 10, 5), confirmed=False)
        # South, October: Oct 2 1 of 1, Oct 6 1 of 2 -> 0.75, 5 x 0.75 = 3.75.
        due(south, date(2026, 10, 2))
        due(south, date(2026, 10, 6))
        due(south, date(2026, 10, 6), confirmed=False)
        (cls.north | cls.south | cls.east)._refresh_daily_rates(
            date(2026, 10, 1), date(2026, 11, 30)
        )

    def _pairs(self):
        return self.Area._counts_by_employee_month(
            self.engineer_a | self.engineer_b, MONTHS
        )

    def test_counts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        counts = self._pairs()
        # B's South has nothing due in November.
        self.assertEqual(set(counts), {(a, OCTOBER), (b, OCTOBER), (a, NOVEMBER)})
        expected = {
            (a, OCTOBER): (2, 0.75, 9.0, 7, 5),
            (b, OCTOBER): (1, 0.75, 3.75, 3, 2),
            (a, NOVEMBER): (1, 1.0, 12.0, 1, 1),
        }
        for pair, (areas, rate_sum, score, due, confirmed) in expected.items():
            measures = counts[pair]
            self.assertEqual(measures["area_count"], areas)
            self.assertAlmostEqual(measures["rate_sum"], rate_sum)
            self.assertAlmostEqual(measures["score"], score)
            self.assertEqual(measures["due_count"], due)
            self.assertEqual(measures["confirmed_count"], confirmed)

    def test_facts_by_employee_month(self):
        a, b = self.engineer_a.id, self.engineer_b.id
        facts = self.Area._facts_by_employee_month(
            self.engineer_a | self.engineer_b, MONTHS
        )
        self.assertEqual(facts[a, OCTOBER].area_id, self.north | self.east)
        self.assertEqual(facts[b, OCTOBER].area_id, self.south)
        self.assertEqual(facts[a, NOVEMBER].area_id, self.north)
        self.assertNotIn((b, NOVEMBER), facts)

    def test_month_scores_of_areas(self):
        scores = (self.north | self.south | self.east)._month_scores(MONTHS)
        self.assertEqual(
            set(scores),
            {
                (self.north.id, OCTOBER),
                (self.north.id, NOVEMBER),
                (self.south.id, OCTOBER),
                (self.east.id, OCTOBER),
            },
        )
        self.assertAlmostEqual(scores[self.north.id, OCTOBER][0], 0.75)
        self.assertAlmostEqual(scores[self.north.id, OCTOBER][1], 9.0)
        self.assertAlmostEqual(scores[self.south.id, OCTOBER][1], 3.75)
        self.assertAlmostEqual(scores[self.east.id, OCTOBER][1], 0.0)

    def test_archived_area_counts_for_nobody(self):
        self.east.active = False
        counts = self._pairs()
        self.assertEqual(counts[self.engineer_a.id, OCTOBER]["area_count"], 1)
        self.assertAlmostEqual(counts[self.engineer_a.id, OCTOBER]["score"], 9.0)

    def test_settings_apply_at_once(self):
        # Confirmed / due: North 5 / 6 x 12 = 10.
        self.env.company.appraisal_area_rate_mode = "ratio"
        counts = self._pairs()
        self.assertAlmostEqual(counts[self.engineer_a.id, OCTOBER]["score"], 10.0)


class TestFactSourceQueries(AppraisalCommon):
    """Every fact source reads 2 or 20 employees' facts in the same number of
    queries."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.users = cls.env["res.users"].create(
            [
                {
                    "name": f"Engineer {index}",
                    "login": f"fact_source_engineer_{index}",
                    "groups_id": [Command.set([cls.env.ref("base.group_user").id])],
                }
                for index in range(20)
            ]
        )
        cls.employees = cls.env["hr.employee"].create(
            [{"name": user.name, "user_id": user.id} for user in cls.users]
        )
        orders = cls.env["helpdesk.ticket"]
        for employee in cls.employees:
            orders |= cls._create_tickets(
                engineers=employee, difficulty=cls.level_standard
            )
        cls.env["helpdesk.ticket.callback"].create(
            [
                {
                    "ticket_id": order.id,
                    "result": "dissatisfied",
                    "call_date": "2026-10-21 10:00:00",
                }
                for order in orders
            ]
        )
        cls.env["helpdesk.quality.finding"].create(
            [
                {"timesheet_id": line.id, "reason": "Incomplete", "date": "2026-10-22"}
                for line in orders.timesheet_ids
            ]
        )
        cls.env["project.task"].create(
            [
                {
                    "name": "Inspection",
                    "project_id": cls.project.id,
                    "is_appraisal_task": True,
                    "appraisal_task_kind": "inspection",
                    "user_ids": [Command.set(user.ids)],
                    "date_deadline": datetime(2026, 10, 10, 9, 0),
                }
                for user in cls.users
            ]
        )
        areas = cls.env["helpdesk.service.area"].create(
            [
                {
                    "name": f"Area {index}",
                    "leader_id": employee.id,
                    "member_ids": [Command.set(employee.ids)],
                    "device_count": 10,
                }
                for index, employee in enumerate(cls.employees)
            ]
        )
        customers = cls.env["res.partner"].create(
            [
                {"name": f"Customer {area.name}", "service_area_id": area.id}
                for area in areas
            ]
        )
        due = cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": "Maintenance",
                    "description": "Scheduled visit",
                    "team_id": cls.team.id,
                    "partner_id": customer.id,
                    "planned_date": date(2026, 10, 1),
                }
                for customer in customers
            ]
        )
        areas._refresh_daily_rates(date(2026, 10, 1), date(2026, 10, 31))
        cls.due_orders = due

    def _assert_same_queries(self, model, method, expected):
        source = getattr(self.env[model], method)
        # Warm the caches of the ORM (field metadata, lookups) once.
        source(self.employees[:1], MONTHS)
        counts = {}
        for size in (2, 20):
            employees = self.employees[:size]
            self.env.flush_all()
            self.env.invalidate_all()
            with self.assertQueryCount(expected):
                start = self.cr.sql_log_count
                result = source(employees, MONTHS)
                counts[size] = self.cr.sql_log_count - start
            self.assertEqual(
                set(result), {(employee.id, OCTOBER) for employee in employees}
            )
        self.assertEqual(counts[2], counts[20], f"{model}.{method}: {counts}")
        self.assertEqual(counts[20], expected, f"{model}.{method}: {counts}")

    def test_credits(self):
        self._assert_same_queries(
            "helpdesk.ticket.credit", "_counts_by_employee_month", 1
        )
        self._assert_same_queries(
            "helpdesk.ticket.credit", "_facts_by_employee_month", 2
        )

    def test_callbacks(self):
        self._assert_same_queries(
            "helpdesk.ticket.callback", "_counts_by_employee_month", 1
        )
        self._assert_same_queries(
            "helpdesk.ticket.callback", "_facts_by_employee_month", 3
        )

    def test_findings(self):
        self._assert_same_queries(
            "helpdesk.quality.finding", "_counts_by_employee_month", 1
        )
        self._assert_same_queries(
            "helpdesk.quality.finding", "_facts_by_employee_month", 2
        )

    def test_tasks(self):
        self._assert_same_queries("project.task", "_counts_by_employee_month", 1)
        self._assert_same_queries("project.task", "_facts_by_employee_month", 1)

    def test_areas(self):
        self._assert_same_queries(
            "helpdesk.service.area", "_counts_by_employee_month", 1
        )
        self._assert_same_queries(
            "helpdesk.service.area", "_facts_by_employee_month", 2
        )

    def test_refresh_reads_the_same_for_one_and_twenty_appraisals(self):
        appraisals = self.env["helpdesk.engineer.appraisal"].create(
            [
                {"employee_id": employee.id, "month": OCTOBER}
                for employee in self.employees
            ]
        )
        # Warm the caches (settings, groups) once.
        appraisals[:1]._refresh_scores()
        reads = {}
        for size in (1, 20):
            self.env.flush_all()
            self.env.invalidate_all()
            with self._capture_reads() as reads[size]:
                appraisals[:size]._refresh_scores()
                self.env.flush_all()
        self.assertEqual(len(reads[1]), len(reads[20]))
        # Each engineer: one standard order, one dissatisfied callback, one
        # unqualified work log, an area with nothing confirmed.
        self.assertRecordValues(
            appraisals,
            [
                {
                    "earned_points": 1.0,
                    "dissatisfied_count": 1,
                    "work_log_finding_count": 1,
                    "order_form_finding_count": 0,
                    "invalid_credit_count": 0,
                    "is_area_leader": True,
                    "area_rate": 0.0,
                    "area_score": 0.0,
                }
            ]
            * 20,
        )
