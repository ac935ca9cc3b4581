# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from freezegun import freeze_time

from odoo import Command

from .test_ticket_timeliness import TimelinessCommon


class KpiTimelinessCommon(TimelinessCommon):
    """Orders, responses, closings, callbacks, visits, reworks and QA
    recorded as people do, at frozen moments, in a company working
    08:00-12:00 and 13:00-17:00 (UTC) Monday to Friday: 8 working hours a
    day, the working day of seed 004-B. 5 October 2026 is a Monday."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.calendar = cls.env["resource.calendar"].create(
            {
                "name": "Service 8-12, 13-17",
                "tz": "UTC",
                "attendance_ids": [
                    Command.create(
                        {
                            "name": f"Day {day} {period}",
                            "dayofweek": str(day),
                            "hour_from": hour_from,
                            "hour_to": hour_to,
                            "day_period": period,
                        }
                    )
                    for day in range(5)
                    for hour_from, hour_to, period in (
                        (8.0, 12.0, "morning"),
                        (13.0, 17.0, "afternoon"),
                    )
                ],
            }
        )
        cls.env.company.resource_calendar_id = cls.calendar
        # Orders are created unassigned (helpdesk_mgmt would assign them to
        # their creator, a first assignment arrivals are measured from): a
        # test assigns them when it means to.
        cls.env.company.helpdesk_mgmt_ticket_auto_assign = False
        cls.Metric = cls.env["helpdesk.appraisal.metric"]

    def _order_of(
        self, engineers, created_at, responded_at=None, closed_at=None, **vals
    ):
        """An order of ``engineers`` requested at ``created_at``, first
        responded to (leaving the unattended stage) at ``responded_at`` and
        closed at ``closed_at``."""
        ticket = self._order(
            created_at,
            participant_ids=[
                Command.create({"employee_id": employee.id, "role": "engineer"})
                for employee in engineers
            ],
            **vals,
        )
        if responded_at:
            self._at(responded_at, ticket, self.in_progress)
        if closed_at:
            self._at(closed_at, ticket, self.done)
        return ticket

    def _callback(self, ticket, moment, result, confirmed):
        with freeze_time(moment):
            self.env["helpdesk.ticket.callback"].create(
                {
                    "ticket_id": ticket.id,
                    "call_date": moment,
                    "result": result,
                    "work_confirmed": confirmed,
                }
            )
            self.env.flush_all()
        self.env.invalidate_all()

    def _visit(self, user, ticket, check_in, check_out=None):
        """The engineer of ``user`` checks in on site, and out."""
        with freeze_time(check_in):
            ticket.with_user(user).action_check_in()
            self.env.flush_all()
        if check_out:
            with freeze_time(check_out):
                ticket.with_user(user).action_check_out()
                self.env.flush_all()
        self.env.invalidate_all()

    def _qa(self, ticket, result, day):
        """A supervisor's quality check of the repair."""
        ticket.with_user(self.supervisor_user).write(
            {"qa_result": result, "qa_date": day}
        )

    def _rework(self, original, reported_at, engineers):
        """A new order reported as a rework of ``original``, closed at once."""
        rework = self._order(reported_at, rework_of_id=original.id)
        self._close_first(rework, reported_at, engineers)
        return rework
