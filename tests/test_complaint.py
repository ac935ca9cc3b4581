# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from ..const import SERVICE_CENTRE_GROUP, SUPERVISOR_GROUP
from .common import AppraisalCommon, new_test_user

# "Now" for the tests: early November 2026, after the October complaints.
NOW = "2026-11-05 10:00:00"
OCTOBER = date(2026, 10, 1)
NOVEMBER = date(2026, 11, 1)
NO_CHANNEL = {
    "attributable_hotline": 0,
    "attributable_general_manager": 0,
    "attributable_other_department": 0,
    "attributable_field_visit": 0,
    "attributable_callback": 0,
    "deduction_hotline": 0,
    "deduction_general_manager": 0,
    "deduction_other_department": 0,
    "deduction_field_visit": 0,
    "deduction_callback": 0,
}


class ComplaintCommon(AppraisalCommon):
    """Order AB (engineers A and B and the intern) of a customer, order C
    (engineer C, of another team) and a call-centre agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="complaint_agent",
            name="Agent Zhou",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        cls.customer = cls.env["res.partner"].create({"name": "Dongfang Machinery"})
        cls.ticket_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, interns=cls.intern
        )
        cls.ticket_ab.partner_id = cls.customer
        cls.ticket_c = cls._create_tickets(engineers=cls.engineer_c)
        cls.Complaint = cls.env["helpdesk.complaint"]
        # The demo's complaints, when the database has the demo.
        cls.existing_complaints = cls.Complaint.search([])

    def _test_complaints(self, model=None):
        """The complaints this test wrote, leaving out the demo's; ``model``
        is the model as some user reads it."""
        return (self.Complaint if model is None else model).search(
            [("id", "not in", self.existing_complaints.ids)]
        )

    @classmethod
    def _record(cls, values, user=None):
        return cls.Complaint.with_user(user or cls.agent).create(
            {"description": "The engineer came late", "date": "2026-10-12", **values}
        )

    @classmethod
    def _against(cls, employees, user=None, **values):
        """A complaint without order against ``employees``."""
        return cls._record(
            {"employee_ids": [Command.set(employees.ids)], **values}, user
        )


@freeze_time(NOW)
class TestComplaint(ComplaintCommon):
    def test_defaults_from_the_order_and_the_channel(self):
        with Form(self.Complaint.with_user(self.agent)) as form:
            form.ticket_id = self.ticket_ab
            self.assertEqual(form.partner_id, self.customer)
            # The engineers of the order, never its intern.
            self.assertEqual(
                sorted(employee.id for employee in form.employee_ids),
                sorted((self.engineer_a | self.engineer_b).ids),
            )
            self.assertEqual(form.channel, "hotline")
            self.assertEqual(form.deduction, 10.0)
            expected = {
                "general_manager": 20.0,
                "other_department": 2.0,
                "field_visit": 10.0,
                "callback": 10.0,
                "hotline": 10.0,
            }
            for channel, deduction in expected.items():
                form.channel = channel
                self.assertEqual(form.deduction, deduction, channel)
            form.channel = "general_manager"
            form.category = "timeliness"
            form.description = "Two days before anyone came"
        complaint = form.record
        self.assertRecordValues(
            complaint,
            [
                {
                    "date": date(2026, 11, 5),
                    "month": NOVEMBER,
                    "deduction": 20.0,
                    "state": "active",
                    "is_attributable": False,
                    "verified_by_id": False,
                    "verified_on": False,
                    "user_id": self.agent.id,
                }
            ],
        )
        self.assertEqual(complaint.display_name, "Dongfang Machinery - 11/05/2026")

    def test_company_settings_set_the_defaults(self):
        self.env.company.write(
            {
                "appraisal_complaint_deduction_hotline": 12.0,
                "appraisal_complaint_deduction_other_department": 3.0,
            }
        )
        hotline = self._against(self.engineer_a)
        other = self._against(self.engineer_a, channel="other_department")
        chosen = self._against(self.engineer_a, channel="hotline", deduction=5.0)
        self.assertEqual(
            (hotline | other | chosen).mapped("deduction"), [12.0, 3.0, 5.0]
        )

    def test_the_order_does_not_move_a_recorded_complaint(self):
        complaint = self._record({"ticket_id": self.ticket_ab.id})
        self.ticket_ab.participant_ids.filtered(
            lambda p: p.employee_id == self.engineer_b
        ).unlink()
        self.ticket_ab.partner_id = self.env["res.partner"].create({"name": "Other"})
        self.assertEqual(complaint.employee_ids, self.engineer_a | self.engineer_b)
        self.assertEqual(complaint.partner_id, self.customer)

    def test_supervisor_verifies_and_changes_the_verification(self):
        complaint = self._record({"ticket_id": self.ticket_ab.id}).with_context(
            tracking_disable=False, mail_notrack=False
        )
        as_supervisor = complaint.with_user(self.supervisor_user)
        as_supervisor.action_verify_attributable()
        self.assertRecordValues(
            complaint,
            [
                {
                    "is_attributable": True,
                    "verified_by_id": self.supervisor_user.id,
                    "verified_on": datetime(2026, 11, 5, 10, 0),
                }
            ],
        )
        self.assertEqual(
            complaint.message_ids[0].body,
            "<p>Verified: attributable to the employees held responsible.</p>",
        )
        self.assertEqual(
            complaint.message_ids[0].author_id, self.supervisor_user.partner_id
        )
        # A second look: not their fault after all.
        complaint.with_user(self.manager_user).action_verify_not_attributable()
        self.assertRecordValues(
            complaint,
            [{"is_attributable": False, "verified_by_id": self.manager_user.id}],
        )
        complaint.invalidate_recordset(["message_ids"])
        self.assertIn("not attributable", complaint.message_ids[0].body)

    def test_withdraw_with_a_reason(self):
        complaint = self._against(self.engineer_a).with_context(
            tracking_disable=False, mail_notrack=False
        )
        as_supervisor = complaint.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, "Give the reason"):
            as_supervisor.action_withdraw()
        as_supervisor.withdrawal_reason = "   "
        with self.assertRaisesText(UserError, "Give the reason"):
            as_supervisor.action_withdraw()
        self.assertEqual(complaint.state, "active")
        as_supervisor.withdrawal_reason = "Another company's technician"
        as_supervisor.action_withdraw()
        self.assertEqual(complaint.state, "withdrawn")
        self.env.flush_all()
        self.env.cr.precommit.run()
        self.assertIn(
            "Complaint withdrawn: Another company's technician",
            " ".join(complaint.message_ids.mapped("body")),
        )
        with self.assertRaisesText(UserError, "Only active complaints"):
            as_supervisor.action_withdraw()
        with self.assertRaisesText(UserError, "Only active complaints"):
            as_supervisor.action_verify_attributable()

    def test_only_a_supervisor_verifies_or_withdraws(self):
        complaint = self._record({"ticket_id": self.ticket_ab.id})
        complaint.withdrawal_reason = "Recorded twice"
        # The agent who recorded it, the engineers it holds, a supervisor of
        # another team.
        other_supervisor_user, other_supervisor = self._create_user_employee(
            "other_supervisor",
            "Supervisor Qian",
            SUPERVISOR_GROUP,
        )
        self.engineer_c.parent_id = other_supervisor
        for user in (self.agent, self.engineer_a_user, other_supervisor_user):
            for action in (
                "action_verify_attributable",
                "action_verify_not_attributable",
                "action_withdraw",
            ):
                with (
                    self.subTest(user=user.name, action=action),
                    self.assertRaises(AccessError),
                ):
                    getattr(complaint.with_user(user), action)()
        self.assertRecordValues(
            complaint,
            [{"state": "active", "is_attributable": False, "verified_by_id": False}],
        )

    def test_decisions_are_not_written_directly(self):
        complaint = self._record({"ticket_id": self.ticket_ab.id})
        forged_values = (
            {"state": "withdrawn"},
            {"is_attributable": True},
            {"verified_by_id": self.supervisor_user.id},
            {"verified_on": "2026-11-01 10:00:00"},
        )
        for user in (self.agent, self.supervisor_user, self.manager_user):
            for values in forged_values:
                # As an RPC client would, also with the context key the
                # actions use.
                for context in ({}, {"complaint_decision": True}):
                    with (
                        self.subTest(user=user.name, values=values, ctx=context),
                        self.assertRaisesText(UserError, "with its buttons"),
                    ):
                        complaint.with_user(user).with_context(**context).write(values)
        with self.assertRaisesText(UserError, "with its buttons"):
            self._against(self.engineer_a, is_attributable=True)
        with self.assertRaisesText(UserError, "with its buttons"):
            self._against(
                self.engineer_a,
                user=self.supervisor_user,
                verified_by_id=self.supervisor_user.id,
            )
        self.assertEqual(self._test_complaints(), complaint)
        self.assertRecordValues(
            complaint,
            [{"state": "active", "is_attributable": False, "verified_by_id": False}],
        )

    def test_decisions_are_not_sent_as_context_defaults(self):
        """``default_`` keys sent over RPC are values like any other: a
        complaint is recorded active and undecided, whatever they say."""
        for key, value in (
            ("default_is_attributable", True),
            ("default_verified_by_id", self.supervisor_user.id),
            ("default_verified_on", "2026-11-01 10:00:00"),
            ("default_state", "withdrawn"),
        ):
            with (
                self.subTest(key=key),
                self.assertRaisesText(UserError, "with its buttons"),
            ):
                self.Complaint.with_user(self.agent).with_context(
                    **{key: value}
                ).create(
                    {
                        "description": "The engineer came late",
                        "date": "2026-10-12",
                        "employee_ids": [Command.set(self.engineer_a.ids)],
                    }
                )
        self.assertFalse(self._test_complaints())

    def test_recorder_and_month_are_not_written(self):
        complaint = self._against(self.engineer_a)
        with self.assertRaisesText(AccessError, "Recorded by"):
            complaint.with_user(self.agent).user_id = self.supervisor_user
        with self.assertRaisesText(AccessError, "Month"):
            complaint.with_user(self.agent).month = NOVEMBER
        with self.assertRaisesText(AccessError, "Recorded by"):
            self._against(self.engineer_a, user_id=self.supervisor_user.id)
        self.assertRecordValues(
            complaint, [{"user_id": self.agent.id, "month": OCTOBER}]
        )

    def test_nobody_handles_a_complaint_about_themselves(self):
        with self.assertRaisesText(UserError, "is held against you"):
            self._against(self.supervisor, user=self.supervisor_user)
        complaint = self._against(self.supervisor | self.engineer_a)
        complaint.withdrawal_reason = "Not us"
        as_supervisor = complaint.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, "is held against you"):
            as_supervisor.action_verify_not_attributable()
        with self.assertRaisesText(UserError, "is held against you"):
            as_supervisor.action_withdraw()
        with self.assertRaisesText(UserError, "is held against you"):
            as_supervisor.deduction = 0.0
        # Dropping oneself from it is changing it too.
        with self.assertRaisesText(UserError, "is held against you"):
            as_supervisor.employee_ids = [Command.unlink(self.supervisor.id)]
        self.assertRecordValues(
            complaint, [{"state": "active", "verified_by_id": False, "deduction": 10}]
        )
        self.assertEqual(complaint.employee_ids, self.supervisor | self.engineer_a)
        complaint.with_user(self.manager_user).action_verify_attributable()
        self.assertTrue(complaint.is_attributable)

    def test_complaints_are_never_deleted(self):
        complaint = self._against(self.engineer_a)
        for user in (self.supervisor_user, self.manager_user):
            with self.assertRaisesText(UserError, "never deleted"):
                complaint.with_user(user).unlink()
        with self.assertRaises(AccessError):
            complaint.with_user(self.agent).unlink()
        self.assertTrue(complaint.exists())

    def test_locked_month_stays(self):
        complaint = self._against(self.engineer_a)
        complaint.withdrawal_reason = "Recorded twice"
        self.env.company.with_user(self.manager_user)._set_appraisal_lock_date(
            date(2026, 10, 31), "October is closed"
        )
        as_supervisor = complaint.with_user(self.supervisor_user)
        for action in ("action_verify_attributable", "action_withdraw"):
            with self.assertRaisesText(UserError, "locked up to"):
                getattr(as_supervisor, action)()
        with self.assertRaisesText(UserError, "locked up to"):
            as_supervisor.deduction = 0.0
        # Moved out of October or into it.
        with self.assertRaisesText(UserError, "locked up to"):
            as_supervisor.date = date(2026, 11, 2)
        with self.assertRaisesText(UserError, "locked up to"):
            self._against(self.engineer_b)
        november = self._against(self.engineer_b, date="2026-11-02")
        with self.assertRaisesText(UserError, "locked up to"):
            november.with_user(self.agent).date = date(2026, 10, 30)
        self.assertRecordValues(
            complaint,
            [{"state": "active", "verified_by_id": False, "month": OCTOBER}],
        )
        self.assertEqual(self._test_complaints(), complaint | november)

    def test_bad_input_is_refused(self):
        for deduction in (-1.0, math.nan, math.inf, 100.5):
            with self.assertRaisesText(ValidationError, "Deduction"):
                self._against(self.engineer_a, deduction=deduction)
        with self.assertRaisesText(ValidationError, "dated in the future"):
            self._against(self.engineer_a, date="2026-11-06")
        with self.assertRaisesText(ValidationError, "must lie between"):
            self._against(self.engineer_a, date="1999-12-31")
        with self.assertRaisesText(ValidationError, "holds nobody responsible"):
            self._record({"channel": "hotline"})
        complaint = self._against(self.engineer_a)
        with self.assertRaisesText(ValidationError, "Deduction"):
            complaint.with_user(self.agent).deduction = math.nan
        with self.assertRaisesText(ValidationError, "holds nobody responsible"):
            complaint.with_user(self.agent).employee_ids = [Command.clear()]
        self.assertEqual(self._test_complaints(), complaint)
        self.assertEqual(complaint.deduction, 10.0)

    def test_bad_settings_are_refused(self):
        for value in (-1.0, math.nan, 101.0):
            with self.assertRaisesText(ValidationError, "Complaint Hotline"):
                self.env.company.appraisal_complaint_deduction_hotline = value
            with self.assertRaisesText(ValidationError, "General Manager"):
                self.env["res.config.settings"].create(
                    {"appraisal_complaint_deduction_general_manager": value}
                )
        self.assertEqual(self.env.company.appraisal_complaint_deduction_hotline, 10.0)
        self.assertEqual(
            self.env.company.appraisal_complaint_deduction_general_manager, 20.0
        )
        settings = self.env["res.config.settings"].create(
            {"appraisal_complaint_deduction_other_department": 3.0}
        )
        settings.execute()
        self.assertEqual(
            self.env.company.appraisal_complaint_deduction_other_department, 3.0
        )

    def test_order_lists_its_complaints(self):
        complaint = self._record({"ticket_id": self.ticket_ab.id})
        self._against(self.engineer_a)
        self.assertEqual(self.ticket_ab.with_user(self.agent).complaint_count, 1)
        self.assertEqual(
            self.ticket_ab.with_user(self.engineer_b_user).complaint_count, 1
        )
        self.assertEqual(self.ticket_c.complaint_count, 0)
        action = self.ticket_ab.with_user(self.engineer_a_user).action_view_complaints()
        self.assertEqual(
            self.Complaint.with_user(self.engineer_a_user).search(action["domain"]),
            complaint,
        )

    def test_employee_and_recorder_stay(self):
        self._against(self.engineer_b, user=self.supervisor_user)
        with self.assertRaisesText(UserError, "archive the employee"):
            self.engineer_b.unlink()
        with self.assertRaisesText(UserError, "archive the user"):
            self.supervisor_user.unlink()
        self.assertTrue(self.engineer_b.exists())


@freeze_time(NOW)
class TestComplaintFacts(ComplaintCommon):
    """The fact source: counts and complaints by employee and month."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        supervisor = cls.supervisor_user
        # October. Order AB, hotline, attributable: A and B each.
        cls.c1 = cls._record({"ticket_id": cls.ticket_ab.id, "date": "2026-10-03"})
        # A alone: general manager, attributable (20); HR field visit, not
        # attributable; hotline, attributable but withdrawn.
        cls.c2 = cls._against(cls.engineer_a, channel="general_manager")
        cls.c3 = cls._against(cls.engineer_a, channel="field_visit")
        cls.c5 = cls._against(cls.engineer_a, date="2026-10-31")
        # B alone: on a callback, not yet verified.
        cls.c4 = cls._against(cls.engineer_b, channel="callback")
        # November: B, other department, 3 points, attributable; C, hotline.
        cls.c6 = cls._against(
            cls.engineer_b,
            channel="other_department",
            deduction=3.0,
            date="2026-11-02",
        )
        cls.c7 = cls._against(cls.engineer_c, date="2026-11-02")
        (cls.c1 | cls.c2 | cls.c5 | cls.c6).with_user(
            supervisor
        ).action_verify_attributable()
        cls.c3.with_user(supervisor).action_verify_not_attributable()
        cls.c7.with_user(cls.manager_user).action_verify_attributable()
        cls.c5.with_user(supervisor).withdrawal_reason = "Recorded twice"
        cls.c5.with_user(supervisor).action_withdraw()

    def test_counts_by_employee_and_month(self):
        counts = self.Complaint._counts_by_employee_month(
            self.engineer_a | self.engineer_b, [OCTOBER, NOVEMBER]
        )
        self.assertEqual(
            counts,
            {
                # c1 (hotline 10) + c2 (general manager 20) + c3 (not
                # attributable); c5 withdrawn.
                (self.engineer_a.id, OCTOBER): {
                    **NO_CHANNEL,
                    "complaints": 3,
                    "attributable": 2,
                    "deduction": 30.0,
                    "attributable_hotline": 1,
                    "attributable_general_manager": 1,
                    "deduction_hotline": 10.0,
                    "deduction_general_manager": 20.0,
                },
                # c1 (hotline 10) + c4 (not verified).
                (self.engineer_b.id, OCTOBER): {
                    **NO_CHANNEL,
                    "complaints": 2,
                    "attributable": 1,
                    "deduction": 10.0,
                    "attributable_hotline": 1,
                    "deduction_hotline": 10.0,
                },
                # c6 (other department, 3).
                (self.engineer_b.id, NOVEMBER): {
                    **NO_CHANNEL,
                    "complaints": 1,
                    "attributable": 1,
                    "deduction": 3.0,
                    "attributable_other_department": 1,
                    "deduction_other_department": 3.0,
                },
            },
        )

    def test_counts_only_the_employees_and_months_asked(self):
        # c1 also holds B: asked for A, B is absent.
        counts = self.Complaint._counts_by_employee_month(self.engineer_a, [OCTOBER])
        self.assertEqual(list(counts), [(self.engineer_a.id, OCTOBER)])
        self.assertEqual(
            self.Complaint._counts_by_employee_month(
                self.engineer_a | self.engineer_b, [date(2026, 9, 1)]
            ),
            {},
        )

    def test_facts_by_employee_and_month(self):
        facts = self.Complaint._facts_by_employee_month(
            self.engineer_a | self.engineer_b, [OCTOBER, NOVEMBER]
        )
        self.assertEqual(
            facts,
            {
                (self.engineer_a.id, OCTOBER): self.c1 | self.c2 | self.c3,
                (self.engineer_b.id, OCTOBER): self.c1 | self.c4,
                (self.engineer_b.id, NOVEMBER): self.c6,
            },
        )

    def test_an_appraisal_counts_what_its_reader_cannot_see(self):
        # Engineer A reads only their own complaints; the counts of B are
        # the same for them.
        Complaint = self.Complaint.with_user(self.engineer_a_user)
        self.assertEqual(
            Complaint._counts_by_employee_month(self.engineer_b, [OCTOBER]),
            self.Complaint._counts_by_employee_month(self.engineer_b, [OCTOBER]),
        )
        facts = Complaint._facts_by_employee_month(self.engineer_b, [OCTOBER])
        # In the reader's environment: what they may open stays theirs to say.
        self.assertEqual(facts[(self.engineer_b.id, OCTOBER)], self.c1 | self.c4)
        self.assertEqual(
            facts[(self.engineer_b.id, OCTOBER)].env.uid, self.engineer_a_user.id
        )

    def test_an_archived_employee_still_counts(self):
        self.engineer_b.action_archive()
        counts = self.Complaint._counts_by_employee_month(self.engineer_b, [OCTOBER])
        self.assertEqual(counts[(self.engineer_b.id, OCTOBER)]["complaints"], 2)
        self.assertEqual(self.c1.employee_ids, self.engineer_a | self.engineer_b)


