# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
{
    "name": "Helpdesk Engineer Appraisal",
    "summary": "Score service orders and appraise after-sales engineers monthly",
    "version": "18.0.1.0.0",
    "category": "Human Resources/Appraisals",
    "website": "https://github.com/helpdesk-engineer-appraisal/helpdesk_engineer_appraisal",
    "author": "Helpdesk Engineer Appraisal contributors",
    "maintainers": [],
    "license": "AGPL-3",
    "development_status": "Alpha",
    "depends": [
        "hr",
        "helpdesk_mgmt",
        "helpdesk_mgmt_timesheet",
        "project",
        "report_xlsx",
    ],
    "data": [
        "security/helpdesk_engineer_appraisal_security.xml",
        "security/ir.model.access.csv",
        "data/helpdesk_difficulty_level_data.xml",
        "data/ir_cron_data.xml",
        "views/helpdesk_difficulty_level_views.xml",
        "views/helpdesk_ticket_views.xml",
        "views/helpdesk_ticket_credit_views.xml",
        "views/helpdesk_ticket_callback_views.xml",
        "views/helpdesk_quality_finding_views.xml",
        "views/res_config_settings_views.xml",
        "views/hr_employee_views.xml",
        "views/project_task_views.xml",
        "views/helpdesk_service_area_views.xml",
        "views/helpdesk_service_area_daily_views.xml",
        "views/res_partner_views.xml",
        "views/helpdesk_service_area_month_views.xml",
        "views/helpdesk_engineer_appraisal_views.xml",
        "views/helpdesk_engineer_appraisal_generate_views.xml",
        "views/helpdesk_engineer_appraisal_summary_views.xml",
        "reports/helpdesk_engineer_appraisal_report.xml",
        "reports/helpdesk_engineer_appraisal_xlsx_reports.xml",
        "views/helpdesk_engineer_appraisal_menus.xml",
    ],
    "demo": [
        "demo/hr_demo.xml",
        "demo/helpdesk_service_area_demo.xml",
        "demo/helpdesk_ticket_demo.xml",
        "demo/project_task_demo.xml",
        "demo/helpdesk_engineer_appraisal_demo.xml",
    ],
    "assets": {
        "web.assets_backend": [
            "helpdesk_engineer_appraisal/static/src/views/*.js",
        ],
        # The graph view is loaded lazily: so is its patch.
        "web.assets_backend_lazy": [
            "helpdesk_engineer_appraisal/static/src/views/graph/*.js",
        ],
        "web.assets_tests": [
            "helpdesk_engineer_appraisal/static/tests/tours/*.js",
        ],
    },
    "installable": True,
}
