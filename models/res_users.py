# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from odoo import api, models
from odoo.exceptions import UserError

# What a user did, or was given to do, that an appraisal counts:
# (model, field to the user, extra domain).
APPRAISAL_USER_FACTS = (
    ("helpdesk.ticket.callback", "user_id", []),
    ("helpdesk.quality.finding", "user_id", []),
    ("helpdesk.complaint", "user_id", []),
    ("helpdesk.complaint", "verified_by_id", []),
    ("helpdesk.appraisal.assessment", "user_id", []),
    ("helpdesk.ticket", "reviewer_id", []),
    ("helpdesk.engineer.appraisal", "reviewer_user_id", []),
    ("project.task", "user_ids", [("is_appraisal_task", "=", True)]),
)


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.ondelete(at_uninstall=False)
    def _unlink_except_appraisal_facts(self):
        """A user who called, reported, reviewed or was assigned an appraised
        task stays, archived: deleting them would leave the facts without
        their author or take an overdue task from its assignee."""
        referenced = self.env["res.users"]
        for model, field, domain in APPRAISAL_USER_FACTS:
            # sudo: every fact counts, also those the deleting user cannot see.
            groups = (
                self.env[model]
                .sudo()
                .with_context(active_test=False)
                ._read_group(domain + [(field, "in", self.ids)], [field])
            )
            referenced |= self.browse(user.id for (users,) in groups for user in users)
        referenced &= self
        if referenced:
            raise UserError(
                self.env._(
                    "User %(user)s is recorded on facts of the appraisal "
                    "(callbacks, findings, reviews or appraised tasks): archive "
                    "the user instead of deleting it.",
                    user=referenced[0].display_name,
                )
            )
