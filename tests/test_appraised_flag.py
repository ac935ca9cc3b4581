# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo.exceptions import AccessError

from ..const import ENGINEER_GROUP, MANAGER_GROUP, SUPERVISOR_GROUP
from .appraisal_common import MonthlyAppraisalCommon


class TestAppraisedFlag(MonthlyAppraisalCommon):
    """Issue 15: who is appraised is explicit on the employee, never implied
    by the Supervisor or Manager role."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        # Generation for the whole company: a company of its own keeps the
        # demo's employees out.
        return cls._create_company(name="Appraised Flag Test", **kwargs)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.head_user, cls.head = cls._create_user_employee(
            "department_head", "Head Wang", MANAGER_GROUP
        )
        cls.department = cls.env["hr.department"].create(
            {"name": "After-sales", "manager_id": cls.head.id}
        )
        cls.lead_user, cls.lead = cls._create_user_employee(
            "team_lead", "Lead Zhou", SUPERVISOR_GROUP, manager=cls.head
        )
        cls.new_user, cls.newcomer = cls._create_user_employee(
            "newcomer", "Engineer Xu", ENGINEER_GROUP, manager=cls.lead
        )
        (cls.head | cls.lead | cls.newcomer).department_id = cls.department

    def test_default_follows_the_role_when_the_user_is_set(self):
        self.assertRecordValues(
            self.head | self.lead | self.newcomer,
            [
                {"appraisal_appraised": False},
                {"appraisal_appraised": False},
                {"appraisal_appraised": True},
            ],
        )
        # Without a user: not appraised unless marked (or credited).
        clerk = self.env["hr.employee"].create({"name": "Clerk Qian"})
        self.assertFalse(clerk.appraisal_appraised)
        # A later change of role leaves the decision alone.
        self.new_user.groups_id |= self.env.ref(SUPERVISOR_GROUP)
        self.assertTrue(self.newcomer.appraisal_appraised)

    def test_generation_appraises_only_employees_marked_appraised(self):
        appraisals = self._generate(departments=self.department)
        self.assertEqual(appraisals.employee_id, self.newcomer)
        # Not even a supervisor who worked on an order of the month.
        self._create_tickets(engineers=self.lead, difficulty=self.level_standard)
        self.assertEqual(
            self._generate(departments=self.department).employee_id, self.newcomer
        )
        # Marked by HR: the team lead is appraised too, the head still not.
        self.lead.appraisal_appraised = True
        appraisals = self._generate(departments=self.department)
        self.assertEqual(appraisals.employee_id, self.newcomer | self.lead)
        # Unmarked, an engineer with nothing in the month is left out.
        self.newcomer.appraisal_appraised = False
        self.assertEqual(
            self._generate(departments=self.department).employee_id, self.lead
        )

    def test_unmarked_engineer_without_credits_is_left_out(self):
        self.newcomer.appraisal_appraised = False
        self.assertFalse(self._generate(employees=self.newcomer))

    def test_only_hr_sets_the_flag(self):
        for user in (self.new_user, self.lead_user, self.head_user):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.newcomer.with_user(user).write({"appraisal_appraised": False})
                with self.assertRaises(AccessError):
                    self.lead.with_user(user).write({"appraisal_appraised": True})
        self.assertTrue(self.newcomer.appraisal_appraised)
        self.assertFalse(self.lead.appraisal_appraised)
        hr_officer = self._create_user_employee(
            "hr_officer", "HR Officer Lin", "hr.group_hr_user"
        )[0]
        self.lead.with_user(hr_officer).appraisal_appraised = True
        self.assertTrue(self.lead.appraisal_appraised)

    def test_the_form_offers_the_flag_to_hr(self):
        arch = self.env["hr.employee"].get_view(
            self.env.ref("hr.view_employee_form").id
        )["arch"]
        self.assertIn('name="appraisal_appraised"', arch)