@freeze_time(NOW)
class TestComplaintQueries(ComplaintCommon):
    """Constant queries whatever the number of employees."""

    def _team(self, size):
        employees = self.env["hr.employee"].create(
            [{"name": f"Engineer {index}"} for index in range(size)]
        )
        # Each alone on one complaint, and in pairs on another, in two months.
        values = [
            {"employee_ids": [Command.set(employee.ids)], "date": day}
            for employee in employees
            for day in ("2026-10-05", "2026-11-02")
        ] + [
            {"employee_ids": [Command.set(pair.ids)], "date": "2026-10-06"}
            for pair in (employees[index : index + 2] for index in range(0, size, 2))
        ]
        complaints = self.Complaint.create(
            [{"description": "Late", **vals} for vals in values]
        )
        complaints.action_verify_attributable()
        self.env.flush_all()
        self.env.invalidate_all()
        return employees

    def _queries(self, employees):
        """Queries of each fact source for ``employees``."""
        queries = []
        for method in ("_counts_by_employee_month", "_facts_by_employee_month"):
            self.env.invalidate_all()
            with self._capture_reads() as reads:
                result = getattr(self.Complaint, method)(employees, [OCTOBER, NOVEMBER])
            self.assertEqual(len(result), 2 * len(employees))
            queries.append(len(reads))
        return queries

    def test_queries_do_not_grow_with_the_employees(self):
        small = self._queries(self._team(2))
        large = self._queries(self._team(40))
        self.assertEqual(small, large)
        self.assertEqual(small, [1, 2])
        employees = self._team(4)
        with self.assertQueryCount(1):
            self.Complaint._counts_by_employee_month(employees, [OCTOBER, NOVEMBER])


