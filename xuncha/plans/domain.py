"""Writes to terms, scopes, rounds and batches; each one transaction with its audit event."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from xuncha.audit.domain import record_event
from xuncha.plans.models import Batch, Round, ScopeRule, Term


def _within(start, end, outer_start, outer_end, message: str) -> None:
    if start < outer_start or end > outer_end:
        raise ValidationError(message)


def create_term(*, by, owner, name: str, starts_on, ends_on, **options) -> Term:
    from xuncha.plans.setups import not_a_committee

    if owner.is_archived:
        raise ValidationError({"owner": _("This organisation is archived; choose an active one.")})
    if (why := not_a_committee(owner)) is not None:
        raise ValidationError({"owner": why})
    with transaction.atomic():
        term = Term(owner=owner, name=name, starts_on=starts_on, ends_on=ends_on, **options)
        term.full_clean()
        term.save()
        record_event("plans.term.created", actor=by, obj=term)
        return term


def set_joint_review(term: Term, *, by, plans, sign_offs) -> Term:
    """Choose the inspection kinds whose plans, and whose measures' sign-offs, go to joint
    review (三方联审). A plan already submitted, or a sign-off already requested, keeps the review
    it was sent to; plans not yet submitted follow the new setting (`rectification.jointreview`)."""
    from xuncha.inspections.enums import InspectionKind

    plans, sign_offs = list(plans), list(sign_offs)
    unknown = (set(plans) | set(sign_offs)) - set(InspectionKind.values)
    if unknown:
        raise ValidationError(_("Unknown inspection kind: %(kinds)s.") % {"kinds": "、".join(sorted(unknown))})
    with transaction.atomic():
        locked = Term.objects.select_for_update().get(pk=term.pk)
        before = {"plans": locked.joint_review_plans, "sign_offs": locked.joint_review_sign_offs}
        ordered = [k for k in InspectionKind.values if k in plans], [k for k in InspectionKind.values if k in sign_offs]
        locked.joint_review_plans, locked.joint_review_sign_offs = ordered
        locked.version += 1
        locked.save(update_fields=["joint_review_plans", "joint_review_sign_offs", "version"])
        from xuncha.rectification.jointreview import follow_term_setting

        follow_term_setting(locked)
        record_event(
            "plans.term.joint_review_set",
            actor=by,
            obj=locked,
            data={"before": before, "plans": ordered[0], "sign_offs": ordered[1]},
        )
        return locked


def set_scope_rule(term: Term, *, by, organisation, include: bool = True, subtree: bool = True) -> ScopeRule:
    """Add or change the one rule an organisation has in the term's scope (rules are changed,
    never deleted; their history keeps every earlier form)."""
    if not organisation.path.startswith(term.owner.path):
        raise ValidationError(
            _("%(org)s is not under %(owner)s; a term covers only its committee's organisations.")
            % {"org": organisation, "owner": term.owner}
        )
    from xuncha.plans.setups import not_inspectable_by

    # the committee's whole subtree is how a scope starts; the committee alone, or one of its own
    # inspection bodies, is never a unit to cover
    whole_subtree = organisation.pk == term.owner_id and subtree
    if include and not whole_subtree and (why := not_inspectable_by(term.owner, organisation)) is not None:
        raise ValidationError(why)
    with transaction.atomic():
        rule, _created = ScopeRule.objects.update_or_create(
            term=term, organisation=organisation, defaults={"include": include, "subtree": subtree}
        )
        record_event(
            "plans.scope.changed",
            actor=by,
            obj=term,
            data={"organisation": organisation.pk, "include": include, "subtree": subtree},
        )
        return rule


def create_round(*, by, term: Term, number: int, starts_on, ends_on) -> Round:
    _within(starts_on, ends_on, term.starts_on, term.ends_on, _("A round must lie within its term's dates."))
    with transaction.atomic():
        round_ = Round(term=term, number=number, starts_on=starts_on, ends_on=ends_on)
        round_.full_clean()
        round_.save()
        record_event("plans.round.created", actor=by, obj=round_, org_path=term.owner.path)
        return round_


def create_batch(*, by, round: Round, number: int, starts_on, ends_on) -> Batch:
    _within(starts_on, ends_on, round.starts_on, round.ends_on, _("A batch must lie within its round's dates."))
    with transaction.atomic():
        batch = Batch(round=round, number=number, starts_on=starts_on, ends_on=ends_on)
        batch.full_clean()
        batch.save()
        record_event("plans.batch.created", actor=by, obj=batch, org_path=round.term.owner.path)
        return batch
