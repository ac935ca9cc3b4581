# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
import math
from datetime import date, datetime

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.service.model import _as_validation_error
from odoo.tools import mute_logger

from ..models.helpdesk_appraisal_input_mixin import DATE_TYPES, MODULE, NUMBER_TYPES
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon

BAD_NUMBERS = (math.nan, math.inf, -math.inf, -1, 1e308, 2**31)
# Never acceptable, whatever the field: the others may be, within its bounds.
ALWAYS_REFUSED_NUMBERS = (math.nan, math.inf, -math.inf, 1e308, 2**31)
BAD_DATES = (date(1, 1, 1), date(1000, 1, 1), date(9999, 12, 31))


class _Accepted(Exception):
    """Rolls back a value the model legitimately accepted."""


def fuzzed_fields(model):
    """The numbers and dates of ``model`` that the fuzz writes: those the
    module defines (or declares bounds for) and that are stored columns."""
    declared = set(getattr(model, "_appraisal_bounds", {})) | set(
        getattr(model, "_appraisal_date_years_ahead", {})
    )
    return sorted(
        name
        for name, field in model._fields.items()
        if field.type in NUMBER_TYPES + DATE_TYPES
        and field.store
        and not field.related
        and not field.automatic
        and (field._module == MODULE or name in declared)
    )