@freeze_time(NOW)
class TestComplaintAccess(ComplaintCommon):
    """Agents and supervisors record complaints; engineers read those held
    against them; supervisors their team's; managers all."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.complaint_ab = cls._record({"ticket_id": cls.ticket_ab.id})
        cls.complaint_b = cls._against(cls.engineer_b, user=cls.supervisor_user)
        cls.complaint_c = cls._record({"ticket_id": cls.ticket_c.id})

    def _visible(self, user):
        return self._test_complaints(self.Complaint.with_user(user))

    def test_engineer_reads_the_complaints_held_against_them(self):
        self.assertEqual(self._visible(self.engineer_a_user), self.complaint_ab)
        self.assertEqual(
            self._visible(self.engineer_b_user), self.complaint_ab | self.complaint_b
        )
        with self.assertRaises(AccessError):
            self.complaint_c.with_user(self.engineer_a_user).read(["description"])
        with self.assertRaises(AccessError):
            self.complaint_ab.with_user(self.engineer_a_user).description = "Fine"
        with self.assertRaises(AccessError):
            self._against(self.engineer_b, user=self.engineer_a_user)

    def test_supervisor_records_and_reads_for_the_team(self):
        self.assertEqual(
            self._visible(self.supervisor_user), self.complaint_ab | self.complaint_b
        )
        with self.assertRaises(AccessError):
            self._against(self.engineer_c, user=self.supervisor_user)
        with self.assertRaises(AccessError):
            self.complaint_c.with_user(self.supervisor_user).read(["description"])
        self.complaint_b.with_user(self.supervisor_user).category = "attitude"
        self.assertEqual(self.complaint_b.category, "attitude")

    def test_agent_reads_all_and_changes_own_until_verified(self):
        self.assertEqual(
            self._visible(self.agent),
            self.complaint_ab | self.complaint_b | self.complaint_c,
        )
        with self.assertRaises(AccessError):
            self.complaint_b.with_user(self.agent).category = "attitude"
        as_agent = self.complaint_ab.with_user(self.agent)
        as_agent.category = "quality"
        self.assertEqual(self.complaint_ab.category, "quality")
        self.complaint_ab.with_user(self.supervisor_user).action_verify_attributable()
        with self.assertRaises(AccessError):
            as_agent.deduction = 0.0
        self.assertEqual(self.complaint_ab.deduction, 10.0)
        # The agent reads no appraisal data for all that.
        with self.assertRaises(AccessError):
            self.env["helpdesk.quality.finding"].with_user(self.agent).search([])

    def test_manager_reads_all(self):
        self.assertEqual(
            self._visible(self.manager_user),
            self.complaint_ab | self.complaint_b | self.complaint_c,
        )

    def test_users_without_a_role_read_no_complaint(self):
        helpdesk_user = new_test_user(
            self.env, login="desk", groups="helpdesk_mgmt.group_helpdesk_user"
        )
        with self.assertRaises(AccessError):
            self._visible(helpdesk_user)

    def test_menus_and_buttons_by_role(self):
        def visible_menus(user):
            Menu = self.env["ir.ui.menu"].with_user(user)
            return Menu.browse(Menu._visible_menu_ids())

        module = "helpdesk_engineer_appraisal"
        self.assertIn(
            self.env.ref(f"{module}.helpdesk_complaint_service_centre_menu"),
            visible_menus(self.agent),
        )
        self.assertIn(
            self.env.ref(f"{module}.helpdesk_complaint_menu"),
            visible_menus(self.engineer_a_user),
        )

        def form_arch(user):
            return self.Complaint.with_user(user).get_views([(False, "form")])["views"][
                "form"
            ]["arch"]

        self.assertIn("action_verify_attributable", form_arch(self.supervisor_user))
        for user in (self.agent, self.engineer_a_user):
            self.assertNotIn("action_verify_attributable", form_arch(user))
            self.assertNotIn("action_withdraw", form_arch(user))

    def test_complaints_of_another_company_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        branch_engineer = self.env["hr.employee"].create(
            {"name": "Branch engineer", "company_id": branch.id}
        )
        branch_complaint = self.Complaint.with_company(branch).create(
            {
                "employee_ids": [Command.set(branch_engineer.ids)],
                "description": "Elsewhere",
                "date": "2026-10-12",
            }
        )
        self.assertEqual(branch_complaint.company_id, branch)
        Complaint = self.Complaint.with_user(self.manager_user)
        self.assertEqual(
            self._test_complaints(
                Complaint.with_context(allowed_company_ids=[branch.id])
            ),
            branch_complaint,
        )
        self.assertEqual(
            self._test_complaints(
                Complaint.with_context(allowed_company_ids=[self.env.company.id])
            ),
            self.complaint_ab | self.complaint_b | self.complaint_c,
        )
        # An employee of another company is not held in this one.
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self._against(branch_engineer, user=self.manager_user)


@freeze_time(NOW)
class TestComplaintImport(ComplaintCommon):
    """Import goes through ``load()``, as the import dialog does: one bad row
    refuses the whole file, with a message naming the row."""

    FIELDS = [
        "date",
        "ticket_id",
        "employee_ids",
        "channel",
        "category",
        "description",
    ]

    def _load(self, rows, fields=None):
        return self.Complaint.with_user(self.agent).load(
            self.FIELDS if fields is None else fields, rows
        )

    def _good_rows(self):
        return [
            ["2026-10-03", self.ticket_ab.number, "", "Complaint Hotline", "Quality",
             "Still broken"],
            ["2026-10-04", "", "Engineer C", "general_manager", "attitude", "Rude"],
            ["2026-10-05", "", "Engineer A,Engineer B", "Other Department", "Other",
             "Late report"],
        ]  # fmt: skip

    def _assert_refused(self, result, row, text):
        """One error names the bad row (0-based) and says what is wrong."""
        self.assertFalse(result["ids"])
        self.assertIn(
            (row, True),
            [
                (m.get("record"), text in m["message"])
                for m in result["messages"]
                if m["type"] == "error"
            ],
            result["messages"],
        )
        self.assertFalse(self._test_complaints())

    def test_import_a_month_of_complaints(self):
        result = self._load(self._good_rows())
        self.assertEqual(result["messages"], [])
        complaints = self.Complaint.browse(result["ids"])
        self.assertEqual(
            [complaint.employee_ids for complaint in complaints],
            [
                self.engineer_a | self.engineer_b,
                self.engineer_c,
                self.engineer_a | self.engineer_b,
            ],
        )
        self.assertEqual(
            complaints.mapped("channel"),
            ["hotline", "general_manager", "other_department"],
        )
        self.assertEqual(complaints.mapped("deduction"), [10.0, 20.0, 2.0])
        self.assertEqual(complaints[0].partner_id, self.customer)
        self.assertEqual(set(complaints.mapped("month")), {OCTOBER})
        self.assertEqual(complaints.user_id, self.agent)
        self.assertFalse(any(complaints.mapped("is_attributable")))

    @mute_logger("odoo.sql_db")
    def test_unknown_channel_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[1][3] = "Newspaper"
        self._assert_refused(self._load(rows), 1, "Newspaper")

    @mute_logger("odoo.sql_db")
    def test_unknown_employee_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[2][2] = "Nobody Known"
        self._assert_refused(self._load(rows), 2, "Nobody Known")

    def test_future_or_unheld_complaint_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[2][0] = "2026-11-06"
        self._assert_refused(self._load(rows), 2, "dated in the future")
        rows[2][0] = "2026-11-30"
        self._assert_refused(self._load(rows), 2, "Received on must lie between")
        rows = self._good_rows()
        rows[1][2] = ""
        self._assert_refused(self._load(rows), 1, "holds nobody responsible")

    def test_decisions_and_recorder_are_not_imported(self):
        rows = [row + ["1"] for row in self._good_rows()]
        result = self._load(rows, self.FIELDS + ["is_attributable"])
        self.assertFalse(result["ids"])
        self.assertIn("with its buttons", result["messages"][0]["message"])
        rows = [row + [str(self.supervisor_user.id)] for row in self._good_rows()]
        result = self._load(rows, self.FIELDS + ["user_id/.id"])
        self.assertFalse(result["ids"])
        self.assertIn("recorded by the module", result["messages"][0]["message"])
        self.assertFalse(self._test_complaints())

    def test_malformed_files_are_refused_with_a_message(self):
        for fields, rows in ((self.FIELDS, []), ([], [["x"]])):
            result = self._load(rows, fields)
            self.assertFalse(result["ids"])
            self.assertIn("holds no complaint", result["messages"][0]["message"])
        rows = self._good_rows()
        rows[1] = rows[1][:4]
        result = self._load(rows)
        self.assertFalse(result["ids"])
        self.assertEqual(
            result["messages"][0]["message"],
            "Row 2 has 4 cells where the file has 6 columns.",
        )
        self.assertFalse(self._test_complaints())
