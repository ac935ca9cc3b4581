# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command

from ..const import SERVICE_CENTRE_GROUP
from .appraisal_common import OCTOBER
from .common import AppraisalCommon, new_test_user
from .test_kpi_metric_facts import KpiFactsCommon

MODULE = "helpdesk_engineer_appraisal"


class ShippedTemplateMixin:
    """Activate a shipped template for engineers A and B as the appraisal
    manager, and generate its October sheets."""

    def _activate(self, xmlid):
        template = self.env.ref(f"{MODULE}.{xmlid}").with_user(self.manager_user)
        self.assertFalse(template.active, "shipped templates are archived")
        template.write(
            {
                "active": True,
                "employee_ids": [Command.set((self.engineer_a | self.engineer_b).ids)],
            }
        )
        self.assertFalse(template.warning)
        return template

    def _sheets(self, template):
        sheets = (
            self.env["helpdesk.appraisal.sheet"]
            .with_user(self.manager_user)
            ._generate(template, OCTOBER)
        )
        return (
            sheets.filtered(lambda sheet: sheet.employee_id == self.engineer_a),
            sheets.filtered(lambda sheet: sheet.employee_id == self.engineer_b),
        )

    def _assert_points(self, sheet, expected):
        """Each line's points, in the template's order, then the total."""
        lines = sheet.sudo().line_ids
        self.assertEqual(len(lines), len(expected) - 1)
        for line, points in zip(lines, expected, strict=False):
            self.assertAlmostEqual(line.points, points, places=5, msg=line.name)
        self.assertAlmostEqual(sheet.total_score, expected[-1], places=5)


class TestShippedTemplate002C(ShippedTemplateMixin, KpiFactsCommon):
    """002-C, the monthly performance contract, on the facts of
    ``KpiFactsCommon`` and, recorded by the call centre, 9 satisfied
    callbacks and 1 unreachable on A's own orders (with the 3 dissatisfied
    ones of the example)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._callbacks(cls.orders_a[3:12], "satisfied")
        cls._callbacks(cls.orders_a[12:13], "unreachable")

    def test_sheet_computed_from_the_seed_rules(self):
        template = self._activate("sheet_template_002c")
        self.assertEqual(template.weight_total, 100)
        sheet_a, sheet_b = self._sheets(template)
        # Self, then supervisor: the manual line waits for the engineer.
        (sheet_a | sheet_b).with_user(self.supervisor_user).action_send()
        self.assertEqual(set((sheet_a | sheet_b).mapped("state")), {"self_assessment"})
        attitude_a = sheet_a.with_user(self.engineer_a_user).line_ids[6]
        attitude_a.self_value = 9
        sheet_a.with_user(self.engineer_a_user).action_submit()
        self.assertEqual(attitude_a.points, 9)
        sheet_b.with_user(self.engineer_b_user).line_ids[6].self_value = 10
        sheet_b.with_user(self.engineer_b_user).action_submit()
        attitude_a = attitude_a.with_user(self.supervisor_user)
        attitude_a.write(
            {"supervisor_value": 8, "supervisor_note": "Two tasks arranged late"}
        )
        sheet_b.with_user(self.supervisor_user).line_ids[6].supervisor_value = 10
        (sheet_a | sheet_b).with_user(self.supervisor_user).action_review()
        self._assert_points(
            sheet_a,
            [
                # C1 on-time plan rate: reports of the 9th and 23rd and the
                # inspection on time, the report of the 16th late and that of
                # the 30th open: 3 / 5 = 60 % -> [60, 70) -> 6.
                6,
                # C2 false records: 20 - (5 + 3) = 12 (the third withdrawn).
                12,
                # C2 unrecorded outings: 20 - 5 = 15.
                15,
                # C3 feedback reports: 2 late or missing -> 15 - 2 x 2 = 11.
                11,
                # C4 satisfaction: 9 satisfied / 12 answered (3 dissatisfied;
                # the unreachable left out) = 75 % -> [60, 80) -> 6.
                6,
                # C5 exam: (85 + 0 for the missed exam) / 2 = 42.5 -> below
                # 60 -> 0.
                0,
                # C6 attitude: the supervisor's 8 replaces the self score 9.
                8,
                # C7 other departments: c4 costs 2 -> 5 - 2 = 3.
                3,
                # 6 + 12 + 15 + 11 + 6 + 0 + 8 + 3 = 61.
                61,
            ],
        )
        self.assertEqual(sheet_a.grade_id.code, "pass")
        self._assert_points(
            sheet_b,
            [
                # C1: no task due -> no data -> 10 (nothing late).
                10,
                # C2: no finding of either kind -> 20 and 20.
                20,
                20,
                # C3: no report late -> 15.
                15,
                # C4: no callback -> no data -> 10.
                10,
                # C5: one exam at 60 -> [60, 70) -> 5.
                5,
                # C6: 10 by the employee and the supervisor.
                10,
                # C7: c4 costs 2 -> 3.
                3,
                # 10 + 20 + 20 + 15 + 10 + 5 + 10 + 3 = 93.
                93,
            ],
        )
        self.assertEqual(sheet_b.grade_id.code, "excellent")
        # The sections: 85 points of KPI, 15 of non-KPI.
        kpi = template.line_ids.filtered(lambda line: line.section != "non_kpi")
        self.assertEqual(sum(kpi.mapped("weight")), 85)
        self.assertEqual(sheet_a.line_ids[3].formula, "15 - 2 x 2 = 11")


class TestShippedTemplate004P(ShippedTemplateMixin, KpiFactsCommon):
    """004-P, 50/30/10/10 graded A-D, on the facts of ``KpiFactsCommon`` and
    the same callbacks as 002-C."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._callbacks(cls.orders_a[3:12], "satisfied")
        cls._callbacks(cls.orders_a[12:13], "unreachable")

    def test_sheet_computed_from_the_seed_rules(self):
        template = self._activate("sheet_template_004p")
        self.assertEqual(template.weight_total, 100)
        sheet_a, sheet_b = self._sheets(template)
        # No line is the employee's: the sheets go straight to review.
        (sheet_a | sheet_b).with_user(self.supervisor_user).action_send()
        self.assertEqual(set((sheet_a | sheet_b).mapped("state")), {"review"})
        for sheet, quality, team in ((sheet_a, 8, 9), (sheet_b, 10, 10)):
            lines = sheet.with_user(self.supervisor_user).line_ids
            lines[2].write({"supervisor_value": quality, "supervisor_note": "Rework"})
            lines[6].write({"supervisor_value": team, "supervisor_note": "Helpful"})
        (sheet_a | sheet_b).with_user(self.supervisor_user).action_review()
        self._assert_points(
            sheet_a,
            [
                # Satisfaction: 50 x 9 satisfied / 12 answered = 37.5.
                37.5,
                # Orders: 36 valid / 30, capped at 1 -> 10.
                10,
                # Repair quality: the supervisor's 8.
                8,
                # Complaint rate: 3 attributable / 36 orders = 8.333 % ->
                # 10 - 1 x 8.333333 = 1.666667.
                1.666667,
                # Trainings: 1 attended / 1 -> 5.
                5,
                # Exam score: 5 x 42.5 / 100 = 2.125.
                2.125,
                # Team evaluation: the supervisor's 9.
                9,
                # 37.5 + 10 + 8 + 1.666667 + 5 + 2.125 + 9 = 73.291667.
                73.291667,
            ],
        )
        # 73.29 < 75: C.
        self.assertEqual(sheet_a.grade_id.code, "C")
        self._assert_points(
            sheet_b,
            [
                # No callback: no data -> 50.
                50,
                # 6 valid orders / 30 -> 10 x 0.2 = 2.
                2,
                10,
                # 2 complaints / 6 orders = 33.33 % -> 10 - 33.33 < 0 -> 0.
                0,
                # No training attended -> 0.
                0,
                # 5 x 60 / 100 = 3.
                3,
                10,
                # 50 + 2 + 10 + 0 + 0 + 3 + 10 = 75.
                75,
            ],
        )
        # 75 is the lowest total of B.
        self.assertEqual(sheet_b.grade_id.code, "B")
        self.assertEqual(
            template.grade_scale_id, self.env.ref(f"{MODULE}.grade_scale_a_d")
        )


