# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date, datetime

from freezegun import freeze_time

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form

from .. import scoring
from .common import AppraisalCommon
from .pure import reference

OCTOBER = date(2026, 10, 1)
OCTOBER_END = date(2026, 10, 31)


class ServiceAreaCommon(AppraisalCommon):
    """Area North (leader engineer A, 120 devices -> Q = 120 x 0.1 = 12) with
    its customer North Hospital, and area South (leader engineer C)."""

    @classmethod
    def setup_independent_company(cls, **kwargs):
        # Areas are ranked among all the areas of their company for the month:
        # a company of their own keeps the demo's areas (rated in October,
        # the demo's last month) out of the ranks and of the lists.
        return cls._create_company(name="Service Areas Test", **kwargs)

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.Area = cls.env["helpdesk.service.area"]
        cls.Daily = cls.env["helpdesk.service.area.daily"]
        cls.Ranking = cls.env["helpdesk.service.area.month"]
        cls.north = cls.Area.create(
            {
                "name": "North",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set((cls.engineer_a | cls.engineer_b).ids)],
                "device_count": 120,
            }
        )
        cls.south = cls.Area.create(
            {
                "name": "South",
                "leader_id": cls.engineer_c.id,
                "member_ids": [Command.set(cls.engineer_c.ids)],
                "device_count": 50,
            }
        )
        cls.north_customer = cls.env["res.partner"].create(
            {
                "name": "North Hospital",
                "is_company": True,
                "service_area_id": cls.north.id,
            }
        )
        cls.south_customer = cls.env["res.partner"].create(
            {
                "name": "South School",
                "is_company": True,
                "service_area_id": cls.south.id,
            }
        )

    @classmethod
    def _orders(
        cls, customer, planned, count=1, closed_at=None, confirmed=True, **vals
    ):
        """``count`` orders of ``customer`` due on ``planned``; closed at
        ``closed_at`` (UTC) when given, with a callback confirming the work
        or, if ``confirmed`` is False, one recording it as not done."""
        tickets = cls.env["helpdesk.ticket"].create(
            [
                {
                    "name": f"Maintenance {index}",
                    "description": "Scheduled visit",
                    "team_id": cls.team.id,
                    "partner_id": customer.id,
                    "planned_date": planned,
                    **vals,
                }
                for index in range(count)
            ]
        )
        if closed_at:
            tickets.write({"stage_id": cls.stage_done.id})
            tickets.write({"closed_date": closed_at})
            cls.env["helpdesk.ticket.callback"].create(
                [
                    {
                        "ticket_id": ticket.id,
                        "result": "satisfied",
                        "work_confirmed": confirmed,
                    }
                    for ticket in tickets
                ]
            )
        return tickets

    @classmethod
    def _four_day_example(cls):
        """North in October 2026, hand-computed:
        d1 = Oct 1: 2 due, 1 confirmed (the other has a callback saying the
        work is not done) -> 0.5; d2 = Oct 2: nothing due -> no rate;
        d3 = Oct 3: 4 due, 4 confirmed -> 1.0; d4 = Oct 4: 1 due, closed the
        next day -> 0 confirmed -> 0.0."""
        customer = cls.north_customer
        cls._orders(customer, date(2026, 10, 1), closed_at=datetime(2026, 10, 1, 15))
        cls._orders(
            customer,
            date(2026, 10, 1),
            closed_at=datetime(2026, 10, 1, 16),
            confirmed=False,
        )
        cls._orders(
            customer, date(2026, 10, 3), count=4, closed_at=datetime(2026, 10, 3, 9)
        )
        cls._orders(customer, date(2026, 10, 4), closed_at=datetime(2026, 10, 5, 8))

    def _rows(self, area):
        rows = self.Daily.search([("area_id", "=", area.id)])
        return {
            row.date: (row.due_count, row.confirmed_count, row.rate) for row in rows
        }

    def _refresh_october(self, areas=None):
        (areas or self.north | self.south)._refresh_daily_rates(OCTOBER, OCTOBER_END)

    def _reference_scores(self, areas, mode):
        """``{area id: (rate, score)}`` of October by the reference formulas
        of ``tests/reference.py``, from the daily rows."""
        scores = {}
        for area in areas:
            days = [
                (row.due_count, row.confirmed_count)
                for row in self.Daily.search(
                    [
                        ("area_id", "=", area.id),
                        ("date", ">=", OCTOBER),
                        ("date", "<=", OCTOBER_END),
                    ]
                )
            ]
            rate = reference.monthly_completion_rate(days, mode)
            if rate is not None:
                scores[area.id] = (
                    rate,
                    reference.area_score(area.standard_workload, rate),
                )
        return scores

    def _ranking(self, area, month=OCTOBER):
        # The ranking is an SQL view over other tables: write them, and forget
        # the values of the view read before.
        self.env.flush_all()
        self.env.invalidate_all()
        return self.Ranking.search([("area_id", "=", area.id), ("month", "=", month)])


