# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import sys
from collections import namedtuple
from datetime import date

from odoo import api, fields, models, tools
from odoo.exceptions import AccessError, ValidationError

from .. import scoring

MODULE = "helpdesk_engineer_appraisal"
NUMBER_TYPES = ("float", "integer", "monetary")
DATE_TYPES = ("date", "datetime")


class Bounds(namedtuple("Bounds", "low high low_excluded", defaults=(False,))):
    """Acceptable values of a number: ``low`` to ``high`` (``None``: no
    bound); ``low_excluded`` when the value must be greater than ``low``."""


# Any number of the module a model declares nothing for: never negative,
# never absurdly large; an integer also fits its database column.
DEFAULT_FLOAT_BOUNDS = Bounds(0.0, 1e9)
DEFAULT_INTEGER_BOUNDS = Bounds(0, scoring.INTEGER_MAX)


class HelpdeskAppraisalInputMixin(models.AbstractModel):
    """Refuses bad numbers and dates before anything is written.

    Every number of the module (float, integer, monetary field) must be a
    finite number within its bounds, every date lie between 2000-01-01 and
    today (or, for planned days and deadlines, some years ahead). The values
    are checked in ``create`` and ``write``, before the ORM converts or
    stores them: NaN never reaches a ``> 0`` check (NaN compares false to
    everything in Python and greater than everything in PostgreSQL), and
    neither an integer beyond its column nor a year 9999 raises a raw error.

    A model inherits the mixin and declares what differs from the defaults:

    - ``_appraisal_bounds``: ``{field: Bounds(low, high)}``, for its numbers
      the users type, and for numbers of other modules it wants checked;
    - ``_appraisal_date_years_ahead``: ``{field: years}``, for dates that may
      lie in the future (planned days, deadlines), and for dates of other
      modules it wants checked (0 years: up to today).
    """

    _name = "helpdesk.appraisal.input.mixin"
    _description = "Appraisal Input Bounds"

    _appraisal_bounds = {}
    _appraisal_date_years_ahead = {}
    # Fields the module records about who did what and when: no client
    # writes them; ``user_id`` is accepted at creation only as oneself.
    _AUDIT_FIELDS = ()

    @api.model_create_multi
    def create(self, vals_list):
        self._check_appraisal_input(*self._with_context_defaults(vals_list))
        return super().create(vals_list)

    def write(self, vals):
        self._check_appraisal_input(vals)
        return super().write(vals)

    @api.model
    def _with_context_defaults(self, vals_list):
        """The values ``create`` stores for ``vals_list``: with the
        ``default_`` keys of the context for this model's fields not given. A
        client's context is the client's (sent over RPC like the values):
        its defaults are checked as the values are."""
        defaults = {
            name: value
            for key, value in self.env.context.items()
            if key.startswith("default_")
            and (name := key.removeprefix("default_")) in self._fields
        }
        if not defaults:
            return vals_list
        return [defaults | vals for vals in vals_list]

    @api.model
    @tools.ormcache()
    def _appraisal_bounded_fields(self):
        """Names of the numbers and dates the mixin checks on this model: the
        module's own and those declared by the model."""
        return tuple(
            name
            for name, field in self._fields.items()
            if field.type in NUMBER_TYPES + DATE_TYPES
            and field.store
            and not field.related
            and not field.automatic
            and (
                field._module == MODULE
                or name in self._appraisal_bounds
                or name in self._appraisal_date_years_ahead
            )
        )

    @api.model
    @tools.ormcache()
    def _appraisal_number_ranges(self):
        """``{field: (low, high)}``: the checked numbers a plain ``int`` or
        ``float`` value passes when ``low <= value <= high``; a missing bound
        is the largest finite float, so that an infinity fails. Numbers that
        must be greater than their low bound are not in it. Lets
        ``_check_appraisal_input`` pass the usual values (a generation
        writes some thirty numbers per appraisal) without the full check."""
        ranges = {}
        for name in self._appraisal_bounded_fields():
            field = self._fields[name]
            if field.type not in NUMBER_TYPES:
                continue
            low, high, low_excluded = self._appraisal_number_bounds(field)
            if low_excluded:
                continue
            ranges[name] = (
                -sys.float_info.max if low is None else low,
                sys.float_info.max if high is None else high,
            )
        return ranges

    def _appraisal_checks_field(self, name, vals):
        """Whether the value written to ``name`` is checked (a hook for models
        whose records only partly belong to the appraisal)."""
        return True

    def _check_appraisal_input(self, *vals_list):
        """Refuse the first bad number or date of the values ``vals_list``
        (one dict per record to create or write)."""
        bounded = self._appraisal_bounded_fields()
        ranges = self._appraisal_number_ranges()
        # A batch repeats its dates (the month of ten thousand sheet lines).
        dates_checked = set()
        for vals in vals_list:
            for name in bounded:
                if name not in vals:
                    continue
                # NaN and what is not a plain number fail these comparisons
                # and take the full check.
                value = vals[name]
                if (
                    name in ranges
                    and type(value) in (int, float)
                    and ranges[name][0] <= value <= ranges[name][1]
                ):
                    continue
                if not self._appraisal_checks_field(name, vals):
                    continue
                field = self._fields[name]
                if field.type in NUMBER_TYPES:
                    self._check_appraisal_number(field, value)
                else:
                    seen = (name, value) if isinstance(value, str | date) else None
                    if seen is None or seen not in dates_checked:
                        self._check_appraisal_date(field, value)
                        dates_checked.add(seen)

    def _appraisal_field_label(self, field):
        return field._description_string(self.env)

    def _appraisal_number_bounds(self, field):
        """``Bounds`` of the number ``field``: the model's, else the default
        ones; an integer's high bound never beyond its column."""
        bounds = self._appraisal_bounds.get(field.name) or (
            DEFAULT_INTEGER_BOUNDS if field.type == "integer" else DEFAULT_FLOAT_BOUNDS
        )
        if field.type == "integer":
            high = bounds.high
            bounds = bounds._replace(
                high=scoring.INTEGER_MAX
                if high is None
                else min(high, scoring.INTEGER_MAX)
            )
        return bounds

    def _check_appraisal_number(self, field, value):
        bounds = self._appraisal_number_bounds(field)
        high = bounds.high
        problem = scoring.number_problem(value, bounds.low, high, bounds.low_excluded)
        if not problem:
            return
        label = self._appraisal_field_label(field)
        if problem == scoring.INPUT_NOT_A_NUMBER:
            message = self.env._(
                "%(field)s must be a finite number, not %(value)s.",
                field=label,
                value=value,
            )
        elif bounds.low_excluded:
            message = self.env._(
                "%(field)s must be greater than %(low)s and at most %(high)s, "
                "not %(value)s.",
                field=label,
                low=bounds.low,
                high=high,
                value=value,
            )
        elif bounds.low is None:
            message = self.env._(
                "%(field)s must be at most %(high)s, not %(value)s.",
                field=label,
                high=high,
                value=value,
            )
        else:
            message = self.env._(
                "%(field)s must lie between %(low)s and %(high)s, not %(value)s.",
                field=label,
                low=bounds.low,
                high=high,
                value=value,
            )
        raise ValidationError(message)

    def _check_appraisal_date(self, field, value):
        if not value:
            return
        label = self._appraisal_field_label(field)
        try:
            # A datetime counts by its (UTC) day, a date as it is.
            day = fields.Date.to_date(fields.Datetime.to_datetime(value))
        except (TypeError, ValueError, OverflowError):
            raise ValidationError(
                self.env._(
                    "%(field)s is not a date: %(value)s.", field=label, value=value
                )
            ) from None
        latest = scoring.years_ahead(
            scoring.latest_day(fields.Datetime.now()),
            self._appraisal_date_years_ahead.get(field.name, 0),
        )
        if scoring.date_problem(day, scoring.EARLIEST_FACT_DAY, latest):
            raise ValidationError(
                self.env._(
                    "%(field)s must lie between %(earliest)s and %(latest)s, "
                    "not %(value)s.",
                    field=label,
                    earliest=scoring.EARLIEST_FACT_DAY,
                    latest=latest,
                    value=day,
                )
            )

    def _check_audit_values(self, vals, creating=False):
        """Refuse client values for the recorded ``_AUDIT_FIELDS``, with the
        model's own message (``_audit_message``)."""
        if self.env.su:
            return
        forged = [
            fname
            for fname in self._AUDIT_FIELDS
            if fname in vals
            and not (creating and fname == "user_id" and vals[fname] == self.env.uid)
        ]
        if forged:
            raise AccessError(
                self._audit_message(
                    ", ".join(
                        self._fields[fname]._description_string(self.env)
                        for fname in forged
                    )
                )
            )

    def _audit_message(self, field_labels):
        """Why ``field_labels`` cannot be written: what the module records."""
        raise NotImplementedError