class TestShippedTemplate004R(ShippedTemplateMixin, AppraisalCommon):
    """004-R, 100 points less the complaints, on the seed's worked example
    for engineer A: a hotline complaint, one to the general manager and a
    dissatisfied HR field visit, all attributable, plus a hotline complaint
    found not attributable and one withdrawn; engineer B: 5 hotline and 3
    general-manager complaints."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        agent = new_test_user(
            cls.env,
            login="complaint_agent",
            name="Agent Zhou",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        a, b = cls.engineer_a, cls.engineer_b
        complaints = (
            cls.env["helpdesk.complaint"]
            .with_user(agent)
            .create(
                [
                    {
                        "description": "Came late and was rude",
                        "date": "2026-10-12",
                        "channel": channel,
                        "employee_ids": [Command.set(employee.ids)],
                    }
                    for employee, channel in (
                        (a, "hotline"),
                        (a, "general_manager"),
                        (a, "field_visit"),
                        (a, "hotline"),
                        (a, "hotline"),
                        *((b, "hotline"),) * 5,
                        *((b, "general_manager"),) * 3,
                    )
                ]
            )
        )
        supervisor_view = complaints.with_user(cls.supervisor_user)
        attributable = supervisor_view - supervisor_view[3]
        attributable.action_verify_attributable()
        supervisor_view[3].action_verify_not_attributable()
        supervisor_view[4].withdrawal_reason = "The customer called twice"
        supervisor_view[4].action_withdraw()

    def test_sheet_computed_from_the_seed_rules(self):
        template = self._activate("sheet_template_004r")
        sheet_a, sheet_b = self._sheets(template)
        # A: 100 - 10 (hotline) - 20 (general manager) - 10 (field visit) =
        # 60, the seed's example; the complaint not attributable and the
        # withdrawn one cost nothing.
        self._assert_points(sheet_a, [60, 60])
        self.assertEqual(sheet_a.line_ids.formula, "100 - 1 x 40 = 60")
        self.assertEqual(sheet_a.grade_id.code, "pass")
        # B: 100 - 5 x 10 - 3 x 20 = -10 -> never below 0.
        self._assert_points(sheet_b, [0, 0])
        self.assertEqual(sheet_b.line_ids.formula, "100 - 1 x 110 = -10 -> 0")
        self.assertEqual(sheet_b.grade_id.code, "fail")


class TestShippedTemplatesInChinese(KpiFactsCommon):
    def test_labels_in_chinese(self):
        self._load_chinese()
        template = self.env.ref(f"{MODULE}.sheet_template_002c").with_context(
            lang="zh_CN"
        )
        self.assertEqual(template.name, "技术支持绩效合约(002-C)")
        self.assertEqual(template.line_ids[0].name, "工作计划按时完成率")
        self.assertEqual(
            self.env.ref(f"{MODULE}.sheet_template_004r_r1")
            .with_context(lang="zh_CN")
            .name,
            "投诉扣分",
        )
