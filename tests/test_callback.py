# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form
from odoo.tools import mute_logger

from ..const import SERVICE_CENTRE_GROUP
from .common import AppraisalCommon, new_test_user

# "Now" for the tests: early November 2026, after the October calls.
NOW = "2026-11-05 10:00:00"
OCTOBER = (date(2026, 10, 1), date(2026, 10, 31))
SEPTEMBER = (date(2026, 9, 1), date(2026, 9, 30))


class CallbackCommon(AppraisalCommon):
    """Order AB (engineers A and B and the intern), order A (engineer A alone),
    order C (engineer C, of another team) and a call-centre agent."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="agent",
            name="Agent Zhou",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        cls.ticket_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, interns=cls.intern
        )
        cls.ticket_a = cls._create_tickets(engineers=cls.engineer_a)
        cls.ticket_c = cls._create_tickets(engineers=cls.engineer_c)
        cls.Callback = cls.env["helpdesk.ticket.callback"]
        # The demo's callbacks, when the database has the demo.
        cls.existing_callbacks = cls.Callback.search([])

    def _test_callbacks(self, model=None):
        """The callbacks this test wrote, leaving out the demo's; ``model`` is
        the model as some user reads it."""
        return (self.Callback if model is None else model).search(
            [("id", "not in", self.existing_callbacks.ids)]
        )

    def _dissatisfied_counts(self, date_from, date_to, employees=None):
        """``{employee id: dissatisfied callbacks}`` of the months from
        ``date_from`` to ``date_to``, by the callbacks' fact source."""
        return {
            employee_id: measures["dissatisfied"]
            for employee_id, measures in self._source_totals(
                "helpdesk.ticket.callback", date_from, date_to, employees
            ).items()
            if measures["dissatisfied"]
        }

    @classmethod
    def _callback(cls, ticket, result, call_date, user=None):
        return (
            cls.Callback.with_user(user or cls.agent)
            .create({"ticket_id": ticket.id, "result": result, "call_date": call_date})
            .sudo()
        )


