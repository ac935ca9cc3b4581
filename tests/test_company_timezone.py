# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import UserError

from ..const import SERVICE_CENTRE_GROUP
from .common import AppraisalCommon, new_test_user

# 16:30 UTC on 31 October is 00:30 on 1 November in Shanghai.
LATE_OCTOBER = datetime(2026, 10, 31, 16, 30)
NOVEMBER = date(2026, 11, 1)
OCTOBER = date(2026, 10, 1)


@freeze_time("2026-11-05 10:00:00")
class TestCompanyTimeZone(AppraisalCommon):
    """One time zone per company decides the day and month of every fact,
    fixed on the fact when it is recorded: nobody's time zone, nor a later
    change of the setting, moves a recorded fact."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.appraisal_tz = "Asia/Shanghai"
        cls.agent = new_test_user(
            cls.env,
            login="tz_agent",
            name="Agent Sun",
            groups=f"base.group_user,{SERVICE_CENTRE_GROUP}",
            tz="America/New_York",
        )

    def _order(self, closed_at=LATE_OCTOBER):
        return self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            difficulty=self.level_standard,
            closed_at=closed_at,
        )

    def _call(self, ticket, call_date=LATE_OCTOBER, user=None):
        return (
            self.env["helpdesk.ticket.callback"]
            .with_user(user or self.agent)
            .create(
                {
                    "ticket_id": ticket.id,
                    "result": "dissatisfied",
                    "call_date": call_date,
                }
            )
            .sudo()
        )

    def _change_every_time_zone(self):
        for user in (self.agent, self.engineer_a_user, self.engineer_b_user):
            user.tz = "Pacific/Honolulu"
        (self.engineer_a | self.engineer_b).tz = "Pacific/Honolulu"
        self.env.company.appraisal_tz = "UTC"

    def test_default_is_the_company_address_else_utc(self):
        partner = self.env["res.partner"].create(
            {"name": "Shenzhen Branch", "tz": "Asia/Shanghai"}
        )
        with_zone = self.env["res.company"].create(
            {"name": "Shenzhen Branch", "partner_id": partner.id}
        )
        without_zone = self.env["res.company"].create({"name": "No Zone Ltd"})
        self.assertEqual(with_zone.appraisal_tz, "Asia/Shanghai")
        self.assertEqual(without_zone.appraisal_tz, "UTC")
        # The address's zone changing later is not the appraisal's.
        partner.tz = "Europe/Paris"
        self.assertEqual(with_zone.appraisal_tz, "Asia/Shanghai")

    def test_setting_on_the_settings_page(self):
        settings = self.env["res.config.settings"].create(
            {"appraisal_tz": "Asia/Tokyo"}
        )
        settings.execute()
        self.assertEqual(self.env.company.appraisal_tz, "Asia/Tokyo")

    def test_closing_month_of_credits_is_the_company_s(self):
        ticket = self._order()
        self.assertEqual(ticket.appraisal_closed_day, NOVEMBER)
        self.assertEqual(ticket.credit_ids.mapped("month"), [NOVEMBER, NOVEMBER])
        self._change_every_time_zone()
        # A recompute of the credits for another reason moves nothing either.
        self._log_work(ticket, self.engineer_a)
        self.assertEqual(ticket.appraisal_closed_day, NOVEMBER)
        self.assertEqual(ticket.credit_ids.mapped("month"), [NOVEMBER, NOVEMBER])

    def test_closing_again_takes_the_setting_of_the_new_closing(self):
        ticket = self._order()
        self.env.company.appraisal_tz = "UTC"
        ticket.closed_date = datetime(2026, 10, 31, 17, 0)
        self.assertEqual(ticket.credit_ids.mapped("month"), [OCTOBER, OCTOBER])

    def test_callback_month_is_the_company_s(self):
        callback = self._call(self._order())
        self.assertEqual(callback.call_day, NOVEMBER)
        self.assertEqual(callback.month, NOVEMBER)
        self._change_every_time_zone()
        self.assertEqual(callback.month, NOVEMBER)

    def test_changing_or_deleting_the_agent_moves_no_callback(self):
        callback = self._call(self._order())
        self.agent.tz = False
        self.assertEqual(callback.month, NOVEMBER)
        # Deleting the agent's user is refused: it is archived instead.
        with self.assertRaisesText(UserError, "archive the user"):
            self.agent.unlink()
        self.agent.action_archive()
        self.assertFalse(self.agent.active)
        self.assertEqual(callback.user_id, self.agent)
        self.assertEqual(callback.month, NOVEMBER)

    def test_finding_day_defaults_to_today_in_the_company_zone(self):
        ticket = self._order()
        supervisor = self.supervisor_user
        supervisor.tz = "UTC"
        # 17:00 UTC on 31 October: 1 November in Shanghai, 31 October in UTC.
        with freeze_time("2026-10-31 17:00:00"):
            finding = (
                self.env["helpdesk.quality.finding"]
                .with_user(supervisor)
                .create(
                    {
                        "timesheet_id": ticket.timesheet_ids[:1].id,
                        "reason": "Unreadable",
                    }
                )
            )
        self.assertEqual(finding.date, NOVEMBER)
        self.assertEqual(finding.month, NOVEMBER)

    def test_task_days_are_the_company_s(self):
        with freeze_time("2026-10-19 10:00:00"):
            task = self.env["project.task"].create(
                {
                    "name": "Night inspection",
                    "project_id": self.project.id,
                    "is_appraisal_task": True,
                    "appraisal_task_kind": "inspection",
                    "user_ids": [Command.set(self.engineer_a_user.ids)],
                    # 20:00 UTC on the 20th is 04:00 on the 21st in Shanghai.
                    "date_deadline": datetime(2026, 10, 20, 20, 0),
                    "quality_score": 4.0,
                }
            )
        self.assertEqual(task.appraisal_deadline_day, date(2026, 10, 21))
        # Neither the assignee's zone, nor another assignee, nor the setting
        # moves the deadline day.
        self._change_every_time_zone()
        task.user_ids = [Command.set(self.engineer_b_user.ids)]
        task.flush_recordset()
        self.assertEqual(task.appraisal_deadline_day, date(2026, 10, 21))
        # Done at 15:00 UTC on the 21st, 23:00 in Shanghai: the deadline day.
        self.env.company.appraisal_tz = "Asia/Shanghai"
        with freeze_time("2026-10-21 15:00:00"):
            task.state = "1_done"
            task.flush_recordset()
        self.assertEqual(task.completion_date, date(2026, 10, 21))
        self.assertEqual(task.execution_status, "on_time")

    def test_area_day_is_the_company_s(self):
        area = self.env["helpdesk.service.area"].create(
            {
                "name": "East",
                "leader_id": self.engineer_a.id,
                "member_ids": [Command.set(self.engineer_a.ids)],
                "device_count": 10,
            }
        )
        customer = self.env["res.partner"].create(
            {"name": "East Clinic", "is_company": True, "service_area_id": area.id}
        )
        # Planned 31 October, closed 00:30 on 1 November in Shanghai: late.
        ticket = self._order()
        ticket.write({"partner_id": customer.id, "planned_date": date(2026, 10, 31)})
        self.assertEqual(ticket.service_area_id, area)
        self._call(ticket).work_confirmed = True
        self.engineer_a.tz = "UTC"
        area._refresh_daily_rates(OCTOBER, date(2026, 10, 31))
        rows = self.env["helpdesk.service.area.daily"].search(
            [("area_id", "=", area.id)]
        )
        self.assertEqual((rows.due_count, rows.confirmed_count), (1, 0))
        self._change_every_time_zone()
        area._refresh_daily_rates(OCTOBER, date(2026, 10, 31))
        self.assertEqual((rows.due_count, rows.confirmed_count), (1, 0))
