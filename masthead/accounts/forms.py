from __future__ import annotations

from typing import Any

from allauth.account import forms as allauth_forms
from django import forms
from django.conf import settings
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _

from masthead.accounts.captcha import CaptchaField


class SignupForm(allauth_forms.SignupForm):
    display_name = forms.CharField(
        label=_("Display name"),
        max_length=60,
        help_text=_("Shown with your comments and in the greeting. You can change it later."),
    )
    accept_rules = forms.BooleanField(
        label=mark_safe(  # noqa: S308 - our own fixed text, translated, with two fixed links
            _(
                'I accept the <a href="/community-standards/">community standards</a>'
                ' and the <a href="/privacy/">privacy policy</a>.'
            )
        ),
        error_messages={
            "required": _("Please accept the community standards and the privacy policy.")
        },
    )
    captcha = CaptchaField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["email"].help_text = _("We send a link to confirm it. Never shown to others.")
        if not settings.CAPTCHA_ENABLED:
            del self.fields["captcha"]
        self.order_fields(
            ["email", "display_name", "password1", "password2", "accept_rules", "captcha"]
        )

    def try_save(self, request: Any) -> Any:
        if self.account_already_exists:
            # A new account costs a password hash; a known address skipped it and answered in
            # a twentieth of the time, which told anyone timing the form that the address is
            # registered. Hash and throw away, so both take the same work.
            from django.contrib.auth.hashers import make_password

            make_password(self.cleaned_data.get("password1") or "")
        return super().try_save(request)

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please choose a display name."))
        return name


class ResetPasswordForm(allauth_forms.ResetPasswordForm):
    captcha = CaptchaField()

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if not settings.CAPTCHA_ENABLED:
            del self.fields["captcha"]


class ProfileForm(forms.Form):
    display_name = forms.CharField(label=_("Display name"), max_length=60)

    def clean_display_name(self) -> str:
        name = " ".join(self.cleaned_data["display_name"].split())
        if not name:
            raise forms.ValidationError(_("Please choose a display name."))
        return name


class AvatarForm(forms.Form):
    avatar = forms.FileField(
        label=_("Picture"),
        help_text=_("JPEG, PNG, GIF or WebP. It is cropped to a square."),
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/jpeg,image/png,image/gif,image/webp"}
        ),
    )


class DeleteAccountForm(forms.Form):
    password = forms.CharField(
        label=_("Your password"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
    )

    def __init__(self, *args: Any, user: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(_("That is not your password."))
        return password


class ConsentForm(forms.Form):
    accept = forms.BooleanField(
        label=_("I have read the privacy policy and I agree to it."),
        error_messages={"required": _("Please tick the box to continue, or delete your account.")},
    )


class AdminDeleteForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (kept in the audit log)"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
    )
