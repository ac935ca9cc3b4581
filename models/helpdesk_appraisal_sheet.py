# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import json

from psycopg2 import errors

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError

from .. import kpi_rules
from ..const import MANAGER_GROUP, SUPERVISOR_GROUP
from .helpdesk_appraisal_metric import METRIC_MANUAL
from .helpdesk_appraisal_sheet_template import PERIOD_SELECTION
from .helpdesk_appraisal_sheet_template_line import SCORER_SELF_SUPERVISOR
from .helpdesk_engineer_appraisal import GenerationConflict, lock_generation

# The advisory lock of sheet generations: one per template and period.
SHEET_GENERATION_LOCK = "helpdesk_engineer_appraisal.generate_sheets"

# Set in the context by the sheet's own methods only. An object, not a flag:
# a context sent over RPC cannot hold it, so users cannot write the points,
# the totals or the stage by passing a context key.
_COMPUTED_WRITE = object()


class HelpdeskAppraisalSheet(models.Model):
    """The KPI sheet of one employee for one template and period.

    Its lines are computed from the period's facts by ``_refresh`` in one
    batch for any number of sheets, with the rule kinds of ``kpi_rules``;
    manual lines take the employee's value, then the supervisor's. The
    workflow is the monthly appraisal's: draft -> self-assessment -> review
    -> approval -> done, where the numbers freeze.
    """

    _name = "helpdesk.appraisal.sheet"
    _description = "KPI Sheet"
    _inherit = [
        "mail.thread",
        "mail.activity.mixin",
        "helpdesk.appraisal.input.mixin",
        "helpdesk.appraisal.batch.mixin",
    ]
    _order = "month desc, template_id, employee_id"
    _check_company_auto = True

    _COMPUTED_FIELDS = (
        "state",
        "department_id",
        "supervisor_id",
        "maximum",
        "total_score",
        "grade_id",
        "reviewer_user_id",
    )
    _MANAGER_FIELDS = (
        "template_id",
        "employee_id",
        "month",
        "period_type",
        "company_id",
        "reopen_reason",
    )
    _SUPERVISOR_FIELDS = ("supervisor_comment",)
    _ENGINEER_FIELDS = ("employee_comment",)
    _DONE_WRITABLE_FIELDS = ("reopen_reason",)

    template_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.sheet.template",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    employee_id = fields.Many2one(
        comodel_name="hr.employee",
        required=True,
        index=True,
        check_company=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(related="employee_id.user_id", string="Employee's User")
    is_own = fields.Boolean(
        compute="_compute_is_own",
        help="The sheet is the current user's own.",
    )
    company_id = fields.Many2one(
        comodel_name="res.company",
        required=True,
        index=True,
        default=lambda self: self.env.company,
    )
    month = fields.Date(
        required=True,
        index=True,
        help="First day of the sheet's period (its first month).",
    )
    period_type = fields.Selection(
        selection=PERIOD_SELECTION,
        required=True,
        default="month",
    )
    period_label = fields.Char(
        string="Period",
        compute="_compute_period_label",
    )
    state = fields.Selection(
        selection=[
            ("draft", "Draft"),
            ("self_assessment", "Self-Assessment"),
            ("review", "Supervisor Review"),
            ("approval", "Department Approval"),
            ("done", "Done"),
        ],
        string="Stage",
        default="draft",
        required=True,
        tracking=True,
        index=True,
        copy=False,
    )
    department_id = fields.Many2one(
        comodel_name="hr.department",
        index=True,
        readonly=True,
    )
    supervisor_id = fields.Many2one(
        comodel_name="hr.employee",
        readonly=True,
    )
    line_ids = fields.One2many(
        comodel_name="helpdesk.appraisal.sheet.line",
        inverse_name="sheet_id",
        string="Lines",
    )
    maximum = fields.Float(readonly=True, aggregator=None)
    total_score = fields.Float(
        string="Total",
        readonly=True,
        # 0, not NULL, until computed: the pivots average every sheet.
        default=0.0,
        aggregator="avg",
        tracking=True,
    )
    grade_id = fields.Many2one(
        comodel_name="helpdesk.appraisal.grade.scale.line",
        readonly=True,
        index=True,
        tracking=True,
    )
    reviewer_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Reviewed by",
        readonly=True,
        copy=False,
    )
    employee_comment = fields.Text(string="Employee's Comment")
    supervisor_comment = fields.Text(string="Supervisor's Comment")
    reopen_reason = fields.Text(
        string="Reason to Reopen",
        copy=False,
        help="Required to reopen a done sheet; logged in the chatter.",
    )
    fact_count = fields.Integer(
        string="Kept Facts",
        compute="_compute_fact_count",
        help="The facts the lines counted, kept when the sheet was done.",
    )

    _sql_constraints = [
        (
            "template_employee_month_unique",
            "UNIQUE(template_id, employee_id, month)",
            "An employee has a single sheet per template and period.",
        ),
    ]

    @api.depends("employee_id.user_id")
    @api.depends_context("uid")
    def _compute_is_own(self):
        for sheet in self:
            sheet.is_own = sheet.employee_id.user_id == self.env.user

    @api.depends("month", "period_type")
    def _compute_period_label(self):
        for sheet in self:
            if not sheet.month:
                sheet.period_label = False
            elif sheet.period_type == "quarter":
                sheet.period_label = (
                    f"{sheet.month.year} Q{(sheet.month.month - 1) // 3 + 1}"
                )
            elif sheet.period_type == "year":
                sheet.period_label = str(sheet.month.year)
            else:
                sheet.period_label = sheet.month.strftime("%Y-%m")

    @api.depends("employee_id", "template_id", "period_label")
    def _compute_display_name(self):
        for sheet in self:
            sheet.display_name = " - ".join(
                part
                for part in (
                    sheet.employee_id.name,
                    sheet.template_id.name,
                    sheet.period_label,
                )
                if part
            )

    def _compute_fact_count(self):
        counts = dict(
            self.env["helpdesk.appraisal.sheet.fact"]._read_group(
                [("sheet_id", "in", self.ids)], ["sheet_id"], ["__count"]
            )
        )
        for sheet in self:
            sheet.fact_count = counts.get(sheet, 0)

    @api.model_create_multi
    def create(self, vals_list):
        # The defaults a client sends in the context are values too: they
        # set neither the points nor the stage.
        for vals in self._with_context_defaults(vals_list):
            self._check_fields_writable(vals)
        return super().create(vals_list)

    def write(self, vals):
        self._check_fields_writable(vals)
        if self.env.context.get("sheet_computed_write") is not _COMPUTED_WRITE:
            frozen = set(vals) - set(self._DONE_WRITABLE_FIELDS)
            if frozen and any(sheet.state == "done" for sheet in self):
                raise UserError(
                    self.env._(
                        "A done KPI sheet is read-only; an appraisal manager may "
                        "reopen it with a reason."
                    )
                )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_except_done(self):
        if any(sheet.state == "done" for sheet in self):
            raise UserError(self.env._("A done KPI sheet cannot be deleted."))

    def _check_fields_writable(self, vals):
        """Refuse through the ORM what only the sheet's own methods and the
        right groups may set."""
        if self.env.su:
            return
        if self.env.context.get("sheet_computed_write") is _COMPUTED_WRITE:
            return
        computed = set(vals) & set(self._COMPUTED_FIELDS)
        if computed:
            raise AccessError(
                self.env._(
                    "The points and the stage of a KPI sheet are computed: use "
                    "the sheet's buttons (fields: %(fields)s).",
                    fields=", ".join(
                        sorted(
                            self._fields[name]._description_string(self.env)
                            for name in computed
                        )
                    ),
                )
            )
        if set(vals) & set(self._MANAGER_FIELDS) and not self.env.user.has_group(
            MANAGER_GROUP
        ):
            raise AccessError(
                self.env._(
                    "Only an appraisal manager may change whom, which template "
                    "and which period a KPI sheet is about, or reopen it."
                )
            )
        if set(vals) & set(self._SUPERVISOR_FIELDS) and (
            not self.env.user.has_group(SUPERVISOR_GROUP)
            or any(sheet.employee_id.user_id == self.env.user for sheet in self)
        ):
            raise AccessError(
                self.env._(
                    "Only a supervisor may write the supervisor's comment, and "
                    "never on their own sheet."
                )
            )
        if set(vals) & set(self._ENGINEER_FIELDS) and any(
            sheet.employee_id.user_id != self.env.user for sheet in self
        ):
            raise AccessError(
                self.env._("Only the appraised employee writes their comment.")
            )

    def _computed_write(self, vals):
        return self.with_context(sheet_computed_write=_COMPUTED_WRITE).write(vals)

    # Workflow ---------------------------------------------------------------

    def action_send(self):
        """Send the drafts: to the employee when a line waits for their own
        score and they have a user, else straight to the supervisor's review."""
        self._check_step("draft", SUPERVISOR_GROUP)
        to_employee = self.filtered(
            lambda sheet: sheet.employee_id.user_id
            and any(
                line.template_line_id.scorer == SCORER_SELF_SUPERVISOR
                for line in sheet.line_ids
            )
        )
        if to_employee:
            to_employee._advance("self_assessment", self.env._("Sent to the employee."))
            for sheet in to_employee:
                sheet._schedule_next_activity(
                    sheet.employee_id.user_id,
                    self.env._("Score yourself on your KPI sheet"),
                )
        to_review = self - to_employee
        if to_review:
            to_review._advance("review", self.env._("Sent to review."))
            for sheet in to_review:
                sheet._schedule_next_activity(
                    sheet.supervisor_id.user_id, self.env._("Review the KPI sheet")
                )
        return True

    def action_submit(self):
        """The employee hands their self scores to the supervisor."""
        self._check_step("self_assessment")
        if any(sheet.employee_id.user_id != self.env.user for sheet in self):
            raise AccessError(
                self.env._("Only the appraised employee may submit their sheet.")
            )
        missing = self.line_ids.filtered(
            lambda line: line.template_line_id.scorer == SCORER_SELF_SUPERVISOR
            and not line.self_scored
        )
        if missing:
            raise UserError(
                self.env._(
                    "Give your own score on line %(line)s first.",
                    line=missing[0].name,
                )
            )
        self._advance("review", self.env._("Self-assessment submitted."))
        for sheet in self:
            sheet._schedule_next_activity(
                sheet.supervisor_id.user_id, self.env._("Review the KPI sheet")
            )
        return True

    def action_review(self):
        self._check_step("review", SUPERVISOR_GROUP)
        self._check_not_own()
        manual = self.line_ids.filtered(lambda line: line.metric == METRIC_MANUAL)
        unscored = manual.filtered(lambda line: not line.supervisor_scored)
        if unscored:
            raise UserError(
                self.env._(
                    "Give the supervisor's value of line %(line)s of %(sheet)s.",
                    line=unscored[0].name,
                    sheet=unscored[0].sheet_id.display_name,
                )
            )
        self._refresh()
        unexplained = manual.filtered(
            lambda line: line.points < line.weight
            and not (line.supervisor_note or "").strip()
        )
        if unexplained:
            raise UserError(
                self.env._(
                    "Line %(line)s of %(sheet)s earns less than its maximum: "
                    "say why in its comment.",
                    line=unexplained[0].name,
                    sheet=unexplained[0].sheet_id.display_name,
                )
            )
        self._computed_write({"reviewer_user_id": self.env.user.id})
        self._advance("approval", self.env._("Reviewed by the supervisor."))
        for sheet in self:
            approver = sheet.department_id.manager_id.user_id
            sheet._schedule_next_activity(
                approver
                if approver and approver.has_group(MANAGER_GROUP)
                else approver.browse(),
                self.env._("Approve the KPI sheet"),
            )
        return True

    def action_approve(self):
        self._check_step("approval", MANAGER_GROUP)
        self._check_not_own()
        if any(sheet.reviewer_user_id == self.env.user for sheet in self):
            raise AccessError(
                self.env._("You reviewed this KPI sheet: another manager approves it.")
            )
        self._advance("done", self.env._("Approved: the KPI sheet is done."))
        # After the last refresh: the kept facts explain the frozen lines.
        self.env["helpdesk.appraisal.sheet.fact"]._take(self)
        return True

    def action_reopen(self):
        self._check_step("done", MANAGER_GROUP)
        if any(not (sheet.reopen_reason or "").strip() for sheet in self):
            raise UserError(self.env._("Give the reason to reopen the KPI sheet."))
        reasons = {sheet: sheet.reopen_reason for sheet in self}
        # Nobody may delete kept facts: only reopening drops them, and the
        # next approval keeps the facts counted then.
        self.env["helpdesk.appraisal.sheet.fact"].sudo().search(
            [("sheet_id", "in", self.ids)]
        ).unlink()
        self._computed_write({"state": "review", "reopen_reason": False})
        self._advance("review")
        for sheet in self:
            sheet.message_post(
                body=self.env._("Reopened: %(reason)s", reason=reasons[sheet])
            )
            sheet._schedule_next_activity(
                sheet.supervisor_id.user_id,
                self.env._("Review the reopened KPI sheet"),
            )
        return True

    def action_view_kept_facts(self):
        """The facts the lines of the done sheet counted, as kept then."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "helpdesk_engineer_appraisal.helpdesk_appraisal_sheet_fact_action"
        )
        action["domain"] = [("sheet_id", "=", self.id)]
        action["context"] = {"create": False, "group_by": ["line_id"]}
        action["display_name"] = self.display_name
        return action

    def action_refresh(self):
        if not self.env.user.has_group(SUPERVISOR_GROUP):
            raise AccessError(
                self.env._("Only a supervisor may refresh the numbers by hand.")
            )
        self._refresh()
        return True

    def _check_step(self, state, group=None):
        stages = dict(self._fields["state"]._description_selection(self.env))
        if group and not self.env.user.has_group(group):
            raise AccessError(
                self.env._(
                    "Only a %(group)s may do this at the stage %(stage)s.",
                    group=self.env.ref(group).name,
                    stage=stages[state],
                )
            )
        if any(sheet.state != state for sheet in self):
            raise UserError(
                self.env._(
                    "This action applies to KPI sheets in the stage %(stage)s only.",
                    stage=stages[state],
                )
            )

    def _check_not_own(self):
        if any(sheet.employee_id.user_id == self.env.user for sheet in self):
            raise AccessError(
                self.env._("You cannot review or approve your own KPI sheet.")
            )

    def _advance(self, state, message=None):
        """Move to ``state`` with the numbers refreshed until it is done, and
        log ``message`` in the chatter when given."""
        self._refresh()
        self.activity_unlink(["mail.mail_activity_data_todo"])
        self._computed_write({"state": state})
        if message:
            for sheet in self:
                sheet.message_post(body=message)

    def _schedule_next_activity(self, user, summary):
        if user:
            self.activity_schedule(
                "mail.mail_activity_data_todo", summary=summary, user_id=user.id
            )

    # Computation -------------------------------------------------------------

    def _refresh(self):
        """Compute the lines, total and grade of the sheets that are not done.

        The reads depend on the periods and metrics concerned, never on the
        number of sheets (``_numbers_of``). Only the values that changed are
        written, one ``write`` per distinct set of changes, and the lines a
        template line was added for since are created in one batch; the
        chatter tracks the total and the grade as the caller's context says
        (generation and the nightly cron do not track).
        """
        sheets = self.filtered(lambda sheet: sheet.state != "done")
        if not sheets:
            return
        layers = sheets._refresh_layers()
        if len(layers) > 1:
            # Sheets reading other sheets' totals after those.
            for layer in layers:
                layer._refresh()
            return
        # The sheet counts facts and HR data its reader may not see; its
        # lines are computed, never written by the reader.
        su_sheets = sheets.sudo()
        # Lines of a template line removed since, or of the template the
        # sheet had before a manager changed it.
        su_sheets.line_ids.filtered(
            lambda line: line.template_line_id not in line.sheet_id.template_id.line_ids
        ).unlink()
        numbers = self._numbers_of(
            [
                (sheet.template_id, sheet.employee_id, sheet.month, sheet)
                for sheet in su_sheets
            ]
        )
        sheet_changes = {}
        line_changes = {}
        # The lines' labels, in every language, compared apart.
        labels = {}
        new_lines = []
        for sheet, (sheet_vals, lines_vals) in zip(su_sheets, numbers, strict=True):
            _collect_changes(sheet, sheet_vals, sheet_changes)
            lines = {line.template_line_id: line for line in sheet.line_ids}
            for template_line, line_vals in lines_vals:
                line = lines.get(template_line)
                if line:
                    labels[line] = line_vals.pop("name")
                    _collect_changes(line, line_vals, line_changes)
                else:
                    new_lines.append((sheet, template_line, line_vals))
        line_model = self.env["helpdesk.appraisal.sheet.line"].sudo()
        for changed, ids in line_changes.values():
            line_model.browse(ids)._computed_write(changed)
        label_changes = {}
        stored = translations_of(line_model.union(*labels), "name")
        for line, label in labels.items():
            if stored[line] != label:
                key = json.dumps(label, sort_keys=True)
                label_changes.setdefault(key, (label, []))[1].append(line.id)
        for label, ids in label_changes.values():
            for lang, text in label.items():
                line_model.browse(ids).with_context(lang=lang)._computed_write(
                    {"name": text}
                )
        for changed, ids in sheet_changes.values():
            sheets.browse(ids)._computed_write(changed)
        line_model._insert_computed(
            [
                {
                    "sheet_id": sheet.id,
                    "template_line_id": template_line.id,
                    **line_vals,
                }
                for sheet, template_line, line_vals in new_lines
            ]
        )

    @api.model
    def _numbers_of(self, targets):
        """The stored numbers of sheets, one ``(vals of the sheet, [(template
        line, vals of its line)])`` per target ``(template, employee, month,
        sheet)``: ``sheet`` the sheet refreshed, whose manual values and
        stage count, or an empty recordset for a sheet generation creates
        with its numbers (in draft, nothing given by hand yet).

        Each metric is computed once per period and parameters for all the
        targets' employees: the reads depend on the periods and metrics,
        never on the number of targets.
        """
        employees = (
            self.env["hr.employee"]
            .browse(dict.fromkeys(employee.id for _t, employee, *_rest in targets))
            .sudo()
        )
        periods = {(template, month) for template, _employee, month, _sheet in targets}
        # Per template and period: its months and, per line, its metrics.
        plans = {
            (template, month): (
                tuple(template._period_months(month)),
                [(line, line._metric_keys()) for line in template.line_ids],
            )
            for template, month in periods
        }
        labels = translations_of(
            self.env["helpdesk.appraisal.sheet.template.line"]
            .union(*(template.line_ids for template, _month in periods))
            .sudo(),
            "name",
        )
        metric_model = self.env["helpdesk.appraisal.metric"]
        values = {}
        with metric_model._sharing_measures():
            for months, template_lines in plans.values():
                for metric, params in {
                    key for _line, keys in template_lines for key in keys
                }:
                    if (months, metric, params) not in values:
                        values[months, metric, params] = metric_model._compute_metric(
                            metric, employees, list(months), params
                        )
        line_model = self.env["helpdesk.appraisal.sheet.line"]
        # A rule is the same for every employee of a company, unless its
        # target comes from a metric; a scale, for every sheet of a company.
        rules = {}
        scales = {}
        result = []
        # The department and manager are HR data the reader may not see.
        su_employees = {employee.id: employee for employee in employees}
        for template, employee, month, sheet in targets:
            employee = su_employees[employee.id]
            months, template_lines = plans[template, month]
            company = sheet.company_id or template.company_id
            lines = {line.template_line_id: line for line in sheet.line_ids}
            lines_vals = []
            points = []
            for template_line, keys in template_lines:
                metric_value, *target = (
                    values[months, *key].get(employee.id) for key in keys
                )
                target_value = target[0] if target else None
                rule_key = (template_line.id, company.id, target_value)
                if rule_key not in rules:
                    rules[rule_key] = line_model._rule_of(
                        template_line, company, labels[template_line], target_value
                    )
                line_vals = line_model._values_of(
                    rules[rule_key],
                    metric_value,
                    manual_value=lines[template_line]._manual_value()
                    if template_line in lines
                    else None,
                )
                lines_vals.append((template_line, line_vals))
                if line_vals["in_total"]:
                    points.append(line_vals["points"])
            total = kpi_rules.sheet_total(points, template.maximum)
            scale_key = (template.grade_scale_id, company)
            if scale_key not in scales:
                scales[scale_key] = template.grade_scale_id._bands_of(company)
            sheet_vals = {
                "maximum": template.maximum,
                "total_score": total,
                "grade_id": kpi_rules.grade_from_scale(total, scales[scale_key])
                or False,
            }
            if not sheet or sheet.state == "draft":
                sheet_vals |= {
                    "department_id": employee.department_id.id,
                    "supervisor_id": employee.parent_id.id,
                }
            result.append((sheet_vals, lines_vals))
        return result

    def _refresh_layers(self):
        """The sheets in the order they are computed: first those whose
        template reads no other sheet, then those reading only these ...
        (the templates' references have no cycle)."""
        depths = {}

        def depth(template):
            if template not in depths:
                sources = template.line_ids.filtered(
                    lambda line: line._uses_sheets()
                ).source_template_id
                depths[template] = 1 + max(map(depth, sources), default=-1)
            return depths[template]

        by_depth = self.sudo().grouped(lambda sheet: depth(sheet.template_id))
        return [by_depth[level].with_env(self.env) for level in sorted(by_depth)]

    # Generation --------------------------------------------------------------

    @api.model
    def _generate(self, template, day, scope=None):
        """Create the missing sheets of ``template`` for the period holding
        ``day`` and refresh those not done, for everyone the template applies
        to, in one batch. Running it again changes nothing unless the facts
        changed. One generation of a template and period runs at a time (see
        ``lock_generation``): a second one waits, then runs again in a new
        transaction and refreshes the sheets the first created.

        ``scope``: the template's ``_generation_scope`` of the period, when
        the caller read it already (the wizard tells whom it leaves out)."""
        month = template._period_start(day)
        lock_generation(
            self.env.cr, SHEET_GENERATION_LOCK, f"{template.id}:{month.isoformat()}"
        )
        employees, _left_out = scope or template._generation_scope(month)
        existing = self.search(
            [
                ("template_id", "=", template.id),
                ("employee_id", "in", employees.ids),
                ("month", "=", month),
            ]
        )
        missing = employees - existing.employee_id
        # An automatic recompute: no chatter. The new sheets are inserted with
        # their lines and numbers in one batch, without a "created" message
        # nor the generating user as follower of each: the chatter records
        # the workflow's steps. Nor any default of the caller's context: the
        # system sets what it creates.
        numbers = self._numbers_of(
            [(template.sudo(), employee, month, self) for employee in missing]
        )
        try:
            created = self._insert_computed(
                [
                    {
                        "template_id": template.id,
                        "employee_id": employee.id,
                        "company_id": template.company_id.id,
                        "month": month,
                        "period_type": template.period_type,
                        **sheet_vals,
                    }
                    for employee, (sheet_vals, _lines) in zip(
                        missing, numbers, strict=True
                    )
                ]
            )
        except errors.UniqueViolation as error:
            # Created by a generation that committed after this transaction
            # began but before it took the lock: retry, and refresh them.
            raise GenerationConflict(
                "sheets of the same template and period created meanwhile"
            ) from error
        self.env["helpdesk.appraisal.sheet.line"]._insert_computed(
            [
                {"sheet_id": sheet.id, "template_line_id": line.id, **vals}
                for sheet, (_sheet_vals, lines_vals) in zip(
                    created, numbers, strict=True
                )
                for line, vals in lines_vals
            ]
        )
        existing.with_context(tracking_disable=True)._refresh()
        return (existing | created).with_env(self.env)


def _collect_changes(record, vals, changes):
    """Add ``record``'s id to ``changes``, ``{key: (changed values, ids)}``,
    under the values of ``vals`` that differ from its own, compared as the
    ORM caches them (ids, numbers at their digits); nothing when none
    differs. Records with the same changes share a key: one write each."""
    changed = {
        name: value
        for name, value in vals.items()
        if record._fields[name].convert_to_cache(value, record)
        != record._fields[name].convert_to_cache(record[name], record)
    }
    if changed:
        # The rule's numbers are a dict: the key is the changes' JSON text.
        key = json.dumps(changed, sort_keys=True, default=str)
        changes.setdefault(key, (changed, []))[1].append(record.id)


def translations_of(records, field_name):
    """``{record: {language: text}}`` of the translated field ``field_name``
    of ``records``, for English and every installed language (a language
    without its own text has the English one), read in one query as Odoo's
    translation dialog reads them."""
    env = records.env
    langs = dict.fromkeys(
        ["en_US", *(code for code, _name in env["res.lang"].get_installed())]
    )
    records = records.with_context(prefetch_langs=True)
    return {
        record: {lang: record.with_context(lang=lang)[field_name] for lang in langs}
        for record in records
    }
