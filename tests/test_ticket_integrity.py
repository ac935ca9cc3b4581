# Copyright 2026 Helpdesk Engineer Appraisal contributors
# License AGPL-3.0 or later (https://www.gnu.org/licenses/agpl).
"""Issue 10 on service orders: nobody being appraised moves what scores
them. Each attack is made as the user who would try it."""

from datetime import date, datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError

from ..const import MANAGER_GROUP
from .appraisal_common import OCTOBER, MonthlyAppraisalCommon
from .common import new_test_user
from .test_service_area import ServiceAreaCommon

NOVEMBER = date(2026, 11, 1)
NOVEMBER_CLOSING = datetime(2026, 11, 10, 9, 0)
# What a client may put in its context to try to unlock a guard or hide a
# change from the chatter.
FORGED_CONTEXT = {
    "tracking_disable": True,
    "mail_notrack": True,
    "appraisal_computed_write": True,
    "finding_withdrawal": True,
}


class TicketIntegrityCommon(MonthlyAppraisalCommon):
    """The policy example's (P5) October, engineer A's appraisal done; one order of
    A closed in November, whose appraisal is open (P = 1.0)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.stage_in_progress = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_in_progress"
        )
        cls.stage_cancelled = cls.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )
        cls.november_order = cls._create_tickets(
            engineers=cls.engineer_a,
            difficulty=cls.level_standard,
            closed_at=NOVEMBER_CLOSING,
        )
        cls._generate(employees=cls.engineer_a | cls.engineer_b)
        cls._generate(NOVEMBER, employees=cls.engineer_a)
        cls.october_a = cls._appraisal_of(cls.engineer_a)
        cls.october_b = cls._appraisal_of(cls.engineer_b)
        cls.november_a = cls._appraisal_of(cls.engineer_a, NOVEMBER)
        cls.counted = cls.orders_a[0]
        cls.shared = cls.orders_ab[0]

    def setUp(self):
        super().setUp()
        # Odoo tracks no change in the transaction that created a record:
        # end the fixtures' transaction as a commit would.
        self.env.flush_all()
        self.env.cr.precommit.run()
        self._approve(self.october_a)
        self.assertEqual(self.october_a.earned_points, 34.5)
        self.october_total = self.october_a.total_score
        self.assertEqual(self.november_a.earned_points, 1.0)

    def _assert_months_unchanged(self):
        """The counted order's credit stays in October with its point; A's
        done October keeps its score; A's open November, refreshed, still
        counts only its own order."""
        credit = self.counted.credit_ids
        self.assertEqual(len(credit), 1)
        self.assertRecordValues(
            credit, [{"month": OCTOBER, "points": 1.0, "frozen_month": OCTOBER}]
        )
        self.assertEqual(self.october_a.state, "done")
        self.assertEqual(self.october_a.earned_points, 34.5)
        self.assertEqual(self.october_a.total_score, self.october_total)
        self.november_a._refresh_scores()
        self.assertEqual(self.november_a.earned_points, 1.0)

    def _tracked(self, ticket, field_name):
        """Values tracked in the chatter of ``ticket`` for ``field_name``,
        once the pending tracking is written as a commit would."""
        self.env.flush_all()
        self.env.cr.precommit.run()
        return ticket.message_ids.tracking_value_ids.filtered(
            lambda v: v.field_id.name == field_name
        )

    def _notes(self, ticket, text):
        return ticket.message_ids.filtered(lambda m: text in str(m.body))


class TestCountedOrderStays(TicketIntegrityCommon):
    """HIGH: an order counted in a done month earns again."""

    def test_approval_freezes_the_month_of_every_credit_of_counted_orders(self):
        self.assertEqual(self.counted.credit_ids.frozen_month, OCTOBER)
        # The shared order's credits: A's counted, B's (open month) and the
        # intern's, all kept in October.
        self.assertEqual(self.shared.credit_ids.mapped("frozen_month"), [OCTOBER] * 3)
        # An order of no done appraisal moves freely.
        self.assertFalse(self.november_order.credit_ids.frozen_month)

    def test_engineer_cannot_write_the_closing_date(self):
        as_engineer = self.counted.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "only an appraisal supervisor"):
            as_engineer.with_context(**FORGED_CONTEXT).closed_date = NOVEMBER_CLOSING
        self.counted.invalidate_recordset()
        self.assertEqual(self.counted.closed_date, datetime(2026, 10, 20, 9, 0))
        self._assert_months_unchanged()

    def test_engineer_cannot_reopen_and_close_again(self):
        as_engineer = self.counted.with_user(self.engineer_a_user)
        with self.assertRaisesText(AccessError, "Stage"):
            as_engineer.stage_id = self.stage_in_progress
        # Writing Done again would stamp a new closing date.
        with self.assertRaisesText(AccessError, "only an appraisal supervisor"):
            as_engineer.stage_id = self.stage_done
        self.counted.invalidate_recordset()
        self.assertEqual(self.counted.stage_id, self.stage_done)
        self._assert_months_unchanged()

    def test_supervisor_reopening_and_closing_later_moves_nothing(self):
        as_supervisor = self.counted.with_user(self.supervisor_user)
        as_supervisor.stage_id = self.stage_in_progress
        self.assertEqual(self.counted.credit_ids.invalid_reason, "not_closed")
        as_supervisor.stage_id = self.stage_done
        as_supervisor.closed_date = NOVEMBER_CLOSING
        self.assertEqual(self.counted.closed_date, NOVEMBER_CLOSING)
        self._assert_months_unchanged()
        # In the chatter, whatever the context of the test's environment.
        tracked = self._tracked(self.counted, "closed_date")
        self.assertTrue(tracked)

    def test_colleague_keeps_the_shared_order_in_their_open_month(self):
        # B's October is open: 6 hard orders shared with A, 6 x 0.75.
        self.assertEqual(self.october_b.state, "draft")
        self.assertEqual(self.october_b.earned_points, 4.5)
        self.shared.with_user(self.supervisor_user).closed_date = NOVEMBER_CLOSING
        credit_b = self._credit(self.shared, self.engineer_b)
        self.assertRecordValues(credit_b, [{"month": OCTOBER, "points": 0.75}])
        self.october_b._refresh_scores()
        self.assertEqual(self.october_b.earned_points, 4.5)
        self._generate(NOVEMBER, employees=self.engineer_b)
        self.assertFalse(self._appraisal_of(self.engineer_b, NOVEMBER).earned_points)

    def test_reset_review_then_reclose_keeps_the_month(self):
        # The supervisor resets the review: the engineer may then reopen
        # and close the order, which still earns in October only.
        self.counted.with_user(self.supervisor_user).action_reset_review()
        as_engineer = self.counted.with_user(self.engineer_a_user)
        as_engineer.stage_id = self.stage_in_progress
        as_engineer.stage_id = self.stage_done
        as_engineer.closed_date = NOVEMBER_CLOSING
        self.counted.with_user(self.supervisor_user).action_accept_self_rating()
        self._assert_months_unchanged()

    def test_helpdesk_manager_cannot_delete_a_counted_order(self):
        helpdesk_manager = new_test_user(
            self.env,
            login="helpdesk_manager",
            groups="base.group_user,helpdesk_mgmt.group_helpdesk_manager",
        )
        with self.assertRaisesText(UserError, "archive it instead"):
            self.counted.with_user(helpdesk_manager).unlink()
        self.assertTrue(self.counted.exists())
        self._assert_months_unchanged()
        # Archived, it keeps its credit in its month.
        self.counted.with_user(helpdesk_manager).active = False
        self._assert_months_unchanged()
        # An order not reviewed yet earns nothing and may go.
        self.november_order.with_user(self.supervisor_user).action_reset_review()
        self.november_order.with_user(helpdesk_manager).unlink()
        self.assertFalse(self.november_order.exists())


class TestReviewedOrderChanges(TicketIntegrityCommon):
    """MEDIUM: after review, what scores an order changes only by a
    supervisor of its engineers, in the chatter."""

    def test_engineer_cannot_send_a_review_as_a_context_default(self):
        """``default_`` keys sent over RPC are values like any other: a new
        order names no reviewer, whatever they say."""
        Ticket = self.env["helpdesk.ticket"]
        before = Ticket.search_count([])
        for key, value in (
            ("default_reviewer_id", self.supervisor_user.id),
            ("default_review_date", "2026-10-20 10:00:00"),
        ):
            with self.subTest(key=key), self.assertRaises(AccessError):
                Ticket.with_user(self.engineer_a_user).with_context(
                    **{key: value}
                ).create({"name": "Forged review", "description": "Reviewed?"})
        self.assertEqual(Ticket.search_count([]), before)

    def test_engineer_cannot_clear_the_duplicate_mark(self):
        order = self._create_tickets(engineers=self.engineer_a)
        order.with_user(self.supervisor_user).duplicate_id = self.counted
        self.assertEqual(order.credit_ids.invalid_reason, "duplicate")
        with self.assertRaisesText(AccessError, "Duplicate of"):
            order.with_user(self.engineer_a_user).with_context(
                **FORGED_CONTEXT
            ).duplicate_id = False
        order.invalidate_recordset()
        self.assertEqual(order.duplicate_id, self.counted)
        self.assertEqual(order.credit_ids.invalid_reason, "duplicate")

    def test_engineer_cannot_mark_a_shared_order_as_duplicate(self):
        shared = self.orders_ab[1]
        with self.assertRaisesText(AccessError, "Duplicate of"):
            shared.with_user(self.engineer_a_user).duplicate_id = self.counted
        shared.invalidate_recordset()
        self.assertFalse(shared.duplicate_id)
        self.assertEqual(self._credit(shared, self.engineer_b).points, 0.75)

    def test_engineer_closes_before_review_not_after(self):
        order = self._create_tickets(engineers=self.engineer_a, closed_at=None)
        as_engineer = order.with_user(self.engineer_a_user)
        as_engineer.stage_id = self.stage_done
        self.assertTrue(order.closed_date)
        as_engineer.self_difficulty_id = self.level_standard
        order.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertEqual(order.credit_ids.points, 1.0)
        # A team without the order's stage would move it out of Done.
        workshop = self.env["helpdesk.ticket.team"].create({"name": "Workshop"})
        with self.assertRaisesText(AccessError, "Team"):
            as_engineer.team_id = workshop
        order.invalidate_recordset()
        self.assertEqual(order.team_id, self.team)
        self.assertEqual(order.credit_ids.points, 1.0)

    def test_engineer_cannot_reassign_a_closed_reviewed_order(self):
        order = self.orders_a[5]
        with self.assertRaisesText(AccessError, "Assigned user"):
            order.with_user(self.engineer_a_user).user_id = self.engineer_b_user
        order.invalidate_recordset()
        self.assertEqual(order.participant_ids.employee_id, self.engineer_a)
        self.assertEqual(order.credit_ids.points, 1.0)

    def test_supervisor_reassigns_in_the_chatter(self):
        order = self.orders_a[5]
        order.with_user(self.supervisor_user).user_id = self.engineer_b_user
        self.assertEqual(
            order.participant_ids.employee_id, self.engineer_a | self.engineer_b
        )
        self.assertTrue(self._notes(order, "Engineer B joined the order"))
        self.assertTrue(self._tracked(order, "user_id"))
        # B logged no work: A keeps a half, B earns nothing.
        self.assertEqual(self._credit(order, self.engineer_a).points, 0.5)
        self.assertEqual(self._credit(order, self.engineer_b).points, 0.0)

    def test_engineer_cannot_log_work_on_a_reviewed_order(self):
        order = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b,
            difficulty=self.level_hard,
            work_logs=self.engineer_a,
        )
        credit_b = self._credit(order, self.engineer_b)
        self.assertEqual(credit_b.invalid_reason, "no_work_log")
        Line = self.env["account.analytic.line"].with_user(self.engineer_b_user)
        with self.assertRaisesText(AccessError, "reset the review"):
            Line.create(
                {
                    "name": "Late log",
                    "ticket_id": order.id,
                    "project_id": order.project_id.id,
                    "unit_amount": 2.0,
                }
            )
        line_a = order.timesheet_ids
        with self.assertRaisesText(AccessError, "reset the review"):
            line_a.with_user(self.engineer_a_user).unit_amount = 0.0
        with self.assertRaisesText(AccessError, "reset the review"):
            line_a.with_user(self.engineer_a_user).unlink()
        self.assertEqual(order.timesheet_ids, line_a)
        self.assertEqual(credit_b.invalid_reason, "no_work_log")
        self.assertEqual(self._credit(order, self.engineer_a).points, 0.75)

    def test_negative_or_nan_hours_do_not_make_a_credit_valid(self):
        order = self._create_tickets(
            engineers=self.engineer_a | self.engineer_b, work_logs=self.engineer_a
        )
        Line = self.env["account.analytic.line"].with_user(self.engineer_b_user)
        for hours, message in (
            (-3.0, "negative hours"),
            (float("nan"), "must be a number"),
            (float("inf"), "must be a number"),
        ):
            with self.assertRaisesText(ValidationError, message):
                Line.create(
                    {
                        "name": "Forged log",
                        "ticket_id": order.id,
                        "project_id": order.project_id.id,
                        "unit_amount": hours,
                    }
                )
        self.assertEqual(order.timesheet_ids.employee_id, self.engineer_a)
        # A log without time does not count either.
        Line.create(
            {
                "name": "Empty log",
                "ticket_id": order.id,
                "project_id": order.project_id.id,
                "unit_amount": 0.0,
            }
        )
        order.with_user(self.engineer_b_user).self_difficulty_id = self.level_hard
        order.with_user(self.supervisor_user).action_accept_self_rating()
        credit_b = self._credit(order, self.engineer_b)
        self.assertRecordValues(
            credit_b, [{"points": 0.0, "invalid_reason": "no_work_log"}]
        )
        self.assertEqual(self._credit(order, self.engineer_a).points, 0.75)

    def test_supervisor_changes_are_in_the_chatter_even_with_tracking_disabled(self):
        order = self.orders_a[6].with_context(**FORGED_CONTEXT)
        as_supervisor = order.with_user(self.supervisor_user)
        as_supervisor.duplicate_id = self.counted
        as_supervisor.participant_ids = [
            Command.create({"employee_id": self.engineer_b.id})
        ]
        self.assertTrue(self._tracked(order, "duplicate_id"))
        self.assertTrue(self._notes(order, "Engineer B joined the order"))
        participant_b = order.participant_ids.filtered(
            lambda p: p.employee_id == self.engineer_b
        )
        participant_b.with_user(self.supervisor_user).unlink()
        self.assertTrue(self._notes(order, "Engineer B left the order"))

    def test_closed_order_keeps_its_area_when_its_customer_changes(self):
        Area = self.env["helpdesk.service.area"]
        north, south = Area.create(
            [
                {
                    "name": "North",
                    "leader_id": self.engineer_a.id,
                    "member_ids": [Command.set(self.engineer_a.ids)],
                },
                {
                    "name": "South",
                    "leader_id": self.engineer_c.id,
                    "member_ids": [Command.set(self.engineer_c.ids)],
                },
            ]
        )
        north_customer, south_customer = self.env["res.partner"].create(
            [
                {"name": "North Hospital", "is_company": True},
                {"name": "South School", "is_company": True},
            ]
        )
        north_customer.service_area_id = north
        south_customer.service_area_id = south
        closed, open_order = self._create_tickets(count=2, engineers=self.engineer_a)
        closed.partner_id = north_customer
        open_order.stage_id = self.stage_new
        open_order.partner_id = north_customer
        self.assertEqual((closed | open_order).service_area_id, north)
        (closed | open_order).with_user(
            self.engineer_a_user
        ).partner_id = south_customer
        self.assertEqual(closed.service_area_id, north)
        self.assertEqual(open_order.service_area_id, south)
        # Writing the area itself stays a supervisor's decision.
        with self.assertRaisesText(AccessError, "only a supervisor can change"):
            closed.with_user(self.engineer_a_user).service_area_id = south
        closed.with_user(self.supervisor_user).service_area_id = south
        self.assertEqual(closed.service_area_id, south)


class TestNobodyReviewsThemselves(TicketIntegrityCommon):
    """MEDIUM: a supervisor reviews an order they worked on, or one outside
    their team."""

    def setUp(self):
        super().setUp()
        self.order = self._create_tickets(engineers=self.engineer_a)
        self.order.with_user(
            self.engineer_a_user
        ).self_difficulty_id = self.level_very_hard

    def test_supervisor_turned_intern_cannot_review(self):
        # The supervisor worked on the order, as the dispatch recorded.
        self.order.participant_ids = [
            Command.create({"employee_id": self.supervisor.id, "role": "engineer"})
        ]
        own = self.order.participant_ids.filtered(
            lambda p: p.employee_id == self.supervisor
        )
        with self.assertRaisesText(AccessError, "You take part in order"):
            own.with_user(self.supervisor_user).role = "intern"
        self.assertEqual(own.role, "engineer")
        # Even as an intern (set by someone else) they do not review it.
        own.role = "intern"
        with self.assertRaisesText(AccessError, "another supervisor reviews"):
            self.order.with_user(self.supervisor_user).action_accept_self_rating()
        self.assertFalse(self.order.difficulty_id)
        self.assertEqual(self._credit(self.order, self.engineer_a).points, 0.0)

    def test_reviewer_cannot_join_the_order_afterwards(self):
        as_supervisor = self.order.with_user(self.supervisor_user)
        as_supervisor.action_accept_self_rating()
        self.assertEqual(self.order.reviewer_id, self.supervisor_user)
        with self.assertRaisesText(ValidationError, "reset the review first"):
            as_supervisor.participant_ids = [
                Command.create({"employee_id": self.supervisor.id})
            ]
        with self.assertRaisesText(ValidationError, "reset the review first"):
            as_supervisor.user_id = self.supervisor_user
        # Nor does someone else add them: the reviewer never joins.
        with self.assertRaisesText(ValidationError, "reset the review first"):
            self.order.with_user(self.manager_user).participant_ids = [
                Command.create({"employee_id": self.supervisor.id})
            ]
        self.order.invalidate_recordset()
        self.assertEqual(self.order.participant_ids.employee_id, self.engineer_a)
        self.assertEqual(self.order.credit_ids.points, 2.0)

    def test_supervisor_acts_only_on_their_team(self):
        order_c = self._create_tickets(engineers=self.engineer_c)
        order_c.with_user(self.engineer_c_user).self_difficulty_id = self.level_hard
        with self.assertRaisesText(AccessError, "is not in your team"):
            order_c.with_user(self.supervisor_user).action_accept_self_rating()
        with self.assertRaisesText(AccessError, "is not in your team"):
            order_c.with_user(self.supervisor_user).participant_ids = [
                Command.create({"employee_id": self.engineer_a.id})
            ]
        # Nor may they add someone outside their team to their own team's order.
        with self.assertRaisesText(AccessError, "is not in your team"):
            self.order.with_user(self.supervisor_user).participant_ids = [
                Command.create({"employee_id": self.engineer_c.id})
            ]
        order_c.invalidate_recordset()
        self.assertFalse(order_c.difficulty_id)
        self.assertEqual(order_c.participant_ids.employee_id, self.engineer_c)
        # The appraisal manager acts on every order of the company.
        order_c.with_user(self.manager_user).action_accept_self_rating()
        self.assertEqual(order_c.credit_ids.points, 1.5)

    def test_a_manager_does_not_review_their_own_order(self):
        self.order.participant_ids = [Command.create({"employee_id": self.manager.id})]
        with self.assertRaisesText(AccessError, "another supervisor reviews"):
            self.order.with_user(self.manager_user).action_accept_self_rating()
        self.assertFalse(self.order.difficulty_id)


class TestAuditFields(TicketIntegrityCommon):
    """LOW: what the module records about a review is never written by a
    client; reviews stay in the chatter."""

    def test_nobody_writes_the_review_record(self):
        admin = self.env.ref("base.user_admin")
        forged = {
            "reviewer_id": self.engineer_a_user.id,
            "review_date": "2026-10-01 00:00:00",
            "rating_state": "reviewed",
            "has_no_engineer": True,
            # The closing day decides the credits' month.
            "appraisal_closed_day": "2026-11-10",
        }
        order = self.orders_a[7]
        for user in (
            self.engineer_a_user,
            self.supervisor_user,
            self.manager_user,
            admin,
        ):
            for name, value in forged.items():
                with self.assertRaisesText(AccessError, "cannot be written"):
                    order.with_user(user).with_context(**FORGED_CONTEXT).write(
                        {name: value}
                    )
        with self.assertRaisesText(AccessError, "cannot be written"):
            self.env["helpdesk.ticket"].with_user(self.supervisor_user).create(
                {
                    "name": "Forged review",
                    "description": "Forged",
                    "team_id": self.team.id,
                    "reviewer_id": self.engineer_c_user.id,
                }
            )
        self.assertRecordValues(
            order,
            [
                {
                    "reviewer_id": self.env.user.id,
                    "rating_state": "reviewed",
                    "has_no_engineer": False,
                }
            ],
        )

    def test_nobody_writes_a_credit(self):
        admin = self.env.ref("base.user_admin")
        credit = self.november_order.credit_ids
        for user in (self.manager_user, admin):
            for vals in (
                {"points": 99.0},
                {"month": "2026-12-01"},
                {"frozen_month": "2026-12-01"},
                {"is_valid": True},
            ):
                with self.assertRaisesText(AccessError, "nobody edits them"):
                    credit.with_user(user).with_context(**FORGED_CONTEXT).write(vals)
        self.assertRecordValues(
            credit, [{"points": 1.0, "month": NOVEMBER, "frozen_month": False}]
        )

    def test_a_review_is_in_the_chatter_whatever_the_context(self):
        order = self._create_tickets(engineers=self.engineer_a)
        order.with_user(self.engineer_a_user).self_difficulty_id = self.level_hard
        self._tracked(order, "difficulty_id")
        order.with_user(self.supervisor_user).with_context(
            **FORGED_CONTEXT
        ).action_accept_self_rating()
        tracked = self._tracked(order, "difficulty_id")
        self.assertEqual(tracked.mapped("new_value_char"), ["Hard (1.5)"])


class TestDifficultyLevelIntegrity(TicketIntegrityCommon):
    """MEDIUM: shared difficulty levels and deleting used ones."""

    def test_manager_of_another_company_cannot_change_shared_levels(self):
        branch = self.env["res.company"].create({"name": "Branch"})
        branch_manager = new_test_user(
            self.env,
            login="branch_manager",
            groups=f"base.group_user,{MANAGER_GROUP}",
            company_id=branch.id,
            company_ids=[Command.set(branch.ids)],
        )
        level = self.level_standard.with_user(branch_manager)
        with self.assertRaisesText(AccessError, "shared by all companies"):
            level.points = 3.0
        with self.assertRaisesText(AccessError, "shared by all companies"):
            level.action_archive()
        with self.assertRaisesText(AccessError, "shared by all companies"):
            self.env["helpdesk.difficulty.level"].with_user(branch_manager).create(
                {"name": "Shared extreme", "points": 3.0, "company_id": False}
            )
        self.assertRecordValues(self.level_standard, [{"points": 1.0, "active": True}])
        self.assertEqual(self.counted.credit_ids.points, 1.0)
        # The branch's own levels are the branch manager's.
        own = (
            self.env["helpdesk.difficulty.level"]
            .with_user(branch_manager)
            .create({"name": "Branch extreme", "points": 3.0})
        )
        own.points = 2.5
        self.assertEqual(own.company_id, branch)
        # An administrator changes the shared levels.
        admin = self.env.ref("base.user_admin")
        self.level_standard.with_user(admin).sequence = 11

    def test_deleting_a_used_level_is_refused(self):
        admin = self.env.ref("base.user_admin")
        with self.assertRaisesText(UserError, "archive it instead"):
            self.level_standard.with_user(admin).unlink()
        self.assertTrue(self.level_standard.exists())
        self.assertRecordValues(
            self.counted, [{"difficulty_id": self.level_standard.id}]
        )
        self.november_a._refresh_scores()
        self.assertEqual(self.november_a.earned_points, 1.0)
        unused = self.env["helpdesk.difficulty.level"].create(
            {"name": "Unused", "points": 7.0}
        )
        unused.with_user(self.manager_user).unlink()
        self.assertFalse(unused.exists())


class TestCompletingStages(TicketIntegrityCommon):
    """Issue item 9: a stage counts as completed or not."""

    def test_shipped_stages(self):
        Stage = self.env["helpdesk.ticket.stage"]
        stages = Stage.browse(
            [
                self.env.ref(f"helpdesk_mgmt.helpdesk_ticket_stage_{name}").id
                for name in ("new", "done", "cancelled", "rejected")
            ]
        )
        self.assertEqual(
            stages.mapped("counts_as_completed"), [False, True, False, False]
        )
        self.assertEqual(stages.mapped("closed"), [False, True, True, True])
        # Another closed stage completes orders by default.
        closing = Stage.create({"name": "Repaired", "closed": True})
        self.assertTrue(closing.counts_as_completed)

    def test_a_cancelled_order_earns_nothing(self):
        order = self._create_tickets(
            engineers=self.engineer_a, difficulty=self.level_standard, closed_at=None
        )
        order.with_user(self.supervisor_user).stage_id = self.stage_cancelled
        self.assertTrue(order.closed_date)
        self.assertRecordValues(
            order.credit_ids, [{"points": 0.0, "invalid_reason": "not_closed"}]
        )
        order.with_user(self.supervisor_user).stage_id = self.stage_done
        self.assertEqual(order.credit_ids.points, 1.0)


class TestCompletingStagesInAreas(ServiceAreaCommon):
    """Issue item 9 for the areas: an order cancelled on its planned day is
    due but not completed."""

    def test_a_cancelled_order_is_not_completed_for_its_area(self):
        day = date(2026, 10, 5)
        done, cancelled = self._orders(
            self.north_customer, day, count=2, closed_at=datetime(2026, 10, 5, 9)
        )
        cancelled.stage_id = self.env.ref(
            "helpdesk_mgmt.helpdesk_ticket_stage_cancelled"
        )
        cancelled.closed_date = datetime(2026, 10, 5, 9)
        self.north._refresh_daily_rates(day, day)
        row = self.Daily.search([("area_id", "=", self.north.id), ("date", "=", day)])
        self.assertRecordValues(row, [{"due_count": 2, "confirmed_count": 1}])
        self.assertEqual(done.stage_id, self.stage_done)
