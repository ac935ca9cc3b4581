# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo import Command, api
from odoo.exceptions import AccessError, UserError

from ..const import SERVICE_CENTRE_GROUP
from .common import AppraisalCommon, new_test_user

OCTOBER = date(2026, 10, 1)


class TestCallbackIntegrity(AppraisalCommon):
    """Who called and the month of the call are the module's to record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.agent, cls.other_agent = (
            new_test_user(
                cls.env,
                login=login,
                groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
                tz="UTC",
            )
            for login in ("fact_agent", "fact_agent_2")
        )
        cls.order = cls._create_tickets(engineers=cls.engineer_a)
        cls.Callback = cls.env["helpdesk.ticket.callback"]
        cls.callback = cls.Callback.with_user(cls.agent).create(
            {
                "ticket_id": cls.order.id,
                "result": "dissatisfied",
                "call_date": "2026-10-21 10:00:00",
            }
        )

    def test_agent_cannot_move_the_month_of_a_callback(self):
        callback = self.callback.with_user(self.agent)
        with self.assertRaisesText(AccessError, "Month"):
            callback.month = date(2099, 12, 1)
        self.assertEqual(self.callback.month, OCTOBER)

    def test_agent_cannot_rewrite_who_called(self):
        with self.assertRaisesText(AccessError, "Called by"):
            self.callback.with_user(self.agent).user_id = self.other_agent
        with self.assertRaisesText(AccessError, "Called by"):
            self.callback.with_user(self.manager_user).user_id = self.other_agent
        self.assertEqual(self.callback.user_id, self.agent)

    def test_callback_is_not_logged_in_another_agents_name(self):
        with self.assertRaisesText(AccessError, "Called by"):
            self.Callback.with_user(self.agent).create(
                {
                    "ticket_id": self.order.id,
                    "result": "satisfied",
                    "call_date": "2026-10-22 10:00:00",
                    "user_id": self.other_agent.id,
                }
            )
        # Naming oneself is what the default does.
        callback = self.Callback.with_user(self.agent).create(
            {
                "ticket_id": self.order.id,
                "result": "satisfied",
                "call_date": "2026-10-22 10:00:00",
                "user_id": self.agent.id,
            }
        )
        self.assertEqual(callback.user_id, self.agent)

    def test_a_context_default_is_not_another_caller_nor_month(self):
        """``default_`` keys sent over RPC are values like any other."""
        before = self.Callback.search_count([])
        for key, value in (
            ("default_user_id", self.other_agent.id),
            ("default_month", "2099-12-01"),
        ):
            with self.subTest(key=key), self.assertRaises(AccessError):
                self.Callback.with_user(self.agent).with_context(**{key: value}).create(
                    {
                        "ticket_id": self.order.id,
                        "result": "satisfied",
                        "call_date": "2026-10-22 10:00:00",
                    }
                )
        self.assertEqual(self.Callback.search_count([]), before)

    def test_import_cannot_set_the_caller_or_the_month(self):
        before = self.Callback.search_count([])
        for field, value in (
            ("user_id/.id", str(self.other_agent.id)),
            ("month", "2099-12-01"),
        ):
            result = self.Callback.with_user(self.agent).load(
                ["ticket_id/.id", "call_date", "result", field],
                [[str(self.order.id), "2026-10-23 10:00:00", "satisfied", value]],
            )
            self.assertFalse(result["ids"])
            self.assertTrue(
                any(
                    "recorded by the module" in message["message"]
                    for message in result["messages"]
                ),
                result["messages"],
            )
        self.assertEqual(self.Callback.search_count([]), before)


class TestFindingIntegrity(AppraisalCommon):
    """Reporter, month and status of a finding: the module's to record, and
    nobody acts on a finding about themselves."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        # The supervisor worked on an order of the manager's team too.
        cls.supervisor.parent_id = cls.manager
        cls.order = cls._create_tickets(engineers=cls.engineer_a | cls.supervisor)
        cls.Finding = cls.env["helpdesk.quality.finding"]
        cls.finding = cls.Finding.with_user(cls.supervisor_user).create(
            {
                "timesheet_id": cls._work_log(cls.order, cls.engineer_a).id,
                "reason": "No parts listed",
                "date": "2026-10-22",
            }
        )
        cls.finding_about_supervisor = cls.Finding.with_user(cls.manager_user).create(
            {
                "timesheet_id": cls._work_log(cls.order, cls.supervisor).id,
                "reason": "Empty description",
                "date": "2026-10-22",
            }
        )

    @staticmethod
    def _work_log(ticket, employee):
        return ticket.timesheet_ids.filtered(lambda line: line.employee_id == employee)

    def test_reporter_and_month_are_not_written(self):
        finding = self.finding.with_user(self.supervisor_user)
        with self.assertRaisesText(AccessError, "Reported by"):
            finding.user_id = self.manager_user
        with self.assertRaisesText(AccessError, "Month"):
            finding.month = date(2099, 12, 1)
        with self.assertRaisesText(AccessError, "Reported by"):
            self.Finding.with_user(self.supervisor_user).create(
                {
                    "timesheet_id": self._work_log(self.order, self.engineer_a).id,
                    "reason": "Again",
                    "user_id": self.manager_user.id,
                }
            )
        self.assertRecordValues(
            self.finding, [{"user_id": self.supervisor_user.id, "month": OCTOBER}]
        )

    def test_import_cannot_set_the_reporter(self):
        result = self.Finding.with_user(self.supervisor_user).load(
            ["timesheet_id/.id", "reason", "date", "user_id/.id"],
            [
                [
                    str(self._work_log(self.order, self.engineer_a).id),
                    "Imported",
                    "2026-10-23",
                    str(self.manager_user.id),
                ]
            ],
        )
        self.assertFalse(result["ids"])
        self.assertIn("recorded by the module", result["messages"][0]["message"])

    def test_a_client_context_does_not_withdraw_or_reactivate(self):
        forged = self.finding.with_user(self.supervisor_user).with_context(
            finding_withdrawal=True
        )
        with self.assertRaisesText(UserError, "Withdraw a finding with its button"):
            forged.state = "withdrawn"
        self.assertEqual(self.finding.state, "active")
        self.finding.withdrawal_reason = "Parts were listed"
        self.finding.with_user(self.supervisor_user).action_withdraw()
        self.assertEqual(self.finding.state, "withdrawn")
        with self.assertRaisesText(UserError, "Withdraw a finding with its button"):
            forged.state = "active"
        self.assertEqual(self.finding.state, "withdrawn")

    def test_the_withdrawal_key_sent_by_a_client_unlocks_nothing(self):
        """The context key ``action_withdraw`` sets, sent with any value a
        client can send (JSON), by the engineer the finding is about and by
        the supervisor who reported it, in ``with_context`` and as the web
        client's ``call_kw`` passes it: refused, nothing written."""
        attempts = (
            {"state": "withdrawn"},
            {"state": "withdrawn", "withdrawal_reason": "Forged"},
        )
        error, message = UserError, "Withdraw a finding with its button"
        for user in (self.engineer_a_user, self.supervisor_user):
            finding = self.finding.with_user(user)
            for value in (True, 1, "1", "finding_withdrawal", {"forged": True}):
                context = {"finding_withdrawal": value}
                for vals in attempts:
                    with self.subTest(user=user.login, value=value, vals=vals):
                        with self.assertRaisesText(error, message):
                            finding.with_context(**context).write(vals)
                        with self.assertRaisesText(error, message):
                            api.call_kw(
                                finding,
                                "write",
                                [finding.ids, vals],
                                {"context": context},
                            )
        # The button itself still wants a reason, whatever the context says.
        with self.assertRaisesText(UserError, "Give the reason"):
            api.call_kw(
                self.finding.with_user(self.supervisor_user),
                "action_withdraw",
                [self.finding.ids],
                {"context": {"finding_withdrawal": True}},
            )
        self.finding.invalidate_recordset()
        self.assertRecordValues(
            self.finding, [{"state": "active", "withdrawal_reason": False}]
        )
        self.assertEqual(
            self.Finding.search_count(
                [("employee_id", "=", self.engineer_a.id), ("state", "=", "active")]
            ),
            1,
        )

    def test_nobody_withdraws_or_deletes_a_finding_about_themselves(self):
        finding = self.finding_about_supervisor.with_user(self.supervisor_user)
        with self.assertRaisesText(UserError, "about your own work"):
            finding.write({"withdrawal_reason": "Not my fault"})
        self.finding_about_supervisor.withdrawal_reason = "Not my fault"
        with self.assertRaisesText(UserError, "about your own work"):
            finding.action_withdraw()
        with self.assertRaisesText(UserError, "never deleted"):
            finding.unlink()
        self.assertEqual(self.finding_about_supervisor.state, "active")
        with self.assertRaisesText(UserError, "about your own work"):
            self.Finding.with_user(self.supervisor_user).create(
                {
                    "timesheet_id": self._work_log(self.order, self.supervisor).id,
                    "reason": "Self-report",
                }
            )


