# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
from datetime import date

from odoo.tools.safe_eval import safe_eval

from .appraisal_common import MonthlyAppraisalCommon

MODULE = "helpdesk_engineer_appraisal"
NOVEMBER = date(2026, 11, 1)


class TestReporting(MonthlyAppraisalCommon):
    """The Reporting menu: what it shows to whom, and the figures its
    analysis actions open on."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.repairs = cls.env["hr.department"].create({"name": "Repairs"})
        cls.installations = cls.env["hr.department"].create({"name": "Installations"})
        (cls.engineer_a | cls.engineer_b).department_id = cls.repairs
        cls.engineer_c.department_id = cls.installations
        cls._generate(employees=cls.staff)
        cls._generate(NOVEMBER, employees=cls.staff)
        cls.engineers = cls.engineer_a | cls.engineer_b | cls.engineer_c
        cls.reporting_menu = cls.env.ref(f"{MODULE}.appraisal_reporting_menu")

    def _action_context(self, xmlid):
        return safe_eval(self.env.ref(f"{MODULE}.{xmlid}").context)

    def _pivot(self, model, context, domain, user):
        """The cells the pivot opens on, as the web client reads them:
        {(row value, column value): measure}."""
        (measure,) = context["pivot_measures"]
        (row,) = context["pivot_row_groupby"]
        (column,) = context["pivot_column_groupby"]
        groups = (
            self.env[model]
            .with_user(user)
            .read_group(domain, [measure], [row, column], lazy=False)
        )
        return {
            (group[row][1] if group[row] else False, group[column]): group[measure]
            for group in groups
        }

    def _shown_menus(self, user):
        """The menus the web client shows ``user``: those reachable from the
        root of the menu tree it loads."""
        menus = self.env["ir.ui.menu"].with_user(user).load_menus(debug=False)
        shown = []
        to_visit = list(menus["root"]["children"])
        while to_visit:
            menu_id = to_visit.pop()
            shown.append(menu_id)
            to_visit.extend(menus[menu_id]["children"])
        return self.env["ir.ui.menu"].browse(shown)

    def test_team_analyses_are_for_supervisors_and_managers(self):
        analyses = (
            self.env.ref(f"{MODULE}.helpdesk_engineer_appraisal_analysis_menu")
            | self.env.ref(f"{MODULE}.helpdesk_ticket_credit_analysis_menu")
            | self.env.ref(f"{MODULE}.helpdesk_appraisal_sheet_analysis_menu")
            | self.env.ref(f"{MODULE}.helpdesk_appraisal_sheet_line_analysis_menu")
        )
        own_figures = self.reporting_menu.child_id - analyses
        self.assertEqual(
            own_figures.mapped("name"), ["Area Ranking", "Period Summaries"]
        )
        engineer_menus = self._shown_menus(self.engineer_a_user)
        self.assertIn(self.reporting_menu, engineer_menus)
        self.assertFalse(analyses & engineer_menus)
        self.assertEqual(own_figures & engineer_menus, own_figures)
        entries = self.reporting_menu | self.reporting_menu.child_id
        for user in (self.supervisor_user, self.manager_user):
            with self.subTest(user=user.login):
                self.assertEqual(entries & self._shown_menus(user), entries)

    def test_reporting_menu_entries_and_their_actions(self):
        actions = {
            menu.name: (menu.action, menu.action.view_mode)
            for menu in self.reporting_menu.child_id.sorted("sequence")
        }
        ref = self.env.ref
        self.assertEqual(
            actions,
            {
                "Appraisal Analysis": (
                    ref(f"{MODULE}.helpdesk_engineer_appraisal_analysis_action"),
                    "pivot,graph,list,form",
                ),
                "Credit Analysis": (
                    ref(f"{MODULE}.helpdesk_ticket_credit_analysis_action"),
                    "pivot,graph,list",
                ),
                "Area Ranking": (
                    ref(f"{MODULE}.helpdesk_service_area_month_action"),
                    "list,pivot,graph",
                ),
                "Period Summaries": (
                    ref(f"{MODULE}.helpdesk_engineer_appraisal_summary_action"),
                    "list,pivot,graph",
                ),
                "KPI Sheet Analysis": (
                    ref(f"{MODULE}.helpdesk_appraisal_sheet_analysis_action"),
                    "pivot,graph,list,form",
                ),
                "KPI Line Analysis": (
                    ref(f"{MODULE}.helpdesk_appraisal_sheet_line_analysis_action"),
                    "pivot,graph,list",
                ),
            },
        )
        self.assertEqual(
            list(actions),
            [
                "Appraisal Analysis",
                "Credit Analysis",
                "Area Ranking",
                "Period Summaries",
                "KPI Sheet Analysis",
                "KPI Line Analysis",
            ],
        )

    def test_analysis_views_load_for_supervisors_and_managers(self):
        for model in ("helpdesk.engineer.appraisal", "helpdesk.ticket.credit"):
            for user in (self.supervisor_user, self.manager_user):
                with self.subTest(model=model, user=user.login):
                    views = (
                        self.env[model]
                        .with_user(user)
                        .get_views(
                            [
                                (False, "pivot"),
                                (False, "graph"),
                                (False, "list"),
                                (False, "search"),
                            ]
                        )["views"]
                    )
                    self.assertEqual(set(views), {"pivot", "graph", "list", "search"})

    def test_appraisal_analysis_opens_on_departments_by_month(self):
        context = self._action_context("helpdesk_engineer_appraisal_analysis_action")
        self.assertEqual(
            context,
            {
                # The last 12 months (issue 16).
                "search_default_last_12_months": 1,
                "pivot_row_groupby": ["department_id"],
                "pivot_column_groupby": ["month:month"],
                "pivot_measures": ["total_score"],
                "graph_groupbys": ["month:month", "grade"],
                "graph_measure": "__count",
                "graph_mode": "bar",
                "graph_stacked": True,
            },
        )
        domain = [("employee_id", "in", self.engineers.ids)]
        # The average total of the month. October: A 83.75 and B 46.75 in
        # Repairs -> 65.25; C, without orders, 0 + 20 + 10 + 10 = 40.
        # November: nobody has orders -> 40 everywhere.
        self.assertEqual(
            self._pivot(
                "helpdesk.engineer.appraisal", context, domain, self.manager_user
            ),
            {
                ("Repairs", "October 2026"): 65.25,
                ("Repairs", "November 2026"): 40.0,
                ("Installations", "October 2026"): 40.0,
                ("Installations", "November 2026"): 40.0,
            },
        )
        # The supervisor sees the team of A and B only.
        self.assertEqual(
            self._pivot(
                "helpdesk.engineer.appraisal", context, domain, self.supervisor_user
            ),
            {
                ("Repairs", "October 2026"): 65.25,
                ("Repairs", "November 2026"): 40.0,
            },
        )

    def test_appraisal_analysis_graph_is_the_grade_distribution_by_month(self):
        context = self._action_context("helpdesk_engineer_appraisal_analysis_action")
        month, grade = context["graph_groupbys"]
        groups = (
            self.env["helpdesk.engineer.appraisal"]
            .with_user(self.manager_user)
            .read_group(
                [("employee_id", "in", self.engineers.ids)],
                [],
                [month, grade],
                lazy=False,
            )
        )
        distribution = {
            (group[month], group[grade]): group["__count"] for group in groups
        }
        # October: A good, B 46.75 and C 40 below standard; November: all 40.
        self.assertEqual(
            distribution,
            {
                ("October 2026", "good"): 1,
                ("October 2026", "below_standard"): 2,
                ("November 2026", "below_standard"): 3,
            },
        )

    def test_credit_analysis_opens_on_engineers_by_month(self):
        context = self._action_context("helpdesk_ticket_credit_analysis_action")
        self.assertEqual(
            context,
            {
                # The last 12 months (issue 16).
                "search_default_last_12_months": 1,
                "pivot_row_groupby": ["employee_id"],
                "pivot_column_groupby": ["month:month"],
                "pivot_measures": ["points"],
                "graph_groupbys": ["month:month", "employee_id"],
                "graph_measure": "points",
                "graph_mode": "bar",
            },
        )
        # A: 30 x 1.0 + 6 x 1.5 / 2 = 34.5; B: 6 x 0.75 = 4.5; the intern's
        # share goes to the engineers. The demo's credits are left out.
        domain = [("employee_id", "in", (self.engineers | self.intern).ids)]
        self.assertEqual(
            self._pivot("helpdesk.ticket.credit", context, domain, self.manager_user),
            {
                ("Engineer A", "October 2026"): 34.5,
                ("Engineer B", "October 2026"): 4.5,
                ("Intern Li", "October 2026"): 0.0,
            },
        )
