# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .helpdesk_appraisal_input_mixin import Bounds

WORKLOAD_PER_DEVICE = "per_device"
WORKLOAD_FIXED = "fixed"
# Callbacks of the last days of a month come in during the first days of the
# next one: until this day of the month the daily refresh also recomputes the
# previous month.
PREVIOUS_MONTH_REFRESH_DAYS = 5


class HelpdeskServiceArea(models.Model):
    """A territory (片区) with its leader engineer, members and customers."""

    _name = "helpdesk.service.area"
    _description = "Service Area"
    _inherit = ["mail.thread", "helpdesk.appraisal.input.mixin"]
    _order = "name, id"
    # Not negative, and greater than zero for a fixed workload: the
    # constraints below say so.
    _appraisal_bounds = {
        "device_count": Bounds(None, 1000000),
        "fixed_workload": Bounds(None, 1000000),
    }
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    leader_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        tracking=True,
        check_company=True,
        index=True,
        ondelete="restrict",
        help="Area leader engineer (片区负责人). The area score counts on the "
        "leader's appraisal.",
    )
    member_ids = fields.Many2many(
        comodel_name="hr.employee",
        relation="helpdesk_service_area_member_rel",
        column1="area_id",
        column2="employee_id",
        string="Members",
        check_company=True,
        help="Engineers of the area, the leader included.",
    )
    device_count = fields.Integer(
        string="Devices Maintained",
        tracking=True,
    )
    workload_mode = fields.Selection(
        selection=[
            (WORKLOAD_PER_DEVICE, "Per device"),
            (WORKLOAD_FIXED, "Fixed value"),
        ],
        string="Standard Workload Mode",
        required=True,
        default=WORKLOAD_PER_DEVICE,
        tracking=True,
        help="Per device: devices maintained x the company's points per device. "
        "Fixed value: the workload set on the area.",
    )
    fixed_workload = fields.Float(
        tracking=True,
    )
    standard_workload = fields.Float(
        compute="_compute_standard_workload",
        store=True,
        help="Standard monthly workload Q of the area. The leader's area score "
        "for a month is Q x the monthly completion rate.",
    )
    partner_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="service_area_id",
        string="Customers",
        help="Customers whose service orders belong to this area. A customer "
        "belongs to one area.",
    )
    daily_rate_ids = fields.One2many(
        comodel_name="helpdesk.service.area.daily",
        inverse_name="area_id",
        string="Daily Completion Rates",
    )
    daily_rate_count = fields.Integer(
        string="Daily Rates",
        compute="_compute_daily_rate_count",
    )

    @api.depends(
        "workload_mode",
        "device_count",
        "fixed_workload",
        "company_id.appraisal_points_per_device",
    )
    def _compute_standard_workload(self):
        for area in self:
            if area.workload_mode == WORKLOAD_FIXED:
                area.standard_workload = area.fixed_workload
            else:
                area.standard_workload = (
                    area.device_count * area.company_id.appraisal_points_per_device
                )

    @api.depends("daily_rate_ids")
    def _compute_daily_rate_count(self):
        counts = dict(
            self.env["helpdesk.service.area.daily"]._read_group(
                [("area_id", "in", self.ids)], ["area_id"], ["__count"]
            )
        )
        for area in self:
            area.daily_rate_count = counts.get(area, 0)

    @api.constrains("leader_id", "member_ids")
    def _check_leader_is_member(self):
        for area in self:
            if area.leader_id not in area.member_ids:
                raise ValidationError(
                    self.env._(
                        "The leader %(leader)s must be a member of the service "
                        "area %(area)s.",
                        leader=area.leader_id.name,
                        area=area.name,
                    )
                )

    @api.constrains("device_count")
    def _check_device_count(self):
        for area in self:
            if area.device_count < 0:
                raise ValidationError(
                    self.env._(
                        "The number of devices maintained by %(area)s cannot be "
                        "negative.",
                        area=area.name,
                    )
                )

    @api.constrains("workload_mode", "fixed_workload")
    def _check_fixed_workload(self):
        for area in self:
            if area.workload_mode == WORKLOAD_FIXED and area.fixed_workload <= 0:
                raise ValidationError(
                    self.env._(
                        "Set a fixed workload greater than zero on %(area)s, or "
                        "compute it per device.",
                        area=area.name,
                    )
                )

    @api.ondelete(at_uninstall=False)
    def _unlink_except_with_history(self):
        """Deleting an area would erase its daily rates and past rankings
        (and take its orders out of it): such areas are archived."""
        # sudo: rates and orders are counted whoever deletes the area.
        rated = (
            self.env["helpdesk.service.area.daily"]
            .sudo()
            ._read_group([("area_id", "in", self.ids)], ["area_id"])
        )
        with_orders = (
            self.env["helpdesk.ticket"]
            .sudo()
            ._read_group([("service_area_id", "in", self.ids)], ["service_area_id"])
        )
        used = [area for (area,) in rated + with_orders]
        if used:
            raise UserError(
                self.env._(
                    "Service area %(area)s has orders or daily completion rates: "
                    "deleting it would erase its rates and past rankings. "
                    "Archive it instead.",
                    area=used[0].name,
                )
            )

    def action_refresh_daily_rates(self):
        """Recompute the daily rates of the current and previous month."""
        # The refresh writes as superuser: only those who may edit the areas
        # start it on demand.
        self.check_access("write")
        today = self.env.company._appraisal_today()
        date_from = today + relativedelta(months=-1, day=1)
        self._refresh_unlocked_daily_rates(date_from, today)
        return self._refresh_notification(date_from, today)

    def _refresh_notification(self, date_from, date_to):
        """What a refresh did: the areas, days with orders due, orders due and
        confirmed from ``date_from`` to ``date_to``, as a notification."""
        [(days, due, confirmed)] = (
            self.env["helpdesk.service.area.daily"]
            .sudo()
            ._read_group(
                [
                    ("area_id", "in", self.ids),
                    ("date", ">=", date_from),
                    ("date", "<=", date_to),
                ],
                aggregates=["__count", "due_count:sum", "confirmed_count:sum"],
            )
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "title": self.env._("Rates refreshed"),
                "message": self.env._(
                    "%(areas)s area(s), %(date_from)s to %(date_to)s: %(days)s "
                    "day(s) with orders due, %(due)s order(s) due, %(confirmed)s "
                    "completed and confirmed.",
                    areas=len(self),
                    date_from=date_from,
                    date_to=date_to,
                    days=days,
                    due=due or 0,
                    confirmed=confirmed or 0,
                ),
                "next": {"type": "ir.actions.client", "tag": "soft_reload"},
            },
        }

    def action_view_daily_rates(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_service_area_daily_action"
        )
        action["domain"] = [("area_id", "=", self.id)]
        return action

    @api.model
    def _cron_refresh_daily_rates(self):
        """Daily: the current month up to today, and the previous month during
        the first days of a month, for every active area."""
        today = self.env.company._appraisal_today()
        months_back = 1 if today.day <= PREVIOUS_MONTH_REFRESH_DAYS else 0
        date_from = today + relativedelta(months=-months_back, day=1)
        self.search([])._refresh_unlocked_daily_rates(date_from, today)

    def _refresh_unlocked_daily_rates(self, date_from, date_to):
        """``_refresh_daily_rates`` for the days after each company's
        appraisal lock date: the rates of a locked month stay as counted."""
        for company, areas in self.grouped("company_id").items():
            lock = company.appraisal_lock_date
            start = max(date_from, lock + relativedelta(days=1)) if lock else date_from
            if start <= date_to:
                areas._refresh_daily_rates(start, date_to)

    def _refresh_daily_rates(self, date_from, date_to):
        """Recompute the daily completion rows of these areas from
        ``date_from`` to ``date_to`` (both included).

        The number of queries does not depend on the number of areas, days or
        orders: one grouped count of the orders due, one read of the confirmed
        candidates, one read of the existing rows, then batched writes (one
        per distinct pair of counts, flushed together), one unlink and one
        create. A day whose due count drops to 0 loses its row: the table only
        holds days with orders due, the days that have a rate.
        """
        # Rates count every order of the area, whoever refreshes them; the
        # rows themselves are written only here (users have read access only).
        tickets = self.env["helpdesk.ticket"].sudo()
        # A duplicate stands for an order counted already: it is not due.
        period = [
            ("service_area_id", "in", self.ids),
            ("planned_date", ">=", date_from),
            ("planned_date", "<=", date_to),
            ("duplicate_id", "=", False),
        ]
        due_counts = {
            (area.id, day): count
            for area, day, count in tickets._read_group(
                period, ["service_area_id", "planned_date:day"], ["__count"]
            )
        }
        confirmed_counts = defaultdict(int)
        for area_id, planned_date in self._confirmed_orders(period):
            confirmed_counts[(area_id, planned_date)] += 1
        daily = self.env["helpdesk.service.area.daily"].sudo()
        existing = daily.search_fetch(
            [
                ("area_id", "in", self.ids),
                ("date", ">=", date_from),
                ("date", "<=", date_to),
            ],
            ["area_id", "date", "due_count", "confirmed_count"],
        )
        stale = daily
        changes = defaultdict(lambda: daily)
        for row in existing:
            key = (row.area_id.id, row.date)
            due = due_counts.pop(key, 0)
            confirmed = confirmed_counts.get(key, 0)
            if not due:
                stale |= row
            elif (row.due_count, row.confirmed_count) != (due, confirmed):
                changes[(due, confirmed)] |= row
        for (due, confirmed), rows in changes.items():
            rows.write({"due_count": due, "confirmed_count": confirmed})
        stale.unlink()
        daily.create(
            [
                {
                    "area_id": area_id,
                    "date": day,
                    "due_count": due,
                    "confirmed_count": confirmed_counts.get((area_id, day), 0),
                }
                for (area_id, day), due in due_counts.items()
            ]
        )

    def _confirmed_orders(self, period):
        """``(area id, planned date)`` of each order completed and confirmed
        for its planned day: closed no later than that day (its closing day,
        in the company's appraisal time zone), its latest callback confirming
        the work."""
        # As for the due counts: every order of the area counts, and the
        # callbacks are read whatever the refreshing user may see.
        candidates = (
            self.env["helpdesk.ticket"]
            .sudo()
            .search_fetch(
                period
                + [
                    ("stage_id.counts_as_completed", "=", True),
                    ("closed_date", "!=", False),
                    ("callback_ids.work_confirmed", "=", True),
                ],
                ["service_area_id", "planned_date", "appraisal_closed_day"],
            )
        )
        # The latest call tells: a later call finding the work not done
        # withdraws an earlier confirmation.
        latest_confirmation = {}
        for callback in (
            self.env["helpdesk.ticket.callback"]
            .sudo()
            .search_fetch(
                [("ticket_id", "in", candidates.ids)],
                ["ticket_id", "work_confirmed"],
                order="call_date desc, id desc",
            )
        ):
            latest_confirmation.setdefault(
                callback.ticket_id.id, callback.work_confirmed
            )
        for ticket in candidates:
            if not latest_confirmation[ticket.id]:
                continue
            area_id = ticket.service_area_id.id
            if ticket.appraisal_closed_day <= ticket.planned_date:
                yield area_id, ticket.planned_date

    # Fact source (the shape of every fact family) -------------------------
    # The monthly rate and score of an area live in the area ranking view
    # (helpdesk.service.area.month) alone: everything here reads it.

    def _month_scores(self, months):
        """``{(area id, month): (rate, score)}`` of these areas in ``months``,
        as the area ranking computes them (the rate mode of each area's
        company); an area with nothing due in a month has no rate and is
        absent. One query, as superuser: an appraisal counts every area."""
        return {
            (area.id, month): (rate, score)
            for area, month, rate, score in self._area_months()._read_group(
                [("area_id", "in", self.ids), ("month", "in", list(set(months)))],
                ["area_id", "month:day"],
                ["rate:sum", "score:sum"],
            )
        }

    @api.model
    def _leader_month_domain(self, employees, months):
        """The ranking rows of the active areas ``employees`` lead today, in
        any of ``months``."""
        return [
            ("leader_id", "in", employees.ids),
            ("month", "in", list(set(months))),
            ("area_id.active", "=", True),
        ]

    @api.model
    def _counts_by_employee_month(self, employees, months):
        """``{(employee id, month): {measure: number}}`` of the active areas
        ``employees`` lead today, in ``months``; pairs without an area rated
        that month are absent.

        Measures: ``area_count`` (areas with a rate), ``rate_sum`` (their
        rates added: the mean rate is ``rate_sum / area_count``), ``score``
        (their area scores), ``due_count`` and ``confirmed_count`` (their
        orders due and completed and confirmed). One query, as superuser.
        """
        return {
            (leader.id, month): {
                "area_count": count,
                "rate_sum": rate,
                "score": score,
                "due_count": due,
                "confirmed_count": confirmed,
            }
            for leader, month, count, rate, score, due, confirmed in (
                self._area_months()._read_group(
                    self._leader_month_domain(employees, months),
                    ["leader_id", "month:day"],
                    [
                        "__count",
                        "rate:sum",
                        "score:sum",
                        "due_count:sum",
                        "confirmed_count:sum",
                    ],
                )
            )
        }

    @api.model
    def _facts_by_employee_month(self, employees, months):
        """``{(employee id, month): ranking rows}`` of the active areas
        ``employees`` lead today, in ``months``; pairs without an area rated
        that month are absent. One search, as superuser."""
        rows = self._area_months().search(self._leader_month_domain(employees, months))
        return rows.grouped(lambda row: (row.leader_id.id, row.month))

    def _area_months(self):
        # Superuser: the rates count every order of the area, whoever reads.
        return self.env["helpdesk.service.area.month"].sudo()
