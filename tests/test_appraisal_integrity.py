# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .. import scoring
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon


class TestAppraisalIntegrity(MonthlyAppraisalCommon):
    """The appraisal workflow of issue 10 (item 8) and its guards (item 3),
    each tried by the realistic user."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.department = cls.env["hr.department"].create({"name": "Field Service"})
        (cls.engineer_a | cls.engineer_b).department_id = cls.department
        cls.north = cls.env["helpdesk.service.area"].create(
            {
                "name": "North",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "device_count": 120,
            }
        )
        # Two October days of the area: 1/2 and 2/2 -> R = 0.75, Q = 12,
        # area score 9.
        cls.env["helpdesk.service.area.daily"].create(
            [
                {
                    "area_id": cls.north.id,
                    "date": day,
                    "due_count": 2,
                    "confirmed_count": confirmed,
                }
                for day, confirmed in (("2026-10-05", 1), ("2026-10-06", 2))
            ]
        )
        cls._generate(employees=cls.engineer_a | cls.engineer_b)
        cls.appraisal = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_b = cls._appraisal_of(cls.engineer_b)

    def _as(self, user, appraisal=None):
        return (appraisal or self.appraisal).with_user(user)

    def _send(self, appraisal=None):
        self._as(self.supervisor_user, appraisal).action_send_to_engineer()

    def _messages(self, appraisal=None):
        return "\n".join((appraisal or self.appraisal).message_ids.mapped("body"))

    # Drafts --------------------------------------------------------------

    def test_engineer_does_not_see_a_draft(self):
        Appraisal = self.Appraisal.with_user(self.engineer_a_user)
        self.assertFalse(Appraisal.search([("id", "=", self.appraisal.id)]))
        with self.assertRaises(AccessError):
            self._as(self.engineer_a_user).read(["total_score"])
        with self.assertRaises(AccessError):
            self._as(self.engineer_a_user).write({"employee_comment": "Early"})
        with self.assertRaises(AccessError):
            self._as(self.engineer_a_user).action_acknowledge()
        self.assertFalse(self.appraisal.employee_comment)
        # The supervisor prepares it, then sends it: now the engineer sees it.
        self.assertTrue(self._as(self.supervisor_user).read(["total_score"]))
        self._send()
        self.assertEqual(
            Appraisal.search([("id", "=", self.appraisal.id)]), self.appraisal
        )
        self.assertAlmostEqual(
            self._as(self.engineer_a_user).read(["total_score"])[0]["total_score"],
            83.75,
        )

    # Guards of the stored computes -----------------------------------------

    def test_frozen_fields_refuse_every_role_with_labels(self):
        self._send()
        other = self.env["hr.department"].create({"name": "Workshop"})
        attempts = {
            "department_id": other.id,
            "supervisor_id": self.manager.id,
            "area_ids": [Command.clear()],
            "grade_good": 50.0,
            "overdue_task_penalty": 0.0,
            "appeal_count": 0,
            "appeal_pending": True,
            "reviewer_user_id": self.manager_user.id,
            "is_area_leader": False,
            "area_score": 0.0,
        }
        before = self.appraisal.read(list(attempts))[0]
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            for name, value in attempts.items():
                for context in ({}, {"appraisal_computed_write": True}):
                    with self.subTest(user=user.login, field=name, context=context):
                        with self.assertRaises(AccessError) as caught:
                            self._as(user).with_context(**context).write({name: value})
                        message = str(caught.exception)
                        self.assertIn("are computed", message)
                        # The label the form shows, never the field's name.
                        self.assertNotIn(name, message)
                        label = self.Appraisal._fields[name].string
                        self.assertIn(label, message)
        self.assertEqual(self.appraisal.read(list(attempts))[0], before)

    def test_department_and_supervisor_read_only_on_the_form(self):
        fields = self.Appraisal.with_user(self.supervisor_user).fields_get(
            ["department_id", "supervisor_id", "area_ids"], ["readonly"]
        )
        self.assertTrue(all(field["readonly"] for field in fields.values()))
        for user in (self.supervisor_user, self.manager_user):
            with Form(self._as(user)) as form:
                for name in ("department_id", "supervisor_id"):
                    with self.assertRaises(AssertionError):
                        setattr(form, name, self.manager)
                form.supervisor_comment = "Fine month"
        self.assertEqual(self.appraisal.department_id, self.department)
        self.assertEqual(self.appraisal.supervisor_id, self.supervisor)

    # The organisation frozen when sent ---------------------------------------

    def test_department_manager_and_area_frozen_when_sent(self):
        # A draft counts the areas led today; sending keeps them.
        self.assertTrue(self.appraisal.is_area_leader)
        self.assertAlmostEqual(self.appraisal.area_score, 9.0)
        self._send()
        self.assertEqual(self.appraisal.area_ids, self.north)
        # Later, A moves to another department and manager, and B leads North.
        workshop = self.env["hr.department"].create({"name": "Workshop"})
        self.engineer_a.write(
            {"department_id": workshop.id, "parent_id": self.manager.id}
        )
        self.north.leader_id = self.engineer_b
        with freeze_time("2026-11-20 02:00"):
            self.Appraisal._cron_refresh_open_appraisals()
        self.assertRecordValues(
            self.appraisal,
            [
                {
                    "department_id": self.department.id,
                    "supervisor_id": self.supervisor.id,
                    "area_ids": self.north.ids,
                    "is_area_leader": True,
                    "area_score": 9.0,
                }
            ],
        )
        # The to-do of the review goes to the manager frozen on the appraisal.
        self._as(self.engineer_a_user).action_acknowledge()
        self.assertEqual(self.appraisal.activity_ids.user_id, self.supervisor_user)
        # B's draft follows today's organisation: B leads North now.
        self.assertTrue(self.appraisal_b.is_area_leader)
        self.assertAlmostEqual(self.appraisal_b.area_score, 9.0)
        self._send(self.appraisal_b)
        self.assertEqual(self.appraisal_b.area_ids, self.north)

    def test_nightly_refresh_touches_recent_months_only(self):
        late_order = self._create_tickets(
            engineers=self.engineer_b, difficulty=self.level_hard
        )
        self.assertTrue(late_order)
        # December 2026: October is two months back, in the default window.
        with freeze_time("2026-12-10 02:00"):
            self.env.company.appraisal_refresh_months = 1
            self.Appraisal._cron_refresh_open_appraisals()
            self.assertAlmostEqual(self.appraisal_b.earned_points, 4.5)
            self.env.company.appraisal_refresh_months = 2
            self.Appraisal._cron_refresh_open_appraisals()
            self.assertAlmostEqual(self.appraisal_b.earned_points, 6.0)
        # By hand, a supervisor still refreshes an older open month.
        self._create_tickets(engineers=self.engineer_b, difficulty=self.level_hard)
        with freeze_time("2027-03-10 02:00"):
            self.Appraisal._cron_refresh_open_appraisals()
            self.assertAlmostEqual(self.appraisal_b.earned_points, 6.0)
            self._as(self.supervisor_user, self.appraisal_b).action_refresh()
            self.assertAlmostEqual(self.appraisal_b.earned_points, 7.5)

    def test_workflow_settings_are_bounded(self):
        self.assertEqual(self.env.company.appraisal_max_appeals, 1)
        self.assertEqual(self.env.company.appraisal_refresh_months, 2)
        for vals in (
            {"appraisal_max_appeals": -1},
            {"appraisal_max_appeals": 11},
            {"appraisal_refresh_months": -1},
            {"appraisal_refresh_months": 37},
        ):
            with self.subTest(vals=vals):
                with self.assertRaises(ValidationError):
                    self.env.company.write(vals)
                    self.env.company.flush_recordset()
        self.assertEqual(self.env.company.appraisal_max_appeals, 1)

    # Appeals -----------------------------------------------------------------

    def _appeal(self, reason="Two orders were reviewed after closing"):
        self._as(self.engineer_a_user).write({"appeal_reason": reason})
        self._as(self.engineer_a_user).action_appeal()

    def test_appeal_is_answered_in_writing_by_the_supervisor(self):
        self._send()
        self._appeal()
        self.assertRecordValues(
            self.appraisal,
            [{"state": "review", "appeal_count": 1, "appeal_pending": True}],
        )
        with self.assertRaisesText(UserError, "Answer the appeal"):
            self._as(self.supervisor_user).action_review()
        self.assertEqual(self.appraisal.state, "review")
        # Nobody but a supervisor answers: not the engineer.
        with self.assertRaisesText(AccessError, "Only a supervisor"):
            self._as(self.engineer_a_user).appeal_answer = "Accepted by myself"
        with self.assertRaisesText(AccessError, "are computed"):
            self._as(self.engineer_a_user).appeal_pending = False
        self._as(self.supervisor_user).appeal_answer = "Both orders were re-checked."
        # Whatever the client's context says, the answer is logged.
        self._as(self.supervisor_user).with_context(
            tracking_disable=True, mail_notrack=True
        ).action_review()
        self.assertRecordValues(
            self.appraisal, [{"state": "approval", "appeal_pending": False}]
        )
        self.assertIn(
            "Answer to the appeal: Both orders were re-checked.", self._messages()
        )
        # The engineer reads the answer.
        self.assertEqual(
            self._as(self.engineer_a_user).read(["appeal_answer"])[0]["appeal_answer"],
            "Both orders were re-checked.",
        )

    def test_appeals_are_limited_by_the_company(self):
        self._send()
        self._appeal()
        self._as(self.supervisor_user).appeal_answer = "Re-checked"
        self._as(self.supervisor_user).action_review()
        with self.assertRaisesText(UserError, "cannot be appealed again"):
            self._appeal("Still too low")
        self.assertRecordValues(
            self.appraisal, [{"state": "approval", "appeal_count": 1}]
        )
        # A company that allows two appeals: the second needs a new answer.
        self.env.company.appraisal_max_appeals = 2
        self._appeal("Still too low")
        self.assertRecordValues(
            self.appraisal,
            [
                {
                    "state": "review",
                    "appeal_count": 2,
                    "appeal_pending": True,
                    "appeal_answer": False,
                }
            ],
        )
        with self.assertRaisesText(UserError, "Answer the appeal"):
            self._as(self.supervisor_user).action_review()
        self._as(self.supervisor_user).appeal_answer = "Final answer"
        self._as(self.supervisor_user).action_review()
        self.assertIn("Answer to the appeal: Re-checked", self._messages())
        self.assertIn("Answer to the appeal: Final answer", self._messages())
        with self.assertRaisesText(UserError, "cannot be appealed again"):
            self._appeal("Third time")

    def test_no_appeals_when_the_company_allows_none(self):
        self.env.company.appraisal_max_appeals = 0
        self._send()
        with self.assertRaisesText(UserError, "cannot be appealed again"):
            self._appeal()
        self.assertRecordValues(
            self.appraisal,
            [{"state": "self_assessment", "appeal_count": 0, "is_appealed": False}],
        )

    # Period summaries ----------------------------------------------------------

    def _summary(self, employee, period_type=scoring.PERIOD_QUARTER, start=OCTOBER):
        self.env.flush_all()
        self.env.invalidate_all()
        return self.env["helpdesk.engineer.appraisal.summary"].search(
            [
                ("employee_id", "=", employee.id),
                ("period_type", "=", period_type),
                ("period_start", "=", start),
            ]
        )

    def test_summary_keeps_the_settings_of_its_appraisals(self):
        # B: 4.5 points of 40 -> 6.75 + 20 + 10 + 10 = 46.75, below standard.
        self._approve(self.appraisal_b)
        self.assertEqual(self._summary(self.engineer_b).grade, "below_standard")
        # New bands later: the done month keeps the bands it was graded with.
        self.env.company.write(
            {
                "appraisal_grade_below_standard": 50.0,
                "appraisal_overdue_task_penalty": 5,
            }
        )
        quarter = self._summary(self.engineer_b)
        self.assertEqual(quarter.grade, "below_standard")
        self.assertAlmostEqual(quarter.final_score, 46.75)
        self.assertEqual(self.appraisal_b.grade_below_standard, 40.0)
        self.assertEqual(self.appraisal_b.overdue_task_penalty, 2.0)

    def test_summary_is_final_only_when_over_and_done(self):
        # 2025: a quarter all done, a quarter with a draft month.
        employee = self.env["hr.employee"].create({"name": "Engineer Gu"})
        self.Appraisal.create(
            [
                {
                    "employee_id": employee.id,
                    "month": date(2025, month, 1),
                    "total_score": 80,
                    "state": "done" if month != 5 else "draft",
                }
                for month in range(1, 7)
            ]
        )
        first = self._summary(employee, start=date(2025, 1, 1))
        second = self._summary(employee, start=date(2025, 4, 1))
        self.assertRecordValues(
            first | second,
            [
                {"done_month_count": 3, "is_final": True},
                {"done_month_count": 2, "is_final": False},
            ],
        )
        # The running quarter is never final.
        self._approve(self.appraisal)
        self.assertFalse(self._summary(self.engineer_a).is_final)
