# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

REPORT = "report.helpdesk_engineer_appraisal.report_engineer_appraisal"


class TestAppraisalFact(MonthlyAppraisalCommon):
    """A done appraisal keeps the facts it counted, as they were."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisals = cls._generate(employees=cls.staff)
        cls.appraisal = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_b = cls._appraisal_of(cls.engineer_b)
        cls.Fact = cls.env["helpdesk.engineer.appraisal.fact"]

    def _reopen(self):
        manager_view = self.appraisal.with_user(self.manager_user)
        manager_view.reopen_reason = "Orders reviewed again"
        manager_view.action_reopen()

    def _test_facts(self, model=None):
        """The facts of this test's appraisals, leaving out the demo's;
        ``model`` is the model as some user reads it."""
        return (self.Fact if model is None else model).search(
            [("appraisal_id", "in", self.appraisals.ids)]
        )

    def _facts(self, kind):
        return self.appraisal.fact_ids.filtered(lambda fact: fact.kind == kind)

    def test_nothing_kept_before_done(self):
        self.assertFalse(self.appraisal.fact_ids)
        self.appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        self.assertFalse(self.appraisal.fact_ids)

    def test_approval_keeps_the_policy_example(self):
        self._approve(self.appraisal)
        orders = self._facts("counted_order")
        # 30 standard orders alone and 6 hard ones shared: 30 + 6 x 0.75.
        self.assertEqual(len(orders), 36)
        self.assertAlmostEqual(sum(orders.mapped("points")), 34.5)
        self.assertAlmostEqual(
            sum(orders.mapped("points")), self.appraisal.earned_points
        )
        self.assertEqual(orders.ticket_id, self.orders_a | self.orders_ab)
        hard = orders.filtered(lambda fact: fact.ticket_id in self.orders_ab)
        self.assertEqual(set(hard.mapped("share")), {0.5})
        self.assertEqual(set(hard.mapped("points")), {0.75})
        self.assertEqual(set(hard.mapped("detail")), {"Hard"})
        self.assertEqual(set(orders.mapped("date")), {OCTOBER.replace(day=20)})
        self.assertEqual(
            set(orders.mapped("order_reference")),
            set((self.orders_a | self.orders_ab).mapped("number")),
        )
        callbacks = self._facts("dissatisfied_callback")
        self.assertEqual(len(callbacks), 3)
        self.assertEqual(callbacks.ticket_id, self.orders_a[:3])
        self.assertEqual(set(callbacks.mapped("date")), {OCTOBER.replace(day=21)})
        self.assertEqual(set(callbacks.mapped("points")), {0.0})
        work_logs = self._facts("work_log")
        self.assertEqual(len(work_logs), 2)
        self.assertEqual(set(work_logs.mapped("detail")), {"No parts listed"})
        self.assertEqual(
            sorted(work_logs.mapped("date")),
            [OCTOBER.replace(day=5), OCTOBER.replace(day=31)],
        )
        self.assertFalse(self._facts("order_form"))
        # Only the approved appraisal keeps facts.
        self.assertEqual(self._test_facts().appraisal_id, self.appraisal)

    def test_later_reviews_do_not_move_kept_facts(self):
        self._approve(self.appraisal)
        self._review_five_orders_again()
        self.orders_a[0].sudo().number = "RENUMBERED"
        self.env.flush_all()
        self.env.invalidate_all()
        orders = self._facts("counted_order")
        self.assertAlmostEqual(sum(orders.mapped("points")), 34.5)
        self.assertNotIn("Very Hard", orders.mapped("detail"))
        self.assertNotIn("RENUMBERED", orders.mapped("order_reference"))
        self.assertAlmostEqual(self.appraisal.earned_points, 34.5)
        # The report prints the kept facts: still 34.5.
        rows = self.env[REPORT]._get_report_values(self.appraisal.ids)["fact_rows"]
        printed = rows[self.appraisal.id]["counted_order"]
        self.assertEqual(len(printed), 36)
        self.assertAlmostEqual(sum(row["points"] for row in printed), 34.5)
        self.assertEqual(len(rows[self.appraisal.id]["dissatisfied_callback"]), 3)
        self.assertEqual(len(rows[self.appraisal.id]["work_log"]), 2)

    def test_report_rows_of_an_open_appraisal_are_live(self):
        self._review_five_orders_again()
        rows = self.env[REPORT]._get_report_values(self.appraisal.ids)["fact_rows"]
        # 25 + 5 x 2.0 + 6 x 0.75 = 39.5, before any refresh.
        printed = rows[self.appraisal.id]["counted_order"]
        self.assertAlmostEqual(sum(row["points"] for row in printed), 39.5)
        self.assertEqual(
            sorted(printed[0]),
            sorted(
                ["kind", "order_reference", "customer_name", "detail"]
                + ["date", "share", "points"]
            ),
        )

    def test_reopen_drops_the_facts_and_the_next_approval_keeps_new_ones(self):
        self._approve(self.appraisal)
        self._review_five_orders_again()
        self._reopen()
        self.assertFalse(self.appraisal.fact_ids)
        self.assertFalse(self._test_facts())
        self.appraisal.with_user(self.supervisor_user).action_review()
        self.appraisal.with_user(self.manager_user).action_approve()
        orders = self._facts("counted_order")
        self.assertEqual(len(orders), 36)
        # 25 x 1.0 + 5 x 2.0 + 6 x 0.75 = 39.5.
        self.assertAlmostEqual(sum(orders.mapped("points")), 39.5)
        self.assertAlmostEqual(self.appraisal.earned_points, 39.5)
        self.assertEqual(orders.mapped("detail").count("Very Hard"), 5)
        self.assertEqual(len(self._facts("dissatisfied_callback")), 3)
        self.assertEqual(len(self._facts("work_log")), 2)

    def test_who_reads_the_kept_facts(self):
        self._approve(self.appraisal)
        facts = self.appraisal.fact_ids
        self.assertEqual(len(facts), 41)
        # The engineer and their supervisor read them, also through the form.
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            self.assertEqual(
                len(self.appraisal.with_user(user).fact_ids.mapped("points")), 41
            )
        # Engineer B and engineer C (another team) do not.
        for user in (self.engineer_b_user, self.engineer_c_user):
            with self.assertRaises(AccessError):
                facts.with_user(user).read(["points"])
            self.assertFalse(self.Fact.with_user(user).search([]))

    def test_facts_stay_in_their_company(self):
        self._approve(self.appraisal)
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        Fact = self.Fact.with_user(self.manager_user)
        self.assertFalse(Fact.with_context(allowed_company_ids=[branch.id]).search([]))
        self.assertEqual(
            self._test_facts(
                Fact.with_context(allowed_company_ids=[self.env.company.id])
            ),
            self.appraisal.fact_ids,
        )

    def test_engineer_prints_their_own_facts(self):
        report = self.env[REPORT].with_user(self.engineer_a_user)
        # Engineers see their appraisal once it is sent, never a draft.
        self.appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        for stage in ("live", "kept"):
            if stage == "kept":
                self._approve(self.appraisal)
            rows = report._get_report_values(self.appraisal.ids)["fact_rows"]
            counted = rows[self.appraisal.id]
            self.assertEqual(len(counted["counted_order"]), 36, stage)
            self.assertAlmostEqual(
                sum(row["points"] for row in counted["counted_order"]), 34.5
            )
            self.assertEqual(len(counted["dissatisfied_callback"]), 3, stage)
            self.assertEqual(len(counted["work_log"]), 2, stage)
            self.assertFalse(counted["order_form"], stage)

    def test_nobody_changes_kept_facts(self):
        self._approve(self.appraisal)
        facts = self.appraisal.fact_ids
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaises(AccessError):
                facts.with_user(user).write({"points": 99.0})
            with self.assertRaises(AccessError):
                facts.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Fact.with_user(user).create(
                    {"appraisal_id": self.appraisal.id, "kind": "counted_order"}
                )
            with self.assertRaises(AccessError):
                self.appraisal.with_user(user).write(
                    {"fact_ids": [Command.delete(facts[0].id)]}
                )
        self.env.invalidate_all()
        self.assertEqual(len(self.appraisal.fact_ids), 41)
        self.assertAlmostEqual(sum(self.appraisal.fact_ids.mapped("points")), 34.5)

    def test_callbacks_count_against_engineers_only(self):
        # C is an intern on B's order: the callback deducts from B alone, as
        # the score counts it, and C's appraisal lists nothing.
        order = self._create_tickets(
            engineers=self.engineer_b,
            interns=self.engineer_c,
            difficulty=self.level_standard,
        )
        self._callbacks(order, "dissatisfied")
        self._generate()
        appraisal_c = self._appraisal_of(self.engineer_c)
        appraisal_b = self._appraisal_of(self.engineer_b)
        self.assertEqual(appraisal_b.dissatisfied_count, 1)
        self.assertEqual(appraisal_c.dissatisfied_count, 0)
        Callback = self.env["helpdesk.ticket.callback"]
        self.assertFalse(
            Callback.search(appraisal_c.action_view_dissatisfied_callbacks()["domain"])
        )
        rows = self.Fact._rows_by_appraisal(appraisal_b | appraisal_c)
        self.assertEqual(
            [
                row["order_reference"]
                for row in rows[appraisal_b.id]["dissatisfied_callback"]
            ],
            [order.number],
        )
        self.assertFalse(rows[appraisal_c.id]["dissatisfied_callback"])

    def test_taking_facts_costs_the_same_for_one_and_five(self):
        # A, B, C, the supervisor, the manager and the administrator are
        # appraised in October.
        self.assertEqual(len(self.appraisals), 6)
        a_and_b = self.appraisal | self.appraisal_b
        five = a_and_b | (self.appraisals - a_and_b)[:3]
        for appraisals in (self.appraisal, five):
            self._test_facts(self.Fact.sudo()).unlink()
            self.env.flush_all()
            self.env.invalidate_all()
            # Cold caches at both sizes, the defaults of the model too.
            self.env.registry.clear_cache()
            # 16 reads whatever the number of appraisals: the appraisals;
            # credits (search, read), their orders, difficulties, employees
            # and resources (time zone); callbacks (search, read), the
            # participants of their orders, the callers' users and partners
            # (time zone); findings (search, read); the cached lookups of the
            # ORM. Then one INSERT.
            with self.assertQueryCount(17):
                self.Fact._take(appraisals)
        # A's 41 facts and B's 6 counted orders.
        self.assertEqual(len(self._test_facts()), 47)