class TestServiceAreaRates(ServiceAreaCommon):
    def test_four_day_example_daily_rows(self):
        self._four_day_example()
        self._refresh_october()
        self.assertEqual(
            self._rows(self.north),
            {
                date(2026, 10, 1): (2, 1, 0.5),
                date(2026, 10, 3): (4, 4, 1.0),
                date(2026, 10, 4): (1, 0, 0.0),
            },
        )
        self.assertFalse(self._rows(self.south))
        self.assertEqual(self.north.daily_rate_count, 3)

    def test_four_day_example_mean_of_daily_rates(self):
        self._four_day_example()
        self._refresh_october()
        # R = (0.5 + 1.0 + 0.0) / 3 = 0.5; score = 12 x 0.5 = 6.0
        rate, score = self.north._month_scores([OCTOBER])[self.north.id, OCTOBER]
        self.assertAlmostEqual(rate, 0.5)
        self.assertAlmostEqual(score, 6.0)
        ranking = self._ranking(self.north)
        self.assertRecordValues(
            ranking,
            [
                {
                    "leader_id": self.engineer_a.id,
                    "company_id": self.env.company.id,
                    "due_count": 7,
                    "confirmed_count": 5,
                    "standard_workload": 12.0,
                    "rank": 1,
                }
            ],
        )
        self.assertAlmostEqual(ranking.rate, 0.5)
        self.assertAlmostEqual(ranking.score, 6.0)

    def test_four_day_example_ratio_of_totals(self):
        self._four_day_example()
        self.env.company.appraisal_area_rate_mode = scoring.RATE_MODE_RATIO
        self._refresh_october()
        # R = 5 / 7 = 0.714285...; score = 12 x 5 / 7 = 8.571428...
        rate, score = self.north._month_scores([OCTOBER])[self.north.id, OCTOBER]
        self.assertAlmostEqual(rate, 5 / 7)
        self.assertAlmostEqual(score, 60 / 7)
        ranking = self._ranking(self.north)
        self.assertAlmostEqual(ranking.rate, 5 / 7)
        self.assertAlmostEqual(ranking.score, 60 / 7)

    def test_fixed_workload(self):
        self._four_day_example()
        self._refresh_october()
        self.north.write({"workload_mode": "fixed", "fixed_workload": 30.0})
        # Q = 30 whatever the devices: 30 x 0.5 = 15.0
        self.assertEqual(self.north.standard_workload, 30.0)
        self.assertAlmostEqual(
            self.north._month_scores([OCTOBER])[self.north.id, OCTOBER][1], 15
        )
        self.assertAlmostEqual(self._ranking(self.north).score, 15.0)

    def test_workload_follows_the_points_per_device_setting(self):
        self.assertAlmostEqual(self.north.standard_workload, 12.0)
        self.env.company.appraisal_points_per_device = 0.25
        # 120 x 0.25 = 30; South 50 x 0.25 = 12.5
        self.assertAlmostEqual(self.north.standard_workload, 30.0)
        self.assertAlmostEqual(self.south.standard_workload, 12.5)

    def test_ranking_agrees_with_the_python_formula(self):
        self._four_day_example()
        # South, Q = 50 x 0.1 = 5: Oct 2: 1/1, Oct 6: 2/1 -> mean 0.75, ratio
        # 2/3; scores 3.75 and 3.333... both below North (6.0 and 8.571...).
        self._orders(
            self.south_customer, date(2026, 10, 2), closed_at=datetime(2026, 10, 2, 9)
        )
        self._orders(
            self.south_customer,
            date(2026, 10, 6),
            count=2,
            closed_at=datetime(2026, 10, 6, 9),
        )
        self.env["helpdesk.ticket.callback"].search(
            [("ticket_id.planned_date", "=", date(2026, 10, 6))], limit=1
        ).work_confirmed = False
        self._refresh_october()
        expected = {
            scoring.RATE_MODE_DAILY_MEAN: {self.north: 6.0, self.south: 3.75},
            scoring.RATE_MODE_RATIO: {self.north: 60 / 7, self.south: 10 / 3},
        }
        for mode, scores in expected.items():
            self.env.company.appraisal_area_rate_mode = mode
            python_scores = self._reference_scores(self.north | self.south, mode)
            source = (self.north | self.south)._month_scores([OCTOBER])
            for rank, (area, score) in enumerate(scores.items(), start=1):
                ranking = self._ranking(area)
                self.assertAlmostEqual(python_scores[area.id][1], score)
                self.assertAlmostEqual(source[area.id, OCTOBER][1], score)
                self.assertAlmostEqual(source[area.id, OCTOBER][0], ranking.rate)
                self.assertAlmostEqual(ranking.score, score)
                self.assertAlmostEqual(ranking.rate, python_scores[area.id][0])
                self.assertEqual(ranking.rank, rank)

    def test_equal_scores_share_a_rank(self):
        # North: Q = 10 x 0.1 = 1.0, 3 of 10 confirmed -> 0.3. South: Q = 3 x
        # 0.1 = 0.30000000000000004 in floats, 1 of 1 -> 0.3 too.
        self.north.device_count = 10
        self.south.device_count = 3
        october_2 = datetime(2026, 10, 2, 9)
        self._orders(self.north_customer, date(2026, 10, 2), 3, october_2)
        self._orders(self.north_customer, date(2026, 10, 2), 7, october_2, False)
        self._orders(self.south_customer, date(2026, 10, 2), 1, october_2)
        self._refresh_october()
        self.assertEqual(self._ranking(self.north).rank, 1)
        self.assertEqual(self._ranking(self.south).rank, 1)

    def test_month_with_nothing_due_has_no_score(self):
        self._refresh_october()
        self.assertEqual((self.north | self.south)._month_scores([OCTOBER]), {})
        self.assertFalse(self._ranking(self.north))

    def test_order_closed_the_next_day_is_not_confirmed(self):
        self._orders(
            self.north_customer,
            date(2026, 10, 7),
            closed_at=datetime(2026, 10, 8, 0, 5),
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 0, 0.0)})

    def test_order_closed_early_counts_for_its_planned_day(self):
        self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 6, 10)
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})

    def test_order_closed_without_confirming_callback_is_not_confirmed(self):
        tickets = self._orders(self.north_customer, date(2026, 10, 7), count=2)
        tickets.write({"stage_id": self.stage_done.id})
        tickets.write({"closed_date": datetime(2026, 10, 7, 10)})
        # One has no callback at all, the other a callback not confirming.
        self.env["helpdesk.ticket.callback"].create(
            {"ticket_id": tickets[0].id, "result": "satisfied", "work_confirmed": False}
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (2, 0, 0.0)})

    def test_the_latest_callback_decides(self):
        ticket = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        ticket.callback_ids.call_date = datetime(2026, 10, 8, 9)
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})
        # A later call finds the work not done: no longer confirmed.
        later = self.env["helpdesk.ticket.callback"].create(
            {
                "ticket_id": ticket.id,
                "result": "dissatisfied",
                "work_confirmed": False,
                "call_date": datetime(2026, 10, 9, 9),
            }
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 0, 0.0)})
        later.work_confirmed = True
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})

    def test_open_orders_are_not_confirmed_and_duplicates_not_due(self):
        original = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        duplicate = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        duplicate.duplicate_id = original
        reopened = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        reopened.stage_id = self.stage_new
        # The duplicate stands for the original: 2 due, the original confirmed.
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (2, 1, 0.5)})

    def test_company_time_zone_decides_the_closing_day(self):
        # In UTC: closed 2026-10-07 20:00, on its planned day; closed
        # 2026-10-10 02:00, a day after its planned day.
        self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 20)
        )
        self._orders(
            self.south_customer, date(2026, 10, 9), closed_at=datetime(2026, 10, 10, 2)
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})
        self.assertEqual(self._rows(self.south), {date(2026, 10, 9): (1, 0, 0.0)})
        # Recorded closings keep their day whatever the zones become.
        self.engineer_a.tz = "Asia/Shanghai"
        self.env.company.appraisal_tz = "America/New_York"
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})
        # Closed 2026-10-14 20:00 UTC = 2026-10-15 04:00 in Shanghai.
        self.env.company.appraisal_tz = "Asia/Shanghai"
        self._orders(
            self.north_customer,
            date(2026, 10, 14),
            closed_at=datetime(2026, 10, 14, 20),
        )
        # Closed 2026-10-17 02:00 UTC = 2026-10-16 22:00 in New York.
        self.env.company.appraisal_tz = "America/New_York"
        self._orders(
            self.south_customer,
            date(2026, 10, 16),
            closed_at=datetime(2026, 10, 17, 2),
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north)[date(2026, 10, 14)], (1, 0, 0.0))
        self.assertEqual(self._rows(self.south)[date(2026, 10, 16)], (1, 1, 1.0))

    def test_order_moved_to_another_area_moves_at_next_refresh(self):
        ticket = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        self._orders(self.north_customer, date(2026, 10, 8))
        self._refresh_october()
        ticket.service_area_id = self.south
        self.assertEqual(self._rows(self.north)[date(2026, 10, 7)], (1, 1, 1.0))
        self._refresh_october()
        # North's Oct 7 row is removed: nothing is due there any more.
        self.assertEqual(self._rows(self.north), {date(2026, 10, 8): (1, 0, 0.0)})
        self.assertEqual(self._rows(self.south), {date(2026, 10, 7): (1, 1, 1.0)})

    def test_refresh_updates_existing_rows(self):
        ticket = self._orders(self.north_customer, date(2026, 10, 7))
        self._refresh_october()
        row = self.Daily.search([("area_id", "=", self.north.id)])
        self.assertEqual(row.rate, 0.0)
        ticket.write({"stage_id": self.stage_done.id})
        ticket.write({"closed_date": datetime(2026, 10, 7, 9)})
        self.env["helpdesk.ticket.callback"].create(
            {"ticket_id": ticket.id, "result": "satisfied", "work_confirmed": True}
        )
        self._refresh_october()
        self.assertEqual(self._rows(self.north), {date(2026, 10, 7): (1, 1, 1.0)})
        self.assertEqual(
            self.Daily.search([("area_id", "=", self.north.id)]), row, "updated"
        )

    def test_refresh_keeps_rows_outside_the_dates(self):
        self._orders(self.north_customer, date(2026, 9, 30))
        self.north._refresh_daily_rates(date(2026, 9, 1), date(2026, 9, 30))
        self._orders(self.north_customer, date(2026, 10, 1))
        self._refresh_october(self.north)
        self.assertEqual(
            self._rows(self.north),
            {date(2026, 9, 30): (1, 0, 0.0), date(2026, 10, 1): (1, 0, 0.0)},
        )

    @freeze_time("2026-11-03 08:00:00")
    def test_cron_refreshes_previous_month_in_the_first_days(self):
        self._four_day_example()
        self._orders(self.north_customer, date(2026, 11, 2))
        self._orders(self.north_customer, date(2026, 11, 20))
        self.Area._cron_refresh_daily_rates()
        # October and November so far; the order due on Nov 20 waits.
        self.assertEqual(
            sorted(self._rows(self.north)),
            [
                date(2026, 10, 1),
                date(2026, 10, 3),
                date(2026, 10, 4),
                date(2026, 11, 2),
            ],
        )

    @freeze_time("2026-11-10 08:00:00")
    def test_cron_later_in_the_month_refreshes_only_this_month(self):
        self._four_day_example()
        self._orders(self.north_customer, date(2026, 11, 2))
        self.Area._cron_refresh_daily_rates()
        self.assertEqual(sorted(self._rows(self.north)), [date(2026, 11, 2)])

    @freeze_time("2026-11-10 08:00:00")
    def test_refresh_button_covers_current_and_previous_month(self):
        self._four_day_example()
        self._orders(self.north_customer, date(2026, 9, 30))
        self._orders(self.north_customer, date(2026, 11, 2))
        self.north.with_user(self.manager_user).action_refresh_daily_rates()
        self.assertEqual(
            sorted(self._rows(self.north)),
            [
                date(2026, 10, 1),
                date(2026, 10, 3),
                date(2026, 10, 4),
                date(2026, 11, 2),
            ],
        )

    def test_smart_button_opens_the_area_rates(self):
        action = self.north.action_view_daily_rates()
        self.assertEqual(action["res_model"], "helpdesk.service.area.daily")
        self.assertEqual(action["domain"], [("area_id", "=", self.north.id)])