class TestAreaDeletion(AppraisalCommon):
    """An area with daily rates or orders is archived, never deleted."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Area = cls.env["helpdesk.service.area"]
        values = {
            "leader_id": cls.engineer_a.id,
            "member_ids": [Command.set(cls.engineer_a.ids)],
            "device_count": 10,
        }
        cls.area = Area.create({"name": "Rated Area", **values})
        cls.empty_area = Area.create({"name": "Empty Area", **values})
        cls.order = cls._create_tickets(engineers=cls.engineer_a)
        cls.order.sudo().write(
            {"service_area_id": cls.area.id, "planned_date": date(2026, 10, 15)}
        )
        cls.area._refresh_daily_rates(OCTOBER, date(2026, 10, 31))

    def test_area_with_rates_is_archived_not_deleted(self):
        Daily = self.env["helpdesk.service.area.daily"]
        rates = Daily.search([("area_id", "=", self.area.id)])
        self.assertEqual(len(rates), 1)
        with self.assertRaisesText(UserError, "Archive it instead"):
            self.area.with_user(self.manager_user).unlink()
        self.assertTrue(rates.exists())
        self.assertEqual(self.order.service_area_id, self.area)
        self.area.with_user(self.manager_user).active = False
        self.assertFalse(self.area.active)
        self.assertTrue(rates.exists())

    def test_area_without_history_may_be_deleted(self):
        self.empty_area.with_user(self.manager_user).unlink()
        self.assertFalse(self.empty_area.exists())
