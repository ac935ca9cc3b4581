# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The depot-repair piece rate (seed 004-F) on real orders, crews and users."""

from datetime import date

from odoo import Command, api
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .common import AppraisalCommon

OCTOBER = date(2026, 10, 1)
SEPTEMBER = date(2026, 9, 1)
# Delivered the day before the promised 2026-10-20.
ON_TIME = "2026-10-19"


class PieceRateCommon(AppraisalCommon):
    """Crew "Depot 1": engineer A (repair engineer) and engineer B (assistant).
    In October, 150 orders of theirs passed QA: 140 of A alone and 10 on
    which both A and B worked (counted once). Not counted: 6 orders of A
    that failed QA, 4 that passed in September, and 5 of engineer C, who is
    not in the crew. 25 of the passed orders were delivered in October, 24
    by their promised day: X1 = 24 / 25 = 96 %."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Month = cls.env["helpdesk.repair.crew.month"]
        cls.crew = cls.env["helpdesk.repair.crew"].create(
            {
                "name": "Depot 1",
                "member_ids": [
                    Command.create(
                        {"employee_id": cls.engineer_a.id, "role": "engineer"}
                    ),
                    Command.create(
                        {"employee_id": cls.engineer_b.id, "role": "assistant"}
                    ),
                ],
            }
        )
        alone = cls._repairs(140, (cls.engineer_a,))
        shared = cls._repairs(10, (cls.engineer_a, cls.engineer_b))
        cls.passed = alone | shared
        cls.passed.write({"qa_result": "pass", "qa_date": "2026-10-15"})
        cls._repairs(6, (cls.engineer_a,)).write(
            {"qa_result": "fail", "qa_date": "2026-10-15"}
        )
        cls._repairs(4, (cls.engineer_a,)).write(
            {"qa_result": "pass", "qa_date": "2026-09-28"}
        )
        cls._repairs(5, (cls.engineer_c,)).write(
            {"qa_result": "pass", "qa_date": "2026-10-15"}
        )
        cls.delivered = cls.passed[:25]
        cls.delivered.write(
            {
                "promised_delivery_date": "2026-10-20",
                "actual_delivery_date": "2026-10-19",
            }
        )
        cls.late = cls.delivered[:1]
        cls.late.write({"actual_delivery_date": "2026-10-22"})

    @classmethod
    def _repairs(cls, count, engineers):
        return cls._create_tickets(
            count, engineers=engineers, closed_at=None, work_logs=()
        )

    def _month(self, crew=None, **values):
        return self.Month.with_user(self.manager_user).create(
            {"crew_id": (crew or self.crew).id, "month": OCTOBER, **values}
        )

    def _lines(self, month):
        return [
            month.line_ids.filtered(lambda line, e=employee: line.employee_id == e)
            for employee in (self.engineer_a, self.engineer_b)
        ]

    def _fail(self, count):
        """Make ``count`` of the passed orders (none delivered) fail QA."""
        self.passed[-count:].write({"qa_result": "fail"})

    def _set_on_time(self, on_time, deliveries=20):
        """``deliveries`` passed orders delivered in October, ``on_time`` of
        them by their promised day."""
        self.delivered.write({"actual_delivery_date": False})
        delivered = self.passed[:deliveries]
        delivered.write(
            {
                "promised_delivery_date": "2026-10-20",
                "actual_delivery_date": "2026-10-19",
            }
        )
        delivered[on_time:].write({"actual_delivery_date": "2026-10-22"})


class TestPieceRate(PieceRateCommon):
    def test_seed_example_above_quota(self):
        """150 QA-passed units, X1 = 96 %: quota 6 x 22 = 132; 18 over quota
        x 35 (95 % <= X1 < 100 %) = 630; A 60 % = 378, B 40 % = 252."""
        month = self._month()
        self.assertRecordValues(
            month,
            [
                {
                    "qa_passed_units": 150,
                    "deliveries": 25,
                    "deliveries_on_time": 24,
                    "on_time_rate": 96.0,
                    "daily_quota": 6.0,
                    "quota": 132.0,
                    "unit_rate": 35.0,
                    "mode": "excess",
                    "excess_units": 18.0,
                    "crew_amount": 630.0,
                    "base_percent": 0.0,
                }
            ],
        )
        line_a, line_b = self._lines(month)
        self.assertEqual((line_a.share, line_b.share), (60.0, 40.0))
        self.assertEqual((line_a.amount, line_b.amount), (378.0, 252.0))
        self.assertIn("18 units over quota x 35 = 630.", month.explanation)
        self.assertIn("24 of 25 deliveries on time = 96 %", month.explanation)
        self.assertEqual(line_a.share_explanation, "60 % of 630 = 378.")

    def test_seed_example_below_quota_without_flag(self):
        """120 units: 12 under quota x 25 = 300 deducted; A -180, B -120."""
        self._fail(30)
        month = self._month()
        self.assertEqual(month.qa_passed_units, 120)
        self.assertEqual((month.mode, month.shortfall_units), ("shortfall", 12.0))
        self.assertEqual(month.crew_amount, -300.0)
        line_a, line_b = self._lines(month)
        self.assertEqual((line_a.amount, line_b.amount), (-180.0, -120.0))
        self.assertIn("12 units under quota x 25 = 300 deducted.", month.explanation)

    def test_seed_example_too_few_returns(self):
        """120 units, flagged, X1 = 20 / 20 = 100 %: no deduction; 10 % of
        each member's own base, not split."""
        self._fail(30)
        self._set_on_time(20)
        month = self._month(
            too_few_returns=True, too_few_returns_reason="Few units returned"
        )
        self.assertEqual(month.on_time_rate, 100.0)
        self.assertEqual(month.mode, "too_few_returns")
        self.assertEqual((month.crew_amount, month.base_percent), (0.0, 10.0))
        self.assertEqual(month.too_few_returns_approver_id, self.manager_user)
        for line in self._lines(month):
            self.assertEqual((line.amount, line.base_percent), (0.0, 10.0))
        month.with_user(self.manager_user).action_approve()
        terms = self.Month._pay_terms_by_employee_month(
            self.engineer_a | self.engineer_b, [OCTOBER]
        )
        for employee in (self.engineer_a, self.engineer_b):
            (term,) = terms[(employee.id, OCTOBER)]
            self.assertEqual((term["amount"], term["base_percent"]), (0.0, 10.0))
            self.assertEqual(term["label"], "Piece rate: too few returns")
            self.assertIn("10 % of the member's own base", term["explanation"])

    def test_only_qa_passed_units_count(self):
        """150 units; 3 orders then failing QA and 2 losing their result
        leave 145. The 6 failed orders, the 4 passed in September and
        engineer C's 5 never count; the 10 orders of both A and B count once."""
        month = self._month()
        self.assertEqual(month.qa_passed_units, 150)
        self.passed[-3:].write({"qa_result": "fail"})
        self.passed[-5:-3].write({"qa_result": False, "qa_date": False})
        month.with_user(self.manager_user).action_refresh()
        self.assertEqual(month.qa_passed_units, 145)
        # 145 - 132 = 13 over quota x 35 = 455.
        self.assertEqual(month.crew_amount, 455.0)

    def test_flag_needs_a_reason(self):
        with self.assertRaisesText(ValidationError, "Say why"):
            self._month(too_few_returns=True)

    def test_tier_boundaries(self):
        """150 units, 18 over quota, at the boundaries of X1 (89.99 % is in
        the pure tests: it needs 10,000 deliveries): 17 / 20 = 85 % -> 18 x
        25 = 450; 18 / 20 = 90 % -> 18 x 30 = 540; 19 / 20 = 95 % -> 18 x 35
        = 630; 20 / 20 = 100 % -> 18 x 40 = 720."""
        month = self._month()
        for on_time, rate, amount in (
            (17, 85.0, 450.0),
            (18, 90.0, 540.0),
            (19, 95.0, 630.0),
            (20, 100.0, 720.0),
        ):
            with self.subTest(on_time=on_time):
                self._set_on_time(on_time)
                month.with_user(self.manager_user).action_refresh()
                self.assertEqual(month.on_time_rate, rate)
                self.assertEqual(month.crew_amount, amount)

    def test_no_delivery_is_the_lowest_tier(self):
        """150 units, nothing delivered: 18 x 25 = 450."""
        self.delivered.write({"actual_delivery_date": False})
        month = self._month()
        self.assertEqual((month.deliveries, month.crew_amount), (0, 450.0))
        self.assertIn("no delivery in the month", month.explanation)

    def test_three_person_crews(self):
        """Engineer C joins as a second engineer: 9 x 15 working days = 135;
        150 units, 15 over quota x 35 = 525; (3.5, 3.5, 3): A and C 35 % =
        183.75, B 30 % = 157.5. As an assistant, (3, 3, 4): A 40 % = 210, B
        and C 30 % = 157.5."""
        self.crew.member_ids = [
            Command.create({"employee_id": self.engineer_c.id, "role": "engineer"})
        ]
        self.assertEqual(
            self.crew.member_ids.sorted("id").mapped("share"), [35.0, 30.0, 35.0]
        )
        month = self._month(working_days=15)
        # C's 5 orders count too: 155 units, 20 over quota x 35 = 700.
        self.assertEqual((month.qa_passed_units, month.quota), (155, 135.0))
        self.assertEqual(month.crew_amount, 700.0)
        by_employee = {line.employee_id: line.amount for line in month.line_ids}
        # 35 % of 700 = 245, 30 % of 700 = 210.
        self.assertEqual(
            by_employee,
            {self.engineer_a: 245.0, self.engineer_b: 210.0, self.engineer_c: 245.0},
        )
        member_c = self.crew.member_ids.filtered(
            lambda m: m.employee_id == self.engineer_c
        )
        member_c.role = "assistant"
        self.assertEqual(
            self.crew.member_ids.sorted("id").mapped("share"), [40.0, 30.0, 30.0]
        )
        month.with_user(self.manager_user).action_refresh()
        by_employee = {line.employee_id: line.amount for line in month.line_ids}
        # 40 % of 700 = 280, 30 % of 700 = 210.
        self.assertEqual(
            by_employee,
            {self.engineer_a: 280.0, self.engineer_b: 210.0, self.engineer_c: 210.0},
        )

    def test_merit_points(self):
        """Each point is worth one unit at 35: A +2 -> 378 + 70 = 448;
        B -1 -> 252 - 35 = 217."""
        month = self._month()
        line_a, line_b = self._lines(month)
        line_a.with_user(self.manager_user).merit_points = 2
        line_b.with_user(self.manager_user).merit_points = -1
        self.assertEqual((line_a.merit_amount, line_a.amount), (70.0, 448.0))
        self.assertEqual((line_b.merit_amount, line_b.amount), (-35.0, 217.0))
        month.with_user(self.manager_user).action_approve()
        terms = self.Month._pay_terms_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(
            [(t["label"], t["amount"]) for t in terms[(self.engineer_a.id, OCTOBER)]],
            [("Piece rate: over quota", 378.0), ("Merit points", 70.0)],
        )

    def test_moonlighting_veto(self):
        month = self._month()
        _line_a, line_b = self._lines(month)
        with self.assertRaisesText(ValidationError, "Say what moonlighting"):
            line_b.with_user(self.manager_user).moonlighting_veto = True
        line_b.with_user(self.manager_user).write(
            {"moonlighting_veto": True, "moonlighting_reason": "Repairs at home"}
        )
        line_a, line_b = self._lines(month)
        self.assertEqual((line_a.amount, line_b.amount), (378.0, 0.0))
        month.with_user(self.manager_user).action_approve()
        terms = self.Month._pay_terms_by_employee_month(self.engineer_b, [OCTOBER])
        self.assertEqual(
            terms[(self.engineer_b.id, OCTOBER)][0]["label"], "Moonlighting veto"
        )
        self.assertEqual(terms[(self.engineer_b.id, OCTOBER)][0]["amount"], 0.0)

    def test_pay_terms_of_approved_months_only(self):
        """Draft months pay nothing; September has no month."""
        month = self._month()
        employees = self.engineer_a | self.engineer_b
        self.assertEqual(
            self.Month._pay_terms_by_employee_month(employees, [OCTOBER]), {}
        )
        month.with_user(self.manager_user).action_approve()
        terms = self.Month._pay_terms_by_employee_month(employees, [OCTOBER, SEPTEMBER])
        self.assertEqual(
            terms,
            {
                (self.engineer_a.id, OCTOBER): [
                    {
                        "amount": 378.0,
                        "base_percent": 0.0,
                        "label": "Piece rate: over quota",
                        "explanation": month.explanation + "\n60 % of 630 = 378.",
                    }
                ],
                (self.engineer_b.id, OCTOBER): [
                    {
                        "amount": 252.0,
                        "base_percent": 0.0,
                        "label": "Piece rate: over quota",
                        "explanation": month.explanation + "\n40 % of 630 = 252.",
                    }
                ],
            },
        )

    def test_approved_month_is_frozen(self):
        month = self._month()
        month.with_user(self.manager_user).action_approve()
        self.assertEqual(month.approver_user_id, self.manager_user)
        self._fail(30)
        month._refresh()
        self.assertEqual((month.qa_passed_units, month.crew_amount), (150, 630.0))
        with self.assertRaisesText(UserError, "read-only"):
            month.with_user(self.manager_user).working_days = 20
        with self.assertRaisesText(UserError, "read-only"):
            month.line_ids[0].with_user(self.manager_user).merit_points = 3
        with self.assertRaisesText(UserError, "cannot be deleted"):
            month.with_user(self.manager_user).unlink()
        with self.assertRaisesText(UserError, "reason to reopen"):
            month.with_user(self.manager_user).action_reopen()
        month.with_user(self.manager_user).write({"reopen_reason": "QA re-inspected"})
        month.with_user(self.manager_user).action_reopen()
        self.assertEqual(month.state, "draft")
        self.assertIn("QA re-inspected", month.message_ids[0].body)
        # 120 units: 300 deducted.
        self.assertEqual((month.qa_passed_units, month.crew_amount), (120, -300.0))

    def test_refresh_reads_do_not_grow_with_crews(self):
        """The facts of 3 crews' months are read in as many queries as
        those of 1."""
        month = self._month()
        others = self.env["helpdesk.repair.crew"]
        for index in range(2):
            engineer = self.env["hr.employee"].create({"name": f"Repairer {index}"})
            assistant = self.env["hr.employee"].create({"name": f"Helper {index}"})
            others |= others.create(
                {
                    "name": f"Depot {index + 2}",
                    "member_ids": [
                        Command.create(
                            {"employee_id": engineer.id, "role": "engineer"}
                        ),
                        Command.create(
                            {"employee_id": assistant.id, "role": "assistant"}
                        ),
                    ],
                }
            )
            self._repairs(3, (engineer,)).write(
                {"qa_result": "pass", "qa_date": "2026-10-15"}
            )
        months = month | self.Month.create(
            [{"crew_id": crew.id, "month": OCTOBER} for crew in others]
        )
        # Counted as superuser: a manager's access rules add the same reads
        # to every refresh. The registry's caches warmed once.
        month, months = month.sudo(), months.sudo()
        self.env.flush_all()
        months._crew_facts()
        self.env.flush_all()
        self.env.invalidate_all()
        with self._capture_reads() as one:
            month._crew_facts()
        self.env.flush_all()
        self.env.invalidate_all()
        with self._capture_reads() as three:
            facts = months._crew_facts()
        self.assertEqual(len(three), len(one))
        self.assertEqual(sorted(units for units, _d, _o in facts.values()), [3, 3, 150])
        months.with_user(self.manager_user).action_approve()
        self.env.flush_all()
        self.Month._pay_terms_by_employee_month(self.engineer_a, [OCTOBER])
        self.env.flush_all()
        self.env.invalidate_all()
        with self._capture_reads() as pay_one:
            self.Month._pay_terms_by_employee_month(self.engineer_a, [OCTOBER])
        employees = months.line_ids.employee_id
        self.env.flush_all()
        self.env.invalidate_all()
        with self._capture_reads() as pay_all:
            terms = self.Month._pay_terms_by_employee_month(
                employees, [OCTOBER, SEPTEMBER]
            )
        self.assertEqual(len(pay_all), len(pay_one))
        self.assertEqual(len(terms), 6)


