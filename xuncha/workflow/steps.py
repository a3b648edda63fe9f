"""Taking a declared step from a page: the one place a view turns a POST into a step.

A view finds the object in the user's scope (404 otherwise), cleans its form, and calls
`take_step`; the declaration decides who may take the step and the domain function guards the
state under its lock. The outcome goes to the user as a message:

    @require_POST
    def clue_sign(request, pk):
        clue = get_for_user_or_404(clues_for_user(request.user), request.user, pk=pk)
        take_step(request, "clue.sign", clue)
        return redirect("clues:detail", pk=clue.pk)

A user the declaration does not allow gets a 404, as for an object out of scope: nothing is
stored and nothing about the object's state is told.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils.translation import gettext

from xuncha.workflow import actions


def form_data(form) -> dict:
    """The form's cleaned data, or a ValidationError naming every field error (for `take_step`)."""
    if not form.is_valid():
        raise ValidationError([e for errors in form.errors.values() for e in errors])
    return dict(form.cleaned_data)


def require_allowed(request, name: str, obj) -> actions.Action:
    """404 unless the declaration lets this user take the step on `obj` (before any upload is
    stored or any form is read)."""
    action = actions.get(name)
    if not action.allowed(request.user, obj):
        raise Http404
    return action


def take_step(request, name: str, obj, *, form=None, data: dict | None = None, success=None):
    """Take the declared step `name` on `obj` for the request's user, with the cleaned `form`
    (or `data`). Returns the domain function's result, or None when the step was refused for a
    reason the user can act on (the reasons are in messages). A user who may not take the step
    gets a 404."""
    require_allowed(request, name, obj)
    try:
        values = dict(data or {})
        if form is not None:
            values = {**form_data(form), **values}
        result = actions.take(name, obj, by=request.user, data=values)
    except PermissionDenied:
        raise Http404 from None
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    if success is None:
        success = gettext("Saved.")
    if success:  # "" or False: the view tells the outcome itself
        messages.success(request, success)
    return result if result is not None else True
