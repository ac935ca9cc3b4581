# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from freezegun import freeze_time
from lxml import etree

from odoo.exceptions import AccessError
from odoo.tools.safe_eval import safe_eval

from odoo.addons.base.tests.common import new_test_user

from ..const import SERVICE_CENTRE_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import AppraisalCommon
from .test_service_area import ServiceAreaCommon

MODULE = "helpdesk_engineer_appraisal"
TODO = "mail.mail_activity_data_todo"


class TestReviewQueue(AppraisalCommon):
    """Orders to Review shows what is accepted and sets the final difficulty
    in the list, through the review guards."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # A and B on the order, only A logged work; the intern does not show.
        cls.order = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b,
            interns=cls.intern,
            work_logs=cls.engineer_a,
        )
        cls.order.sudo().self_difficulty_id = cls.level_hard

    def _arch(self, xmlid):
        view = self.env.ref(f"{MODULE}.{xmlid}")
        return etree.fromstring(
            self.env[view.model].get_view(view.id, view.type)["arch"]
        )

    def test_engineers_and_who_logged_work(self):
        order = self.order.with_user(self.supervisor_user)
        self.assertEqual(order.engineer_ids, self.engineer_a | self.engineer_b)
        self.assertEqual(order.engineer_without_log_ids, self.engineer_b)
        self._log_work(self.order, self.engineer_b)
        self.order.invalidate_recordset()
        self.assertFalse(order.engineer_without_log_ids)

    def test_the_list_shows_what_is_accepted_and_edits_the_final_difficulty(self):
        arch = self._arch("helpdesk_ticket_view_list_review")
        self.assertEqual(arch.get("editable"), "bottom")
        self.assertEqual(arch.get("open_form_view"), "1")
        columns = {field.get("name"): field for field in arch.iter("field")}
        for fname in (
            "self_difficulty_id",
            "engineer_ids",
            "engineer_without_log_ids",
            "partner_id",
            "closed_date",
        ):
            self.assertIn(fname, columns)
        editable = [
            name
            for name, field in columns.items()
            if field.get("readonly") != "1" and field.get("column_invisible") != "1"
        ]
        self.assertEqual(editable, ["difficulty_id"])

    def test_orders_open_on_their_scoring_tab(self):
        action = self.env.ref(f"{MODULE}.helpdesk_ticket_action_to_review")
        views = {view.view_mode: view.view_id for view in action.view_ids}
        self.assertEqual(
            views["form"], self.env.ref(f"{MODULE}.helpdesk_ticket_view_form_review")
        )
        self.assertEqual(
            views["list"], self.env.ref(f"{MODULE}.helpdesk_ticket_view_list_review")
        )
        arch = self._arch("helpdesk_ticket_view_form_review")
        [scoring_page] = arch.xpath("//page[@name='scoring']")
        self.assertEqual(scoring_page.get("autofocus"), "autofocus")

    def test_setting_the_final_difficulty_in_the_list(self):
        # What the editable list saves: the final difficulty alone.
        self.order.with_user(self.supervisor_user).write(
            {"difficulty_id": self.level_standard.id}
        )
        self.assertEqual(self.order.rating_state, "reviewed")
        self.assertEqual(self.order.reviewer_id, self.supervisor_user)
        self.assertEqual(self._credit(self.order, self.engineer_a).points, 0.5)

    def test_the_list_keeps_the_review_guards(self):
        with self.assertRaisesText(AccessError, "Only appraisal supervisors"):
            self.order.with_user(self.engineer_a_user).write(
                {"difficulty_id": self.level_very_hard.id}
            )
        own = self._create_tickets(engineers=self.supervisor)
        with self.assertRaisesText(AccessError, "another supervisor reviews"):
            own.with_user(self.supervisor_user).write(
                {"difficulty_id": self.level_very_hard.id}
            )
        self.assertFalse(self.order.difficulty_id)
        self.assertFalse(own.difficulty_id)


class TestCallbackAlerts(AppraisalCommon):
    """A dissatisfied callback gives the supervisors of the order's engineers
    one to-do on the order."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent = new_test_user(
            cls.env,
            login="alert_agent",
            name="Agent Qian",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="UTC",
        )
        cls.order_ab = cls._create_tickets(
            engineers=cls.engineer_a | cls.engineer_b, interns=cls.intern
        )
        cls.order_c = cls._create_tickets(engineers=cls.engineer_c)

    def _callback(self, ticket, result):
        return (
            self.env["helpdesk.ticket.callback"]
            .with_user(self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "result": result,
                    "call_date": "2026-10-21 10:00:00",
                    "customer_comment": "The printer jams again",
                }
            )
        )

    def _todos(self, ticket):
        return ticket.activity_ids.filtered(
            lambda activity: activity.activity_type_id == self.env.ref(TODO)
        )

    def test_dissatisfied_callback_alerts_the_supervisor_once(self):
        self._callback(self.order_ab, "dissatisfied")
        # A and B have the same supervisor: one to-do, for them.
        todo = self._todos(self.order_ab)
        self.assertEqual(len(todo), 1)
        self.assertEqual(todo.user_id, self.supervisor_user)
        self.assertEqual(todo.summary, "Dissatisfied customer: follow up")
        self.assertIn("The printer jams again", todo.note)
        self.assertIn("2026-10-21", todo.note)

    def test_other_results_alert_nobody(self):
        for result in ("satisfied", "neutral", "unreachable"):
            self._callback(self.order_ab, result)
        self.assertFalse(self._todos(self.order_ab))

    def test_engineer_without_supervisor_alerts_nobody(self):
        self._callback(self.order_c, "dissatisfied")
        self.assertFalse(self._todos(self.order_c))

    def test_correcting_a_callback_to_dissatisfied_alerts(self):
        callback = self._callback(self.order_ab, "neutral")
        callback.sudo().result = "dissatisfied"
        self.assertEqual(self._todos(self.order_ab).user_id, self.supervisor_user)
        # Saving it again as dissatisfied alerts no second time.
        callback.sudo().write({"result": "dissatisfied"})
        self.assertEqual(len(self._todos(self.order_ab)), 1)


