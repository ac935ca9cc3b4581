# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from dateutil.relativedelta import relativedelta

from odoo import fields
from odoo.tests import TransactionCase, tagged

MODULE = "helpdesk_engineer_appraisal"
ENGINEERS = ("zhangwei", "marc", "lina", "wangqiang", "liuyang", "chenjing")


@tagged("post_install", "-at_install", "appraisal_demo")
class TestDemoData(TransactionCase):
    """The demo is alive: the numbers below are worked out by hand from
    demo/*.xml, with each engineer's own standard S = 10 points and the
    company's settings at their defaults.

    Without the demo (``--without-demo``) it skips itself. ``tools/test``
    installs the demo, as Odoo does by default, and fails when a test skips.
    """

    def setUp(self):
        super().setUp()
        if not self.env.ref(
            f"{MODULE}.hr_employee_supervisor_demo", raise_if_not_found=False
        ):
            self.skipTest("the demo data is not loaded")
        # As the demo files date their records: the server's calendar.
        today = fields.Date.today()
        self.month_before_last = today + relativedelta(months=-2, day=1)
        self.last_month = today + relativedelta(months=-1, day=1)
        self.supervisor = self._demo("hr_employee_supervisor_demo")
        self.intern = self._demo("hr_employee_yangfan_demo")

    def _demo(self, name):
        return self.env.ref(f"{MODULE}.{name}")

    def _appraisal(self, engineer, month):
        return self._demo(f"helpdesk_engineer_appraisal_{engineer}_{month}_demo")

    def _team_appraisals(self, month):
        return self.env["helpdesk.engineer.appraisal"].search(
            [("month", "=", month), ("supervisor_id", "=", self.supervisor.id)]
        )

    def test_both_months_appraise_the_six_engineers_not_the_intern(self):
        engineers = self.env["hr.employee"].union(
            *(self._appraisal(name, "m2").employee_id for name in ENGINEERS)
        )
        self.assertEqual(len(engineers), 6)
        self.assertIn(self.env.ref("hr.employee_qdp"), engineers)
        for month in (self.month_before_last, self.last_month):
            appraisals = self._team_appraisals(month)
            self.assertEqual(appraisals.employee_id, engineers)
            self.assertNotIn(self.intern, appraisals.employee_id)
        # The intern worked on three orders a month, and earns nothing.
        intern_credits = self.env["helpdesk.ticket.credit"].search(
            [("employee_id", "=", self.intern.id)]
        )
        self.assertEqual(len(intern_credits), 6)
        self.assertEqual(set(intern_credits.mapped("invalid_reason")), {"intern"})

    def test_states_are_spread_as_designed(self):
        states = {
            (name, month): self._appraisal(name, month).state
            for name in ENGINEERS
            for month in ("m2", "m1")
        }
        self.assertEqual(
            states,
            {
                ("zhangwei", "m2"): "done",
                ("marc", "m2"): "done",
                ("lina", "m2"): "done",
                ("wangqiang", "m2"): "done",
                ("liuyang", "m2"): "done",
                ("chenjing", "m2"): "approval",
                ("zhangwei", "m1"): "review",
                ("marc", "m1"): "self_assessment",
                ("lina", "m1"): "review",
                ("wangqiang", "m1"): "approval",
                ("liuyang", "m1"): "draft",
                ("chenjing", "m1"): "draft",
            },
        )
        appealed = self._appraisal("lina", "m1")
        self.assertTrue(appealed.is_appealed)
        self.assertTrue(appealed.appeal_reason)
        done = self._appraisal("zhangwei", "m2")
        self.assertTrue(done.employee_comment)
        self.assertTrue(done.supervisor_comment)
        self.assertEqual(done.reviewer_user_id, self._demo("res_users_supervisor_demo"))
        # Marc Demo (login demo) has his appraisal to acknowledge.
        self.assertIn(
            self.env.ref("base.user_demo"),
            self._appraisal("marc", "m1").activity_ids.user_id,
        )

    def test_area_leader_month_before_last(self):
        appraisal = self._appraisal("zhangwei", "m2")
        # 1.5 + 2.0/2 + 1 + 0.5 + 2.0/2 + 1.5 + 1 + 1.5/2 + 1 = 9.25 points,
        # E = 9.25 / 10 -> workload 60 x 0.925 = 55.5; one dissatisfied
        # callback on the order shared with Marc Demo: 20 - 2 = 18.
        self.assertAlmostEqual(appraisal.earned_points, 9.25)
        self.assertEqual(appraisal.standard_points, 10)
        self.assertEqual(appraisal.company_id.appraisal_standard_points, 40)
        self.assertAlmostEqual(appraisal.workload_score, 55.5)
        self.assertEqual(appraisal.dissatisfied_count, 1)
        self.assertAlmostEqual(appraisal.customer_score, 18)
        self.assertAlmostEqual(appraisal.total_score, 93.5)
        self.assertEqual(appraisal.grade, "excellent")
        # East: 19 days with one order due each, one closed a day late:
        # R = 18 / 19; Q = 300 devices x 0.1 = 30; area score = 30 x 18 / 19.
        self.assertTrue(appraisal.is_area_leader)
        self.assertAlmostEqual(appraisal.area_rate, 18 / 19)
        self.assertAlmostEqual(appraisal.area_score, 30 * 18 / 19)
        self.assertFalse(appraisal.area_score_added)

    def test_findings_deduct_in_their_month(self):
        # Li Na's order form lacked the parts: 10 - 1; 6.5 points -> 39.
        lina = self._appraisal("lina", "m2")
        self.assertEqual(lina.order_form_finding_count, 1)
        self.assertAlmostEqual(lina.total_score, 39 + 18 + 10 + 9)
        self.assertEqual(lina.grade, "pass")
        # Chen Jing's work log said only "done": 10 - 1; 6 points -> 36.
        chenjing = self._appraisal("chenjing", "m2")
        self.assertEqual(chenjing.work_log_finding_count, 1)
        self.assertAlmostEqual(chenjing.total_score, 36 + 20 + 9 + 10)

    def test_pending_self_rating_earns_nothing_yet(self):
        ticket = self._demo("helpdesk_ticket_m1_10_demo")
        self.assertEqual(ticket.rating_state, "self_rated")
        credit = ticket.credit_ids
        self.assertEqual(credit.employee_id, self.env.ref("hr.employee_qdp"))
        self.assertEqual(credit.invalid_reason, "not_reviewed")
        # Marc Demo last month: 1.5 + 1.5/2 + 1 + 0.5 + 1 + 1.5 = 6.25 points,
        # the self-rated order pending.
        appraisal = self._appraisal("marc", "m1")
        self.assertAlmostEqual(appraisal.earned_points, 6.25)
        self.assertEqual(appraisal.invalid_credit_count, 1)
        self.assertEqual(
            self.env["helpdesk.ticket"].search_count(
                [
                    (
                        "team_id",
                        "=",
                        self._demo("helpdesk_ticket_team_service_demo").id,
                    ),
                    ("rating_state", "=", "self_rated"),
                ]
            ),
            3,
        )

    def test_dissatisfied_callback_deducts_every_engineer_of_the_order(self):
        callback = self._demo("helpdesk_ticket_m1_31_callback_1_demo")
        self.assertEqual(callback.result, "dissatisfied")
        self.assertEqual(callback.month, self.last_month)
        for name in ("liuyang", "chenjing"):
            appraisal = self._appraisal(name, "m1")
            self.assertEqual(appraisal.dissatisfied_count, 1)
            self.assertAlmostEqual(appraisal.customer_score, 18)
        # Li Na's appeal: the order without her work log earns her nothing.
        lina = self._appraisal("lina", "m1")
        self.assertAlmostEqual(lina.earned_points, 6.0)
        self.assertEqual(lina.invalid_credit_count, 2)

    def test_area_ranking_has_both_areas_in_both_months(self):
        east = self._demo("helpdesk_service_area_east_demo")
        west = self._demo("helpdesk_service_area_west_demo")
        rows = self.env["helpdesk.service.area.month"].search(
            [("area_id", "in", (east | west).ids)]
        )
        ranks = {(row.area_id, row.month): row.rank for row in rows}
        self.assertEqual(
            ranks,
            {
                (east, self.month_before_last): 1,
                (west, self.month_before_last): 2,
                (east, self.last_month): 1,
                (west, self.last_month): 2,
            },
        )
        # Last month in the west: 18 days due, the day of the order whose
        # customer was dissatisfied and did not confirm the work is 0:
        # R = 17 / 18, Q = 240 x 0.1 = 24.
        west_last = rows.filtered(
            lambda row: row.area_id == west and row.month == self.last_month
        )
        self.assertAlmostEqual(west_last.rate, 17 / 18)
        self.assertAlmostEqual(west_last.score, 24 * 17 / 18)

    def test_assigned_tasks_in_every_execution_status(self):
        statuses = {
            name: self._demo(f"project_task_{name}_demo").execution_status
            for name in (
                "inspection_east",
                "inspection_west",
                "upgrade",
                "records",
                "inspection_plan",
            )
        }
        self.assertEqual(
            statuses,
            {
                "inspection_east": "on_time",
                "inspection_west": "overdue",
                "upgrade": "on_time",
                "records": "open_past_deadline",
                "inspection_plan": "open",
            },
        )
        self.assertEqual(
            self._demo("project_task_inspection_east_demo").appraisal_points, 4.5
        )
