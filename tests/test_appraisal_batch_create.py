# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.models import check_method_name

from ..models.helpdesk_engineer_appraisal import _COMPUTED_WRITE
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

NOVEMBER = date(2026, 11, 1)


class TestAppraisalBatchCreate(MonthlyAppraisalCommon):
    """Generation inserts a thousand appraisals with one ``COPY``
    (``_insert_computed``); the checks the ORM and the module make record by
    record are made once for the batch (issue 16) and refuse exactly what
    they refused before, and each row is the one ``create`` stores."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.branch = cls.env["res.company"].create({"name": "Branch Office"})
        cls.branch_engineer = cls.env["hr.employee"].create(
            {"name": "Engineer D", "company_id": cls.branch.id}
        )

    def _appraisals(self, employees):
        return self.Appraisal.search(
            [("employee_id", "in", employees.ids), ("month", "=", OCTOBER)]
        )

    def _insert_computed(self, vals_list):
        return self.Appraisal.with_user(self.manager_user)._insert_computed(vals_list)

    def _rows(self, appraisals):
        self.env.flush_all()
        self.env.cr.execute(
            """SELECT to_jsonb(appraisal) - 'id' - 'month' - 'create_date'
                      - 'write_date'
                 FROM helpdesk_engineer_appraisal appraisal
                WHERE id = ANY(%s)""",
            [appraisals.ids],
        )
        return [row for (row,) in self.env.cr.fetchall()]

    # The rows

    def test_rows_as_create_stores_them(self):
        """The values of a generation, and a ratio of more digits than its
        field keeps: the inserted row is the one ``create`` stores, to the
        rounding of its numbers, its defaults and who created it."""
        company = self.env.company
        [scores] = self.Appraisal._scores_of(
            [(self.engineer_a, OCTOBER, company, None)]
        )
        vals = {
            "employee_id": self.engineer_a.id,
            "company_id": company.id,
            **scores,
            "efficiency_ratio": 1 / 3,
            "total_score": 0.1 + 0.2,
        }
        Appraisal = self.Appraisal.with_user(self.manager_user)
        inserted = Appraisal._insert_computed([vals | {"month": OCTOBER}])
        created = Appraisal.with_context(
            appraisal_computed_write=_COMPUTED_WRITE, tracking_disable=True
        ).create([vals | {"month": NOVEMBER}])
        self.assertEqual(self._rows(inserted), self._rows(created))
        self.assertEqual(inserted.efficiency_ratio, 0.3333)
        self.assertEqual(inserted.state, "draft")
        self.assertEqual(inserted.create_uid, self.manager_user)
        self.assertEqual(inserted.appeal_count, 0)
        self.assertFalse(inserted.message_ids)
        self.assertFalse(inserted.message_follower_ids)

    def test_a_stage_that_does_not_exist_is_refused(self):
        with self.assertRaises(ValueError):
            self._insert_computed(
                [{"employee_id": self.engineer_a.id, "month": OCTOBER, "state": "paid"}]
            )
        self.assertFalse(self._appraisals(self.engineer_a))

    def test_only_appraisal_managers_insert(self):
        """The rights of ``create`` apply: an engineer, or a supervisor, may
        not create appraisals, and a method of the model that starts with an
        underscore is never called over RPC."""
        for user in (self.engineer_a_user, self.supervisor_user):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                self.Appraisal.with_user(user)._insert_computed(
                    [{"employee_id": self.engineer_a.id, "month": OCTOBER}]
                )
        with self.assertRaises(AccessError):
            check_method_name("_insert_computed")
        self.assertFalse(self._appraisals(self.engineer_a))

    # The company check

    def test_an_engineer_of_another_company_is_refused_in_a_batch(self):
        """Two of our engineers and one of the branch, all in our company:
        the ORM's message names the branch's engineer alone, and nothing is
        created."""
        employees = self.engineer_a | self.branch_engineer | self.engineer_b
        with self.assertRaises(UserError) as caught:
            self._insert_computed(
                [
                    {
                        "employee_id": employee.id,
                        "month": OCTOBER,
                        "company_id": self.env.company.id,
                    }
                    for employee in employees
                ]
            )
        message = str(caught.exception)
        self.assertIn("Incompatible companies", message)
        self.assertIn("Engineer D - 2026-10", message)
        self.assertNotIn(self.engineer_a.name, message)
        self.assertNotIn(self.engineer_b.name, message)
        self.assertFalse(self._appraisals(employees))

    def test_an_engineer_of_another_company_is_refused_alone(self):
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self._insert_computed(
                [
                    {
                        "employee_id": self.branch_engineer.id,
                        "month": OCTOBER,
                        "company_id": self.env.company.id,
                    }
                ]
            )
        self.assertFalse(self._appraisals(self.branch_engineer))

    def test_each_company_checks_its_own_engineers(self):
        """One batch, two companies: each appraisal is in its engineer's
        company, so the batch passes; moving one to the other company is
        refused. As superuser: the manager works in one company only."""
        appraisals = self.Appraisal._insert_computed(
            [
                {
                    "employee_id": self.engineer_a.id,
                    "month": OCTOBER,
                    "company_id": self.env.company.id,
                },
                {
                    "employee_id": self.branch_engineer.id,
                    "month": OCTOBER,
                    "company_id": self.branch.id,
                },
            ]
        )
        self.assertEqual(appraisals.company_id, self.env.company | self.branch)
        with self.assertRaisesText(UserError, "Incompatible companies"):
            appraisals[1].sudo().write({"employee_id": self.engineer_b.id})

    # The numbers

    def test_generated_numbers_are_still_checked(self):
        """The system's numbers pass the same bounds as anyone's: the bad
        value of the second appraisal of a batch refuses the batch, naming
        the field."""
        for name, value, label in (
            ("earned_points", math.nan, "Earned Points (P)"),
            ("efficiency", math.inf, "Efficiency (E)"),
            ("total_score", -math.inf, "Total"),
            ("workload_score", 1e308, "Workload"),
            ("dissatisfied_count", 2**31, "Dissatisfied Callbacks"),
            ("area_rate", -0.5, "Area Completion Rate"),
            ("standard_points", "40", "Standard Points (S)"),
        ):
            with (
                self.subTest(field=name, value=value),
                self.assertRaisesText(ValidationError, label),
            ):
                self._insert_computed(
                    [
                        {"employee_id": self.engineer_a.id, "month": OCTOBER},
                        {"employee_id": self.engineer_b.id, "month": OCTOBER}
                        | {name: value},
                    ]
                )
            self.assertFalse(self._appraisals(self.engineer_a | self.engineer_b))

    def test_numbers_within_bounds_pass(self):
        appraisal = self._insert_computed(
            [
                {
                    "employee_id": self.engineer_a.id,
                    "month": OCTOBER,
                    "earned_points": 1e9,
                    "dissatisfied_count": 2**31 - 1,
                    "efficiency": 0,
                    "is_area_leader": True,
                }
            ]
        )
        self.assertEqual(appraisal.earned_points, 1e9)
        self.assertEqual(appraisal.dissatisfied_count, 2**31 - 1)

    # The defaults

    def test_each_appraisal_of_a_batch_gets_the_defaults(self):
        """Records given different fields get the defaults of the fields
        they lack; the ORM's own columns a client sends are dropped from
        every one of them."""
        appraisals = (
            self.Appraisal.with_user(self.manager_user)
            .with_context(default_supervisor_comment="Checked")
            .create(
                [
                    {"employee_id": self.engineer_a.id, "month": OCTOBER},
                    {
                        "employee_id": self.engineer_b.id,
                        "month": OCTOBER,
                        "create_uid": self.env.ref("base.user_admin").id,
                        "id": 1,
                    },
                    {
                        "employee_id": self.engineer_c.id,
                        "month": OCTOBER,
                        "create_uid": self.env.ref("base.user_admin").id,
                        "id": 1,
                    },
                    {
                        "employee_id": self.supervisor.id,
                        "month": OCTOBER,
                        "company_id": self.env.company.id,
                        "supervisor_comment": "Own words",
                    },
                ]
            )
        )
        self.assertEqual(len(appraisals), 4)
        self.assertEqual(set(appraisals.mapped("state")), {"draft"})
        self.assertEqual(appraisals.company_id, self.env.company)
        self.assertEqual(appraisals.create_uid, self.manager_user)
        self.assertEqual(
            appraisals.mapped("supervisor_comment"),
            ["Checked", "Checked", "Checked", "Own words"],
        )
        # Zero, not empty, for the numbers the pivots aggregate.
        self.assertEqual(set(appraisals.mapped("total_score")), {0.0})

    def test_context_defaults_set_neither_the_scores_nor_the_stage(self):
        """A client's context is the client's: ``default_`` keys are values
        like any other, refused for the computed fields, whoever sends
        them."""
        for key, value in (
            ("default_state", "done"),
            ("default_grade", "excellent"),
            ("default_total_score", 100),
        ):
            with (
                self.subTest(key=key),
                self.assertRaisesText(AccessError, "are computed"),
            ):
                self.Appraisal.with_user(self.manager_user).with_context(
                    **{key: value}
                ).create({"employee_id": self.engineer_a.id, "month": OCTOBER})
            self.assertFalse(self._appraisals(self.engineer_a))
        # Generation itself takes no default from the caller's context.
        appraisal = (
            self.Appraisal.with_user(self.manager_user)
            .with_context(default_state="done", default_grade="excellent")
            ._generate(OCTOBER, self.env.company, employees=self.engineer_a)
        )
        self.assertEqual(appraisal.state, "draft")
        # The policy's worked example (P5): 51.75 + 14 + 8 + 10 = 83.75.
        self.assertAlmostEqual(appraisal.total_score, 83.75)
        self.assertEqual(appraisal.grade, "good")
