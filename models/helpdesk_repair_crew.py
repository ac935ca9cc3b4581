# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import Command, api, fields, models
from odoo.exceptions import ValidationError

from .. import piece_rate_rules

# Set in the context by the crew's own writes only. An object, not a flag:
# a context sent over RPC cannot hold it, so a member's share written alone
# is still checked against the crew's total.
CREW_WRITE = object()


class HelpdeskRepairCrew(models.Model):
    """A depot-repair crew (seed 004-F4, F5): an engineer and an assistant,
    or three members of both roles, paid by the piece each month
    (``helpdesk.repair.crew.month``)."""

    _name = "helpdesk.repair.crew"
    _description = "Repair Crew"
    _inherit = ["mail.thread", "helpdesk.appraisal.input.mixin"]
    _order = "name, id"
    _check_company_auto = True

    name = fields.Char(required=True, tracking=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    active = fields.Boolean(default=True, tracking=True)
    member_ids = fields.One2many(
        comodel_name="helpdesk.repair.crew.member",
        inverse_name="crew_id",
        string="Members",
    )
    member_count = fields.Integer(compute="_compute_member_count")
    month_ids = fields.One2many(
        comodel_name="helpdesk.repair.crew.month",
        inverse_name="crew_id",
        string="Piece-Rate Months",
    )

    @api.depends("member_ids")
    def _compute_member_count(self):
        for crew in self:
            crew.member_count = len(crew.member_ids)

    @api.onchange("member_ids")
    def _onchange_member_ids_shares(self):
        """A member added or removed in the form: the company's split for the
        crew's new composition, unless the shares already make 100 %."""
        if not piece_rate_rules.shares_add_up(self.member_ids.mapped("share")):
            self._apply_default_shares()

    @api.model_create_multi
    def create(self, vals_list):
        crews = (
            super(HelpdeskRepairCrew, self.with_context(repair_crew_write=CREW_WRITE))
            .create(vals_list)
            .with_env(self.env)
        )
        crews.browse(
            [
                crew.id
                for crew, vals in zip(crews, vals_list, strict=True)
                if not _shares_given(vals.get("member_ids"))
            ]
        ).with_context(repair_crew_write=CREW_WRITE)._apply_default_shares()
        crews._check_members()
        return crews

    def write(self, vals):
        roles = {crew: crew._roles() for crew in self} if "member_ids" in vals else {}
        res = super(
            HelpdeskRepairCrew, self.with_context(repair_crew_write=CREW_WRITE)
        ).write(vals)
        if roles and not _shares_given(vals["member_ids"]):
            self.filtered(lambda crew: crew._roles() != roles[crew]).with_context(
                repair_crew_write=CREW_WRITE
            )._apply_default_shares()
        if {"member_ids", "active"} & vals.keys():
            self._check_members()
        return res

    def _roles(self):
        self.ensure_one()
        return sorted(self.member_ids.mapped("role"))

    def _apply_default_shares(self):
        """Give the members the company's split for the crew's composition
        (004-F10, Q7); a crew the seed does not describe keeps its shares.
        Outside a form, called with the crew's write context: the crews are
        checked once, afterwards."""
        for crew in self:
            shares = piece_rate_rules.default_shares(
                crew.member_ids.mapped("role"), crew.company_id._piece_rate_settings()
            )
            for member, share in zip(crew.member_ids, shares or (), strict=False):
                member.share = share

    def _members_changed(self, shares_given):
        """After members were created, changed or deleted on their own: the
        default split unless shares were given, then the crews' checks. A
        change through the crew is handled by the crew's ``create`` and
        ``write``."""
        if self.env.context.get("repair_crew_write") is CREW_WRITE:
            return
        crews = self.exists()
        if not shares_given:
            crews.with_context(repair_crew_write=CREW_WRITE)._apply_default_shares()
        crews._check_members()

    def _check_members(self):
        """An active crew is one the seed describes, its shares make the
        whole amount, and its members belong to no other active crew."""
        crews = self.filtered("active")
        for crew in crews:
            if not piece_rate_rules.is_supported_crew(crew.member_ids.mapped("role")):
                raise ValidationError(
                    self.env._(
                        "Crew %(crew)s must have an engineer and an assistant, "
                        "or three members: two engineers and an assistant, or "
                        "an engineer and two assistants.",
                        crew=crew.name,
                    )
                )
            if not piece_rate_rules.shares_add_up(crew.member_ids.mapped("share")):
                raise ValidationError(
                    self.env._(
                        "The shares of the members of crew %(crew)s must add up "
                        "to 100 %%, not %(total)s %%.",
                        crew=crew.name,
                        total=round(sum(crew.member_ids.mapped("share")), 2),
                    )
                )
        # One search for every crew checked.
        others = self.env["helpdesk.repair.crew.member"].search(
            [
                ("employee_id", "in", crews.member_ids.employee_id.ids),
                ("crew_id.active", "=", True),
            ]
        )
        for employee, members in others.grouped("employee_id").items():
            if len(members.crew_id) > 1:
                raise ValidationError(
                    self.env._(
                        "%(employee)s is a member of several active crews: %(crews)s.",
                        employee=employee.name,
                        crews=", ".join(members.crew_id.mapped("name")),
                    )
                )


def _shares_given(commands):
    """Whether the member commands of a crew's write set some share."""
    return any(
        command[0] in (Command.CREATE, Command.UPDATE) and "share" in command[2]
        for command in commands or ()
        if isinstance(command, list | tuple) and len(command) > 2
    )