class TestFuzz(MonthlyAppraisalCommon):
    """Every number and date of the settings and of the addon's models, found
    by introspection, refuses NaN, infinities, absurd sizes and dates out of
    2000 to today: only UserError or ValidationError, nothing written."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.appraisal = cls._generate(employees=cls.engineer_a)
        area = cls.env["helpdesk.service.area"].create(
            {
                "name": "Fuzz Area",
                "leader_id": cls.engineer_a.id,
                "member_ids": [Command.set(cls.engineer_a.ids)],
                "device_count": 10,
            }
        )
        task = cls.env["project.task"].create(
            {
                "name": "Fuzz inspection",
                "project_id": cls.project.id,
                "is_appraisal_task": True,
                "appraisal_task_kind": "inspection",
                "user_ids": [Command.set(cls.engineer_a_user.ids)],
                "date_deadline": datetime(2026, 10, 20, 12, 0),
                "quality_score": 2.0,
            }
        )
        cls.samples = {
            "res.company": cls.env.company,
            "hr.employee": cls.engineer_a,
            "helpdesk.difficulty.level": cls.env["helpdesk.difficulty.level"].create(
                {"name": "Fuzz", "points": 3.25}
            ),
            "helpdesk.ticket": cls.orders_a[0],
            "helpdesk.ticket.credit": cls.orders_a[0].credit_ids[:1],
            "helpdesk.ticket.callback": cls.orders_a[0].callback_ids[:1],
            "helpdesk.quality.finding": cls.findings[:1],
            "helpdesk.complaint": cls.env["helpdesk.complaint"].create(
                {
                    "employee_ids": [Command.set(cls.engineer_a.ids)],
                    "description": "Fuzz",
                    "date": date(2026, 10, 20),
                }
            ),
            "helpdesk.service.area": area,
            "helpdesk.service.area.daily": cls.env["helpdesk.service.area.daily"]
            .sudo()
            .create(
                {
                    "area_id": area.id,
                    "date": date(2026, 10, 7),
                    "due_count": 2,
                    "confirmed_count": 1,
                }
            ),
            "helpdesk.engineer.appraisal": cls.appraisal,
            "helpdesk.engineer.appraisal.fact": cls.env[
                "helpdesk.engineer.appraisal.fact"
            ]
            .sudo()
            .create(
                {
                    "appraisal_id": cls.appraisal.id,
                    "kind": "counted_order",
                    "ticket_id": cls.orders_a[0].id,
                    "date": date(2026, 10, 20),
                    "share": 1.0,
                    "points": 1.0,
                }
            ),
            "project.task": task,
            "helpdesk.appraisal.assessment": cls.env[
                "helpdesk.appraisal.assessment"
            ].create(
                {
                    "employee_id": cls.engineer_a.id,
                    "title": "Fuzz exam",
                    "date": date(2026, 10, 7),
                    "score": 70.0,
                }
            ),
        }
        template = cls.env["helpdesk.appraisal.sheet.template"].create(
            {
                "name": "Fuzz template",
                "employee_ids": [Command.set(cls.engineer_a.ids)],
                "line_ids": [
                    Command.create(
                        {
                            "name": "Orders",
                            "metric": "orders",
                            "rule_kind": "tiers",
                            "weight": 10,
                            "tier_ids": [
                                Command.create(
                                    {"low": 30, "high_unbounded": True, "output": 10}
                                )
                            ],
                        }
                    )
                ],
            }
        )
        sheet = cls.env["helpdesk.appraisal.sheet"]._generate(template, OCTOBER)
        cls.samples |= {
            "helpdesk.appraisal.grade.scale.line": template.grade_scale_id.line_ids[0],
            "helpdesk.appraisal.sheet.template": template,
            "helpdesk.appraisal.sheet.template.line": template.line_ids,
            "helpdesk.appraisal.sheet.template.tier": template.line_ids.tier_ids,
            "helpdesk.appraisal.sheet.template.setting": cls.env[
                "helpdesk.appraisal.sheet.template.setting"
            ].create(
                {
                    "line_id": template.line_ids.id,
                    "parameter": "weight",
                    "setting": "appraisal_customer_max",
                }
            ),
            "helpdesk.appraisal.sheet": sheet,
            "helpdesk.appraisal.sheet.line": sheet.line_ids,
            "helpdesk.ticket.visit": cls.env["helpdesk.ticket.visit"].create(
                {
                    "ticket_id": cls.orders_a[0].id,
                    "employee_id": cls.engineer_a.id,
                    "check_in": datetime(2026, 10, 20, 9, 0),
                    "check_out": datetime(2026, 10, 20, 10, 0),
                    "latitude": 31.2,
                    "longitude": 121.5,
                }
            ),
        }
        crew = cls.env["helpdesk.repair.crew"].create(
            {
                "name": "Fuzz crew",
                "member_ids": [
                    Command.create(
                        {"employee_id": cls.engineer_a.id, "role": "engineer"}
                    ),
                    Command.create(
                        {"employee_id": cls.engineer_b.id, "role": "assistant"}
                    ),
                ],
            }
        )
        crew_month = cls.env["helpdesk.repair.crew.month"].create(
            {"crew_id": crew.id, "month": OCTOBER}
        )
        cls.samples |= {
            "helpdesk.repair.crew.member": crew.member_ids[:1],
            "helpdesk.repair.crew.month": crew_month,
            "helpdesk.repair.crew.month.line": crew_month.line_ids[:1],
        }
        plan = cls.env["helpdesk.appraisal.pay.plan"].create(
            {
                "name": "Fuzz plan",
                "employee_ids": [Command.set(cls.engineer_a.ids)],
                "line_ids": [
                    Command.create({"name": "Fixed", "kind": "fixed", "amount": 100})
                ],
            }
        )
        statement = cls.env["helpdesk.appraisal.pay.statement"]._generate(plan, OCTOBER)
        cls.samples |= {
            "helpdesk.appraisal.pay.plan": plan,
            "helpdesk.appraisal.pay.plan.line": plan.line_ids,
            "helpdesk.appraisal.pay.statement": statement,
            "helpdesk.appraisal.pay.statement.line": statement.line_ids[:1],
        }
        # Transient models are fuzzed through their creation.
        cls.created = (
            "helpdesk.engineer.appraisal.generate",
            "helpdesk.engineer.appraisal.lock",
            "helpdesk.appraisal.sheet.generate",
            "helpdesk.appraisal.sheet.preview",
        )
        cls.env.flush_all()

    def _fuzzed_models(self):
        """``{model name: [field names]}`` of every model with fuzzed fields,
        SQL views (reports) left out: nobody writes them."""
        return {
            name: names
            for name, model in self.env.registry.items()
            if model._auto
            and not model._abstract
            and name != "res.config.settings"
            and (names := fuzzed_fields(self.env[name]))
        }

    def _try(self, write):
        """``"refused"``, ``"accepted"`` or the unexpected exception."""
        try:
            with self.env.cr.savepoint():
                write()
                self.env.flush_all()
                raise _Accepted()
        except _Accepted:
            return "accepted"
        except (UserError, ValidationError):
            return "refused"
        except IntegrityError as error:
            # A CHECK of the model's _sql_constraints: RPC answers its message.
            if isinstance(_as_validation_error(self.env, error), ValidationError):
                return "refused"
            return error
        except Exception as error:  # noqa: BLE001 - the fuzz reports anything
            return error
        finally:
            self.env.invalidate_all(flush=False)

    def test_every_model_with_numbers_or_dates_has_a_sample(self):
        self.assertEqual(
            set(self._fuzzed_models()) - set(self.samples) - set(self.created),
            set(),
            "A model of the addon has numbers or dates and no sample record in "
            "TestFuzz: add one so that its fields are fuzzed.",
        )
        # The fuzz reaches the fields it is about.
        fuzzed = self._fuzzed_models()
        self.assertIn("appraisal_standard_points", fuzzed["hr.employee"])
        self.assertIn("appraisal_points_per_device", fuzzed["res.company"])
        self.assertIn("device_count", fuzzed["helpdesk.service.area"])
        self.assertIn("call_date", fuzzed["helpdesk.ticket.callback"])
        self.assertIn("closed_date", fuzzed["helpdesk.ticket"])
        self.assertIn("date_deadline", fuzzed["project.task"])

    @mute_logger("odoo.sql_db", "odoo.models.unlink")
    def test_fuzz_every_number_and_date(self):
        unexpected = []
        checked = 0
        for model_name, names in self._fuzzed_models().items():
            for name in names:
                field = self.env[model_name]._fields[name]
                values = BAD_NUMBERS if field.type in NUMBER_TYPES else BAD_DATES
                for value in values:
                    checked += 1
                    outcome = self._fuzz_one(model_name, name, value)
                    if outcome:
                        unexpected.append(f"{model_name}.{name} = {value!r}: {outcome}")
        self.assertFalse(unexpected, "\n".join(unexpected))
        self.assertGreater(checked, 200)

    def _fuzz_one(self, model_name, name, value):
        """What went wrong writing ``value`` to ``name``, or ``None``."""
        field = self.env[model_name]._fields[name]
        must_refuse = value in BAD_DATES or (
            isinstance(value, float) and not math.isfinite(value)
        )
        must_refuse = must_refuse or value in ALWAYS_REFUSED_NUMBERS
        if model_name in self.created:
            Model = self.env[model_name]
            count = Model.search_count([])
            outcome = self._try(lambda: Model.create({name: value}))
            if outcome == "refused" and Model.search_count([]) != count:
                return "refused, yet a record was created"
        else:
            record = self.samples[model_name]
            before = record[name]
            outcome = self._try(lambda: record.write({name: value}))
            if outcome == "refused" and record[name] != before:
                return f"refused, yet {record[name]!r} was written"
        if outcome not in ("refused", "accepted"):
            return f"{type(outcome).__name__}: {outcome}"
        if outcome == "accepted" and must_refuse:
            return f"accepted ({field.type})"
        return None

    @mute_logger("odoo.sql_db")
    def test_fuzz_every_setting(self):
        """The settings page writes the company: each of its numbers refuses
        the bad values and leaves the company's value as it was."""
        Settings = self.env["res.config.settings"]
        company_fields = fuzzed_fields(self.env["res.company"])
        setting_names = [
            name
            for name, field in Settings._fields.items()
            if field.related
            and field.related.startswith("company_id.")
            and field.related.split(".", 1)[1] in company_fields
        ]
        self.assertIn("appraisal_standard_points", setting_names)
        unexpected = []
        for name in setting_names:
            company_field = Settings._fields[name].related.split(".", 1)[1]
            values = (
                BAD_NUMBERS
                if Settings._fields[name].type in NUMBER_TYPES
                else BAD_DATES
            )
            for value in values:
                before = self.env.company[company_field]
                outcome = self._try(lambda n=name, v=value: Settings.create({n: v}))
                after = self.env.company[company_field]
                if outcome not in ("refused", "accepted"):
                    unexpected.append(f"{name} = {value!r}: {outcome}")
                elif outcome == "refused" and after != before:
                    unexpected.append(f"{name} = {value!r}: written {after!r}")
                elif outcome == "accepted" and value in ALWAYS_REFUSED_NUMBERS:
                    unexpected.append(f"{name} = {value!r}: accepted")
        self.assertFalse(unexpected, "\n".join(unexpected))

    def test_a_refused_value_names_the_field(self):
        with self.assertRaisesText(ValidationError, "Standard Monthly Points"):
            self.engineer_a.write({"appraisal_standard_points": math.nan})
        with self.assertRaisesText(ValidationError, "Called on"):
            self.samples["helpdesk.ticket.callback"].write(
                {"call_date": "9999-12-31 10:00:00"}
            )
        self.assertEqual(self.appraisal.month, OCTOBER)
