# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, fields, models
from odoo.exceptions import UserError

# Set in the context by ``_write_decision`` only. An object, not a flag: a
# context sent over RPC cannot hold it, so no client changes a decision (the
# status: withdraws a fact without reason or reactivates it) by writing it or
# by a context key.
_FACT_DECISION = object()


class HelpdeskAppraisalWithdrawableFactMixin(models.AbstractModel):
    """A recorded appraisal fact that is never deleted, so that every
    appraisal can be explained: one recorded in error is withdrawn with a
    reason, which stays in its history (the chatter tracks who withdrew it
    and when), and no longer counts.

    The status, and the other ``_DECISION_FIELDS`` a model adds, are written
    only by its actions (``_write_decision``), never by a client. A model
    using it words its messages in ``_only_active_message``,
    ``_missing_reason_message``, ``_withdrawn_message``,
    ``_never_deleted_message`` and ``_decision_message``.
    """

    _name = "helpdesk.appraisal.withdrawable.fact.mixin"
    _inherit = "helpdesk.appraisal.fact.mixin"
    _description = "Withdrawable Appraisal Fact"
    # Written only by the actions, which check who acts.
    _DECISION_FIELDS = ("state",)

    state = fields.Selection(
        selection=[("active", "Active"), ("withdrawn", "Withdrawn")],
        string="Status",
        required=True,
        default="active",
        tracking=True,
        copy=False,
        index=True,
    )
    withdrawal_reason = fields.Text(
        tracking=True,
        copy=False,
    )

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too.
        for vals in self._with_context_defaults(vals_list):
            self._check_decision_values(vals, creating=True)
        return super().create(vals_list)

    def write(self, vals):
        self._check_decision_values(vals)
        return super().write(vals)

    # Locked month or not, a withdrawable fact is withdrawn, never deleted.
    @api.ondelete(at_uninstall=False)
    def _unlink_except_locked(self):
        raise UserError(self[:1]._never_deleted_message())

    def action_withdraw(self):
        """Stop counting the facts; the reason stays in their history."""
        if any(fact.state != "active" for fact in self):
            raise UserError(self._only_active_message())
        without_reason = self.filtered(
            lambda fact: not (fact.withdrawal_reason or "").strip()
        )
        if without_reason:
            raise UserError(without_reason[0]._missing_reason_message())
        self._write_decision({"state": "withdrawn"})
        for fact in self:
            fact.message_post(body=fact._withdrawn_message())
        return True

    @api.model
    def _employee_month_domain(self, employees, months):
        """Only the active facts count: a withdrawn one no longer does."""
        return super()._employee_month_domain(employees, months) + [
            ("state", "=", "active")
        ]

    def _write_decision(self, vals):
        """Write the decision ``vals``, for the actions only, once they have
        checked who acts and on what."""
        return self.with_context(appraisal_fact_decision=_FACT_DECISION).write(vals)

    def _check_decision_values(self, vals, creating=False):
        """Refuse a client's write of the decisions: they are made by the
        actions, which check who acts."""
        if (
            self.env.su
            or self.env.context.get("appraisal_fact_decision") is _FACT_DECISION
        ):
            return
        forged = [fname for fname in self._DECISION_FIELDS if fname in vals]
        if creating:
            # A new fact is active and undecided: a form sends that.
            forged = [fname for fname in forged if vals[fname] not in (False, "active")]
        if forged:
            raise UserError(self._decision_message())

    def _only_active_message(self):
        raise NotImplementedError

    def _missing_reason_message(self):
        """Asks the reason for withdrawing this fact."""
        raise NotImplementedError

    def _withdrawn_message(self):
        """The chatter's note of this fact's withdrawal, with its reason."""
        raise NotImplementedError

    def _never_deleted_message(self):
        """Refuses to delete this fact: withdraw it instead."""
        raise NotImplementedError

    def _decision_message(self):
        """Refuses a client's write of the decisions."""
        raise NotImplementedError
