# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from markupsafe import escape

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import scoring
from ..const import (
    ENGINEER_GROUP,
    MANAGER_GROUP,
    SERVICE_CENTRE_GROUP,
    SUPERVISOR_GROUP,
)
from ..scoring import ROLE_ENGINEER

# Who may see an order's callbacks: call-centre staff and appraisal roles.
CALLBACK_READERS = f"{ENGINEER_GROUP},{SERVICE_CENTRE_GROUP}"
# Recorded or computed by the module about who reviewed what: never written
# by a client, whatever its role or context.
AUDIT_FIELDS = (
    "reviewer_id",
    "review_date",
    "rating_state",
    "has_no_engineer",
    "appraisal_closed_day",
)
# What decides the credits of a reviewed order besides its difficulty: only a
# supervisor of its engineers changes them, and the chatter tracks them.
# The team too: a team without the order's stage moves it to another stage.
SCORING_FIELDS = (
    "stage_id",
    "closed_date",
    "duplicate_id",
    "user_id",
    "team_id",
    "service_area_id",
)
# Context keys with which a client would keep these changes out of the chatter.
NO_TRACKING_KEYS = ("tracking_disable", "mail_notrack")


class HelpdeskTicket(models.Model):
    _name = "helpdesk.ticket"
    _inherit = ["helpdesk.ticket", "helpdesk.appraisal.input.mixin"]
    # The closing is a fact of the appraisal; a service may be planned ahead.
    _appraisal_date_years_ahead = {
        "closed_date": 0,
        "planned_date": scoring.YEARS_AHEAD_MAX,
        "appointment_datetime": scoring.YEARS_AHEAD_MAX,
    }

    # Decides the month an order earns in: every change is in the chatter.
    closed_date = fields.Datetime(tracking=True)
    participant_ids = fields.One2many(
        comodel_name="helpdesk.ticket.participant",
        inverse_name="ticket_id",
        string="Participants",
        copy=False,
    )
    credit_ids = fields.One2many(
        comodel_name="helpdesk.ticket.credit",
        inverse_name="ticket_id",
        string="Credits",
        readonly=True,
        groups=ENGINEER_GROUP,
    )
    self_difficulty_id = fields.Many2one(
        comodel_name="helpdesk.difficulty.level",
        string="Self-rated Difficulty",
        tracking=True,
        copy=False,
        index="btree_not_null",
        help="Difficulty proposed by an engineer of the order once the work is done.",
    )
    difficulty_id = fields.Many2one(
        comodel_name="helpdesk.difficulty.level",
        string="Final Difficulty",
        tracking=True,
        copy=False,
        index="btree_not_null",
        help="Difficulty set by the reviewing supervisor. Only reviewed orders "
        "earn points.",
    )
    reviewer_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewed by",
        readonly=True,
        copy=False,
    )
    review_date = fields.Datetime(
        string="Reviewed on",
        readonly=True,
        copy=False,
    )
    rating_state = fields.Selection(
        selection=[
            ("to_rate", "To Rate"),
            ("self_rated", "Self-rated"),
            ("reviewed", "Reviewed"),
        ],
        compute="_compute_rating_state",
        store=True,
        index=True,
        tracking=True,
        string="Rating Status",
    )
    has_no_engineer = fields.Boolean(
        string="No Engineer",
        compute="_compute_has_no_engineer",
        store=True,
        help="The order has no engineer participant, so it earns nobody anything.",
    )
    can_self_rate = fields.Boolean(
        string="Can Self-rate", compute="_compute_can_self_rate"
    )
    # Callbacks (回访) and quality findings (policy P2.2 to P2.4).
    callback_ids = fields.One2many(
        comodel_name="helpdesk.ticket.callback",
        inverse_name="ticket_id",
        string="Callbacks",
        groups=CALLBACK_READERS,
    )
    callback_count = fields.Integer(
        compute="_compute_callback_count",
        groups=CALLBACK_READERS,
    )
    # Service areas (policy P3).
    service_area_id = fields.Many2one(
        comodel_name="helpdesk.service.area",
        compute="_compute_service_area_id",
        store=True,
        readonly=False,
        index="btree_not_null",
        tracking=True,
        domain="[('company_id', '=', company_id)]",
        help="Area whose completion rate counts this order: by default the area "
        "of the customer's company.",
    )
    planned_date = fields.Date(
        string="Planned Service Date",
        index=True,
        tracking=True,
        help="The order is due on this day, unless it is a duplicate. It is "
        "completed and confirmed for the day when it was closed no later than "
        "that day (in the company's appraisal time zone) and has a callback "
        "confirming the work. Daily completion rate of the area = confirmed / "
        "due.",
    )
    appraisal_closed_day = fields.Date(
        string="Closing Day",
        compute="_compute_appraisal_closed_day",
        store=True,
        help="Day the order was closed, in the company's appraisal time zone "
        "when it closed. Its credits count in this day's month, and its area "
        "completes it on this day.",
    )

    @api.depends("self_difficulty_id", "difficulty_id")
    def _compute_rating_state(self):
        for ticket in self:
            if ticket.difficulty_id:
                ticket.rating_state = "reviewed"
            elif ticket.self_difficulty_id:
                ticket.rating_state = "self_rated"
            else:
                ticket.rating_state = "to_rate"

    @api.depends("participant_ids.role")
    def _compute_has_no_engineer(self):
        for ticket in self:
            ticket.has_no_engineer = not ticket._engineer_participants()

    @api.depends_context("uid")
    @api.depends("participant_ids.role", "participant_ids.employee_id", "difficulty_id")
    def _compute_can_self_rate(self):
        user_employees = self.env.user.employee_ids
        for ticket in self:
            ticket.can_self_rate = not ticket.difficulty_id and bool(
                ticket._engineer_participants().employee_id & user_employees
            )

    def _compute_callback_count(self):
        counts = dict(
            self.env["helpdesk.ticket.callback"]._read_group(
                [("ticket_id", "in", self.ids)], ["ticket_id"], ["__count"]
            )
        )
        for ticket in self:
            ticket.callback_count = counts.get(ticket, 0)

    # Fixed when the order closes: a later change of the company's appraisal
    # time zone, or of anyone's, moves no closing day.
    @api.depends("closed_date")
    def _compute_appraisal_closed_day(self):
        for ticket in self:
            company = ticket.company_id or self.env.company
            ticket.appraisal_closed_day = (
                company._appraisal_local_day(ticket.closed_date)
                if ticket.closed_date
                else False
            )

    # Deliberately not on the customer's area itself: moving a customer to
    # another area must not move its past orders (and rates) with it, nor
    # undo an area set by hand. The area is taken when the customer is set.
    @api.depends("partner_id")
    def _compute_service_area_id(self):
        for ticket in self:
            ticket.service_area_id = (
                ticket.partner_id.commercial_partner_id.service_area_id
            )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_audit_fields(vals)
        if not self.env.su and any("difficulty_id" in vals for vals in vals_list):
            # A review is always in the chatter, whatever the client's context.
            self = self.with_context(**dict.fromkeys(NO_TRACKING_KEYS, False))
        tickets = super().create(vals_list)
        tickets._add_assigned_engineers()
        tickets.filtered("difficulty_id")._check_can_review()
        tickets.filtered("self_difficulty_id")._check_can_self_rate()
        return tickets

    def write(self, vals):
        self._check_audit_fields(vals)
        if not self.env.su and {"difficulty_id", *SCORING_FIELDS} & vals.keys():
            # Reviews and what scores an order are always in the chatter,
            # whatever the client's context says.
            self = self.with_context(**dict.fromkeys(NO_TRACKING_KEYS, False))
        self._check_scoring_change(vals)
        kept_areas = self._closed_order_areas(vals)
        if "difficulty_id" in vals:
            reviewed = bool(vals["difficulty_id"])
            vals = {
                "reviewer_id": self.env.user.id if reviewed else False,
                "review_date": fields.Datetime.now() if reviewed else False,
                **vals,
            }
        res = super().write(vals)
        for area, tickets in kept_areas.items():
            super(HelpdeskTicket, tickets).write({"service_area_id": area.id})
        if vals.get("user_id"):
            self._add_assigned_engineers()
            # The new assignee joined a reviewed order: in the team, not oneself.
            self.filtered("difficulty_id")._check_supervised()
        # Checked on the written state; a refusal rolls the whole write back.
        if "difficulty_id" in vals:
            self._check_can_review()
        if "self_difficulty_id" in vals:
            self._check_can_self_rate()
        if {"planned_date", "service_area_id"} & vals.keys():
            self._check_can_reschedule()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_reviewed(self):
        """A reviewed order's credits count in an appraisal: deleting the
        order would take its points out of that month."""
        reviewed = self.filtered("difficulty_id")
        if reviewed:
            raise UserError(
                self.env._(
                    "Order %(order)s is reviewed and earns its engineers points: "
                    "archive it instead of deleting it.",
                    order=reviewed[0].display_name,
                )
            )

    def action_accept_self_rating(self):
        """Review the selected orders, keeping the engineers' self-rating."""
        if any(ticket.rating_state != "self_rated" for ticket in self):
            raise UserError(
                self.env._("Only self-rated orders can be accepted as they are.")
            )
        for difficulty, tickets in self.grouped("self_difficulty_id").items():
            tickets.difficulty_id = difficulty
        return True

    def action_reset_review(self):
        """Send reviewed orders back to the engineers' self-rating."""
        self.difficulty_id = False
        return True

    def action_log_callback(self):
        """Open a new callback on this order, in a dialog."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Log Callback"),
            "res_model": "helpdesk.ticket.callback",
            "view_mode": "form",
            "views": [(False, "form")],
            "target": "new",
            "context": {"default_ticket_id": self.id},
        }

    def action_view_callbacks(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_ticket_callback_action"
        )
        action["domain"] = [("ticket_id", "=", self.id)]
        action["context"] = {"default_ticket_id": self.id}
        return action

    def action_report_unqualified(self):
        """Open a new quality finding on this order's work log or form."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Report Unqualified Work"),
            "res_model": "helpdesk.quality.finding",
            "view_mode": "form",
            "views": [(False, "form")],
            "context": {"default_ticket_id": self.id},
        }

    def _engineer_participants(self):
        return self.participant_ids.filtered(lambda p: p.role == ROLE_ENGINEER)

    def _add_assigned_engineers(self):
        """Make the assigned user's employee an engineer of the order."""
        tickets = self.filtered("user_id")
        if not tickets:
            return
        # Users may not read other users' employees; only the link is needed.
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("user_id", "in", tickets.user_id.ids),
                    ("company_id", "in", tickets.company_id.ids),
                ]
            )
        )
        employee_by_user_company = {
            (employee.user_id, employee.company_id): employee for employee in employees
        }
        new_participants = []
        for ticket in tickets:
            employee = employee_by_user_company.get((ticket.user_id, ticket.company_id))
            if employee and employee not in ticket.participant_ids.employee_id:
                new_participants.append(
                    {
                        "ticket_id": ticket.id,
                        "employee_id": employee.id,
                        "role": ROLE_ENGINEER,
                    }
                )
        # Only supervisors edit participants; the dispatch itself adds the
        # assignee, whoever assigns the order.
        joined = self.env["helpdesk.ticket.participant"].sudo().create(new_participants)
        if not self.env.su:
            joined._log_on_reviewed_orders(self.env._("joined the order"))

    def _check_can_review(self):
        """Only supervisors set the final difficulty, on orders with engineers."""
        if not self or self.env.su:
            return
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._("Only appraisal supervisors can review the difficulty.")
            )
        # Whatever the role they hold on it, managers included: nobody
        # reviews what counts for themselves.
        user_employees = self.env.user.employee_ids
        own_orders = self.filtered(
            lambda t: t.participant_ids.employee_id & user_employees
        )
        if own_orders:
            raise AccessError(
                self.env._(
                    "You worked on order %(order)s: another supervisor "
                    "reviews its difficulty.",
                    order=own_orders[0].display_name,
                )
            )
        self._check_supervised()
        without_engineer = self.filtered(
            lambda t: t.difficulty_id and not t._engineer_participants()
        )
        if without_engineer:
            raise UserError(
                self.env._(
                    "Add an engineer to order %(order)s before reviewing it: "
                    "interns alone earn no points.",
                    order=without_engineer[0].display_name,
                )
            )

    def _check_can_reschedule(self):
        """Once an order is closed, its planned date and area decide an area's
        completion rate: only supervisors change them then."""
        if self.env.su or self.env.user.has_group(SUPERVISOR_GROUP):
            return
        closed = self.filtered("stage_id.closed")
        if closed:
            raise AccessError(
                self.env._(
                    "Order %(order)s is closed: only a supervisor can change its "
                    "planned service date or area.",
                    order=closed[0].display_name,
                )
            )

    def _check_can_self_rate(self):
        """Only an engineer of the order self-rates it, and only before review."""
        if not self or self.env.su:
            return
        user_employees = self.env.user.employee_ids
        not_engineer = self.filtered(
            lambda t: not t._engineer_participants().employee_id & user_employees
        )
        if not_engineer:
            raise AccessError(
                self.env._(
                    "Only an engineer taking part in order %(order)s can self-rate it.",
                    order=not_engineer[0].display_name,
                )
            )
        reviewed = self.filtered("difficulty_id")
        if reviewed and not self.env.user.has_group(SUPERVISOR_GROUP):
            raise UserError(
                self.env._(
                    "Order %(order)s is already reviewed; ask a supervisor to "
                    "reset the review before changing the self-rating.",
                    order=reviewed[0].display_name,
                )
            )

    # Integrity: who may change what scores an order -----------------------

    def _check_audit_fields(self, vals):
        """What the module records or computes about a review is never
        written by a client, whatever its role or context."""
        if self.env.su:
            return
        audit = set(AUDIT_FIELDS) & vals.keys()
        if audit:
            raise AccessError(
                self.env._(
                    "These fields of a service order are recorded by the "
                    "appraisal itself and cannot be written: %(fields)s.",
                    fields=", ".join(sorted(audit)),
                )
            )

    def _scoring_changes(self, vals):
        """``{ticket: [field names]}`` of what ``vals`` would change in what
        scores each order: its closing (a stage that completes the order, or
        leaving one; helpdesk_mgmt stamps a new closing date on every write
        of a closed stage), its closing date, duplicate mark, assignee and
        area."""
        names = [name for name in SCORING_FIELDS if name in vals]
        if not names:
            return {}
        new_stage = self.env["helpdesk.ticket.stage"].browse(vals.get("stage_id"))
        changes = {}
        for ticket in self:
            changed = []
            for name in names:
                field = self._fields[name]
                old = ticket[name]
                new = field.convert_to_record(
                    field.convert_to_cache(vals[name], ticket), ticket
                )
                if name == "stage_id":
                    if new_stage.closed or (old.counts_as_completed and new != old):
                        changed.append(name)
                elif old != new:
                    changed.append(name)
            if changed:
                changes[ticket] = changed
        return changes

    def _check_scoring_change(self, vals):
        """After review, closing, reopening, the closing date, the assignee
        and the area need a supervisor of the order's engineers; so does the
        duplicate mark as soon as the order has an engineer."""
        if self.env.su:
            return
        changes = self._scoring_changes(vals)
        guarded = self.browse()
        for ticket, names in changes.items():
            if ticket.difficulty_id or (
                "duplicate_id" in names and ticket._engineer_participants()
            ):
                guarded |= ticket
        if not guarded:
            return
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            ticket = guarded[0]
            raise AccessError(
                self.env._(
                    "Order %(order)s earns its engineers points: only an "
                    "appraisal supervisor can change its %(fields)s. Ask a "
                    "supervisor (to reset the review first).",
                    order=ticket.display_name,
                    fields=", ".join(
                        self._fields[name]._description_string(self.env)
                        for name in changes[ticket]
                    ),
                )
            )
        guarded._check_supervised()

    def _supervised_employees(self):
        """The employees below the current user in the manager chain."""
        own = self.env.user.employee_ids
        # The manager chain is HR data; only the ids are compared.
        return (
            self.env["hr.employee"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "child_of", own.ids)])
            - own
        ).sudo(False)

    def _check_supervised(self):
        """Supervisors act only on orders whose participants are all employees
        below them in the manager chain, never on an order they take part
        in; managers act on every order of their companies, except their own."""
        if not self or self.env.su:
            return
        user = self.env.user
        if not user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._(
                    "Only an appraisal supervisor can change what scores order "
                    "%(order)s.",
                    order=self[0].display_name,
                )
            )
        own = self.filtered(lambda t: t.participant_ids.employee_id & user.employee_ids)
        if own:
            raise AccessError(
                self.env._(
                    "You take part in order %(order)s: another supervisor "
                    "changes what scores it.",
                    order=own[0].display_name,
                )
            )
        if user.has_group(MANAGER_GROUP):
            return
        team = self._supervised_employees()
        outside = self.filtered(lambda t: t.participant_ids.employee_id - team)
        if outside:
            raise AccessError(
                self.env._(
                    "%(employee)s of order %(order)s is not in your team: their "
                    "supervisor or an appraisal manager acts on it.",
                    employee=(outside[0].participant_ids.employee_id - team)[0].name,
                    order=outside[0].display_name,
                )
            )

    def _closed_order_areas(self, vals):
        """``{area: tickets}`` of the closed orders whose area a change of
        customer would move: a closed order stays in the area that counted
        it (only a supervisor moves it, by writing the area itself)."""
        if "partner_id" not in vals or "service_area_id" in vals:
            return {}
        return self.filtered(
            lambda ticket: ticket.stage_id.closed and ticket.service_area_id
        ).grouped("service_area_id")

    def _counted_work_logs(self):
        """The work logs that make an order valid for their employee: those
        with time on them."""
        return self.timesheet_ids.filtered(lambda line: line.unit_amount > 0)

    def _log_scoring_change(self, bodies):
        """Log ``{ticket: text}`` in the orders' chatter, as the current user.

        Participants and work logs are not fields of the order: what they
        change on a reviewed order is written here, whatever the context."""
        if not bodies:
            return
        tickets = self.browse([ticket.id for ticket in bodies])
        # Writes the notes as superuser: the change itself was checked.
        tickets._message_log_batch(
            bodies={ticket.id: escape(body) for ticket, body in bodies.items()},
            author_id=self.env.user.partner_id.id,
        )
