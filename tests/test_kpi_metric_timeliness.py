# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command
from odoo.tests import tagged

from ..models.helpdesk_appraisal_metric import metric_parameters
from .kpi_timeliness_common import KpiTimelinessCommon

OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)


@tagged("post_install", "-at_install")
class TestKpiMetricTimeliness(KpiTimelinessCommon):
    """The timeliness and fix-quality metrics on three October orders
    (working hours 8-12 and 13-17; 5 October is a Monday):

    1. engineer A: requested Mon 09:00, appointment 10:00, responded 09:20
       (20 working minutes), A on site 10:30-12:00, closed 15:00 (3 + 2 = 5
       working hours), callback: confirmed (resolved), QA pass on 6 October;
    2. engineers A and B: requested Mon 10:00, assigned 10:10, responded
       11:00 (60), B on site 11:00-12:00, A 11:40-13:40 and Tue 09:00-10:00,
       closed Tue 14:00 (2 + 4 + 4 + 1 = 11 working hours), callback: not
       confirmed (not resolved), QA fail on 7 October, promised for 8
       October and delivered on the 9th (late), reworked on Sat 10 October
       by engineer C (within the 30-day window);
    3. engineer A: requested Fri 2 October 16:00, responded Mon 08:15 (60 +
       15 = 75), closed Mon 11:00 (1 + 3 = 4 working hours), no callback (no
       resolution: no data), promised for 10 October, delivered on the 9th.
    """

    def setUp(self):
        super().setUp()
        a_user, b_user = self.engineer_a_user, self.engineer_b_user
        a, b = self.engineer_a, self.engineer_b
        self.order_1 = self._order_of(
            a,
            datetime(2026, 10, 5, 9, 0),
            responded_at=datetime(2026, 10, 5, 9, 20),
            appointment_datetime=datetime(2026, 10, 5, 10, 0),
        )
        self._visit(
            a_user,
            self.order_1,
            datetime(2026, 10, 5, 10, 30),
            datetime(2026, 10, 5, 12, 0),
        )
        self._at(datetime(2026, 10, 5, 15, 0), self.order_1, self.done)
        self._callback(self.order_1, datetime(2026, 10, 6, 10, 0), "satisfied", True)
        self._qa(self.order_1, "pass", date(2026, 10, 6))

        self.order_2 = self._order_of(a | b, datetime(2026, 10, 5, 10, 0))
        self._at(datetime(2026, 10, 5, 10, 10), self.order_2, {"user_id": a_user.id})
        self._at(datetime(2026, 10, 5, 11, 0), self.order_2, self.in_progress)
        self._visit(
            b_user,
            self.order_2,
            datetime(2026, 10, 5, 11, 0),
            datetime(2026, 10, 5, 12, 0),
        )
        self._visit(
            a_user,
            self.order_2,
            datetime(2026, 10, 5, 11, 40),
            datetime(2026, 10, 5, 13, 40),
        )
        self._visit(
            a_user, self.order_2, datetime(2026, 10, 6, 9, 0), datetime(2026, 10, 6, 10)
        )
        self._at(datetime(2026, 10, 6, 14, 0), self.order_2, self.done)
        self._callback(
            self.order_2, datetime(2026, 10, 7, 10, 0), "dissatisfied", False
        )
        self._qa(self.order_2, "fail", date(2026, 10, 7))
        self.order_2.with_user(self.supervisor_user).write(
            {
                "promised_delivery_date": date(2026, 10, 8),
                "actual_delivery_date": date(2026, 10, 9),
            }
        )
        self.rework = self._rework(
            self.order_2, datetime(2026, 10, 10, 9, 0), self.engineer_c
        )

        self.order_3 = self._order_of(
            a,
            datetime(2026, 10, 2, 16, 0),
            responded_at=datetime(2026, 10, 5, 8, 15),
            closed_at=datetime(2026, 10, 5, 11, 0),
        )
        self.order_3.with_user(self.supervisor_user).write(
            {
                "promised_delivery_date": date(2026, 10, 10),
                "actual_delivery_date": date(2026, 10, 9),
            }
        )
        self.env.flush_all()
        self.employees = a | b | self.intern

    def _metric(self, code, months=(OCTOBER,), **params):
        values = self.Metric._compute_metric(
            code, self.employees, months, tuple(params.items())
        )
        return tuple(
            values[employee.id]
            for employee in (self.engineer_a, self.engineer_b, self.intern)
        )

    def assertMetric(self, code, expected, **params):
        """``expected``: ``(value, numerator, denominator)`` of A, B and the
        intern (who has no facts)."""
        for got, want in zip(self._metric(code, **params), expected, strict=True):
            if want[0] is None:
                self.assertIsNone(got[0], code)
            else:
                self.assertAlmostEqual(got[0], want[0], places=6, msg=code)
            self.assertEqual(got[1:], want[1:], code)

    def test_response(self):
        # A: (20 + 60 + 75) / 3 = 51.67 minutes; B: 60 / 1.
        self.assertMetric(
            "response_minutes",
            ((155 / 3, 155, 3), (60, 60, 1), (None, 0, 0)),
        )
        # Within the company's 30 minutes: A order 1 only (1 / 3); B none.
        self.assertMetric(
            "response_on_time_rate",
            ((100 / 3, 1, 3), (0, 0, 1), (None, 0, 0)),
        )
        # The line's own limit, 60 minutes: A orders 1 and 2; B's 60 too.
        self.assertMetric(
            "response_on_time_rate",
            ((200 / 3, 2, 3), (100, 1, 1), (None, 0, 0)),
            on_time_limit=60.0,
        )
        # The company's 30 minutes given as the line's: as without.
        self.assertMetric(
            "response_on_time_rate",
            ((100 / 3, 1, 3), (0, 0, 1), (None, 0, 0)),
            on_time_limit=30.0,
        )

    def test_handling(self):
        # A: (5 + 11 + 4) / 3 = 6.67 working hours; B: 11.
        self.assertMetric(
            "handling_hours",
            ((20 / 3, 20, 3), (11, 11, 1), (None, 0, 0)),
        )
        # Within the company's 1 working day = 8 hours: A orders 1 and 3.
        self.assertMetric(
            "handled_in_time_rate",
            ((200 / 3, 2, 3), (0, 0, 1), (None, 0, 0)),
        )
        # The line's half day = 4 hours: order 3 only (4 <= 4).
        self.assertMetric(
            "handled_in_time_rate",
            ((100 / 3, 1, 3), (0, 0, 1), (None, 0, 0)),
            on_time_limit=0.5,
        )
        # Two working days: every order.
        self.assertMetric(
            "handled_in_time_rate",
            ((100, 3, 3), (100, 1, 1), (None, 0, 0)),
            on_time_limit=2.0,
        )

    def test_fix_quality(self):
        # Order 2 reworked within the window: A 2 of 3 first-time fixes, B 0
        # of 1; 1 rework each.
        self.assertMetric(
            "first_time_fix_rate",
            ((200 / 3, 2, 3), (0, 0, 1), (None, 0, 0)),
        )
        self.assertMetric(
            "rework_rate",
            ((100 / 3, 1, 3), (100, 1, 1), (None, 0, 0)),
        )
        # Order 3 has no resolution: no data, not a miss. A 1 resolved of 2.
        self.assertMetric(
            "resolution_rate",
            ((50, 1, 2), (0, 0, 1), (None, 0, 0)),
        )

    def test_qa_and_delivery(self):
        self.assertMetric("qa_pass_rate", ((50, 1, 2), (0, 0, 1), (None, 0, 0)))
        # A count: 0 without facts, never no data.
        self.assertMetric("qa_units", ((1, 1, 1), (0, 0, 1), (0, 0, 1)))
        # Order 2 a day late, order 3 a day early.
        self.assertMetric(
            "on_time_delivery_rate", ((50, 1, 2), (0, 0, 1), (None, 0, 0))
        )

    def test_arrival_and_repair_time(self):
        # A: order 1 10:30 - appointment 10:00 = 30, order 2 11:40 -
        # assignment 10:10 = 90: 120 / 2 = 60; B: 11:00 - 10:10 = 50.
        self.assertMetric("arrival_minutes", ((60, 120, 2), (50, 50, 1), (None, 0, 0)))
        # Within the company's 120 minutes: all.
        self.assertMetric(
            "arrival_on_time_rate", ((100, 2, 2), (100, 1, 1), (None, 0, 0))
        )
        # The line's 60 minutes: A order 1 only.
        self.assertMetric(
            "arrival_on_time_rate",
            ((50, 1, 2), (100, 1, 1), (None, 0, 0)),
            on_time_limit=60.0,
        )
        # A on site 1.5 + 2 + 1 = 4.5 hours on 2 orders; B 1 hour on 1.
        self.assertMetric("repair_hours", ((2.25, 4.5, 2), (1, 1, 1), (None, 0, 0)))

    def test_a_quarter_adds_up_its_months(self):
        # November: A's order requested Mon 2 November 09:00, responded 09:10,
        # closed 10:00 (1 working hour).
        self._order_of(
            self.engineer_a,
            datetime(2026, 11, 2, 9, 0),
            responded_at=datetime(2026, 11, 2, 9, 10),
            closed_at=datetime(2026, 11, 2, 10, 0),
        )
        quarter = (OCTOBER, NOVEMBER, date(2026, 12, 1))
        # (155 + 10) / 4 and (20 + 1) / 4: sums over counts, not a mean of
        # the monthly means.
        value, numerator, denominator = self._metric("response_minutes", quarter)[0]
        self.assertEqual((value, numerator, denominator), (41.25, 165, 4))
        value, numerator, denominator = self._metric("handling_hours", quarter)[0]
        self.assertEqual((value, numerator, denominator), (5.25, 21, 4))
        value, numerator, denominator = self._metric(
            "response_on_time_rate", quarter, on_time_limit=30.0
        )[0]
        self.assertEqual((value, numerator, denominator), (50, 2, 4))

    def test_sheet_lines_take_their_limit_and_open_their_facts(self):
        template = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Response",
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": name,
                            "metric": metric,
                            "rule_kind": "proportional",
                            "weight": 25,
                            "target": 100,
                            **vals,
                        }
                    )
                    for name, metric, vals in (
                        ("Company limit", "response_on_time_rate", {}),
                        ("60 minutes", "response_on_time_rate", {"on_time_limit": 60}),
                        ("Handling", "handled_in_time_rate", {}),
                        ("Arrival", "arrival_on_time_rate", {}),
                    )
                ],
            }
        )
        # The limits default to the company's targets (Settings).
        self.assertEqual(
            template.line_ids.mapped("on_time_limit"), [30.0, 60.0, 1.0, 120.0]
        )
        self.assertEqual(
            metric_parameters(template.line_ids[1]), (("on_time_limit", 60.0),)
        )
        # A copy keeps the lines' own limits; another metric takes its own
        # default.
        self.assertEqual(
            template.copy().line_ids.mapped("on_time_limit"), [30.0, 60.0, 1.0, 120.0]
        )
        other = template.copy()
        other.line_ids[1].metric = "handled_in_time_rate"
        self.assertEqual(other.line_ids[1].on_time_limit, 1.0)
        other.line_ids[1].metric = "response_minutes"
        self.assertEqual(metric_parameters(other.line_ids[1]), ())
        sheet = self.env["helpdesk.appraisal.sheet"]._generate(template, OCTOBER)
        company, sixty, handling, arrival = sheet.line_ids
        # 25 x 1/3 = 8.33; 25 x 2/3 = 16.67; 25 x 2/3; 25 x 2/2.
        self.assertAlmostEqual(company.points, 25 / 3, places=4)
        self.assertAlmostEqual(sixty.points, 50 / 3, places=4)
        self.assertAlmostEqual(handling.points, 50 / 3, places=4)
        self.assertEqual(arrival.points, 25)
        # The facts behind: A's orders first responded to in October, and
        # A's visits.
        action = company.with_user(self.supervisor_user).action_view_facts()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]),
            self.order_1 | self.order_2 | self.order_3,
        )
        action = arrival.with_user(self.supervisor_user).action_view_facts()
        visits = self.env["helpdesk.ticket.visit"].search(action["domain"])
        self.assertEqual(len(visits), 3)
        self.assertEqual(visits.employee_id, self.engineer_a)

    def test_resolution_facts_are_the_orders_with_a_result(self):
        template = self.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Resolution",
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Resolution",
                            "metric": "resolution_rate",
                            "rule_kind": "proportional",
                            "weight": 100,
                            "target": 95,
                        }
                    )
                ],
            }
        )
        sheet = self.env["helpdesk.appraisal.sheet"]._generate(template, OCTOBER)
        action = sheet.line_ids.action_view_facts()
        self.assertEqual(
            self.env["helpdesk.ticket"].search(action["domain"]),
            self.order_1 | self.order_2,
        )

    def test_each_metric_in_constant_queries(self):
        """The reads of every metric (with and without a line's limit) do
        not grow with the engineers: C (the rework's engineer) and the
        others add facts and employees."""
        others = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(6)]
        )
        for employee in others:
            self._order_of(
                employee,
                datetime(2026, 10, 12, 9, 0),
                responded_at=datetime(2026, 10, 12, 9, 30),
                closed_at=datetime(2026, 10, 12, 16, 0),
            )
        self.env.flush_all()
        few = self.engineer_a | self.engineer_b
        many = few | self.engineer_c | self.intern | others
        codes = [
            ("response_minutes", ()),
            ("response_on_time_rate", ()),
            ("response_on_time_rate", (("on_time_limit", 45.0),)),
            ("arrival_minutes", ()),
            ("arrival_on_time_rate", ()),
            ("arrival_on_time_rate", (("on_time_limit", 45.0),)),
            ("handling_hours", ()),
            ("handled_in_time_rate", ()),
            ("handled_in_time_rate", (("on_time_limit", 0.5),)),
            ("repair_hours", ()),
            ("first_time_fix_rate", ()),
            ("rework_rate", ()),
            ("resolution_rate", ()),
            ("qa_pass_rate", ()),
            ("qa_units", ()),
            ("on_time_delivery_rate", ()),
        ]
        for code, params in codes:
            self.env.invalidate_all()
            with self._capture_reads() as reads_few:
                self.Metric._compute_metric(code, few, [OCTOBER], params)
            self.env.invalidate_all()
            with self._capture_reads() as reads_many:
                values = self.Metric._compute_metric(
                    code, many, [OCTOBER, NOVEMBER], params
                )
            self.assertEqual(len(reads_many), len(reads_few), (code, params))
            self.assertEqual(len(values), len(many), code)