class TestPieceRateGuards(PieceRateCommon):
    def test_engineers_and_supervisors_read_only(self):
        month = self._month()
        self.assertEqual(self.Month.with_user(self.engineer_a_user).search([]), month)
        self.assertEqual(self.Month.with_user(self.supervisor_user).search([]), month)
        self.assertFalse(self.Month.with_user(self.engineer_c_user).search([]))
        with self.assertRaises(AccessError):
            month.with_user(self.engineer_c_user).read(["crew_amount"])
        for user in (self.engineer_a_user, self.supervisor_user):
            with self.assertRaises(AccessError):
                month.with_user(user).write({"working_days": 10})
            with self.assertRaises(AccessError):
                month.line_ids[0].with_user(user).write({"merit_points": 100})
            with self.assertRaisesText(AccessError, "Only an appraisal manager"):
                month.with_user(user).action_approve()
            with self.assertRaises(AccessError):
                self.crew.member_ids[0].with_user(user).write({"share": 100})
        self.assertEqual(month.state, "draft")
        self.assertEqual(month.line_ids.mapped("merit_points"), [0.0, 0.0])

    def test_computed_fields_are_not_written_over_rpc(self):
        month = self._month()
        env = api.Environment(
            self.env.cr,
            self.manager_user.id,
            {"crew_month_computed_write": True},
        )
        for vals in (
            {"qa_passed_units": 500},
            {"crew_amount": 1e6},
            {"state": "approved"},
            {"too_few_returns_approver_id": self.engineer_a_user.id},
        ):
            with self.assertRaisesText(AccessError, "computed"):
                api.call_kw(env[self.Month._name], "write", [month.ids, vals], {})
        with self.assertRaisesText(AccessError, "follow the crew"):
            api.call_kw(
                env["helpdesk.repair.crew.month.line"],
                "write",
                [month.line_ids[:1].ids, {"amount": 1e6}],
                {},
            )
        with self.assertRaisesText(AccessError, "follow the crew"):
            api.call_kw(
                env["helpdesk.repair.crew.month.line"],
                "create",
                [{"month_id": month.id, "employee_id": self.engineer_c.id}],
                {},
            )
        self.assertEqual((month.qa_passed_units, month.state), (150, "draft"))

    def test_context_defaults_set_neither_the_amounts_nor_the_stage(self):
        """``default_`` keys sent over RPC with a create are values like any
        other: refused for what the month computes."""
        for key, value in (
            ("default_state", "approved"),
            ("default_crew_amount", 1e6),
            ("default_qa_passed_units", 500),
        ):
            with self.subTest(key=key), self.assertRaisesText(AccessError, "computed"):
                self.Month.with_user(self.manager_user).with_context(
                    **{key: value}
                ).create({"crew_id": self.crew.id, "month": OCTOBER})
        self.assertFalse(self.Month.search([("crew_id", "=", self.crew.id)]))
        month = self._month()
        self.assertEqual((month.qa_passed_units, month.state), (150, "draft"))

    def test_bad_numbers_are_refused(self):
        month = self._month()
        line = month.line_ids[:1].with_user(self.manager_user)
        with self.assertRaisesText(ValidationError, "finite number"):
            line.merit_points = float("nan")
        with self.assertRaisesText(ValidationError, "between"):
            month.with_user(self.manager_user).working_days = 40

    def test_crew_compositions_and_shares(self):
        Crew = self.env["helpdesk.repair.crew"].with_user(self.manager_user)
        with self.assertRaisesText(ValidationError, "must have an engineer"):
            Crew.create(
                {
                    "name": "Two engineers",
                    "member_ids": [
                        Command.create(
                            {"employee_id": self.engineer_c.id, "role": "engineer"}
                        ),
                        Command.create(
                            {"employee_id": self.supervisor.id, "role": "engineer"}
                        ),
                    ],
                }
            )
        with self.assertRaisesText(ValidationError, "several active crews"):
            Crew.create(
                {
                    "name": "Depot 2",
                    "member_ids": [
                        Command.create(
                            {"employee_id": self.engineer_a.id, "role": "engineer"}
                        ),
                        Command.create(
                            {"employee_id": self.engineer_c.id, "role": "assistant"}
                        ),
                    ],
                }
            )
        env = api.Environment(self.env.cr, self.manager_user.id, {})
        with self.assertRaisesText(ValidationError, "add up to 100 %, not 110"):
            api.call_kw(
                env["helpdesk.repair.crew.member"],
                "write",
                [self.crew.member_ids[:1].ids, {"share": 70}],
                {},
            )
        # Both shares in one save of the crew's form.
        member_a, member_b = self.crew.member_ids.sorted("role", reverse=True)
        self.crew.with_user(self.manager_user).write(
            {
                "member_ids": [
                    Command.update(member_a.id, {"share": 55}),
                    Command.update(member_b.id, {"share": 45}),
                ]
            }
        )
        self.assertEqual(self.crew.member_ids.mapped("share"), [55.0, 45.0])

    def test_settings_are_checked(self):
        company = self.env.company
        for vals, message in (
            (
                {"appraisal_piece_tier_2_from": 96.0},
                "strictly increasing",
            ),
            ({"appraisal_piece_pair_engineer_share": 70.0}, "add up to 100 %"),
            (
                {"appraisal_piece_trio_engineers_assistant_share": 4.0},
                "add up to 10",
            ),
            ({"appraisal_piece_base_percent_4": 150.0}, "cannot exceed 100 %"),
            ({"appraisal_piece_working_days": 0}, "between 1 and 31"),
            ({"appraisal_piece_daily_quota_pair": 0.0}, "greater than zero"),
            ({"appraisal_piece_unit_rate_1": -25.0}, "between 0"),
            ({"appraisal_piece_shortfall_rate": float("nan")}, "finite number"),
        ):
            with (
                self.subTest(vals=vals),
                self.assertRaisesText(ValidationError, message),
            ):
                self.env["res.config.settings"].create(vals).execute()
        self.assertEqual(company._piece_rate_settings().tier_bounds, (90, 95, 100))
        settings = self.env["res.config.settings"].create(
            {
                "appraisal_piece_unit_rate_3": 36.0,
                "appraisal_piece_daily_quota_pair": 5.0,
            }
        )
        settings.execute()
        # 5 x 22 = 110; 40 over quota x 36 = 1440.
        self.assertEqual(self._month().crew_amount, 1440.0)

    def test_other_company_months_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        engineer, assistant = self.env["hr.employee"].create(
            [
                {"name": "Engineer Zhao", "company_id": branch.id},
                {"name": "Assistant Qian", "company_id": branch.id},
            ]
        )
        crew = self.env["helpdesk.repair.crew"].create(
            {
                "name": "Branch depot",
                "company_id": branch.id,
                "member_ids": [
                    Command.create({"employee_id": engineer.id, "role": "engineer"}),
                    Command.create({"employee_id": assistant.id, "role": "assistant"}),
                ],
            }
        )
        branch.appraisal_piece_working_days = 21
        branch_month = self.Month.create({"crew_id": crew.id, "month": OCTOBER})
        self.assertEqual(branch_month.company_id, branch)
        # The branch's working days: 6 x 21 = 126.
        self.assertEqual((branch_month.working_days, branch_month.quota), (21, 126.0))
        month = self._month()
        self.manager_user.company_ids = [Command.link(branch.id)]
        Month = self.Month.with_user(self.manager_user)
        self.assertEqual(
            Month.with_context(allowed_company_ids=[self.env.company.id]).search([]),
            month,
        )
        self.assertEqual(
            Month.with_context(allowed_company_ids=[branch.id]).search([]),
            branch_month,
        )
        with self.assertRaises(UserError):
            self.env["helpdesk.repair.crew"].create(
                {
                    "name": "Mixed",
                    "company_id": branch.id,
                    "member_ids": [
                        Command.create(
                            {"employee_id": self.engineer_c.id, "role": "engineer"}
                        ),
                        Command.create(
                            {"employee_id": self.supervisor.id, "role": "assistant"}
                        ),
                    ],
                }
            )

    def test_crew_form_fills_the_split(self):
        """A second member in the form: the pair's 60/40."""
        Crew = self.env["helpdesk.repair.crew"].with_user(self.manager_user)
        with Form(Crew) as form:
            form.name = "Depot 2"
            with form.member_ids.new() as line:
                line.employee_id = self.engineer_c
                line.role = "engineer"
            with form.member_ids.new() as line:
                line.employee_id = self.supervisor
                line.role = "assistant"
        crew = form.record
        self.assertEqual(
            [(m.employee_id, m.share) for m in crew.member_ids],
            [(self.engineer_c, 60.0), (self.supervisor, 40.0)],
        )

    def test_removing_a_member_restores_the_pair_split(self):
        """Three members (35, 30, 35); C removed: 60/40 again."""
        self.crew.with_user(self.manager_user).member_ids = [
            Command.create({"employee_id": self.engineer_c.id, "role": "engineer"})
        ]
        self.assertEqual(
            self.crew.member_ids.sorted("id").mapped("share"), [35.0, 30.0, 35.0]
        )
        self.crew.member_ids.filtered(
            lambda m: m.employee_id == self.engineer_c
        ).with_user(self.manager_user).unlink()
        self.assertEqual(
            self.crew.member_ids.sorted("id").mapped("share"), [60.0, 40.0]
        )
        with self.assertRaisesText(ValidationError, "must have an engineer"):
            self.crew.member_ids[:1].with_user(self.manager_user).unlink()

    def test_workflow_guards(self):
        """Only a manager reopens; a manager who is in the crew does not
        approve its month."""
        month = self._month()
        month.with_user(self.manager_user).action_approve()
        month.reopen_reason = "Recount"
        with self.assertRaisesText(AccessError, "Only an appraisal manager"):
            month.with_user(self.supervisor_user).action_reopen()
        with self.assertRaisesText(UserError, "Only a draft"):
            month.with_user(self.manager_user).action_approve()
        self.assertEqual(month.state, "approved")
        crew = self.env["helpdesk.repair.crew"].create(
            {
                "name": "Manager's crew",
                "member_ids": [
                    Command.create(
                        {"employee_id": self.manager.id, "role": "engineer"}
                    ),
                    Command.create(
                        {"employee_id": self.engineer_c.id, "role": "assistant"}
                    ),
                ],
            }
        )
        own = self._month(crew)
        with self.assertRaisesText(AccessError, "your own crew"):
            own.with_user(self.manager_user).action_approve()
        self.assertEqual(own.state, "draft")