@freeze_time(NOW)
class TestCallback(CallbackCommon):
    def test_dissatisfied_callbacks_count_for_each_engineer(self):
        for call_date in ("2026-10-03 09:00:00", "2026-10-17 15:00:00"):
            self._callback(self.ticket_ab, "dissatisfied", call_date)
        self._callback(self.ticket_ab, "neutral", "2026-10-18 10:00:00")
        self._callback(self.ticket_ab, "dissatisfied", "2026-09-28 10:00:00")
        self._callback(self.ticket_a, "dissatisfied", "2026-10-25 10:00:00")
        self._callback(self.ticket_c, "satisfied", "2026-10-25 10:00:00")
        counts = self._dissatisfied_counts(*OCTOBER)
        # Order AB: 2 in October for A and for B, the intern never;
        # order A: 1 more for A. The neutral and satisfied calls count nothing.
        self.assertEqual(counts, {self.engineer_a.id: 3, self.engineer_b.id: 2})
        self.assertEqual(
            self._dissatisfied_counts(*SEPTEMBER),
            {self.engineer_a.id: 1, self.engineer_b.id: 1},
        )
        self.assertEqual(
            self._dissatisfied_counts(SEPTEMBER[0], OCTOBER[1]),
            {self.engineer_a.id: 4, self.engineer_b.id: 3},
        )

    def test_order_with_interns_only_counts_against_nobody(self):
        ticket = self._create_tickets(interns=self.intern)
        self._callback(ticket, "dissatisfied", "2026-10-03 09:00:00")
        self.assertEqual(self._dissatisfied_counts(*OCTOBER), {})

    def test_month_of_the_call_in_the_company_time_zone(self):
        self.env.company.appraisal_tz = "Asia/Shanghai"
        # 16:30 UTC on 31 October is 00:30 on 1 November in Shanghai.
        callback = self._callback(self.ticket_ab, "dissatisfied", "2026-10-31 16:30:00")
        self.assertEqual(callback.month, date(2026, 11, 1))
        self.assertEqual(self._dissatisfied_counts(*OCTOBER), {})
        # Fixed when recorded: the caller's zone and the setting move nothing.
        self.agent.tz = False
        self.env.company.appraisal_tz = "UTC"
        self.assertEqual(callback.month, date(2026, 11, 1))

    def test_agent_logs_a_callback_from_the_order(self):
        action = self.ticket_ab.with_user(self.agent).action_log_callback()
        self.assertEqual(action["target"], "new")
        Callback = self.Callback.with_user(self.agent).with_context(**action["context"])
        with Form(Callback) as form:
            self.assertEqual(form.ticket_id, self.ticket_ab)
            form.result = "dissatisfied"
            form.customer_comment = "The printer jams again."
            form.work_confirmed = False
        callback = form.record
        self.assertEqual(callback.user_id, self.agent)
        self.assertEqual(callback.call_date, datetime(2026, 11, 5, 10, 0))
        self.assertEqual(callback.month, date(2026, 11, 1))
        self.assertEqual(callback.company_id, self.env.company)
        self.assertEqual(self.ticket_ab.callback_count, 1)
        action = self.ticket_ab.action_view_callbacks()
        self.assertEqual(self.Callback.search(action["domain"]), callback)

    def test_several_callbacks_per_order(self):
        self._callback(self.ticket_ab, "unreachable", "2026-10-03 09:00:00")
        self._callback(self.ticket_ab, "satisfied", "2026-10-04 09:00:00")
        self._callback(self.ticket_a, "satisfied", "2026-10-04 09:00:00")
        tickets = self.ticket_ab | self.ticket_a | self.ticket_c
        self.assertEqual(tickets.mapped("callback_count"), [2, 1, 0])
        self.assertEqual(len(self.ticket_ab.callback_ids), 2)

    def test_callback_in_the_future_is_refused(self):
        with self.assertRaisesText(ValidationError, self.ticket_ab.display_name):
            self._callback(self.ticket_ab, "satisfied", "2026-11-05 10:05:00")
        with self.assertRaisesText(ValidationError, "in the future"):
            with Form(self.Callback.with_user(self.agent)) as form:
                form.ticket_id = self.ticket_ab
                form.result = "satisfied"
                form.call_date = datetime(2026, 11, 6, 9, 0)
        self.assertFalse(self._test_callbacks())

    def test_callback_on_an_order_of_another_company_is_refused(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        branch_team = self.env["helpdesk.ticket.team"].create(
            {"name": "Branch team", "company_id": branch.id}
        )
        branch_ticket = self.env["helpdesk.ticket"].create(
            {
                "name": "Branch order",
                "description": "Elsewhere",
                "team_id": branch_team.id,
            }
        )
        self.env.user.company_ids = [Command.link(branch.id)]
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self.Callback.create({"ticket_id": branch_ticket.id, "result": "neutral"})
        self.assertFalse(self._test_callbacks())


@freeze_time(NOW)
class TestCallbackImport(CallbackCommon):
    """Import goes through ``load()``, as the import dialog does: one bad row
    refuses the whole file, with a message naming the row."""

    FIELDS = ["ticket_id", "call_date", "result", "customer_comment", "work_confirmed"]

    def _load(self, rows):
        return self.Callback.with_user(self.agent).load(self.FIELDS, rows)

    def _good_rows(self):
        return [
            [self.ticket_ab.number, "2026-10-03 09:00:00", "Dissatisfied", "Late", "0"],
            [self.ticket_a.number, "2026-10-04 11:30:00", "satisfied", "", "1"],
            [self.ticket_c.number, "2026-10-05 14:00:00", "Unreachable", "", ""],
        ]

    def _assert_refused(self, result, row, text):
        """One error names the bad row (0-based) and says what is wrong."""
        self.assertFalse(result["ids"])
        self.assertIn(
            (row, row, True),
            [
                (m["rows"]["from"], m["record"], text in m["message"])
                for m in result["messages"]
                if m["type"] == "error"
            ],
            result["messages"],
        )
        self.assertFalse(self._test_callbacks())

    def test_import_a_month_of_callbacks(self):
        result = self._load(self._good_rows())
        self.assertEqual(result["messages"], [])
        callbacks = self.Callback.browse(result["ids"])
        self.assertEqual(
            callbacks.ticket_id, self.ticket_ab | self.ticket_a | self.ticket_c
        )
        # Results by label or by value, dates in the importing user's zone.
        self.assertEqual(
            callbacks.mapped("result"), ["dissatisfied", "satisfied", "unreachable"]
        )
        self.assertEqual(callbacks[0].call_date, datetime(2026, 10, 3, 9, 0))
        self.assertEqual(callbacks.mapped("work_confirmed"), [False, True, False])
        self.assertEqual(callbacks.user_id, self.agent)
        self.assertEqual(
            self._dissatisfied_counts(*OCTOBER),
            {self.engineer_a.id: 1, self.engineer_b.id: 1},
        )

    def test_import_by_order_title(self):
        self.ticket_c.name = "Scanner calibration"
        rows = [["Scanner calibration", "2026-10-05 14:00:00", "Neutral", "", ""]]
        result = self._load(rows)
        self.assertEqual(self.Callback.browse(result["ids"]).ticket_id, self.ticket_c)

    # The import tries the rows without a value, which the database refuses.
    @mute_logger("odoo.sql_db")
    def test_unknown_order_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[1][0] = "HT-NO-SUCH-ORDER"
        self._assert_refused(self._load(rows), 1, "HT-NO-SUCH-ORDER")

    @mute_logger("odoo.sql_db")
    def test_unknown_result_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[2][2] = "Furious"
        self._assert_refused(self._load(rows), 2, "Furious")

    def test_future_call_refuses_the_whole_file(self):
        rows = self._good_rows()
        rows[2][1] = "2026-11-30 09:00:00"
        self._assert_refused(self._load(rows), 2, self.ticket_c.display_name)


@freeze_time(NOW)
class TestCallbackAccess(CallbackCommon):
    """Agents read every order and log callbacks; engineers read the callbacks
    of their orders, supervisors those of their team's orders."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.callback_ab = cls._callback(cls.ticket_ab, "neutral", "2026-10-03 09:00:00")
        cls.callback_a = cls._callback(cls.ticket_a, "neutral", "2026-10-03 09:00:00")
        cls.callback_c = cls._callback(cls.ticket_c, "neutral", "2026-10-03 09:00:00")

    def _visible(self, user):
        return self._test_callbacks(self.Callback.with_user(user))

    def test_agent_corrects_only_own_calls(self):
        colleague = new_test_user(
            self.env,
            login="agent_2",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
        )
        as_colleague = self.callback_ab.with_user(colleague)
        self.assertEqual(as_colleague.result, "neutral")
        with self.assertRaises(AccessError):
            as_colleague.result = "dissatisfied"
        self.assertEqual(self.callback_ab.result, "neutral")
        self.callback_ab.with_user(self.agent).result = "dissatisfied"
        self.assertEqual(self.callback_ab.result, "dissatisfied")

    def test_agent_reads_orders_and_logs_callbacks(self):
        ticket = self.ticket_c.with_user(self.agent)
        # The order form opens with everything the agent needs.
        form = Form(ticket)
        self.assertEqual(form.callback_count, 1)
        self.assertEqual(len(form.participant_ids), 1)
        self._callback(self.ticket_c, "satisfied", "2026-10-04 09:00:00")
        self.assertEqual(len(self._visible(self.agent)), 4)
        self.callback_c.with_user(self.agent).customer_comment = "Called twice"
        with self.assertRaises(AccessError):
            ticket.write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.callback_c.with_user(self.agent).unlink()

    def test_buttons_and_menus_by_role(self):
        def form_arch(user):
            return self.ticket_ab.with_user(user).get_views([(False, "form")])["views"][
                "form"
            ]["arch"]

        self.assertIn("action_log_callback", form_arch(self.agent))
        self.assertNotIn("action_report_unqualified", form_arch(self.agent))
        self.assertIn("action_report_unqualified", form_arch(self.supervisor_user))
        self.assertNotIn("action_log_callback", form_arch(self.supervisor_user))
        self.assertIn("action_view_callbacks", form_arch(self.engineer_a_user))
        self.assertNotIn("action_report_unqualified", form_arch(self.engineer_a_user))

        def visible_menus(user):
            Menu = self.env["ir.ui.menu"].with_user(user)
            return Menu.browse(Menu._visible_menu_ids())

        module = "helpdesk_engineer_appraisal"
        agent_menus = visible_menus(self.agent)
        self.assertIn(
            self.env.ref(f"{module}.helpdesk_ticket_callback_service_centre_menu"),
            agent_menus,
        )
        self.assertNotIn(self.env.ref(f"{module}.appraisal_menu"), agent_menus)
        engineer_menus = visible_menus(self.engineer_a_user)
        self.assertIn(
            self.env.ref(f"{module}.helpdesk_ticket_callback_menu"), engineer_menus
        )
        self.assertIn(
            self.env.ref(f"{module}.helpdesk_quality_finding_menu"), engineer_menus
        )

    def test_agent_reads_no_appraisal_data(self):
        credit = self.ticket_c.sudo().credit_ids
        with self.assertRaises(AccessError):
            credit.with_user(self.agent).read(["points"])
        with self.assertRaises(AccessError):
            self.env["helpdesk.quality.finding"].with_user(self.agent).search([])

    def test_engineer_reads_the_callbacks_of_their_orders(self):
        self.assertEqual(
            self._visible(self.engineer_a_user), self.callback_ab | self.callback_a
        )
        self.assertEqual(self._visible(self.engineer_b_user), self.callback_ab)
        with self.assertRaises(AccessError):
            self.callback_c.with_user(self.engineer_a_user).read(["result"])

    def test_engineer_cannot_log_callbacks(self):
        for user in (self.engineer_a_user, self.supervisor_user):
            with self.assertRaises(AccessError):
                self._callback(self.ticket_a, "satisfied", "2026-10-04 09:00:00", user)
            with self.assertRaises(AccessError):
                self.callback_a.with_user(user).result = "dissatisfied"
        self.assertEqual(self.callback_a.result, "neutral")

    def test_supervisor_reads_the_callbacks_of_the_team(self):
        self.assertEqual(
            self._visible(self.supervisor_user), self.callback_ab | self.callback_a
        )

    def test_manager_reads_and_deletes_all_callbacks(self):
        self.assertEqual(
            self._visible(self.manager_user),
            self.callback_ab | self.callback_a | self.callback_c,
        )
        self.callback_c.with_user(self.manager_user).unlink()
        self.assertFalse(self.callback_c.exists())

    def test_callbacks_of_another_company_are_hidden(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        self.manager_user.company_ids = [Command.link(branch.id)]
        Callback = self.Callback.with_user(self.manager_user)
        self.assertEqual(
            len(Callback.with_context(allowed_company_ids=[branch.id]).search([])), 0
        )
        self.assertEqual(
            len(
                self._test_callbacks(
                    Callback.with_context(allowed_company_ids=[self.env.company.id])
                )
            ),
            3,
        )


@freeze_time(NOW)
class TestCallbackPerformance(CallbackCommon):
    def _dissatisfied_orders(self, count):
        tickets = self._create_tickets(
            count=count,
            engineers=self.engineer_a | self.engineer_b,
            interns=self.intern,
        )
        self.Callback.create(
            [
                {
                    "ticket_id": ticket.id,
                    "result": "dissatisfied",
                    "call_date": "2026-10-21 09:00:00",
                }
                for ticket in tickets
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()

    def test_counts_take_two_queries_whatever_the_number_of_orders(self):
        # One grouped read of the callbacks, one of the orders' engineers.
        self._dissatisfied_orders(5)
        employees = self._test_employees()
        with self.assertQueryCount(2):
            counts = self._dissatisfied_counts(*OCTOBER, employees)
        self.assertEqual(counts, {self.engineer_a.id: 5, self.engineer_b.id: 5})
        self._dissatisfied_orders(50)
        with self.assertQueryCount(2):
            counts = self._dissatisfied_counts(*OCTOBER, employees)
        self.assertEqual(counts, {self.engineer_a.id: 55, self.engineer_b.id: 55})
