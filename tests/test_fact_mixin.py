# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""The rules complaints, quality findings and assessments share (the
recorded and withdrawable appraisal fact mixins), tried where one of the
models did not hold them before they were written once."""

from odoo import Command, api
from odoo.exceptions import UserError

from ..const import KIND_RULE_VIOLATION
from .common import AppraisalCommon


class TestFactMixinRules(AppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Finding = cls.env["helpdesk.quality.finding"]
        cls.Assessment = cls.env["helpdesk.appraisal.assessment"]
        cls.Complaint = cls.env["helpdesk.complaint"]

    @classmethod
    def _violation(cls, employee, user, **values):
        return cls.Finding.with_user(user).create(
            {
                "kind": KIND_RULE_VIOLATION,
                "employee_id": employee.id,
                "reason": "Late for the morning meeting",
                "date": "2026-10-22",
                **values,
            }
        )

    def test_nobody_moves_a_finding_off_themselves(self):
        finding = self._violation(self.supervisor, self.manager_user)
        with self.assertRaisesText(UserError, "about your own work"):
            finding.with_user(self.supervisor_user).employee_id = self.engineer_a
        self.assertEqual(finding.employee_id, self.supervisor)

    def test_nobody_moves_an_assessment_off_themselves(self):
        assessment = self.Assessment.with_user(self.manager_user).create(
            {
                "employee_id": self.supervisor.id,
                "title": "Product knowledge",
                "date": "2026-10-20",
                "score": 55.0,
            }
        )
        with self.assertRaisesText(UserError, "is your own"):
            assessment.with_user(self.supervisor_user).write(
                {"employee_id": self.engineer_a.id, "score": 95.0}
            )
        self.assertRecordValues(
            assessment, [{"employee_id": self.supervisor.id, "score": 55.0}]
        )

    def test_a_client_does_not_create_a_withdrawn_finding(self):
        with self.assertRaisesText(UserError, "Withdraw a finding with its button"):
            self._violation(self.engineer_a, self.supervisor_user, state="withdrawn")
        self.assertFalse(
            self.Finding.search([("reason", "=", "Late for the morning meeting")])
        )
        # What a form sends for a new finding.
        finding = self._violation(self.engineer_a, self.supervisor_user, state="active")
        self.assertEqual(finding.state, "active")

    def test_the_shared_decision_key_sent_by_a_client_unlocks_nothing(self):
        """The context key the actions of both withdrawable models set, sent
        by the supervisor with any value a client can send: refused."""
        finding = self._violation(self.engineer_a, self.supervisor_user)
        complaint = self.Complaint.with_user(self.supervisor_user).create(
            {
                "employee_ids": [Command.set(self.engineer_a.ids)],
                "description": "Rude on the phone",
                "date": "2026-10-20",
            }
        )
        attempts = (
            (finding, {"state": "withdrawn"}, "Withdraw a finding with its button"),
            (complaint, {"state": "withdrawn"}, "with its buttons"),
            (complaint, {"is_attributable": True}, "with its buttons"),
        )
        for record, vals, message in attempts:
            record = record.with_user(self.supervisor_user)
            for value in (True, 1, "1", {"forged": True}):
                context = {"appraisal_fact_decision": value}
                with self.subTest(model=record._name, vals=vals, value=value):
                    with self.assertRaisesText(UserError, message):
                        record.with_context(**context).write(vals)
                    with self.assertRaisesText(UserError, message):
                        api.call_kw(
                            record, "write", [record.ids, vals], {"context": context}
                        )
        self.assertRecordValues(finding, [{"state": "active"}])
        self.assertRecordValues(
            complaint, [{"state": "active", "is_attributable": False}]
        )
