# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import datetime

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import format_date

from ..const import APPRAISAL_DONE, MANAGER_GROUP

# Set in the context by the lock date's own methods only. An object, not a
# flag: a context sent over RPC cannot hold it, so nobody moves the lock date
# by passing a context key or writing the company.
_LOCK_DATE_WRITE = object()


class ResCompany(models.Model):
    """The appraisal lock date, like the lock dates of accounting.

    Every fact that scores an appraisal is dated: credits by their month,
    callbacks and findings by theirs, appraised tasks by their deadline and
    completion days, area orders by their planned day. A fact dated on or
    before the lock date of its company is neither created, changed nor
    deleted (``_check_appraisal_lock``, called by each model). The lock date
    moves forward by itself when every appraisal of a month is done, and by
    hand only through an appraisal manager's logged change with a reason.
    """

    _inherit = "res.company"

    appraisal_lock_date = fields.Date(
        readonly=True,
        copy=False,
        help="The facts of the appraisal dated on or before this day (credits "
        "and closings of orders, participants, work logs on orders, callbacks, "
        "quality findings, appraised tasks, area orders and daily rates) can "
        "no longer be created, changed or deleted. Set to the last day of a "
        "month when every appraisal of that month is done; an appraisal "
        "manager may change it, with a reason.",
    )

    @api.constrains("appraisal_lock_date")
    def _check_appraisal_lock_date_month_end(self):
        for company in self:
            lock = company.appraisal_lock_date
            if lock and lock != lock + relativedelta(day=31):
                raise ValidationError(
                    self.env._(
                        "The appraisal lock date of %(company)s must be the last "
                        "day of a month: appraisals are locked month by month.",
                        company=company.name,
                    )
                )

    def write(self, vals):
        if (
            "appraisal_lock_date" in vals
            and self.env.context.get("appraisal_lock_write") is not _LOCK_DATE_WRITE
        ):
            raise UserError(
                self.env._(
                    "The appraisal lock date changes only through its own action "
                    "(Settings > Appraisal > Lock Date), with a reason."
                )
            )
        return super().write(vals)

    @api.model
    def _check_appraisal_lock(self, facts, what):
        """Refuse to create, change or delete facts of a locked period.

        ``facts`` yields ``(record, company, day)``: ``day`` (a date or a UTC
        datetime, or False) lies in a locked period when it is on or before
        the appraisal lock date of ``company``. ``what`` names the kind of
        fact in the message. The superuser (the module's own batch jobs) is
        not restricted; every client path is.
        """
        if self.env.su:
            return
        for record, company, day in facts:
            if company._appraisal_locked(day):
                lock = company.sudo().appraisal_lock_date
                if isinstance(day, datetime.datetime):
                    day = day.date()
                raise UserError(
                    self.env._(
                        "%(what)s %(record)s (%(date)s) belongs to an appraisal "
                        "period of %(company)s that is locked up to %(lock)s: it "
                        "can no longer be created, changed or deleted. An "
                        "appraisal manager may move the lock date back, with a "
                        "reason.",
                        what=what,
                        record=record.sudo().display_name,
                        date=format_date(self.env, day),
                        company=company.sudo().name,
                        lock=format_date(self.env, lock),
                    )
                )

    def _appraisal_locked(self, day):
        """Whether ``day`` (a date or a UTC datetime, or False) lies in the
        locked period of this company (none: nothing is locked)."""
        if not (self and day):
            return False
        self.ensure_one()
        # Reading the lock date of the fact's company, whoever the user.
        lock = self.sudo().appraisal_lock_date
        if isinstance(day, datetime.datetime):
            day = day.date()
        return bool(lock) and day <= lock

    def _appraisal_lock_active(self):
        """Whether any of these companies has a lock date: the checks are
        skipped otherwise, at no cost."""
        return any(company.sudo().appraisal_lock_date for company in self)

    def _set_appraisal_lock_date(self, lock_date, reason):
        """Move the lock date of these companies, forward or back, by an
        appraisal manager's decision; the reason is logged on the company."""
        if not self.env.su and not self.env.user.has_group(MANAGER_GROUP):
            raise AccessError(
                self.env._("Only an appraisal manager can change the lock date.")
            )
        if not self.env.su and self - self.env.user.company_ids:
            raise AccessError(
                self.env._("You can only change the lock date of your companies.")
            )
        if not (reason or "").strip():
            raise UserError(
                self.env._("Give the reason for changing the appraisal lock date.")
            )
        if lock_date and any(
            lock_date >= company._appraisal_today() for company in self
        ):
            raise UserError(
                self.env._(
                    "Only months that are over can be locked: choose a lock date "
                    "before today."
                )
            )
        for company in self:
            old = company.appraisal_lock_date
            company._write_appraisal_lock_date(lock_date)
            company._log_appraisal_lock(
                self.env._(
                    "Appraisal lock date changed from %(old)s to %(new)s by "
                    "%(user)s: %(reason)s",
                    old=format_date(self.env, old) if old else "-",
                    new=format_date(self.env, lock_date) if lock_date else "-",
                    user=self.env.user.name,
                    reason=reason,
                )
            )

    def _appraisal_auto_lock(self):
        """Lock up to the end of the latest month that is over and whose
        appraisals, and those of every month before it, are all done. The
        lock date never moves back by itself."""
        # sudo: whoever approved the last appraisal, every appraisal of the
        # company is counted; only the lock date is written.
        appraisals = self.env["helpdesk.engineer.appraisal"].sudo()
        for company in self:
            pending = appraisals.search(
                [("company_id", "=", company.id), ("state", "!=", APPRAISAL_DONE)],
                order="month",
                limit=1,
            ).month
            done_domain = [
                ("company_id", "=", company.id),
                ("state", "=", APPRAISAL_DONE),
            ]
            if pending:
                done_domain.append(("month", "<", pending))
            month_ends = [
                month + relativedelta(day=31)
                for (month,) in appraisals._read_group(done_domain, ["month:month"])
            ]
            # Today in the company's appraisal time zone: a month is over there.
            today = company._appraisal_today()
            over = [month_end for month_end in month_ends if month_end < today]
            lock = company.appraisal_lock_date
            if not over or (lock and max(over) <= lock):
                continue
            company._write_appraisal_lock_date(max(over))
            company._log_appraisal_lock(
                self.env._(
                    "Appraisal lock date set to %(new)s: every appraisal up to "
                    "that month is done.",
                    new=format_date(self.env, max(over)),
                )
            )

    def _write_appraisal_lock_date(self, lock_date):
        # sudo: appraisal managers need not be allowed to edit the company
        # itself; the callers check who may move the lock date.
        self.sudo().with_context(appraisal_lock_write=_LOCK_DATE_WRITE).write(
            {"appraisal_lock_date": lock_date}
        )

    def _log_appraisal_lock(self, body):
        self.ensure_one()
        # sudo: the log goes on the company's partner, which appraisal
        # managers may not be allowed to edit; the author stays the user.
        self.partner_id.sudo().message_post(
            body=body, author_id=self.env.user.partner_id.id
        )