class TestGenerationAlerts(MonthlyAppraisalCommon):
    @classmethod
    def setup_independent_company(cls, **kwargs):
        # Generates the whole company's month.
        return cls._create_company(name="Alerts Test", **kwargs)

    def _team_todos(self, appraisals):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", "helpdesk.engineer.appraisal"),
                ("res_id", "in", appraisals.ids),
                ("activity_type_id", "=", self.env.ref(TODO).id),
                ("user_id", "=", self.supervisor_user.id),
            ]
        )

    def test_one_todo_per_supervisor_for_the_team(self):
        appraisals = self._generate()
        todos = self._team_todos(appraisals)
        # A and B report to the supervisor; C, the supervisor, the manager
        # and the administrator have no manager.
        self.assertEqual(len(todos), 1)
        self.assertEqual(todos.user_id, self.supervisor_user)
        self.assertEqual(
            todos.summary, "Prepare the 2 appraisals of your team (2026-10)"
        )
        self.assertIn("Engineer A, Engineer B", todos.note)
        # On the first draft, by engineer.
        self.assertEqual(todos.res_id, self._appraisal_of(self.engineer_a).id)

    def test_generating_again_adds_no_todo(self):
        appraisals = self._generate()
        self._generate()
        self.assertEqual(len(self._team_todos(appraisals)), 1)

    def test_sending_the_first_draft_closes_the_team_todo(self):
        appraisals = self._generate()
        self._appraisal_of(self.engineer_a).with_user(
            self.supervisor_user
        ).action_send_to_engineer()
        self.assertFalse(self._team_todos(appraisals))


class TestRefreshRatesNotification(ServiceAreaCommon):
    @freeze_time("2026-11-10 08:00:00")
    def test_refresh_says_what_it_did(self):
        # The four-day example (Oct 1: 2 due, 1 confirmed; Oct 3: 4, 4;
        # Oct 4: 1, 0), an order due Sep 30 (out of range) and one due Nov 2
        # (not closed): 4 days, 8 due, 5 confirmed from Oct 1 to Nov 10.
        self._four_day_example()
        self._orders(self.north_customer, date(2026, 9, 30))
        self._orders(self.north_customer, date(2026, 11, 2))
        action = self.north.with_user(self.manager_user).action_refresh_daily_rates()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(
            action["params"]["message"],
            "1 area(s), 2026-10-01 to 2026-11-10: 4 day(s) with orders due, "
            "8 order(s) due, 5 completed and confirmed.",
        )


class TestNotCalledBackFilter(AppraisalCommon):
    def test_closed_orders_without_callback(self):
        closed = self._create_tickets(engineers=self.engineer_a)
        called = self._create_tickets(engineers=self.engineer_a)
        still_open = self._create_tickets(engineers=self.engineer_a, closed_at=None)
        self.env["helpdesk.ticket.callback"].create(
            {
                "ticket_id": called.id,
                "result": "satisfied",
                "call_date": "2026-10-21 10:00:00",
            }
        )
        agent = new_test_user(
            self.env,
            login="filter_agent",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
        )
        Ticket = self.env["helpdesk.ticket"].with_user(agent)
        arch = etree.fromstring(Ticket.get_view(view_type="search")["arch"])
        [node] = arch.xpath("//filter[@name='not_called_back']")
        self.assertEqual(node.get("string"), "Closed, not yet called back")
        found = Ticket.search(safe_eval(node.get("domain")))
        self.assertEqual(found & (closed | called | still_open), closed)


class TestAppraisalPhoneViews(MonthlyAppraisalCommon):
    def test_kanban_views_for_phones(self):
        for xmlid, view_type in (
            ("helpdesk_ticket_action_my_to_rate", "kanban"),
            ("helpdesk_ticket_action_to_review", "kanban"),
            ("helpdesk_engineer_appraisal_action", "kanban"),
            ("project_task_action_appraisal", "kanban"),
        ):
            action = self.env.ref(f"{MODULE}.{xmlid}")
            self.assertIn(view_type, action.view_mode.split(","), xmlid)
            self.assertEqual(action.mobile_view_mode, "kanban")

    def test_engineer_buttons_in_the_sheet(self):
        view = self.env.ref(f"{MODULE}.helpdesk_engineer_appraisal_view_form")
        arch = etree.fromstring(
            self.env[view.model]
            .with_user(self.engineer_a_user)
            .get_view(view.id, "form")["arch"]
        )
        [box] = arch.xpath(
            "//sheet//div[contains(@class, 'o_appraisal_engineer_buttons')]"
        )
        self.assertEqual(
            [button.get("name") for button in box.iter("button")],
            ["action_acknowledge", "action_appeal"],
        )
        appraisal = self._generate(employees=self.engineer_a)
        appraisal.with_user(self.supervisor_user).action_send_to_engineer()
        appraisal.with_user(self.engineer_a_user).action_acknowledge()
        self.assertEqual(appraisal.state, "review")
        self.assertEqual(appraisal.month, OCTOBER)
