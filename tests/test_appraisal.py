# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import Form
from odoo.tools import mute_logger

from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import OCTOBER_CLOSING


class TestAppraisalScores(MonthlyAppraisalCommon):
    def test_policy_worked_example(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        # P = 30 x 1.0 + 6 x 1.5 / 2 = 34.5; E = 34.5 / 40 = 0.8625.
        self.assertAlmostEqual(appraisal.earned_points, 34.5)
        self.assertEqual(appraisal.standard_points, 40)
        self.assertAlmostEqual(appraisal.efficiency, 0.8625)
        # 60 x 0.8625 = 51.75; 20 - 3 x 2 = 14; 10 - 2 x 1 = 8; 10.
        self.assertAlmostEqual(appraisal.workload_score, 51.75)
        self.assertEqual(appraisal.dissatisfied_count, 3)
        self.assertAlmostEqual(appraisal.customer_score, 14)
        self.assertEqual(appraisal.work_log_finding_count, 2)
        self.assertAlmostEqual(appraisal.work_log_score, 8)
        self.assertEqual(appraisal.order_form_finding_count, 0)
        self.assertAlmostEqual(appraisal.order_form_score, 10)
        self.assertAlmostEqual(appraisal.total_score, 83.75)
        self.assertEqual(appraisal.grade, "good")
        self.assertEqual(appraisal.state, "draft")
        self.assertEqual(appraisal.supervisor_id, self.supervisor)
        self.assertEqual(
            appraisal.workload_explanation,
            "P 34.5 / S 40 = E 0.8625 -> 60 x 0.8625 = 51.75",
        )
        self.assertEqual(appraisal.customer_explanation, "max(0, 20 - 2 x 3) = 14")
        self.assertEqual(appraisal.work_log_explanation, "max(0, 10 - 1 x 2) = 8")
        self.assertEqual(appraisal.order_form_explanation, "max(0, 10 - 1 x 0) = 10")
        self.assertEqual(appraisal.total_explanation, "51.75 + 14 + 8 + 10 = 83.75")

    def test_shared_orders_and_interns(self):
        self._generate()
        # B: 6 x 0.75 = 4.5 -> 60 x 0.1125 = 6.75; 6.75 + 20 + 10 + 10 = 46.75.
        appraisal_b = self._appraisal_of(self.engineer_b)
        self.assertAlmostEqual(appraisal_b.earned_points, 4.5)
        self.assertAlmostEqual(appraisal_b.total_score, 46.75)
        self.assertEqual(appraisal_b.grade, "below_standard")
        # The intern has credits (0 points) but no appraisal by default.
        self.assertFalse(self._appraisal_of(self.intern))
        self.env.company.appraisal_include_interns = True
        self._generate()
        appraisal_intern = self._appraisal_of(self.intern)
        self.assertEqual(appraisal_intern.earned_points, 0)
        self.assertEqual(appraisal_intern.invalid_credit_count, 6)

    def test_pending_and_invalid_orders_are_counted_apart(self):
        # Closed in October without review, and reviewed without work log.
        self._create_tickets(count=2, engineers=self.engineer_c)
        self._create_tickets(
            engineers=self.engineer_c, difficulty=self.level_hard, work_logs=()
        )
        self._create_tickets(engineers=self.engineer_c, difficulty=self.level_hard)
        self._generate()
        appraisal = self._appraisal_of(self.engineer_c)
        self.assertAlmostEqual(appraisal.earned_points, 1.5)
        self.assertEqual(appraisal.invalid_credit_count, 3)
        action = appraisal.action_view_invalid_credits()
        credits = self.env["helpdesk.ticket.credit"].search(action["domain"])
        self.assertEqual(
            sorted(credits.mapped("invalid_reason")),
            ["no_work_log", "not_reviewed", "not_reviewed"],
        )
        valid = self.env["helpdesk.ticket.credit"].search(
            appraisal.action_view_credits()["domain"]
        )
        self.assertEqual(valid.mapped("points"), [1.5])

    def test_fact_actions_list_the_deductions(self):
        order_form = self.env["helpdesk.quality.finding"].create(
            {
                "kind": "order_form",
                "ticket_id": self.orders_a[5].id,
                "employee_id": self.engineer_a.id,
                "reason": "No signature",
                "date": "2026-10-12",
            }
        )
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        callbacks = self.env["helpdesk.ticket.callback"].search(
            appraisal.action_view_dissatisfied_callbacks()["domain"]
        )
        self.assertEqual(callbacks.ticket_id, self.orders_a[:3])
        findings = self.env["helpdesk.quality.finding"].search(
            appraisal.action_view_findings()["domain"]
        )
        self.assertEqual(findings, self.findings | order_form)
        # The Findings button counts both kinds: 2 work logs + 1 order form.
        self.assertEqual(appraisal.finding_count, 3)
        # B took part in none of those orders.
        appraisal_b = self._appraisal_of(self.engineer_b)
        self.assertFalse(
            self.env["helpdesk.ticket.callback"].search(
                appraisal_b.action_view_dissatisfied_callbacks()["domain"]
            )
        )

    def test_efficiency_is_capped(self):
        # 45 more standard orders: P = 79.5 > S 40; E = min(1.9875, 1) = 1.
        self._create_tickets(
            count=45, engineers=self.engineer_a, difficulty=self.level_standard
        )
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        self.assertAlmostEqual(appraisal.earned_points, 79.5)
        self.assertEqual(appraisal.efficiency, 1)
        self.assertAlmostEqual(appraisal.workload_score, 60)
        # 60 + 14 + 8 + 10 = 92 -> excellent.
        self.assertAlmostEqual(appraisal.total_score, 92)
        self.assertEqual(appraisal.grade, "excellent")
        self.assertEqual(
            appraisal.workload_explanation,
            "P 79.5 / S 40 = 1.9875, capped at E 1 -> 60 x 1 = 60",
        )

    def test_employee_standard_points_override(self):
        self.engineer_a.appraisal_standard_points = 30
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        # E = min(34.5 / 30, 1) = 1 -> 60; the others keep S = 40.
        self.assertEqual(appraisal.standard_points, 30)
        self.assertAlmostEqual(appraisal.workload_score, 60)
        self.assertAlmostEqual(appraisal.total_score, 92)
        self.assertEqual(self._appraisal_of(self.engineer_b).standard_points, 40)

    def test_deductions_never_go_below_zero(self):
        # 3 + 8 dissatisfied callbacks: 20 - 2 x 11 < 0 -> 0.
        self._callbacks(self.orders_a[3:11], "dissatisfied")
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        self.assertEqual(appraisal.dissatisfied_count, 11)
        self.assertEqual(appraisal.customer_score, 0)
        self.assertEqual(appraisal.customer_explanation, "max(0, 20 - 2 x 11) = 0")
        # 51.75 + 0 + 8 + 10 = 69.75 -> pass.
        self.assertAlmostEqual(appraisal.total_score, 69.75)
        self.assertEqual(appraisal.grade, "pass")

    def test_engineer_without_orders(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_c)
        # 0 + 20 + 10 + 10 = 40 -> below standard (40 is its lowest total).
        self.assertEqual(appraisal.earned_points, 0)
        self.assertEqual(appraisal.workload_score, 0)
        self.assertEqual(appraisal.total_score, 40)
        self.assertEqual(appraisal.grade, "below_standard")

    def test_grade_boundaries(self):
        # C has no order: total = customer maximum + 10 + 10.
        cases = [
            (70, 90, "excellent"),
            (69.99, 89.99, "good"),
            (60, 80, "good"),
            (59.99, 79.99, "pass"),
            (40, 60, "pass"),
            (20, 40, "below_standard"),
            (19.99, 39.99, "fail"),
        ]
        for customer_max, total, grade in cases:
            with self.subTest(total=total):
                self.env.company.appraisal_customer_max = customer_max
                self._generate(employees=self.engineer_c)
                appraisal = self._appraisal_of(self.engineer_c)
                self.assertAlmostEqual(appraisal.total_score, total)
                self.assertEqual(appraisal.grade, grade)

    def test_area_score_shown_and_added_on_setting(self):
        area = self.env["helpdesk.service.area"].create(
            {
                "name": "North",
                "leader_id": self.engineer_c.id,
                "member_ids": [Command.link(self.engineer_c.id)],
                "device_count": 100,
            }
        )
        self.env["helpdesk.service.area.daily"].create(
            [
                {
                    "area_id": area.id,
                    "date": day,
                    "due_count": 4,
                    "confirmed_count": confirmed,
                }
                for day, confirmed in (("2026-10-05", 4), ("2026-10-06", 2))
            ]
        )
        self._generate()
        appraisal = self._appraisal_of(self.engineer_c)
        # Q = 100 x 0.1 = 10; R = (1 + 0.5) / 2 = 0.75; 10 x 0.75 = 7.5,
        # shown but not added: total 40.
        self.assertTrue(appraisal.is_area_leader)
        self.assertAlmostEqual(appraisal.area_rate, 0.75)
        self.assertAlmostEqual(appraisal.area_score, 7.5)
        self.assertEqual(appraisal.total_score, 40)
        self.assertFalse(self._appraisal_of(self.engineer_a).is_area_leader)
        self.env.company.appraisal_add_area_score = True
        self._generate()
        # 0 + 20 + 10 + 10 + 7.5 = 47.5.
        self.assertAlmostEqual(appraisal.total_score, 47.5)
        self.assertEqual(appraisal.total_explanation, "0 + 20 + 10 + 10 + 7.5 = 47.5")
        # The total stays within 100: with a customer maximum of 80 (maxima
        # adding up to more than 100 are allowed, with a warning),
        # 0 + 80 + 10 + 10 + 7.5 = 107.5 -> 100, grade excellent.
        self.env.company.appraisal_customer_max = 80
        self._generate()
        self.assertEqual(appraisal.total_score, 100)
        self.assertEqual(appraisal.grade, "excellent")
        self.assertEqual(
            appraisal.total_explanation, "0 + 80 + 10 + 10 + 7.5 = 107.5 -> 100"
        )

    def test_scores_and_state_are_not_writable(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for vals in (
                {"total_score": 100},
                {"state": "done"},
                {"grade": "excellent"},
                {"is_appealed": True},
            ):
                with self.subTest(user=user.login, vals=vals):
                    with self.assertRaisesText(AccessError, "are computed"):
                        appraisal.with_user(user).write(vals)
        # A context key sent by a client does not unlock them either.
        with self.assertRaisesText(AccessError, "are computed"):
            appraisal.with_user(self.manager_user).with_context(
                appraisal_computed_write=True
            ).write({"total_score": 100})
        with self.assertRaisesText(AccessError, "are computed"):
            self.Appraisal.with_user(self.manager_user).create(
                {
                    "employee_id": self.engineer_c.id,
                    "month": "2026-09-01",
                    "total_score": 100,
                }
            )
        self.assertAlmostEqual(appraisal.total_score, 83.75)
        self.assertEqual(appraisal.state, "draft")

    def test_engineer_writes_only_their_comment(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a).with_user(self.engineer_a_user)
        # Engineers see their appraisal once it is sent, never a draft.
        appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        appraisal.employee_comment = "A busy month"
        with self.assertRaisesText(AccessError, "supervisor's comment"):
            appraisal.supervisor_comment = "Excellent"
        with self.assertRaisesText(AccessError, "appraisal manager"):
            appraisal.month = "2026-09-01"
        # Nor does the supervisor write the engineer's words.
        with self.assertRaisesText(AccessError, "appraised engineer"):
            appraisal.with_user(self.supervisor_user).employee_comment = "Lazy"
        self.assertEqual(appraisal.employee_comment, "A busy month")
        self.assertFalse(appraisal.sudo().supervisor_comment)
        self.assertEqual(appraisal.month, OCTOBER)

    def test_form_of_a_draft(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_a)
        with Form(appraisal.with_user(self.supervisor_user)) as form:
            form.supervisor_comment = "Good month"
            form.supervisor_note = "Consider for team lead"
        self.assertEqual(appraisal.supervisor_note, "Consider for team lead")
        # Engineers see their appraisal once it is sent, never a draft.
        appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        with Form(appraisal.with_user(self.engineer_a_user)) as form:
            form.employee_comment = "Thanks"
            self.assertNotIn("supervisor_note", form._view["fields"])
        self.assertEqual(appraisal.employee_comment, "Thanks")

    @freeze_time("2026-11-03 08:00:00")
    def test_cron_generates_last_month(self):
        self.Appraisal._cron_generate_last_month()
        appraisal = self._appraisal_of(self.engineer_a)
        self.assertAlmostEqual(appraisal.total_score, 83.75)
        self.assertFalse(self._appraisal_of(self.engineer_a, date(2026, 11, 1)))

    @freeze_time("2026-11-03 08:00:00")
    def test_wizard_proposes_last_month(self):
        wizard = self.env["helpdesk.engineer.appraisal.generate"].create({})
        self.assertEqual(wizard.month, OCTOBER)

    def test_wizard_generates_the_month_given(self):
        wizard_form = Form(
            self.env["helpdesk.engineer.appraisal.generate"].with_user(
                self.manager_user
            )
        )
        wizard_form.month = date(2026, 10, 17)
        wizard_form.employee_ids.add(self.engineer_a)
        wizard_form.employee_ids.add(self.engineer_b)
        action = wizard_form.save().action_generate()
        appraisals = self.Appraisal.search(action["domain"])
        self.assertEqual(appraisals.employee_id, self.engineer_a | self.engineer_b)
        self.assertEqual(set(appraisals.mapped("month")), {OCTOBER})
        self.assertEqual(sorted(appraisals.mapped("total_score")), [46.75, 83.75])

    def test_closing_date_decides_the_month(self):
        self._generate()
        self._create_tickets(
            engineers=self.engineer_c,
            difficulty=self.level_hard,
            closed_at=OCTOBER_CLOSING.replace(month=11),
        )
        self._generate()
        self.assertEqual(self._appraisal_of(self.engineer_c).earned_points, 0)

    def test_display_name_and_empty_explanations(self):
        self._generate()
        appraisal = self._appraisal_of(self.engineer_c)
        self.assertEqual(appraisal.display_name, "Engineer C - 2026-10")
        self.assertEqual(
            appraisal.workload_explanation, "P 0 / S 40 = E 0 -> 60 x 0 = 0"
        )
        self.assertEqual(appraisal.total_explanation, "0 + 20 + 10 + 10 = 40")

    def test_one_appraisal_per_engineer_and_month(self):
        self._generate()
        with mute_logger("odoo.sql_db"), self.assertRaises(IntegrityError):
            self.Appraisal.create({"employee_id": self.engineer_a.id, "month": OCTOBER})

    def test_refresh_follows_the_organisation_until_done(self):
        self._generate()
        appraisal_a = self._appraisal_of(self.engineer_a)
        appraisal_b = self._appraisal_of(self.engineer_b)
        appraisal_b.sudo()._computed_write({"state": "done"})
        department = self.env["hr.department"].create({"name": "Installations"})
        (self.engineer_a | self.engineer_b).write(
            {"department_id": department.id, "parent_id": self.manager.id}
        )
        self._generate()
        self.assertEqual(appraisal_a.department_id, department)
        self.assertEqual(appraisal_a.supervisor_id, self.manager)
        # The done appraisal keeps the organisation it was approved in.
        self.assertFalse(appraisal_b.department_id)
        self.assertEqual(appraisal_b.supervisor_id, self.supervisor)

    def test_grade_distribution_by_department(self):
        department = self.env["hr.department"].create({"name": "Repairs"})
        self.engineer_a.department_id = department
        self.engineer_b.department_id = department
        self._generate()
        groups = self.Appraisal._read_group(
            [("department_id", "=", department.id)], ["grade"], ["__count"]
        )
        # A 83.75 good, B 46.75 below standard.
        self.assertEqual(dict(groups), {"good": 1, "below_standard": 1})

    def test_menus_of_each_role(self):
        generate_menu = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_generate_menu"
        )
        appraisal_menu = self.env.ref(
            "helpdesk_engineer_appraisal.helpdesk_engineer_appraisal_menu"
        )
        for user, sees_generate in (
            (self.engineer_a_user, False),
            (self.supervisor_user, False),
            (self.manager_user, True),
        ):
            with self.subTest(user=user.login):
                visible = self.env["ir.ui.menu"].with_user(user)._visible_menu_ids()
                self.assertIn(appraisal_menu.id, visible)
                self.assertEqual(generate_menu.id in visible, sees_generate)