class TestServiceAreaSetup(ServiceAreaCommon):
    def test_ticket_area_follows_the_customer_company(self):
        contact = self.env["res.partner"].create(
            {"name": "Nurse Wang", "parent_id": self.north_customer.id}
        )
        ticket = self._orders(contact, date(2026, 10, 7))
        self.assertEqual(ticket.service_area_id, self.north)
        # Moving the customer to another area leaves its orders where they
        # were counted; its new orders go to the new area.
        self.north_customer.service_area_id = self.south
        self.assertEqual(ticket.service_area_id, self.north)
        self.assertEqual(
            self._orders(contact, date(2026, 10, 8)).service_area_id, self.south
        )

    def test_engineer_cannot_reschedule_a_closed_order(self):
        # Moving a closed order's planned date or area would change the rate
        # that scores the area leader.
        ticket = self._orders(
            self.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        ticket.participant_ids = [Command.create({"employee_id": self.engineer_a.id})]
        as_engineer = ticket.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "only a supervisor can change"):
            as_engineer.planned_date = date(2026, 10, 9)
        with self.assertRaisesText(AccessError, "only a supervisor can change"):
            as_engineer.service_area_id = self.south
        ticket.invalidate_recordset()
        self.assertEqual(ticket.planned_date, date(2026, 10, 7))
        self.assertEqual(ticket.service_area_id, self.north)
        ticket.with_user(self.supervisor_user).planned_date = date(2026, 10, 9)
        self.assertEqual(ticket.planned_date, date(2026, 10, 9))

    def test_ticket_area_is_editable_in_the_form(self):
        with Form(self.env["helpdesk.ticket"]) as ticket_form:
            ticket_form.name = "Printer check"
            ticket_form.description = "Yearly visit"
            ticket_form.partner_id = self.north_customer
            self.assertEqual(ticket_form.service_area_id, self.north)
            ticket_form.service_area_id = self.south
            ticket_form.planned_date = date(2026, 10, 7)
        self.assertEqual(ticket_form.record.service_area_id, self.south)

    def test_area_form(self):
        with Form(self.Area) as area_form:
            area_form.name = "West"
            area_form.leader_id = self.engineer_b
            area_form.member_ids.add(self.engineer_b)
            area_form.device_count = 80
            # 80 devices x 0.1 point
            self.assertAlmostEqual(area_form.standard_workload, 8.0)
            area_form.workload_mode = "fixed"
            area_form.fixed_workload = 25.0
            self.assertAlmostEqual(area_form.standard_workload, 25.0)
        area = area_form.record
        self.assertEqual(area.company_id, self.env.company)
        self.assertAlmostEqual(area.standard_workload, 25.0)

    def test_customer_without_area(self):
        customer = self.env["res.partner"].create({"name": "Walk-in"})
        self.assertFalse(self._orders(customer, date(2026, 10, 7)).service_area_id)

    def test_area_customers(self):
        self.assertEqual(self.north.partner_ids, self.north_customer)
        self.south.partner_ids = [Command.link(self.north_customer.id)]
        self.assertEqual(self.north_customer.service_area_id, self.south)
        self.assertFalse(self.north.partner_ids)

    def test_negative_device_count_is_refused(self):
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self.north.device_count = -1
        self.assertEqual(self.north.device_count, 120)
        with self.assertRaisesText(ValidationError, "cannot be negative"):
            self.Area.create(
                {
                    "name": "West",
                    "leader_id": self.engineer_b.id,
                    "member_ids": [Command.set(self.engineer_b.ids)],
                    "device_count": -5,
                }
            )
        self.assertFalse(self.Area.search([("name", "=", "West")]))

    def test_leader_must_be_a_member(self):
        with self.assertRaisesText(ValidationError, "must be a member"):
            self.Area.create(
                {
                    "name": "West",
                    "leader_id": self.engineer_b.id,
                    "member_ids": [Command.set(self.engineer_a.ids)],
                }
            )
        self.assertFalse(self.Area.search([("name", "=", "West")]))
        with self.assertRaisesText(ValidationError, "Engineer A must be a member"):
            self.north.member_ids = [Command.unlink(self.engineer_a.id)]
        self.assertEqual(self.north.member_ids, self.engineer_a | self.engineer_b)

    def test_fixed_mode_needs_a_value(self):
        with self.assertRaisesText(ValidationError, "fixed workload greater than zero"):
            self.north.workload_mode = "fixed"
        self.assertEqual(self.north.workload_mode, "per_device")
        self.assertAlmostEqual(self.north.standard_workload, 12.0)
        with self.assertRaisesText(ValidationError, "fixed workload greater than zero"):
            self.north.write({"workload_mode": "fixed", "fixed_workload": -3})
        self.assertEqual(self.north.fixed_workload, 0.0)

    def test_points_per_device_must_be_positive(self):
        for points in (0.0, -0.1):
            with self.assertRaisesText(ValidationError, "greater than zero"):
                self.env.company.appraisal_points_per_device = points
        self.assertAlmostEqual(self.env.company.appraisal_points_per_device, 0.1)
        self.assertAlmostEqual(self.north.standard_workload, 12.0)

    def test_area_of_another_company_members_refused(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        stranger = self.env["hr.employee"].create(
            {"name": "Stranger", "company_id": other_company.id}
        )
        with self.assertRaisesText(UserError, "Incompatible companies"):
            self.north.write(
                {
                    "leader_id": stranger.id,
                    "member_ids": [Command.link(stranger.id)],
                }
            )
        self.assertEqual(self.north.leader_id, self.engineer_a)


class TestServiceAreaAccess(ServiceAreaCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._orders(
            cls.north_customer, date(2026, 10, 7), closed_at=datetime(2026, 10, 7, 9)
        )
        cls.north._refresh_daily_rates(OCTOBER, OCTOBER_END)
        cls.row = cls.env["helpdesk.service.area.daily"].search(
            [("area_id", "=", cls.north.id)]
        )

    def test_engineers_and_supervisors_read_areas_and_rates(self):
        for user in (self.engineer_a_user, self.supervisor_user):
            self.assertEqual(
                self.Area.with_user(user).search([]), self.north | self.south
            )
            # What the area form shows, leader and members included.
            values = self.north.with_user(user).read(
                ["leader_id", "member_ids", "standard_workload", "daily_rate_count"]
            )[0]
            self.assertEqual(values["leader_id"], (self.engineer_a.id, "Engineer A"))
            self.assertEqual(values["daily_rate_count"], 1)
            self.assertEqual(self.Daily.with_user(user).search([]), self.row)
            self.assertEqual(len(self.Ranking.with_user(user).search([])), 1)

    def test_engineers_and_supervisors_cannot_edit_areas(self):
        for user in (self.engineer_a_user, self.supervisor_user):
            with self.assertRaises(AccessError):
                self.north.with_user(user).device_count = 1
            with self.assertRaises(AccessError):
                self.Area.with_user(user).create(
                    {
                        "name": "West",
                        "leader_id": self.engineer_b.id,
                        "member_ids": [Command.set(self.engineer_b.ids)],
                    }
                )
            with self.assertRaises(AccessError):
                self.north.with_user(user).action_refresh_daily_rates()
        self.assertEqual(self.north.device_count, 120)

    def test_manager_edits_areas(self):
        area = self.north.with_user(self.manager_user)
        area.device_count = 200
        self.assertAlmostEqual(area.standard_workload, 20.0)
        new_area = self.Area.with_user(self.manager_user).create(
            {
                "name": "West",
                "leader_id": self.engineer_b.id,
                "member_ids": [Command.set(self.engineer_b.ids)],
            }
        )
        self.assertEqual(new_area.company_id, self.env.company)

    def test_nobody_writes_daily_rows_by_hand(self):
        for user in (self.engineer_a_user, self.supervisor_user, self.manager_user):
            with self.assertRaises(AccessError):
                self.row.with_user(user).write({"due_count": 99})
            with self.assertRaises(AccessError):
                self.row.with_user(user).unlink()
            with self.assertRaises(AccessError):
                self.Daily.with_user(user).create(
                    {"area_id": self.south.id, "date": OCTOBER}
                )
        self.assertEqual(self.row.due_count, 1)

    def test_areas_of_other_companies_are_hidden(self):
        other_company = self.env["res.company"].create({"name": "Other Co"})
        leader = self.env["hr.employee"].create(
            {"name": "Other Leader", "company_id": other_company.id}
        )
        other_area = self.Area.create(
            {
                "name": "Elsewhere",
                "company_id": other_company.id,
                "leader_id": leader.id,
                "member_ids": [Command.set(leader.ids)],
            }
        )
        self.assertNotIn(other_area, self.Area.with_user(self.manager_user).search([]))
