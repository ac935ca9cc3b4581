# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command
from odoo.exceptions import AccessError

from odoo.addons.base.tests.common import new_test_user

from ..const import SERVICE_CENTRE_GROUP
from .appraisal_common import MonthlyAppraisalCommon


class TestAppraisalAccess(MonthlyAppraisalCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisals = cls._generate(
            employees=cls.engineer_a
            | cls.engineer_b
            | cls.engineer_c
            | cls.supervisor
            | cls.manager
        )
        cls.appraisal_a = cls._appraisal_of(cls.engineer_a)
        cls.appraisal_a.supervisor_note = "Ready for more hard orders"
        # Engineers see their appraisal once it is sent, never a draft.
        cls.appraisal_a.with_user(cls.supervisor_user).action_send_to_engineer()

    def _visible(self, user):
        return self.Appraisal.with_user(user).search([])

    def test_engineer_sees_only_own(self):
        self.assertEqual(self._visible(self.engineer_a_user), self.appraisal_a)
        with self.assertRaises(AccessError):
            self._appraisal_of(self.engineer_b).with_user(self.engineer_a_user).read(
                ["total_score"]
            )

    def test_engineer_cannot_read_the_confidential_note(self):
        appraisal = self.appraisal_a.with_user(self.engineer_a_user)
        self.assertEqual(appraisal.read(["total_score"])[0]["total_score"], 83.75)
        with self.assertRaises(AccessError):
            appraisal.read(["supervisor_note"])
        with self.assertRaises(AccessError):
            appraisal.supervisor_note = "Mine"
        self.assertEqual(self.appraisal_a.supervisor_note, "Ready for more hard orders")

    def test_supervisor_sees_the_team(self):
        # A, B and the supervisor's own; not C of another team, nor the manager.
        self.assertEqual(
            self._visible(self.supervisor_user).employee_id,
            self.engineer_a | self.engineer_b | self.supervisor,
        )
        note = self.appraisal_a.with_user(self.supervisor_user).supervisor_note
        self.assertEqual(note, "Ready for more hard orders")

    def test_nobody_reads_the_note_about_themselves(self):
        own = self._appraisal_of(self.supervisor)
        own.with_user(self.manager_user).supervisor_note = "Not ready to lead"
        as_supervisor = own.with_user(self.supervisor_user)
        self.assertFalse(as_supervisor.supervisor_note)
        self.assertFalse(as_supervisor.read(["supervisor_note"])[0]["supervisor_note"])
        with self.assertRaises(AccessError):
            as_supervisor.read(["confidential_note"])
        with self.assertRaises(AccessError):
            as_supervisor.search([("confidential_note", "ilike", "lead")])
        # The manager still reads it, and the supervisor their team's notes.
        self.assertEqual(
            own.with_user(self.manager_user).supervisor_note, "Not ready to lead"
        )
        self.assertEqual(
            self.appraisal_a.with_user(self.supervisor_user).supervisor_note,
            "Ready for more hard orders",
        )

    def test_manager_sees_all(self):
        self.assertEqual(
            self._visible(self.manager_user) & self.appraisals, self.appraisals
        )

    def test_service_centre_sees_nothing(self):
        agent = new_test_user(
            self.env,
            login="agent",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
        )
        with self.assertRaises(AccessError):
            self.Appraisal.with_user(agent).search([])
        with self.assertRaises(AccessError):
            self.appraisal_a.with_user(agent).read(["total_score"])

    def test_only_managers_generate(self):
        wizard = self.env["helpdesk.engineer.appraisal.generate"]
        with self.assertRaises(AccessError):
            wizard.with_user(self.supervisor_user).create({"month": "2026-10-01"})
        with self.assertRaises(AccessError):
            self.Appraisal.with_user(self.supervisor_user).create(
                {"employee_id": self.engineer_a.id, "month": "2026-09-01"}
            )
        self.assertFalse(self._appraisal_of(self.engineer_a, "2026-09-01"))

    def test_other_company_appraisals_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        branch_engineer = self.env["hr.employee"].create(
            {"name": "Engineer Zhao", "company_id": branch.id}
        )
        branch_appraisal = self.Appraisal.create(
            {
                "employee_id": branch_engineer.id,
                "month": "2026-10-01",
                "company_id": branch.id,
            }
        )
        self.manager_user.company_ids = [Command.link(branch.id)]
        Appraisal = self.Appraisal.with_user(self.manager_user)
        self.assertNotIn(
            branch_appraisal,
            Appraisal.with_context(allowed_company_ids=[self.env.company.id]).search(
                []
            ),
        )
        self.assertEqual(
            Appraisal.with_context(allowed_company_ids=[branch.id]).search([]),
            branch_appraisal,
        )
