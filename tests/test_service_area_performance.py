# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from odoo import Command

from .test_service_area import OCTOBER, OCTOBER_END, ServiceAreaCommon


class TestServiceAreaPerformance(ServiceAreaCommon):
    """The daily refresh reads the orders, callbacks and existing rows in a
    fixed number of queries, whatever the number of areas and orders."""

    def _areas_with_orders(self, count):
        """``count`` areas over October, each with a customer and two orders:
        one confirmed on Oct 1, one left open and due on Oct 15."""
        areas = self.Area.create(
            [
                {
                    "name": f"Area {count}-{index}",
                    "leader_id": self.engineer_a.id,
                    "member_ids": [Command.set(self.engineer_a.ids)],
                    "device_count": 10 * index,
                }
                for index in range(count)
            ]
        )
        customers = self.env["res.partner"].create(
            [
                {"name": f"Customer {area.name}", "service_area_id": area.id}
                for area in areas
            ]
        )
        tickets = self.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Visit {customer.name} {day}",
                    "description": "Scheduled visit",
                    "team_id": self.team.id,
                    "partner_id": customer.id,
                    "planned_date": date(2026, 10, day),
                }
                for customer in customers
                for day in (1, 15)
            ]
        )
        done = tickets.filtered(lambda t: t.planned_date.day == 1)
        done.write({"stage_id": self.stage_done.id})
        done.write({"closed_date": datetime(2026, 10, 1, 9)})
        self.env["helpdesk.ticket.callback"].create(
            [
                {"ticket_id": ticket.id, "result": "satisfied", "work_confirmed": True}
                for ticket in done
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return areas

    def _warm_caches(self):
        """Refresh once so that the ORM's own caches (the field defaults of
        the daily rows, read once per process) do not count below."""
        self._refresh(self._areas_with_orders(1))

    def _refresh(self, areas):
        areas._refresh_daily_rates(OCTOBER, OCTOBER_END)
        self.env.flush_all()

    def test_reads_do_not_grow_with_the_areas(self):
        self._warm_caches()
        reads = {}
        for count in (5, 50):
            areas = self._areas_with_orders(count)
            with self._capture_reads() as reads[count]:
                self._refresh(areas)
            rows = self.Daily.search([("area_id", "in", areas.ids)])
            self.assertEqual(len(rows), 2 * count)
            self.assertEqual(sum(rows.mapped("confirmed_count")), count)
        self.assertEqual(len(reads[5]), len(reads[50]))

    def test_query_budget_for_50_areas(self):
        self._warm_caches()
        areas = self._areas_with_orders(50)
        # 7 reads (due counts, confirmed orders, their latest callbacks,
        # areas, leaders, their resources for the time zone, existing rows)
        # + 1 INSERT of 100 rows.
        with self.assertQueryCount(8):
            self._refresh(areas)
        self.assertEqual(len(self.Daily.search([("area_id", "in", areas.ids)])), 100)
        # A second refresh after changes: 25 rows move from Oct 15 to Oct 16
        # (25 removed, 25 created) and 15 rows of Oct 1 lose their
        # confirmation (15 written), each in one batch.
        self.env["helpdesk.ticket"].search(
            [
                ("service_area_id", "in", areas[:25].ids),
                ("planned_date", "=", date(2026, 10, 15)),
            ]
        ).planned_date = date(2026, 10, 16)
        self.env["helpdesk.ticket.callback"].search(
            [("ticket_id.service_area_id", "in", areas[25:40].ids)]
        ).work_confirmed = False
        self.env.flush_all()
        self.env.invalidate_all()
        # The same 7 reads + 1 UPDATE + the unlink (DELETE, 3 look-ups of
        # the ORM's own housekeeping, a re-read of the areas) + 1 INSERT.
        with self.assertQueryCount(14):
            self._refresh(areas)
        rows = self.Daily.search([("area_id", "in", areas.ids)])
        self.assertEqual(len(rows), 100)
        self.assertEqual(sum(rows.mapped("confirmed_count")), 35)
