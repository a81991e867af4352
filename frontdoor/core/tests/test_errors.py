"""A service's refusal lands next to the field it names, and the page goes on (never a 500)."""

import pytest
from django import forms

from frontdoor.core.errors import REASON_REQUIRED, ServiceError, required_text, shown_on


class _Form(forms.Form):
    reason = forms.CharField()


def _refuse(field: str | None) -> None:
    raise ServiceError("Enter why.", field=field)


def test_a_refusal_naming_a_field_of_the_form_is_shown_next_to_it() -> None:
    form = _Form({"reason": "x"})
    assert form.is_valid()
    with shown_on(form):
        _refuse("reason")
        raise AssertionError("not reached")
    assert form.errors == {"reason": ["Enter why."]}


def test_a_refusal_naming_another_field_is_shown_at_the_top() -> None:
    form = _Form({"reason": "x"})
    assert form.is_valid()
    with shown_on(form):
        _refuse("elsewhere")
    assert form.non_field_errors() == ["Enter why."]


def test_a_call_that_succeeds_leaves_the_form_clean() -> None:
    form = _Form({"reason": "x"})
    assert form.is_valid()
    with shown_on(form):
        done = True
    assert done
    assert not form.errors


def test_a_required_text_of_spaces_is_refused_next_to_its_field_and_text_comes_back_stripped() -> None:
    with pytest.raises(ServiceError) as refused:
        required_text("  \n ", "Say why.", field="why")
    assert (refused.value.message, refused.value.field) == ("Say why.", "why")
    with pytest.raises(ServiceError, match=REASON_REQUIRED):
        required_text(None)
    assert required_text("  Left the council. ") == "Left the council."
