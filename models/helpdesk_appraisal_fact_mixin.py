# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

from .. import scoring


class HelpdeskAppraisalFactMixin(models.AbstractModel):
    """A fact recorded by hand about employees, counting in the appraisal of
    the month of its date (a complaint, a quality finding, an assessment).

    The rules every such fact follows, in one place:
    - who recorded it and the month it counts in are recorded by the module
      (``_AUDIT_FIELDS``), never written by a client;
    - nobody records or changes a fact held against themselves, nor moves it
      off themselves: someone else does;
    - a fact of a locked month is neither created, changed nor deleted;
    - its changes are tracked in its chatter.

    A model using it inherits ``mail.thread`` too; it sets
    ``_fact_employee_field`` (the Many2one or Many2many of the employees it
    counts against), and ``_fact_lock_field`` when the lock is checked
    against another day than ``month``; it words its messages in
    ``_fact_label``, ``_about_self_message`` and ``_audit_message``.
    """

    _name = "helpdesk.appraisal.fact.mixin"
    _inherit = "helpdesk.appraisal.input.mixin"
    _description = "Recorded Appraisal Fact"
    _check_company_auto = True
    # Who recorded the fact and the month it counts in are recorded by the
    # module, never written by a client (an import included).
    _AUDIT_FIELDS = ("user_id", "month")
    _fact_employee_field = "employee_id"
    _fact_lock_field = "month"

    date = fields.Date(
        required=True,
        # Today in the company's appraisal time zone, whoever records it.
        default=lambda self: self.env.company._appraisal_today(),
        tracking=True,
    )
    month = fields.Date(
        compute="_compute_month",
        store=True,
        index=True,
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Recorded by",
        default=lambda self: self.env.user,
        readonly=True,
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )

    @api.depends("date")
    def _compute_month(self):
        for fact in self:
            fact.month = scoring.month_start(fact.date)

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_audit_values(vals, creating=True)
        facts = super().create(vals_list)
        facts._check_not_about_self()
        facts._check_appraisal_lock()
        return facts

    def write(self, vals):
        self._check_audit_values(vals)
        # The month it leaves and the month it moves to.
        self._check_appraisal_lock()
        if self._fact_employee_field in vals:
            # Moving a fact off oneself is changing it too.
            self._check_not_about_self()
        res = super().write(vals)
        self._check_not_about_self()
        self._check_appraisal_lock()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        self._check_appraisal_lock()

    @api.model
    def _employee_month_domain(self, employees, months):
        """The facts counting against ``employees`` (an hr.employee
        recordset) in any of ``months`` (days of the months)."""
        return [
            (self._fact_employee_field, "in", employees.ids),
            ("month", "in", sorted({scoring.month_start(month) for month in months})),
        ]

    def _check_appraisal_lock(self):
        self.env["res.company"]._check_appraisal_lock(
            ((fact, fact.company_id, fact[self._fact_lock_field]) for fact in self),
            self._fact_label(),
        )

    def _check_not_about_self(self):
        """A fact held against oneself is recorded and handled by someone
        else."""
        if self.env.su:
            return
        own = self.filtered(
            lambda fact: self.env.user in fact[self._fact_employee_field].user_id
        )
        if own:
            raise UserError(own[0]._about_self_message())

    def _fact_label(self):
        """The kind of fact, as the lock's message names it."""
        raise NotImplementedError

    def _about_self_message(self):
        """Why the user may not record or change this fact about themselves."""
        raise NotImplementedError
