# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names the models, reports and tests of the addon share: group XML ids,
state keys and selections, each declared here only.

No Odoo import, so the pure tests (``tests/pure``) can import it too. The keys
a rule of ``scoring.py`` decides on (grades, roles, task statuses, the
dissatisfied callback, rate modes) belong to that rule and stay there; the
selections below label them.
"""

from typing import NamedTuple

from . import scoring

# Groups of security/helpdesk_engineer_appraisal_security.xml, checked in code.
ENGINEER_GROUP = "helpdesk_engineer_appraisal.group_appraisal_engineer"
SUPERVISOR_GROUP = "helpdesk_engineer_appraisal.group_appraisal_supervisor"
MANAGER_GROUP = "helpdesk_engineer_appraisal.group_appraisal_manager"
SERVICE_CENTRE_GROUP = "helpdesk_engineer_appraisal.group_service_centre"

# Employees of these HR types (``hr.employee.employee_type``) join an order as
# interns, and are appraised only if the company's setting says so.
INTERN_EMPLOYEE_TYPES = ("student", "trainee")

# Stages of a monthly appraisal (docs/policy.md P2.7), in workflow order.
APPRAISAL_DRAFT = "draft"
APPRAISAL_SELF_ASSESSMENT = "self_assessment"
APPRAISAL_REVIEW = "review"
APPRAISAL_APPROVAL = "approval"
APPRAISAL_DONE = "done"
APPRAISAL_STATE_SELECTION = [
    (APPRAISAL_DRAFT, "Draft"),
    (APPRAISAL_SELF_ASSESSMENT, "Self-Assessment"),
    (APPRAISAL_REVIEW, "Supervisor Review"),
    (APPRAISAL_APPROVAL, "Department Approval"),
    (APPRAISAL_DONE, "Done"),
]

# Grades of a total (P2.6), on appraisals, the month screens and the summaries.
GRADE_SELECTION = [
    (scoring.GRADE_EXCELLENT, "Excellent"),
    (scoring.GRADE_GOOD, "Good"),
    (scoring.GRADE_PASS, "Pass"),
    (scoring.GRADE_BELOW_STANDARD, "Below Standard"),
    (scoring.GRADE_FAIL, "Fail"),
]

# Kinds of quality findings: a finding and the kept fact of a done appraisal
# use the same keys. Only the two about a service order count in the monthly
# appraisal (P2.3, P2.4); findings of the other kinds may stand without an
# order and feed the KPI sheets.
KIND_WORK_LOG = "work_log"
KIND_ORDER_FORM = "order_form"
KIND_FALSE_RECORD = "false_record"
KIND_UNRECORDED_OUTING = "unrecorded_outing"
KIND_WORK_ERROR = "work_error"
KIND_REPORT_ERROR = "report_error"
KIND_RULE_VIOLATION = "rule_violation"
ORDER_KINDS = (KIND_WORK_LOG, KIND_ORDER_FORM)


# The deduction components of the monthly appraisal (P2.2-P2.4), in the order
# they are shown and added to the total: each the maximum less a deduction per
# event (``scoring.deduction_component``), the events being one measure of a
# fact source (``_counts_by_employee_month`` of ``fact_model``). The names of
# the appraisal's stored fields and of the company's settings of each; the
# code that stores, explains, adds, shows and checks them loops over this
# table. The workload and the area score are scored by their own rules.
class DeductionComponent(NamedTuple):
    key: str
    fact_model: str
    measure: str
    max_field: str
    deduction_field: str
    count_field: str
    score_field: str
    explanation_field: str
    max_setting: str
    deduction_setting: str


DEDUCTION_COMPONENTS = (
    DeductionComponent(
        key="customer",
        fact_model="helpdesk.ticket.callback",
        measure="dissatisfied",
        max_field="customer_max",
        deduction_field="dissatisfied_deduction",
        count_field="dissatisfied_count",
        score_field="customer_score",
        explanation_field="customer_explanation",
        max_setting="appraisal_customer_max",
        deduction_setting="appraisal_dissatisfied_deduction",
    ),
    DeductionComponent(
        key="work_log",
        fact_model="helpdesk.quality.finding",
        measure=KIND_WORK_LOG,
        max_field="work_log_max",
        deduction_field="work_log_deduction",
        count_field="work_log_finding_count",
        score_field="work_log_score",
        explanation_field="work_log_explanation",
        max_setting="appraisal_work_log_max",
        deduction_setting="appraisal_work_log_deduction",
    ),
    DeductionComponent(
        key="order_form",
        fact_model="helpdesk.quality.finding",
        measure=KIND_ORDER_FORM,
        max_field="order_form_max",
        deduction_field="order_form_deduction",
        count_field="order_form_finding_count",
        score_field="order_form_score",
        explanation_field="order_form_explanation",
        max_setting="appraisal_order_form_max",
        deduction_setting="appraisal_order_form_deduction",
    ),
)
# The appraisal's stored fields of the deduction components, each component's
# maximum, deduction, count and score.
DEDUCTION_COMPONENT_FIELDS = tuple(
    name
    for component in DEDUCTION_COMPONENTS
    for name in (
        component.max_field,
        component.deduction_field,
        component.count_field,
        component.score_field,
    )
)
