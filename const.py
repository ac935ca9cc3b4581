# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Names the models, reports and tests of the addon share: group XML ids,
state keys and selections, each declared here only.

No Odoo import, so the pure tests (``tests/pure``) can import it too. The keys
a rule of ``scoring.py`` decides on (grades, roles, task statuses, the
dissatisfied callback, rate modes) belong to that rule and stay there; the
selections below label them.
"""

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

# Kinds of quality findings (P2.3, P2.4): a finding and the kept fact of a done
# appraisal use the same keys.
KIND_WORK_LOG = "work_log"
KIND_ORDER_FORM = "order_form"
